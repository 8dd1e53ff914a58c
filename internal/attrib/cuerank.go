package attrib

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/credence-news/credence/internal/article"
)

// The cue reranker keeps or drops each attribution the extractor
// proposes: a logistic regression over hashed features of the candidate
// (where it came from, its cue words and their neighbours, the tagger's
// margin, its source and content), trained by `credence train-attrib` on
// held-out candidates of PolNeAR train (see docs/ATTRIBUTION.md). Three
// heads estimate whether its cue, source and content are right; it is
// dropped when keeping it is expected to lower the sum of those F1
// scores (Keep).
//
//go:embed cuerank.v1
var rankFile []byte

// RankFormat is the first line of a cue reranker file.
const RankFormat = "credence-cuerank/1"

// The reranker's heads: each estimates the probability that one part
// of a candidate is right, the part eval attribution scores (cue exact,
// source exact, content overlap).
const (
	HeadCue = iota
	HeadSource
	HeadContent
	NumHeads
)

var headNames = [NumHeads]string{"cue", "source", "content"}

// CueRanker is a trained cue reranker: one logistic regression per head
// over the same hashed features.
type CueRanker struct {
	Bits int
	// W holds the weights, NumHeads per feature bucket.
	W []float32
	// Threshold and Scale per head: a candidate is dropped when the sum
	// over its heads of Scale * (probability - Threshold), the change in
	// the three F1 scores keeping it brings, is negative.
	Threshold, Scale [NumHeads]float64
	Note             string
}

// RankExample is one held-out candidate: its features and, per head,
// the share of the article's annotators for whom that part is right (0
// to 1), or -1 when it is absent (a candidate without a source adds
// nothing to the source score either way).
type RankExample struct {
	Features []uint32
	Label    [NumHeads]float32
}

// RankCandidate is one attribution the extractor proposes, before the
// reranker, with the reranker's features.
type RankCandidate struct {
	article.Attribution
	Features []uint32
}

var cueRanker, embeddedRanker *CueRanker

func loadCueRanker() {
	if len(rankFile) == 0 {
		return
	}
	r, err := ParseCueRanker(rankFile)
	if err != nil {
		slog.Warn("attrib: embedded cue reranker unusable; keeping every candidate", "err", err)
		return
	}
	cueRanker, embeddedRanker = r, r
}

// EmbeddedCueRanker returns the reranker built into the binary, nil when
// it failed to load.
func EmbeddedCueRanker() *CueRanker {
	loadModels()
	return embeddedRanker
}

// UseCueRanker replaces the reranker Annotate uses (by default the
// embedded one); nil keeps every candidate. eval attribution --folds calls
// it with rerankers trained without the fold being scored. Not safe to
// call while Annotate runs.
func UseCueRanker(r *CueRanker) {
	loadModels()
	cueRanker = r
}

// Score is the probability head h gives a candidate with features fs.
func (r *CueRanker) Score(fs []uint32, h int) float64 {
	mask := uint32(len(r.W)/NumHeads - 1)
	s := 0.0
	for _, f := range fs {
		s += float64(r.W[int(f&mask)*NumHeads+h])
	}
	return sigmoid(s)
}

// Keep reports whether a candidate with features fs stays: when keeping
// it raises the sum of the F1 scores of its parts, in expectation.
func (r *CueRanker) Keep(fs []uint32, hasSource bool) bool {
	// One pass over the features for every head: a bucket's weights
	// share a cache line.
	mask := uint32(len(r.W)/NumHeads - 1)
	var sum [NumHeads]float64
	for _, f := range fs {
		row := r.W[int(f&mask)*NumHeads:][:NumHeads]
		for h, x := range row {
			sum[h] += float64(x)
		}
	}
	gain := 0.0
	for h, s := range sum {
		if h == HeadSource && !hasSource {
			continue
		}
		gain += r.Scale[h] * (sigmoid(s) - r.Threshold[h])
	}
	return gain >= 0
}

