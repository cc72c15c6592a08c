"""Compact vision transformer for Rushcut's shot embeddings.

A plain ViT (patch embedding, learned position embeddings, a class token,
pre-norm transformer blocks). The embedding joins a global part (class
token and mean patch token, projected) and a layout part (the mean patch
token of each quadrant, projected), each normalised, half the weight on
each; the whole is L2-normalised, so the cosine similarity of two
embeddings is their dot product.
Attention is written with plain matmuls so that torch.onnx.export (opset 14)
produces a graph every ONNX Runtime build runs.

The model takes pixels already normalised by the manifest's mean and std
(N x 3 x S x S, RGB) and returns N x D embeddings.
"""

import math

import torch
from torch import nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        assert dim % heads == 0
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        n, t, c = x.shape
        qkv = self.qkv(x).reshape(n, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
        att = att.softmax(dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(n, t, c)
        return self.proj(y)


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        x = x + self.mlp(self.norm2(x))
        return x


class ViT(nn.Module):
    """ViT encoder with an L2-normalised embedding head."""

    def __init__(self, image=112, patch=16, dim=128, depth=4, heads=4, mlp_ratio=2.0, out_dim=128):
        super().__init__()
        assert image % patch == 0
        self.config = dict(image=image, patch=patch, dim=dim, depth=depth, heads=heads,
                           mlp_ratio=mlp_ratio, out_dim=out_dim)
        self.patch_embed = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        tokens = (image // patch) ** 2
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.zeros(1, tokens + 1, dim))
        self.blocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.grid = image // patch
        # Global part (class token + mean of patch tokens) and a layout part:
        # the mean patch token of each quadrant (overlapping by a row and a
        # column when the grid is odd), each projected on its own; the shot
        # is in the layout as much as in the content.
        self.global_dim = out_dim // 2
        self.region_dim = (out_dim - self.global_dim) // 4
        assert self.global_dim + 4 * self.region_dim == out_dim
        self.head = nn.Linear(2 * dim, self.global_dim)
        self.region_head = nn.Linear(dim, self.region_dim)
        nn.init.trunc_normal_(self.pos, std=0.02)
        nn.init.trunc_normal_(self.cls, std=0.02)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.trunc_normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.patch_embed(x)                 # N, C, h, w
        x = x.flatten(2).transpose(1, 2)        # N, T, C
        cls = self.cls.expand(x.shape[0], -1, -1)
        x = torch.cat([cls, x], dim=1) + self.pos
        for b in self.blocks:
            x = b(x)
        x = self.norm(x)
        # Class token and mean of the patch tokens: the mean keeps the
        # embedding stable when a few patches change (a hand, a face).
        g = self.head(torch.cat([x[:, 0], x[:, 1:].mean(dim=1)], dim=1))
        n, c = x.shape[0], x.shape[2]
        p = x[:, 1:].reshape(n, self.grid, self.grid, c)
        h = (self.grid + 1) // 2
        lo, hi = slice(0, h), slice(self.grid - h, self.grid)
        regions = [p[:, r, q].mean(dim=(1, 2)) for r in (lo, hi) for q in (lo, hi)]
        parts = [F.normalize(g, dim=1)] + [F.normalize(self.region_head(r), dim=1) * 0.5 for r in regions]
        return F.normalize(torch.cat(parts, dim=1), dim=1)


def count_params(model):
    return sum(p.numel() for p in model.parameters())
