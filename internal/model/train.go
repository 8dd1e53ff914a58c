package model

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
)

// Config controls training.
type Config struct {
	Settings
	// Epochs is the number of shuffled passes over the data.
	Epochs int
	// Seed fixes the shuffles; the same seed and data give the same model.
	Seed uint64
	// FTRL-proximal parameters: learning rate Alpha and Beta, L1 and L2.
	Alpha, Beta, L1, L2 float64
	// Threads bounds the parallel work (featurizing, calibration folds).
	// The result does not depend on it.
	Threads int
	// CalibFolds is the number of grouped folds whose held-out scores fit
	// the calibration; 0 or 1 turns calibration off.
	CalibFolds int
	// Name is the model's name in its file and in analyses.
	Name string
	// MaxFeatures caps the features kept in the model (by weight), 0 for
	// no cap.
	MaxFeatures int
	// Balance weighs each example by n/(k*n_class) so rare classes count
	// as much as common ones.
	Balance bool
}

// DefaultConfig is what `credence train` uses without flags.
func DefaultConfig() Config {
	return Config{
		Settings: DefaultSettings(),
		Epochs:   10, Seed: 1,
		Alpha: 1, Beta: 1, L1: 0.2, L2: 1,
		Threads: 2, CalibFolds: 5, Name: "credence-reliability",
		MaxFeatures: 150000,
	}
}

// Example is one labelled article for training.
type Example struct {
	Title, Text string
	Signals     map[string]float64
	Label       string
	// Group keeps related examples (one outlet) on one side of the
	// calibration folds; empty groups fall back to one group per example.
	Group   string
	Dataset string
}

// Dataset is a featurized training set; Fit trains on subsets of it, so
// cross-validation featurizes once.
type Dataset struct {
	cfg      Config
	fz       featurizer
	labels   []string
	docs     []doc
	y        []int
	groups   []string
	datasets []string
	hashes   [][32]byte
	ex       []Example
}

// canonical label order; other labels follow, sorted.
var labelOrder = []string{"reliable", "unreliable", "satire"}

