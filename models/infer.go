package models

import (
	"fmt"
	"image"

	ort "github.com/yalue/onnxruntime_go"
	"gocv.io/x/gocv"

	"rushcut/media"
)

// prep is the manifest's preprocessing as OpenCV blobFromImages arguments:
// blob = (resize(image) - mean) * scale, channels swapped to RGB if asked.
// When the per-channel std differ, images are first converted to float and
// multiplied by a per-channel gain (channelGain), and mean is divided by std.
type prep struct {
	size   image.Point
	scale  float64
	mean   gocv.Scalar // in the model's channel order
	swapRB bool
	crop   bool
	// gain is set when std differs between channels: per-channel factors in
	// the frames' BGR order.
	gain *gocv.Scalar
}

func newPrep(in Input) prep {
	p := prep{
		size:   image.Pt(in.Width(), in.Height()),
		swapRB: in.ChannelOrder == RGB,
		crop:   in.Resize == CenterCrop,
	}
	// value = (px/255*R - m_c)/s_c.
	k := in.ValueRange / 255
	if in.Std[0] == in.Std[1] && in.Std[1] == in.Std[2] {
		// = (px - m_c/k) * k/s
		s := in.Std[0]
		p.scale = k / s
		p.mean = gocv.NewScalar(in.Mean[0]/k, in.Mean[1]/k, in.Mean[2]/k, 0)
		return p
	}
	// = px*(k/s_c) - m_c/s_c: gain per channel first, then mean, scale 1.
	p.scale = 1
	p.mean = gocv.NewScalar(in.Mean[0]/in.Std[0], in.Mean[1]/in.Std[1], in.Mean[2]/in.Std[2], 0)
	// The gain applies to the frame, which is BGR: map the model's channel
	// order onto it.
	g := [3]float64{k / in.Std[0], k / in.Std[1], k / in.Std[2]}
	if in.ChannelOrder == RGB {
		g[0], g[2] = g[2], g[0]
	}
	gs := gocv.NewScalar(g[0], g[1], g[2], 0)
	p.gain = &gs
	return p
}

