// Package model is credence's reliability model: hashed word features
// and sourcing signals, multinomial logistic regression trained with
// FTRL-proximal, Platt calibration fitted on grouped held-out folds,
// per-prediction explanations, a versioned checksummed file format and
// the embedded default model. See docs/MODEL.md.
package model

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

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
	Balance    bool    `json:"balance,omitempty"`
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

	index table // bucket -> row
	fz    featurizer
}

// init builds the lookup structures after training or loading.
func (m *Model) init() {
	m.index = newTable(m.buckets)
	m.fz = featurizer{set: m.Header.Settings, dense: m.Header.Dense}
}

// table maps kept buckets to rows: open addressing with linear probing,
// at most half full, key and row in one word so a lookup touches one
// cache line (a Go map costs several times more on this hot path).
type table struct {
	slots []uint64 // (bucket+1)<<32 | row; 0 is empty
	shift uint
	// bits has a bit set for each kept bucket: most of an article's
	// hashed features are not in the model, and a 128 KB bitset answers
	// that from cache.
	bits []uint64
}

func newTable(buckets []uint32) table {
	size, shift := 16, uint(32-4)
	for size < 2*len(buckets) {
		size *= 2
		shift--
	}
	t := table{slots: make([]uint64, size), shift: shift}
	if len(buckets) > 0 {
		t.bits = make([]uint64, buckets[len(buckets)-1]/64+1)
	}
	mask := size - 1
	for j, b := range buckets {
		t.bits[b/64] |= 1 << (b % 64)
		for i := t.slot(b); ; i = (i + 1) & mask {
			if t.slots[i] == 0 {
				t.slots[i] = uint64(b+1)<<32 | uint64(j)
				break
			}
		}
	}
	return t
}

func (t *table) slot(b uint32) int { return int((b * 0x9e3779b1) >> t.shift) }

// get returns the row of bucket b, or -1.
func (t *table) get(b uint32) int32 {
	if w := int(b / 64); w >= len(t.bits) || t.bits[w]&(1<<(b%64)) == 0 {
		return -1
	}
	mask := len(t.slots) - 1
	key := uint64(b + 1)
	for i := t.slot(b); ; i = (i + 1) & mask {
		v := t.slots[i]
		if v>>32 == key {
			return int32(uint32(v))
		}
		if v == 0 {
			return -1
		}
	}
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
	sc    scratch
	z     []float64
	rows  []int32
	stamp []uint32 // per model row: gen when last seen
	gen   uint32
	model *Model // the model sc.keep was made for
}

// Predict scores one article. With explain it fills Reasons (at most
// maxReasons).
func (m *Model) Predict(in Input, explain bool, maxReasons int) Prediction {
	ps := scratchPool.Get().(*predictScratch)
	defer scratchPool.Put(ps)
	return m.predict(ps, in, explain, maxReasons)
}

var scratchPool = sync.Pool{New: func() any { return new(predictScratch) }}

func (m *Model) predict(ps *predictScratch, in Input, explain bool, maxReasons int) Prediction {
	if ps.model != m {
		ps.model = m
		ps.sc.keep = func(b uint32) bool { return m.index.get(b) >= 0 }
	}
	dense, nRaw := m.fz.raw(&ps.sc, in.Title, in.Text, in.Signals, explain)
	// Only the indices the model keeps matter: look them up in text
	// order.
	// A row counts once however often its words occur: a per-row stamp
	// dedupes in one pass.
	if len(ps.stamp) != len(m.buckets) || ps.gen == math.MaxUint32 {
		ps.stamp = make([]uint32, len(m.buckets))
		ps.gen = 0
	}
	ps.gen++
	ps.rows = ps.rows[:0]
	for _, b := range ps.sc.idx {
		if r := m.index.get(b); r >= 0 && ps.stamp[r] != ps.gen {
			ps.stamp[r] = ps.gen
			ps.rows = append(ps.rows, r)
		}
	}
	rows := ps.rows
	if explain {
		slices.Sort(rows) // reasons in a stable order
	}
	scale := float64(scaleFor(nRaw))
	k := len(m.Header.Labels)
	z := make([]float64, k)
	for _, r := range rows {
		row := m.w[int(r)*k : int(r+1)*k]
		for c := range k {
			z[c] += float64(row[c]) * scale
		}
	}
	for j, v := range dense {
		for c := range k {
			z[c] += float64(m.dense[j*k+c]) * float64(v)
		}
	}
	for c := range k {
		z[c] += float64(m.bias[c])
	}
	raw := make([]float64, k)
	copy(raw, z)
	softmax(raw)
	probs := z
	m.Calib.Apply(probs)
	best := 0
	for c := range probs {
		if probs[c] > probs[best] {
			best = c
		}
	}
	p := Prediction{Label: m.Header.Labels[best], Probs: probs, Raw: raw}
	if explain {
		p.Reasons = m.explain(rows, scale, dense, ps.sc.occ, best, maxReasons)
	}
	return p
}

// logits computes the raw class scores of a training doc (the sorted
// unique indices Prepare made), as predict does from text.
func (m *Model) logits(d *doc, ps *predictScratch) []float64 {
	k := len(m.Header.Labels)
	if cap(ps.z) < k {
		ps.z = make([]float64, k)
	}
	z := ps.z[:k]
	clear(z)
	scale := float64(d.scale)
	for _, b := range d.idx {
		if j := m.index.get(b); j >= 0 {
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
func (m *Model) explain(rows []int32, scale float64, dense []float32, occ []occurrence, best, maxReasons int) []article.Reason {
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
	// Score every feature, keep the strongest, and only then make names
	// (a long article has hundreds of features).
	type cand struct {
		v     float64
		row   int32 // >= 0: a hashed feature row; else -1-dense index
		order int32
	}
	cands := make([]cand, 0, len(rows)+len(dense))
	for _, j := range rows {
		if v := contrib(m.w[int(j)*k:int(j+1)*k], scale); v != 0 {
			cands = append(cands, cand{v, j, j})
		}
	}
	for j, x := range dense {
		if x == 0 {
			continue
		}
		if v := contrib(m.dense[j*k:(j+1)*k], float64(x)); v != 0 {
			cands = append(cands, cand{v, int32(-1 - j), int32(len(m.buckets) + j)})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		x, y := math.Abs(a.v), math.Abs(b.v)
		switch {
		case x > y:
			return -1
		case x < y:
			return 1
		}
		return int(a.order - b.order)
	})
	if maxReasons > 0 && len(cands) > maxReasons {
		cands = cands[:maxReasons]
	}
	// Name each row by the words of this article that made it.
	named := map[int32]string{}
	for _, o := range occ {
		if r := m.index.get(o.idx); r >= 0 {
			if _, ok := named[r]; !ok {
				named[r] = o.name
			}
		}
	}
	rs := make([]article.Reason, len(cands))
	for i, c := range cands {
		var name string
		if c.row >= 0 {
			name = named[c.row]
			if name == "" {
				name = m.names[c.row]
			}
			name = "word:" + name
		} else {
			name = m.Header.Dense[-1-c.row]
		}
		rs[i] = article.Reason{Feature: name, Weight: math.Round(c.v*1e4) / 1e4}
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