func sigmoid(x float64) float64 {
	switch {
	case x > 30:
		return 1
	case x < -30:
		return 0
	}
	return 1 / (1 + math.Exp(-x))
}

// Reranker training settings: plain SGD on the log loss, the examples
// in their given order, the step shrinking each epoch, an L2 penalty on
// the weights an example touches. Deterministic for the same examples.
const (
	RankBits   = 18
	RankEpochs = 10
	rankStep   = 0.1
	rankL2     = 1e-5
	// rankMinCount is the fewest candidates a feature bucket must occur
	// in to get a weight.
	rankMinCount = 3
)

// TrainCueRanker fits a reranker with 2^bits buckets on exs for epochs
// passes. The thresholds are stored with it (the caller derives them
// from the held-out candidates; see docs/ATTRIBUTION.md).
func TrainCueRanker(exs []RankExample, bits, epochs int, threshold, scale [NumHeads]float64, note string) *CueRanker {
	w := make([]float64, (1<<bits)*NumHeads)
	mask := uint32(1<<bits - 1)
	// Buckets seen in fewer than rankMinCount candidates keep weight 0:
	// rare words would only be memorised, and the file stays small.
	seen := make([]int32, 1<<bits)
	for _, e := range exs {
		for _, f := range e.Features {
			seen[f&mask]++
		}
	}
	for ep := range epochs {
		lr := rankStep / (1 + float64(ep))
		for _, e := range exs {
			for h := range NumHeads {
				if e.Label[h] < 0 {
					continue
				}
				s := 0.0
				for _, f := range e.Features {
					s += w[int(f&mask)*NumHeads+h]
				}
				g := sigmoid(s) - float64(e.Label[h])
				for _, f := range e.Features {
					if seen[f&mask] < rankMinCount {
						continue
					}
					k := int(f&mask)*NumHeads + h
					w[k] -= lr * (g + rankL2*w[k])
				}
			}
		}
	}
	r := &CueRanker{Bits: bits, W: make([]float32, len(w)), Threshold: threshold, Scale: scale, Note: note}
	for i, x := range w {
		r.W[i] = float32(x)
	}
	return r
}

// Marshal writes the reranker in its versioned text format: the framing
// header, then bits, one threshold line per head and one line per bucket
// with a non-zero weight (its weights for every head), in bucket order.
func (r *CueRanker) Marshal() []byte {
	var body bytes.Buffer
	fmt.Fprintf(&body, "bits\t%d\n", r.Bits)
	for h, name := range headNames {
		fmt.Fprintf(&body, "%s\t%s\t%s\n", name, strconv.FormatFloat(r.Threshold[h], 'g', -1, 64), strconv.FormatFloat(r.Scale[h], 'g', -1, 64))
	}
	for b := 0; b+NumHeads <= len(r.W); b += NumHeads {
		row := r.W[b : b+NumHeads]
		if !slices.ContainsFunc(row, func(x float32) bool { return x != 0 }) {
			continue
		}
		fmt.Fprintf(&body, "%d", b/NumHeads)
		for _, x := range row {
			fmt.Fprintf(&body, "\t%s", strconv.FormatFloat(float64(x), 'g', -1, 32))
		}
		body.WriteByte('\n')
	}
	return frame(RankFormat, r.Note, body.Bytes())
}