func orderLabels(seen map[string]bool) []string {
	var out []string
	for _, l := range labelOrder {
		if seen[l] {
			out = append(out, l)
		}
	}
	var rest []string
	for l := range seen {
		if !slices.Contains(labelOrder, l) {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Prepare checks cfg and featurizes examples (in parallel; the result
// is the same for any Threads).
func Prepare(examples []Example, cfg Config) (*Dataset, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	sigs := make([]map[string]float64, len(examples))
	for i, e := range examples {
		if e.Label == "" {
			return nil, fmt.Errorf("model: example %d has no label", i)
		}
		seen[e.Label] = true
		sigs[i] = e.Signals
	}
	if len(seen) < 2 {
		return nil, fmt.Errorf("model: need at least two labels, have %d", len(seen))
	}
	d := &Dataset{cfg: cfg, labels: orderLabels(seen), ex: examples}
	d.fz = featurizer{set: cfg.Settings, dense: denseNames(sigs)}
	li := map[string]int{}
	for i, l := range d.labels {
		li[l] = i
	}
	n := len(examples)
	d.docs = make([]doc, n)
	d.y = make([]int, n)
	d.groups = make([]string, n)
	d.datasets = make([]string, n)
	d.hashes = make([][32]byte, n)
	parallel(n, cfg.Threads, func(lo, hi int) {
		var sc scratch
		for i := lo; i < hi; i++ {
			e := &examples[i]
			d.docs[i], _ = d.fz.featurize(&sc, e.Title, e.Text, e.Signals, false)
			h := sha256.New()
			h.Write([]byte(e.Label))
			h.Write([]byte{0})
			h.Write([]byte(e.Title))
			h.Write([]byte{0})
			h.Write([]byte(e.Text))
			copy(d.hashes[i][:], h.Sum(nil))
		}
	})
	for i, e := range examples {
		d.y[i] = li[e.Label]
		d.groups[i] = e.Group
		d.datasets[i] = e.Dataset
	}
	return d, nil
}

// Labels are the dataset's labels in model order.
func (d *Dataset) Labels() []string { return d.labels }

// Len is the number of examples.
func (d *Dataset) Len() int { return len(d.docs) }

func (c *Config) check() error {
	switch {
	case c.Buckets < 16 || c.Buckets > 1<<26:
		return fmt.Errorf("model: buckets %d: want 16..%d", c.Buckets, 1<<26)
	case c.Epochs < 1 || c.Epochs > 1000:
		return fmt.Errorf("model: epochs %d: want 1..1000", c.Epochs)
	case !(c.Alpha > 0) || !(c.Beta >= 0) || !(c.L1 >= 0) || !(c.L2 >= 0):
		return errors.New("model: alpha must be positive and beta, l1, l2 non-negative")
	case c.MinCount < 1:
		c.MinCount = 1
	}
	if c.Threads < 1 {
		c.Threads = 1
	}
	return nil
}

// parallel runs fn over [0,n) in contiguous chunks on up to threads
// goroutines. Chunks write disjoint results, so the outcome does not
// depend on scheduling.
func parallel(n, threads int, fn func(lo, hi int)) {
	if threads < 1 {
		threads = 1
	}
	if threads == 1 || n < 2*threads {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for t := range threads {
		lo, hi := n*t/threads, n*(t+1)/threads
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}

// learner is multinomial logistic regression trained by FTRL-proximal
// (McMahan et al. 2013) with per-coordinate learning rates. Coordinates:
// the training set's hashed features (renumbered densely, so the state
// is small and cache-friendly), then the dense features, then the bias.
// z and n of one coordinate sit next to each other in st.
type learner struct {
	k, dim, sparse      int
	alpha, beta, l1, l2 float64
	cw                  []float64 // per-class gradient weight
	st                  []float32 // dim*k pairs (z, n)
	w, sq, p            []float64
}

// ldoc is a doc in a learner's local feature numbering.
type ldoc struct {
	idx   []int32
	scale float32
	dense []float32
}

func newLearner(cfg Config, k, sparse, nDense int) *learner {
	dim := sparse + nDense + 1
	return &learner{
		k: k, dim: dim, sparse: sparse,
		alpha: cfg.Alpha, beta: cfg.Beta, l1: cfg.L1, l2: cfg.L2,
		st: make([]float32, 2*dim*k),
	}
}

// weight is the FTRL closed form for coordinate c, also returning
// sqrt(n). L1 applies to hashed features only; the dense features and
// the bias are few and always kept.
func (l *learner) weight(c int, l1 float64) (w, sqrtN float64) {
	z := float64(l.st[2*c])
	if z <= l1 && z >= -l1 {
		return 0, 0 // sqrt(n) is only needed for a non-zero weight
	}
	sqrtN = math.Sqrt(float64(l.st[2*c+1]))
	if z < 0 {
		l1 = -l1
	}
	return -(z - l1) / ((l.beta+sqrtN)/l.alpha + l.l2), sqrtN
}

// step does one online update on doc d with label y.
func (l *learner) step(d *ldoc, y int) {
	cw := 1.0
	if l.cw != nil {
		cw = l.cw[y]
	}
	k := l.k
	nf := len(d.idx) + len(d.dense) + 1
	if cap(l.w) < nf*k {
		l.w = make([]float64, nf*k)
		l.sq = make([]float64, nf*k)
	}
	w, sq := l.w[:nf*k], l.sq[:nf*k]
	if cap(l.p) < k {
		l.p = make([]float64, k)
	}
	p := l.p[:k]
	clear(p)
	scale := float64(d.scale)
	f := 0
	for _, i := range d.idx {
		base := int(i) * k
		for c := range k {
			wc, s := l.weight(base+c, l.l1)
			w[f+c], sq[f+c] = wc, s
			p[c] += wc * scale
		}
		f += k
	}
	for j, v := range d.dense {
		base := (l.sparse + j) * k
		for c := range k {
			wc, s := l.weight(base+c, 0)
			w[f+c], sq[f+c] = wc, s
			p[c] += wc * float64(v)
		}
		f += k
	}
	base := (l.dim - 1) * k
	for c := range k {
		wc, s := l.weight(base+c, 0)
		w[f+c], sq[f+c] = wc, s
		p[c] += wc
	}
	softmax(p)
	for c := range k {
		if c == y {
			p[c]--
		}
		p[c] *= cw
	}
	invAlpha := 1 / l.alpha
	upd := func(coord, f int, x float64) {
		g := p[coord%k] * x
		st := l.st[2*coord : 2*coord+2]
		n := float64(st[1]) + g*g
		if wf := w[f]; wf != 0 {
			sigma := (math.Sqrt(n) - sq[f]) * invAlpha
			st[0] += float32(g - sigma*wf)
		} else {
			st[0] += float32(g)
		}
		st[1] = float32(n)
	}
	f = 0
	for _, i := range d.idx {
		base := int(i) * k
		for c := range k {
			upd(base+c, f+c, scale)
		}
		f += k
	}
	for j, v := range d.dense {
		if v != 0 {
			base := (l.sparse + j) * k
			for c := range k {
				upd(base+c, f+c, float64(v))
			}
		}
		f += k
	}
	for c := range k {
		upd(base+c, f+c, 1)
	}
}

func softmax(p []float64) {
	m := math.Inf(-1)
	for _, v := range p {
		m = max(m, v)
	}
	s := 0.0
	for i, v := range p {
		p[i] = math.Exp(v - m)
		s += p[i]
	}
	for i := range p {
		p[i] /= s
	}
}

// weights is a trained linear model before pruning: weights for the
// training set's hashed features (buckets, increasing), the dense
// features and the bias.
type weights struct {
	k       int
	buckets []uint32
	lookup  map[uint32]int32
	nDense  int
	w       []float32 // (len(buckets)+nDense+1)*k
}

func (l *learner) finish(buckets []uint32, nDense int) *weights {
	out := &weights{k: l.k, buckets: buckets, nDense: nDense, w: make([]float32, l.dim*l.k)}
	for c := range l.dim * l.k {
		l1 := 0.0
		if c/l.k < l.sparse {
			l1 = l.l1
		}
		w, _ := l.weight(c, l1)
		out.w[c] = float32(w)
	}
	out.lookup = make(map[uint32]int32, len(buckets))
	for j, b := range buckets {
		out.lookup[b] = int32(j)
	}
	return out
}

// logits computes the raw scores of d.
func (w *weights) logits(d *doc, out []float64) {
	k := w.k
	clear(out[:k])
	scale := float64(d.scale)
	for _, b := range d.idx {
		if j, ok := w.lookup[b]; ok {
			base := int(j) * k
			for c := range k {
				out[c] += float64(w.w[base+c]) * scale
			}
		}
	}
	ns := len(w.buckets)
	for j, v := range d.dense {
		base := (ns + j) * k
		for c := range k {
			out[c] += float64(w.w[base+c]) * float64(v)
		}
	}
	base := len(w.w) - k
	for c := range k {
		out[c] += float64(w.w[base+c])
	}
}

// fitRaw trains one uncalibrated model on the examples at idx: hashed
// features seen in fewer than MinCount of those documents are left out,
// the rest renumbered densely.
func (d *Dataset) fitRaw(idx []int, seed uint64) *weights {
	cfg := d.cfg
	count := make([]int32, cfg.Buckets)
	total := 0
	for _, i := range idx {
		for _, b := range d.docs[i].idx {
			count[b]++
		}
		total += len(d.docs[i].idx)
	}
	var buckets []uint32
	for b, c := range count {
		if int(c) >= cfg.MinCount {
			count[b] = int32(len(buckets))
			buckets = append(buckets, uint32(b))
		} else {
			count[b] = -1
		}
	}
	local := count
	flat := make([]int32, 0, total)
	docs := make([]ldoc, len(d.docs))
	for _, i := range idx {
		start := len(flat)
		for _, b := range d.docs[i].idx {
			if j := local[b]; j >= 0 {
				flat = append(flat, j)
			}
		}
		docs[i] = ldoc{idx: flat[start:len(flat):len(flat)], scale: d.docs[i].scale, dense: d.docs[i].dense}
	}
	l := newLearner(cfg, len(d.labels), len(buckets), len(d.fz.dense))
	if cfg.Balance {
		n := make([]int, len(d.labels))
		for _, i := range idx {
			n[d.y[i]]++
		}
		l.cw = make([]float64, len(n))
		present := 0
		for _, c := range n {
			if c > 0 {
				present++
			}
		}
		for c, nc := range n {
			if nc > 0 {
				l.cw[c] = float64(len(idx)) / float64(present*nc)
			}
		}
	}
	order := slices.Clone(idx)
	for ep := range cfg.Epochs {
		r := rand.New(rand.NewPCG(seed, uint64(ep)+1))
		r.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			l.step(&docs[i], d.y[i])
		}
	}
	return l.finish(buckets, len(d.fz.dense))
}

// Fit trains a calibrated model on the examples at idx (all when nil):
// calibration is fitted on grouped held-out folds of those examples, then
// the model is trained on all of them.
func (d *Dataset) Fit(idx []int) (*Model, error) {
	if idx == nil {
		idx = make([]int, len(d.docs))
		for i := range idx {
			idx[i] = i
		}
	}
	seenLab := map[int]bool{}
	for _, i := range idx {
		seenLab[d.y[i]] = true
	}
	if len(seenLab) < 2 {
		return nil, errors.New("model: training data has fewer than two labels")
	}
	cfg := d.cfg
	k := len(d.labels)
	// Jobs: the inner calibration folds and the final model, run on up to
	// Threads goroutines; each job is deterministic on its own.
	var folds [][]int
	if cfg.CalibFolds > 1 {
		groups := make([]string, len(idx))
		for j, i := range idx {
			groups[j] = d.groups[i]
		}
		folds = GroupFolds(groups, cfg.CalibFolds)
	}
	// Jobs: the final model (job 0, the largest, started first so the
	// longest job does not run last alone) and the calibration folds,
	// taken in order by up to Threads workers. Each job is deterministic
	// on its own and writes only its own results.
	jobs := len(folds) + 1
	results := make([]*weights, jobs)
	oof := make([]float64, len(idx)*k)
	next := make(chan int, jobs)
	for j := range jobs {
		next <- j
	}
	close(next)
	var wg sync.WaitGroup
	for range min(jobs, max(1, cfg.Threads)) {
		wg.Go(func() {
			for j := range next {
				if j == 0 {
					results[0] = d.fitRaw(idx, cfg.Seed)
					continue
				}
				f := j - 1
				test := folds[f]
				in := make([]bool, len(idx))
				for _, t := range test {
					in[t] = true
				}
				var train []int
				for p, i := range idx {
					if !in[p] {
						train = append(train, i)
					}
				}
				w := d.fitRaw(train, cfg.Seed+uint64(f)+1)
				for _, t := range test {
					w.logits(&d.docs[idx[t]], oof[t*k:(t+1)*k])
				}
			}
		})
	}
	wg.Wait()
	cal := Calibration{A: 1, B: make([]float64, k)}
	if len(folds) > 1 {
		y := make([]int, len(idx))
		for j, i := range idx {
			y[j] = d.y[i]
		}
		cal = FitCalibration(oof, y, k)
	}
	m := d.build(results[0], cal, idx)
	return m, nil
}

// build prunes w into a Model: buckets kept by L1 (weight zero in every
// class is dropped), then the MaxFeatures largest by weight; names come
// from the first training document (in index order) that made each one.
func (d *Dataset) build(w *weights, cal Calibration, idx []int) *Model {
	k := w.k
	type kept struct {
		j   int
		mag float32
	}
	var ks []kept
	for j := range w.buckets {
		var mag float32
		for c := range k {
			mag = max(mag, abs32(w.w[j*k+c]))
		}
		if mag > 0 {
			ks = append(ks, kept{j, mag})
		}
	}
	if d.cfg.MaxFeatures > 0 && len(ks) > d.cfg.MaxFeatures {
		sort.SliceStable(ks, func(i, j int) bool { return ks[i].mag > ks[j].mag })
		ks = ks[:d.cfg.MaxFeatures]
		sort.Slice(ks, func(i, j int) bool { return ks[i].j < ks[j].j })
	}
	m := &Model{
		Header: Header{
			Name: d.cfg.Name, Labels: slices.Clone(d.labels), Settings: d.cfg.Settings,
			Dense: slices.Clone(d.fz.dense), Seed: d.cfg.Seed, Epochs: d.cfg.Epochs,
			Alpha: d.cfg.Alpha, Beta: d.cfg.Beta, L1: d.cfg.L1, L2: d.cfg.L2,
			Examples: len(idx), Balance: d.cfg.Balance,
		},
		Calib: cal,
	}
	h := sha256.New()
	var nb [8]byte
	binary.LittleEndian.PutUint64(nb[:], uint64(len(idx)))
	h.Write(nb[:])
	for _, i := range idx {
		h.Write(d.hashes[i][:])
	}
	m.Header.DataSHA256 = hex.EncodeToString(h.Sum(nil))
	m.buckets = make([]uint32, len(ks))
	m.w = make([]float32, len(ks)*k)
	for j, e := range ks {
		m.buckets[j] = w.buckets[e.j]
		copy(m.w[j*k:(j+1)*k], w.w[e.j*k:(e.j+1)*k])
	}
	ns, nd := len(w.buckets), w.nDense
	m.dense = slices.Clone(w.w[ns*k : (ns+nd)*k])
	m.bias = slices.Clone(w.w[(ns+nd)*k:])
	m.names = d.names(m.buckets, idx)
	m.init()
	return m
}

// names finds, for each kept bucket, the first words (in training order)
// that hashed to it. The examples are searched in Threads contiguous
// chunks; an earlier chunk's find wins, so the result is the sequential
// one.
func (d *Dataset) names(buckets []uint32, idx []int) []string {
	want := make(map[uint32]int, len(buckets))
	for j, b := range buckets {
		want[b] = j
	}
	threads := max(1, d.cfg.Threads)
	found := make([][]string, threads)
	parallel(len(idx), threads, func(lo, hi int) {
		t := 0
		for t+1 < threads && len(idx)*(t+1)/threads <= lo {
			t++
		}
		names := make([]string, len(buckets))
		n := 0
		var sc scratch
		for _, i := range idx[lo:hi] {
			if n == len(buckets) {
				break
			}
			e := &d.ex[i]
			_, occ := d.fz.featurize(&sc, e.Title, e.Text, e.Signals, true)
			for _, o := range occ {
				if j, ok := want[o.idx]; ok && names[j] == "" {
					names[j] = o.name
					n++
				}
			}
		}
		found[t] = names
	})
	out := make([]string, len(buckets))
	for _, names := range found {
		for j, s := range names {
			if out[j] == "" {
				out[j] = s
			}
		}
	}
	return out
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}
