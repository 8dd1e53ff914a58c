// Package model is credence's reliability model: hashed word features
// and sourcing signals, multinomial logistic regression trained with
// FTRL-proximal, Platt calibration fitted on grouped held-out folds,
// per-prediction explanations, a versioned checksummed file format and
// the embedded default model. See docs/MODEL.md.
package model

import (
	"fmt"
	"math"
	"sort"

	"github.com/credence-news/credence/internal/article"
)

// Header is what a model file says about itself.
type Header struct {
	Name     string   `json:"name"`
	Labels   []string `json:"labels"`
	Settings Settings `json:"settings"`
	// Dense names the dense features (styles, then signals) in order.
	Dense []string `json:"dense"`
	// DataSHA256 hashes the training examples (label, title, text).
	DataSHA256 string  `json:"data_sha256"`
	Examples   int     `json:"examples"`
	Seed       uint64  `json:"seed"`
	Epochs     int     `json:"epochs"`
	Alpha      float64 `json:"alpha"`
	Beta       float64 `json:"beta"`
	L1         float64 `json:"l1"`
	L2         float64 `json:"l2"`
}

// Model is a trained reliability model. It is safe for concurrent use.
type Model struct {
	Header Header
	Calib  Calibration

	buckets []uint32  // kept hashed features, increasing
	w       []float32 // len(buckets)*k
	names   []string  // a training word for each kept bucket
	dense   []float32 // len(Header.Dense)*k
	bias    []float32 // k

	index map[uint32]int32 // bucket -> row
	fz    featurizer
}

// init builds the lookup structures after training or loading.
func (m *Model) init() {
	m.index = make(map[uint32]int32, len(m.buckets))
	for j, b := range m.buckets {
		m.index[b] = int32(j)
	}
	m.fz = featurizer{set: m.Header.Settings, dense: m.Header.Dense}
}

// Labels are the model's classes in score order.
func (m *Model) Labels() []string { return m.Header.Labels }

// Features is the number of hashed features the model keeps.
func (m *Model) Features() int { return len(m.buckets) }

// Prediction is a model's verdict on one article.
type Prediction struct {
	Label string
	// Probs are the calibrated class probabilities in Labels order.
	Probs []float64
	// Raw are the uncalibrated probabilities.
	Raw []float64
	// Reasons are the strongest contributions to Label's score, largest
	// magnitude first: positive pushes toward Label, negative away.
	Reasons []article.Reason
}

// Input is what the model reads of an article.
type Input struct {
	Title, Text string
	Signals     map[string]float64
}

// predictScratch is reused across predictions by one goroutine.
type predictScratch struct {
	sc  scratch
	z   []float64
	raw []float64
}

// Predict scores one article. With explain it fills Reasons (at most
// maxReasons).
func (m *Model) Predict(in Input, explain bool, maxReasons int) Prediction {
	var ps predictScratch
	return m.predict(&ps, in, explain, maxReasons)
}

func (m *Model) predict(ps *predictScratch, in Input, explain bool, maxReasons int) Prediction {
	d, occ := m.fz.featurize(&ps.sc, in.Title, in.Text, in.Signals, explain)
	k := len(m.Header.Labels)
	z := m.logits(&d, ps)
	raw := make([]float64, k)
	copy(raw, z)
	softmax(raw)
	probs := make([]float64, k)
	copy(probs, z)
	m.Calib.Apply(probs)
	best := 0
	for c := range probs {
		if probs[c] > probs[best] {
			best = c
		}
	}
	p := Prediction{Label: m.Header.Labels[best], Probs: probs, Raw: raw}
	if explain {
		p.Reasons = m.explain(&d, occ, best, maxReasons)
	}
	return p
}

// logits computes the raw class scores of d.
func (m *Model) logits(d *doc, ps *predictScratch) []float64 {
	k := len(m.Header.Labels)
	if cap(ps.z) < k {
		ps.z = make([]float64, k)
	}
	z := ps.z[:k]
	clear(z)
	scale := float64(d.scale)
	for _, b := range d.idx {
		if j, ok := m.index[b]; ok {
			row := m.w[int(j)*k : int(j+1)*k]
			for c := range k {
				z[c] += float64(row[c]) * scale
			}
		}
	}
	for j, v := range d.dense {
		for c := range k {
			z[c] += float64(m.dense[j*k+c]) * float64(v)
		}
	}
	for c := range k {
		z[c] += float64(m.bias[c])
	}
	return z
}