// ParseCueRanker reads a reranker written by Marshal, checking its format
// and checksum; foreign or corrupt input (NaN or infinite numbers,
// buckets out of range) is an error, never a panic.
func ParseCueRanker(b []byte) (*CueRanker, error) {
	note, body, err := unframe("cue reranker", RankFormat, b)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	r := &CueRanker{Note: note}
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		switch {
		case n == 1:
			bits, err := strconv.Atoi(f[len(f)-1])
			if len(f) != 2 || f[0] != "bits" || err != nil || bits < 8 || bits > 24 {
				return nil, fmt.Errorf("cue reranker: line 1: bad bits")
			}
			r.Bits, r.W = bits, make([]float32, (1<<bits)*NumHeads)
		case n <= 1+NumHeads:
			h := n - 2
			if len(f) != 3 || f[0] != headNames[h] {
				return nil, fmt.Errorf("cue reranker: line %d: want %s, threshold and scale", n, headNames[h])
			}
			t, err1 := strconv.ParseFloat(f[1], 64)
			sc, err2 := strconv.ParseFloat(f[2], 64)
			if err1 != nil || err2 != nil || !(t >= 0 && t <= 1) || !(sc >= 0 && sc <= 100) {
				return nil, fmt.Errorf("cue reranker: line %d: bad %s threshold or scale", n, headNames[h])
			}
			r.Threshold[h], r.Scale[h] = t, sc
		default:
			i, err := strconv.Atoi(f[0])
			if len(f) != 1+NumHeads || err != nil || i < 0 || i >= len(r.W)/NumHeads {
				return nil, fmt.Errorf("cue reranker: line %d: bad bucket", n)
			}
			for h := range NumHeads {
				x, err := strconv.ParseFloat(f[1+h], 32)
				if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
					return nil, fmt.Errorf("cue reranker: line %d: bad weight", n)
				}
				r.W[i*NumHeads+h] = float32(x)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cue reranker: %w", err)
	}
	if n < 1+NumHeads {
		return nil, fmt.Errorf("cue reranker: short body")
	}
	return r, nil
}

// CueCandidates returns every attribution Annotate would consider for an
// (its text core filled: sentences, paragraphs, quotes), with the
// reranker's features, before the reranker drops any. train-attrib and
// eval attribution --folds label them to train the reranker.
func CueCandidates(an *article.Analysis) []RankCandidate {
	loadModels()
	d := newDoc(an)
	var out []RankCandidate
	d.attributions(d.findPosts(an.Paragraphs), d.extract(), d.findEntities(), func(fs []uint32, a article.Attribution) bool {
		out = append(out, RankCandidate{a, append([]uint32(nil), fs...)})
		return false
	})
	return out
}

// Feature kinds, hashed with their values.
const (
	rfBias = "b"
	rfConf = "c"
)