// Embed returns one L2-normalised embedding per frame, in order. Frames may
// be BGR24, Gray8 or RGBA at any size; they are resized as the manifest
// says. They are run in batches of BatchSize.
func (e *Embedder) Embed(frames []*media.Frame) ([][]float32, error) {
	out := make([][]float32, 0, len(frames))
	for start := 0; start < len(frames); start += e.batch {
		chunk := frames[start:min(start+e.batch, len(frames))]
		mats := make([]gocv.Mat, 0, len(chunk))
		var err error
		for i, f := range chunk {
			var m gocv.Mat
			if m, err = frameMat(f); err != nil {
				err = fmt.Errorf("frame %d of %d: %w", start+i, len(frames), err)
				break
			}
			mats = append(mats, m)
		}
		if err == nil {
			var embs [][]float32
			embs, err = e.run(mats)
			out = append(out, embs...)
		}
		for i := range mats {
			mats[i].Close()
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EmbedMats is Embed for OpenCV images: 8-bit BGR (CV_8UC3), gray
// (CV_8UC1) or BGRA (CV_8UC4). The caller keeps ownership of the Mats.
func (e *Embedder) EmbedMats(images []gocv.Mat) ([][]float32, error) {
	out := make([][]float32, 0, len(images))
	for start := 0; start < len(images); start += e.batch {
		chunk := images[start:min(start+e.batch, len(images))]
		mats := make([]gocv.Mat, len(chunk))
		var conv []gocv.Mat
		var err error
		for i, m := range chunk {
			if m.Empty() {
				err = fmt.Errorf("%w: image %d is empty", ErrBadFrame, start+i)
				break
			}
			switch m.Type() {
			case gocv.MatTypeCV8UC3:
				mats[i] = m
			case gocv.MatTypeCV8UC1, gocv.MatTypeCV8UC4:
				c := gocv.NewMat()
				code := gocv.ColorGrayToBGR
				if m.Type() == gocv.MatTypeCV8UC4 {
					code = gocv.ColorBGRAToBGR
				}
				gocv.CvtColor(m, &c, code)
				conv = append(conv, c)
				mats[i] = c
			default:
				err = fmt.Errorf("%w: image %d has OpenCV type %v, want 8-bit BGR, gray or BGRA", ErrBadFrame, start+i, m.Type())
			}
			if err != nil {
				break
			}
		}
		if err == nil {
			var embs [][]float32
			embs, err = e.run(mats)
			out = append(out, embs...)
		}
		for i := range conv {
			conv[i].Close()
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// frameMat wraps a frame as a BGR Mat. The returned Mat must be closed; for
// BGR24 it shares the frame's memory.
func frameMat(f *media.Frame) (gocv.Mat, error) {
	if f == nil {
		return gocv.Mat{}, fmt.Errorf("%w: nil frame", ErrBadFrame)
	}
	ch := f.Format.Channels()
	if f.Width <= 0 || f.Height <= 0 || f.Width > media.MaxDimension || f.Height > media.MaxDimension {
		return gocv.Mat{}, fmt.Errorf("%w: frame %d is %dx%d", ErrBadFrame, f.Index, f.Width, f.Height)
	}
	if f.Stride != f.Width*ch || len(f.Data) < f.Stride*f.Height {
		return gocv.Mat{}, fmt.Errorf("%w: frame %d: %d bytes with stride %d for %dx%d x%d channels", ErrBadFrame, f.Index, len(f.Data), f.Stride, f.Width, f.Height, ch)
	}
	data := f.Data[:f.Stride*f.Height]
	var mt gocv.MatType
	var code gocv.ColorConversionCode
	switch f.Format {
	case media.BGR24:
		mt = gocv.MatTypeCV8UC3
	case media.Gray8:
		mt, code = gocv.MatTypeCV8UC1, gocv.ColorGrayToBGR
	case media.RGBA:
		mt, code = gocv.MatTypeCV8UC4, gocv.ColorRGBAToBGR
	default:
		return gocv.Mat{}, fmt.Errorf("%w: frame %d: unsupported pixel format %d", ErrBadFrame, f.Index, f.Format)
	}
	m, err := gocv.NewMatFromBytes(f.Height, f.Width, mt, data)
	if err != nil {
		return gocv.Mat{}, fmt.Errorf("%w: frame %d: %v", ErrBadFrame, f.Index, err)
	}
	if f.Format == media.BGR24 {
		return m, nil
	}
	bgr := gocv.NewMat()
	gocv.CvtColor(m, &bgr, code)
	m.Close()
	return bgr, nil
}

// blob turns 8-bit BGR images into the model's NCHW float32 input with
// OpenCV's blobFromImages. The caller closes the returned Mat.
func (p prep) blob(images []gocv.Mat) (gocv.Mat, error) {
	inputs := images
	if p.gain != nil {
		scaled := make([]gocv.Mat, len(images))
		for i, m := range images {
			f := gocv.NewMat()
			m.ConvertTo(&f, gocv.MatTypeCV32FC3)
			g := gocv.NewMatWithSizeFromScalar(*p.gain, m.Rows(), m.Cols(), gocv.MatTypeCV32FC3)
			gocv.Multiply(f, g, &f)
			g.Close()
			scaled[i] = f
		}
		defer func() {
			for i := range scaled {
				scaled[i].Close()
			}
		}()
		inputs = scaled
	}
	blob := gocv.NewMat()
	gocv.BlobFromImages(inputs, &blob, p.scale, p.size, p.mean, p.swapRB, p.crop, gocv.MatTypeCV32F)
	data, err := blob.DataPtrFloat32()
	want := len(images) * 3 * p.size.X * p.size.Y
	if err != nil || len(data) != want {
		blob.Close()
		return gocv.Mat{}, fmt.Errorf("models: preprocessing gave %d values, want %d: %v", len(data), want, err)
	}
	return blob, nil
}

// run preprocesses one batch of BGR 8-bit Mats with blobFromImages and runs
// the session on it.
func (e *Embedder) run(mats []gocv.Mat) ([][]float32, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	n := len(mats)
	if n == 0 {
		return nil, nil
	}
	inputs := mats
	if e.fixed && n < e.batch { // pad a fixed-batch graph with the last frame
		inputs = make([]gocv.Mat, e.batch)
		copy(inputs, mats)
		for i := n; i < e.batch; i++ {
			inputs[i] = mats[n-1]
		}
	}
	blob, err := e.pre.blob(inputs)
	if err != nil {
		return nil, err
	}
	defer blob.Close()
	data, _ := blob.DataPtrFloat32()
	b := len(inputs)
	in, err := ort.NewTensor(ort.NewShape(int64(b), 3, int64(e.pre.size.Y), int64(e.pre.size.X)), data)
	if err != nil {
		return nil, fmt.Errorf("models: input tensor: %w", err)
	}
	defer in.Destroy()
	dim := e.man.Output.Dim
	out, err := ort.NewEmptyTensor[float32](ort.NewShape(int64(b), int64(dim)))
	if err != nil {
		return nil, fmt.Errorf("models: output tensor: %w", err)
	}
	defer out.Destroy()
	if err := e.session.Run([]ort.Value{in}, []ort.Value{out}); err != nil {
		return nil, fmt.Errorf("models: %s inference on %d frames: %s", e.man.Name, b, oneLine(err))
	}
	res := out.GetData()
	embs := make([][]float32, n)
	for i := range embs {
		v := make([]float32, dim)
		copy(v, res[i*dim:(i+1)*dim])
		if !e.man.Output.Normalized {
			normalize(v)
		}
		embs[i] = v
	}
	return embs, nil
}
