package model

import "math"

// Calibration is multiclass Platt scaling: p = softmax(A*z + B) over the
// raw scores z. With two classes it is Platt's sigmoid on the score
// difference. A single slope keeps it hard to overfit on a few hundred
// held-out scores; the per-class offsets absorb prior shift.
type Calibration struct {
	A float64   `json:"a"`
	B []float64 `json:"b"`
}

// Apply turns raw scores into calibrated probabilities in place.
func (c Calibration) Apply(z []float64) {
	for i := range z {
		b := 0.0
		if i < len(c.B) {
			b = c.B[i]
		}
		z[i] = c.A*z[i] + b
	}
	softmax(z)
}

// FitCalibration fits A and B by minimizing the log loss of the held-out
// scores z (n rows of k) against labels y, by Newton-free gradient
// descent with a fixed schedule (deterministic). A tiny L2 pull towards
// the identity keeps degenerate folds (one class) finite.
func FitCalibration(z []float64, y []int, k int) Calibration {
	n := len(y)
	a, b := 1.0, make([]float64, k)
	if n == 0 {
		return Calibration{A: a, B: b}
	}
	const reg = 1e-3
	p := make([]float64, k)
	gb := make([]float64, k)
	// Adam with a fixed step count.
	var ma, va float64
	mb, vb := make([]float64, k), make([]float64, k)
	const lr, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	for it := 1; it <= 600; it++ {
		ga := reg * (a - 1)
		for c := range gb {
			gb[c] = reg * b[c]
		}
		for i := range n {
			row := z[i*k : (i+1)*k]
			for c := range k {
				p[c] = a*row[c] + b[c]
			}
			softmax(p)
			for c := range k {
				g := p[c]
				if c == y[i] {
					g--
				}
				g /= float64(n)
				ga += g * row[c]
				gb[c] += g
			}
		}
		t := float64(it)
		ma = b1*ma + (1-b1)*ga
		va = b2*va + (1-b2)*ga*ga
		a -= lr * (ma / (1 - math.Pow(b1, t))) / (math.Sqrt(va/(1-math.Pow(b2, t))) + eps)
		for c := range k {
			mb[c] = b1*mb[c] + (1-b1)*gb[c]
			vb[c] = b2*vb[c] + (1-b2)*gb[c]*gb[c]
			b[c] -= lr * (mb[c] / (1 - math.Pow(b1, t))) / (math.Sqrt(vb[c]/(1-math.Pow(b2, t))) + eps)
		}
	}
	if !(a > 0) || math.IsInf(a, 0) { // never invert the model's ranking
		a = 1e-3
	}
	for c := range b {
		if math.IsNaN(b[c]) || math.IsInf(b[c], 0) {
			b[c] = 0
		}
	}
	return Calibration{A: a, B: b}
}