// rankFeatures appends the reranker features of candidate cs[i], whose
// output form is a, to dst.
func (d *doc) rankFeatures(dst []uint32, cs []cand, ix candIndex, i int, a article.Attribution) []uint32 {
	c := cs[i]
	conf := confName(c.conf)
	dst = addF(dst, rfBias)
	dst = addF(dst, rfConf, conf)
	dst = addF(dst, "k", conf, c.kind)
	ca, cb := c.cue.a, c.cue.b
	first, last := d.toks[ca].lw, d.toks[cb-1].lw
	dst = addF(dst, "cf", first)
	dst = addF(dst, "cl", last)
	dst = addF(dst, "cfc", conf, first)
	dst = addF(dst, "clc", conf, last)
	dst = addF(dst, "cfl", first, last)
	dst = addF(dst, "n", conf, num(min(cb-ca, 5)))
	prev, next := "<s>", "</s>"
	from, to := d.sentTk[d.toks[ca].sent][0], d.sentTk[d.toks[ca].sent][1]
	if ca > from {
		prev = d.toks[ca-1].lw
	}
	if cb < to {
		next = d.toks[cb].lw
	}
	dst = addF(dst, "p", prev)
	dst = addF(dst, "x", next)
	dst = addF(dst, "pc", conf, prev)
	dst = addF(dst, "xc", conf, next)
	dst = addF(dst, "lx", last, next)
	dst = addF(dst, "pf", prev, first)
	dst = addF(dst, "d", conf, num(bucketLog(ca-from)))
	// The head: the last cue word that is no particle or adverb.
	head := last
	for k := cb - 1; k > ca; k-- {
		if !particles[d.toks[k].lw] && !isCueAdverb(d.toks[k].lw) && !d.toks[k].punct && !dayParts[d.toks[k].lw] {
			head = d.toks[k].lw
			break
		}
	}
	dst = addF(dst, "h", head)
	dst = addF(dst, "hc", conf, head)
	ct := fnv("ct")
	for k := ca; k < cb && k < ca+6; k++ {
		ct = mix(ct, fnv(d.toks[k].lw), uint32(k-ca))
	}
	dst = append(dst, ct)
	p2, n2 := "<s>", "</s>"
	if ca-1 > from {
		p2 = d.toks[ca-2].lw
	}
	if cb+1 < to {
		n2 = d.toks[cb+1].lw
	}
	dst = addF(dst, "p2", p2, prev)
	dst = addF(dst, "x2", next, n2)
	dst = addF(dst, "cap", conf, strconv.FormatBool(d.toks[ca].cap), num(min(d.toks[ca].sent, 2)))
	dst = addF(dst, "ns", conf, num(min(ix.perSent[d.toks[ca].sent], 4)))
	rate := -1.0
	for k := ca; k < cb; k++ {
		if r, ok := learned.rate[d.toks[k].lw]; ok && r > rate {
			rate = r
		}
	}
	dst = addF(dst, "r", conf, num(int(math.Floor(rate*10))))
	for k, name := range [...]string{"pa", "pb"} {
		t := ca
		if k == 1 {
			t = cb - 1
		}
		h, _, e := posOf(d.toks[t])
		dst = append(dst, mix(fnv(name), h, 0))
		dst = append(dst, mix(fnv(name, "wn"), uint32(e.wn.v[0]), uint32(e.wn.n[0])))
	}
	if d.tags != nil {
		m := d.margin[ca]
		dst = addF(dst, "m", conf, num(int(max(-8, min(8, math.Floor(float64(m)/10))))))
		dst = addF(dst, "tb", conf, tagName(d.tags[ca]))
		tp, tn := "<s>", "</s>"
		if ca > from {
			tp = tagName(d.tags[ca-1])
		}
		if cb < to {
			tn = tagName(d.tags[cb])
		}
		dst = addF(dst, "tn", conf, tagName(d.tags[cb-1]), tn)
		dst = addF(dst, "tp", conf, tp)
		if !c.src.empty() {
			dst = addF(dst, "ts", conf, tagName(d.tags[c.src.a]), tagName(d.tags[c.src.b-1]))
		}
		dst = addF(dst, "ta", conf, d.tagAgreement(ca, cb, to))
	}
	dst = d.sourceFeatures(dst, c, a, conf)
	return d.contentFeatures(dst, cs, ix, i, a, conf)
}

// tagAgreement says how the tagger's cue labels relate to the cue
// [a, b): the same span, one starting or ending elsewhere, a cue start
// inside it, or none.
func (d *doc) tagAgreement(a, b, to int) string {
	begins := 0
	for k := a; k < b; k++ {
		if d.tags[k] == tagB {
			begins++
		}
	}
	inside := true
	for k := a + 1; k < b; k++ {
		if d.tags[k] != tagI {
			inside = false
		}
	}
	runsOn := b < to && d.tags[b] == tagI
	switch {
	case d.tags[a] == tagB && inside && !runsOn:
		return "same"
	case d.tags[a] == tagB && inside:
		return "longer"
	case d.tags[a] == tagB:
		return "shorter"
	case d.tags[a] == tagI:
		return "starts-before"
	case begins > 0:
		return "starts-inside"
	}
	return "none"
}

// sourceFeatures adds what the candidate's source looks like.
func (d *doc) sourceFeatures(dst []uint32, c cand, a article.Attribution, conf string) []uint32 {
	if c.src.empty() {
		return addF(dst, "s0", conf)
	}
	side := "before"
	if c.src.a >= c.cue.b {
		side = "after"
	}
	dst = addF(dst, "ss", conf, side, num(bucketLog(c.src.b-c.src.a)))
	dst = addF(dst, "st", conf, a.Source.Type)
	dst = addF(dst, "sf", d.toks[c.src.a].lw)
	dst = addF(dst, "sl", d.toks[c.src.b-1].lw)
	dst = addF(dst, "sa", conf, num(max(-3, min(c.cue.a-c.src.b, 3))))
	return dst
}