// explain lists the features that most moved the score of class best
// against the other classes: for each feature, its value times (its
// weight for best minus its mean weight for the others), scaled by the
// calibration slope so the numbers are in calibrated log-odds.
func (m *Model) explain(d *doc, occ []occurrence, best, maxReasons int) []article.Reason {
	k := len(m.Header.Labels)
	contrib := func(row []float32, x float64) float64 {
		if k == 1 {
			return float64(row[0]) * x
		}
		other := 0.0
		for c := range k {
			if c != best {
				other += float64(row[c])
			}
		}
		return (float64(row[best]) - other/float64(k-1)) * x * m.Calib.A
	}
	// Name each index by the words of this article that made it.
	named := map[uint32]string{}
	for _, o := range occ {
		if _, ok := named[o.idx]; !ok {
			named[o.idx] = o.name
		}
	}
	var rs []article.Reason
	scale := float64(d.scale)
	for _, b := range d.idx {
		j, ok := m.index[b]
		if !ok {
			continue
		}
		v := contrib(m.w[int(j)*k:int(j+1)*k], scale)
		if v == 0 {
			continue
		}
		name := named[b]
		if name == "" {
			name = m.names[j]
		}
		rs = append(rs, article.Reason{Feature: "word:" + name, Weight: v})
	}
	for j, x := range d.dense {
		if x == 0 {
			continue
		}
		if v := contrib(m.dense[j*k:(j+1)*k], float64(x)); v != 0 {
			rs = append(rs, article.Reason{Feature: m.Header.Dense[j], Weight: v})
		}
	}
	sort.SliceStable(rs, func(a, b int) bool {
		x, y := math.Abs(rs[a].Weight), math.Abs(rs[b].Weight)
		if x != y {
			return x > y
		}
		return rs[a].Feature < rs[b].Feature
	})
	if maxReasons > 0 && len(rs) > maxReasons {
		rs = rs[:maxReasons]
	}
	for i := range rs {
		rs[i].Weight = math.Round(rs[i].Weight*1e4) / 1e4
	}
	return rs
}

// MaxReasons is how many reasons Score reports.
const MaxReasons = 10

// Score implements analyze.Scorer: the label with the highest calibrated
// probability, Score = the calibrated probability that the article is
// reliable (when the model has that class; else that of Label), the
// model's name and the strongest reasons.
func (m *Model) Score(an *article.Analysis) (article.Reliability, error) {
	if an == nil {
		return article.Reliability{}, fmt.Errorf("model: nil analysis")
	}
	p := m.Predict(Input{Title: an.Article.Title, Text: an.Article.Text, Signals: an.Signals}, true, MaxReasons)
	score := 0.0
	ri := -1
	for c, l := range m.Header.Labels {
		if l == "reliable" {
			ri = c
		}
	}
	if ri >= 0 {
		score = p.Probs[ri]
	} else {
		for c, l := range m.Header.Labels {
			if l == p.Label {
				score = p.Probs[c]
			}
		}
	}
	reasons := p.Reasons
	if reasons == nil {
		reasons = []article.Reason{}
	}
	return article.Reliability{
		Label: p.Label, Score: math.Round(score*1e4) / 1e4, Model: m.Header.Name, Reasons: reasons,
	}, nil
}

// TopFeatures lists the n hashed features with the largest weight toward
// label (negative n: away from it), with their training names.
func (m *Model) TopFeatures(label string, n int) []article.Reason {
	k := len(m.Header.Labels)
	c := -1
	for i, l := range m.Header.Labels {
		if l == label {
			c = i
		}
	}
	if c < 0 {
		return nil
	}
	rs := make([]article.Reason, 0, len(m.buckets))
	for j := range m.buckets {
		row := m.w[j*k : (j+1)*k]
		other := 0.0
		for o := range k {
			if o != c {
				other += float64(row[o])
			}
		}
		v := float64(row[c])
		if k > 1 {
			v -= other / float64(k-1)
		}
		rs = append(rs, article.Reason{Feature: m.names[j], Weight: v})
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].Weight > rs[b].Weight })
	if n < 0 {
		slicesReverse(rs)
		n = -n
	}
	return rs[:min(n, len(rs))]
}

func slicesReverse(rs []article.Reason) {
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
}
