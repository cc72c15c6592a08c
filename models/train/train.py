"""Trains Rushcut's shipped shot-embedding ViT and exports it to ONNX.

    python3 models/train/train.py --out assets/models            # the shipped model
    python3 models/train/train.py --tiny --out models/testdata   # tiny untrained test model

Objective: symmetric InfoNCE (NT-Xent) over two independently graded and
reframed frames of the same synthetic shot (see shots.py); every other frame
in the batch is a negative. Everything is seeded: the same command on the same
package versions gives the same weights (bit-for-bit on the same CPU; ONNX
Runtime results agree to ~1e-6 across machines).

Writes, in --out: NAME.onnx, model.json (the manifest the Go models package
reads and checks), train.log and metrics.json.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shots import SOURCES, ShotMaker, load_clipart, load_sources  # noqa: E402
from vit import ViT, count_params  # noqa: E402

MEAN = [0.5, 0.5, 0.5]
STD = [0.25, 0.25, 0.25]


def to_tensor(bgr):
    """N x S x S x 3 uint8 BGR -> N x 3 x S x S float, RGB, normalised."""
    x = torch.from_numpy(bgr[..., ::-1].copy()).permute(0, 3, 1, 2).float().div_(255)
    m = torch.tensor(MEAN).view(1, 3, 1, 1)
    s = torch.tensor(STD).view(1, 3, 1, 1)
    return (x - m) / s


class PairStream(torch.utils.data.IterableDataset):
    def __init__(self, sources, clipart, size, seed, batch, steps):
        self.sources, self.clipart, self.size, self.seed, self.batch, self.steps = sources, clipart, size, seed, batch, steps

    def __iter__(self):
        cv2_threads()
        maker = ShotMaker(self.sources, self.size, self.seed, clipart=self.clipart)
        for _ in range(self.steps):
            a, b = maker.batch(self.batch)
            yield to_tensor(a), to_tensor(b)


def cv2_threads():
    import cv2
    cv2.setNumThreads(1)


def info_nce(za, zb, temperature):
    z = torch.cat([za, zb])
    n = za.shape[0]
    sim = z @ z.t() / temperature
    sim.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, target)


def roc_auc(pos, neg):
    """Probability that a positive scores above a negative (ties count half)."""
    pos = np.asarray(pos, np.float64)
    neg = np.asarray(neg, np.float64)
    allv = np.concatenate([pos, neg])
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sv = allv[order]
    i = 0
    while i < len(sv):  # average ranks of ties
        j = i
        while j + 1 < len(sv) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    rp = ranks[: len(pos)].sum()
    return float((rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


@torch.no_grad()
def evaluate(model, val):
    model.eval()
    a, b = val
    za = torch.cat([model(a[i:i + 128]) for i in range(0, len(a), 128)])
    zb = torch.cat([model(b[i:i + 128]) for i in range(0, len(b), 128)])
    sim = (za @ zb.t()).numpy()
    n = len(sim)
    pos = np.diag(sim)
    neg = sim[~np.eye(n, dtype=bool)]
    top1 = float((sim.argmax(axis=1) == np.arange(n)).mean())
    model.train()
    return {"val_auc": roc_auc(pos, neg), "val_top1": top1,
            "val_pos_mean": float(pos.mean()), "val_neg_mean": float(neg.mean())}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def export(model, path, size):
    model.eval()
    dummy = torch.zeros(2, 3, size, size)
    torch.onnx.export(model, dummy, path, input_names=["pixels"], output_names=["embedding"],
                      dynamic_axes={"pixels": {0: "batch"}, "embedding": {0: "batch"}},
                      opset_version=14, do_constant_folding=True)


def manifest(args, model, onnx_path, sources_used, metrics):
    cfg = model.config
    return {
        "name": args.name,
        "version": args.version,
        "description": "Compact vision transformer trained by Rushcut to embed video frames so that frames of "
                       "the same shot are close (cosine) and frames of different shots are far, robust to camera "
                       "motion, lighting, grading and reframing.",
        "file": os.path.basename(onnx_path),
        "sha256": sha256(onnx_path),
        "bytes": os.path.getsize(onnx_path),
        "input": {
            "name": "pixels",
            "shape": [-1, 3, cfg["image"], cfg["image"]],
            "layout": "NCHW",
            "channel_order": "RGB",
            "resize": "stretch",
            "value_range": 1.0,
            "mean": MEAN,
            "std": STD,
        },
        "output": {"name": "embedding", "dim": cfg["out_dim"], "normalized": True},
        "architecture": {"type": "vit", **cfg, "parameters": count_params(model)},
        "licence": {
            "weights": "Same licence as Rushcut; trained from scratch by models/train/train.py, no pretrained weights.",
            "training_data": SOURCES,
        },
        "provenance": {
            "trained_by": "models/train/train.py via scripts/train-model.sh (make train-model)",
            "command": " ".join(sys.argv),
            "seed": args.seed,
            "steps": args.steps,
            "batch_pairs": args.batch,
            "source_images": len(sources_used),
            "torch": torch.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "date": datetime.datetime.utcnow().replace(microsecond=0).isoformat() + "Z",
            "evaluation_clips_excluded": "the opencv-doc .avi clips are never read during training",
        },
        "metrics": metrics,
    }


def write_reference(model, frames, size, out_dir, prefix):
    """Saves frames (BGR uint8) as PNG and PyTorch's embeddings of them
    (after OpenCV's bilinear resize to the input size), so a Go test can check
    that ONNX Runtime plus OpenCV preprocessing reproduce PyTorch."""
    import cv2
    os.makedirs(out_dir, exist_ok=True)
    names, inputs = [], []
    for i, f in enumerate(frames):
        name = f"{prefix}-ref{i}.png"
        cv2.imwrite(os.path.join(out_dir, name), f)
        names.append(name)
        inputs.append(cv2.resize(f, (size, size), interpolation=cv2.INTER_LINEAR))
    with torch.no_grad():
        model.eval()
        emb = model(to_tensor(np.stack(inputs))).numpy()
    with open(os.path.join(out_dir, f"{prefix}-reference.json"), "w") as fh:
        json.dump({"note": "PyTorch embeddings of the PNG frames, resized by cv2.resize INTER_LINEAR",
                   "frames": names, "embeddings": emb.astype(float).round(6).tolist()}, fh, indent=1)
        fh.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="assets/models")
    ap.add_argument("--name", default="rushcut-vit-s")
    ap.add_argument("--version", default="1.0.0")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--steps", type=int, default=1500)
    ap.add_argument("--batch", type=int, default=96, help="pairs per step")
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--temperature", type=float, default=0.1)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--image", type=int, default=112)
    ap.add_argument("--patch", type=int, default=16)
    ap.add_argument("--val-pairs", type=int, default=512)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ref-out", default="models/testdata", help="where reference frames and embeddings go")
    ap.add_argument("--ckpt-dir", default="", help="also export a checkpoint (ONNX + manifest) at every validation")
    ap.add_argument("--tiny", action="store_true", help="export a tiny untrained model for tests")
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    if args.tiny:
        model = ViT(image=32, patch=8, dim=16, depth=1, heads=2, mlp_ratio=2.0, out_dim=8)
        args.steps, args.batch = 0, 0
        onnx_path = os.path.join(args.out, args.name + ".onnx")
        export(model, onnx_path, 32)
        man = manifest(args, model, onnx_path, [], {"note": "untrained, for tests only"})
        man["licence"]["training_data"] = []
        man["description"] = "Tiny untrained ViT (random weights, fixed seed) for the models package's tests."
        man["provenance"]["date"] = "fixed"
        with open(os.path.join(args.out, "model.json"), "w") as f:
            json.dump(man, f, indent=2)
            f.write("\n")
        rng = np.random.default_rng(args.seed)
        from shots import procedural
        frames = [procedural(rng, 48, 64) for _ in range(3)]
        write_reference(model, frames, 32, args.ref_out, args.name)
        print("wrote", onnx_path)
        return

    log_path = os.path.join(args.out, "train.log")
    log = open(log_path, "w")

    def say(*a):
        line = " ".join(str(x) for x in a)
        print(line, flush=True)
        log.write(line + "\n")
        log.flush()

    sources, names = load_sources()
    clipart = load_clipart(args.seed)
    # Every fifth picture and clip-art object is held out for validation, so
    # that it measures generalisation to unseen pictures.
    train_src = [s for i, s in enumerate(sources) if i % 5]
    val_src = sources[::5]
    train_clip = [c for i, c in enumerate(clipart) if i % 5]
    val_clip = clipart[::5]
    say(f"sources: {len(sources)} images ({len(train_src)} train, {len(val_src)} held out), "
        f"{len(clipart)} clip-art objects ({len(train_clip)} train, {len(val_clip)} held out), procedural scenes")
    for i, n in enumerate(names):
        say("  source", n, "(validation)" if i % 5 == 0 else "")
    model = ViT(image=args.image, patch=args.patch, dim=args.dim, depth=args.depth, heads=args.heads,
                mlp_ratio=2.0, out_dim=128)
    say(f"model: {model.config} parameters={count_params(model)}")
    say(f"train: steps={args.steps} batch_pairs={args.batch} lr={args.lr} T={args.temperature} seed={args.seed} "
        f"threads={args.threads} torch={torch.__version__}")

    vm = ShotMaker(val_src, args.image, args.seed + 1, clipart=val_clip)  # held-out pictures, own seed
    va, vb = vm.batch(args.val_pairs)
    val = (to_tensor(va), to_tensor(vb))

    decay = [p for n, p in model.named_parameters() if p.ndim >= 2 and "pos" not in n and "cls" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.ndim >= 2 and "pos" not in n and "cls" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.99))
    warm = max(1, args.steps // 20)

    def lr_at(step):
        if step < warm:
            return args.lr * (step + 1) / warm
        p = (step - warm) / max(1, args.steps - warm)
        return args.lr * (0.02 + 0.98 * 0.5 * (1 + np.cos(np.pi * p)))

    stream = PairStream(train_src, train_clip, args.image, args.seed, args.batch, args.steps)
    loader = torch.utils.data.DataLoader(stream, batch_size=None, num_workers=1, prefetch_factor=4)
    m0 = evaluate(model, val)
    say(f"step 0 {json.dumps(m0)}")
    t0 = time.time()
    history = []
    ema = None
    for step, (a, b) in enumerate(loader):
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        za, zb = model(a), model(b)
        loss = info_nce(za, zb, args.temperature)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        ema = loss.item() if ema is None else 0.95 * ema + 0.05 * loss.item()
        if (step + 1) % 25 == 0 or step + 1 == args.steps:
            el = time.time() - t0
            rec = {"step": step + 1, "loss": round(ema, 4), "lr": round(lr_at(step), 6),
                   "elapsed_s": round(el, 1), "img_per_s": round(2 * args.batch * (step + 1) / el, 1)}
            if (step + 1) % 150 == 0 or step + 1 == args.steps:
                rec.update(evaluate(model, val))
                if args.ckpt_dir:
                    d = os.path.join(args.ckpt_dir, f"step{step + 1}")
                    os.makedirs(d, exist_ok=True)
                    p = os.path.join(d, args.name + ".onnx")
                    export(model, p, args.image)
                    model.train()
                    with open(os.path.join(d, "model.json"), "w") as f:
                        json.dump(manifest(args, model, p, names, rec), f, indent=2)
            history.append(rec)
            say(f"step {step + 1} {json.dumps(rec)}")
    wall = time.time() - t0
    final = evaluate(model, val)
    metrics = {"train_wall_s": round(wall, 1), "train_images": 2 * args.batch * args.steps,
               "final_loss_ema": round(ema, 4), **final, "untrained": m0,
               "cpu": platform.processor() or platform.machine(), "threads": args.threads}
    say(f"done {json.dumps(metrics)}")

    onnx_path = os.path.join(args.out, args.name + ".onnx")
    export(model, onnx_path, args.image)
    man = manifest(args, model, onnx_path, names, metrics)
    with open(os.path.join(args.out, "model.json"), "w") as f:
        json.dump(man, f, indent=2)
        f.write("\n")
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump({"final": metrics, "history": history}, f, indent=2)
        f.write("\n")
    write_reference(model, va[:4], args.image, args.ref_out, args.name)
    say(f"exported {onnx_path} ({os.path.getsize(onnx_path)} bytes) sha256={man['sha256']}")
    log.close()


if __name__ == "__main__":
    main()