// contentFeatures adds what the candidate's content looks like and
// whether it lies inside another candidate's content.
func (d *doc) contentFeatures(dst []uint32, cs []cand, ix candIndex, i int, a article.Attribution, conf string) []uint32 {
	c := cs[i]
	n := len(a.Content.Text)
	dst = addF(dst, "cn", conf, num(bucketLog(n/8)))
	side := "after"
	if a.Content.End <= d.toks[c.cue.a].s {
		side = "before"
	}
	dst = addF(dst, "co", conf, side, a.Kind)
	if k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= a.Content.Start }); k < len(d.toks) {
		dst = addF(dst, "cw", d.toks[k].lw)
	}
	if j := ix.within[i]; j >= 0 {
		dst = addF(dst, "in", conf, confName(cs[j].conf))
	}
	return dst
}

// candIndex is what the reranker's features need to know about all the
// candidates of a document, computed once (indexCands) so that a
// candidate's features cost the same however many candidates there are:
// a text of 14,000 "X said Y" sentences took five times as long to
// analyse when each candidate scanned all the others.
type candIndex struct {
	perSent []int // candidates whose cue starts in each sentence
	within  []int // per candidate, the first other one whose content holds its cue start, or -1
}

// indexCands builds the candIndex of cs.
func (d *doc) indexCands(cs []cand) candIndex {
	ix := candIndex{perSent: make([]int, len(d.sentTk)+1), within: make([]int, len(cs))}
	for _, c := range cs {
		if s := d.toks[c.cue.a].sent; s >= 0 && s < len(ix.perSent) {
			ix.perSent[s]++
		}
	}
	// Candidates by content start, with the furthest content end so far:
	// walking back from a cue start, no earlier content can hold it once
	// that end lies before it.
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return cs[order[x]].cs < cs[order[y]].cs })
	reach := make([]int, len(order))
	for p, j := range order {
		reach[p] = cs[j].ce
		if p > 0 {
			reach[p] = max(reach[p], reach[p-1])
		}
	}
	for i, c := range cs {
		s := d.toks[c.cue.a].s
		ix.within[i] = -1
		p := sort.Search(len(order), func(p int) bool { return cs[order[p]].cs > s }) - 1
		for ; p >= 0 && reach[p] > s; p-- {
			if j := order[p]; j != i && cs[j].ce > s && (ix.within[i] < 0 || j < ix.within[i]) {
				ix.within[i] = j
			}
		}
	}
	return ix
}

// addF appends the hash of a feature's parts to dst.
func addF(dst []uint32, parts ...string) []uint32 { return append(dst, fnv(parts...)) }

// nums holds the decimal forms of -20 to 20, so numeric features need
// no allocation.
var nums = func() (t [41]string) {
	for i := range t {
		t[i] = strconv.Itoa(i - 20)
	}
	return t
}()

// num is the decimal form of n, clamped to [-20, 20].
func num(n int) string { return nums[max(0, min(n+20, 40))] }

// confName names a candidate's origin by its confidence.
func confName(c float64) string {
	switch c {
	case taggedConf:
		return "tag"
	case 0.6:
		return "colon"
	case 0.7:
		return "rule"
	case 0.9:
		return "acc"
	}
	return "other"
}

// tagName names a tagger label.
func tagName(t uint8) string {
	return [...]string{"O", "B", "I", "BS", "IS", "BC", "IC", "?"}[min(int(t), nTags)]
}

// bucketLog buckets a count: 0, 1, 2, 3-4, 5-8, 9-16, ...
func bucketLog(n int) int {
	b := 0
	for n > 0 && b < 8 {
		n >>= 1
		b++
	}
	return b
}
