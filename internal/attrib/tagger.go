package attrib

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strings"
)

// The cue tagger is an averaged perceptron that labels each token as
// the beginning (B) or inside (I) of an attribution cue, or outside (O),
// from the words around it. It is trained on PolNeAR train by `credence
// train-attrib` and finds the long tail of cues ("is demanding", "signed
// an agreement", "has been critical of") that no hand-written lexicon
// lists; the rules then find each cue's source and content.
//
//go:embed cuetagger.v1
var taggerFile []byte

// TaggerFormat is the magic at the start of a tagger file.
const TaggerFormat = "credence-roletagger/2"

// Tags: outside, then begin/inside of a cue, a source and a content.
const (
	tagO  = iota
	tagB  // cue
	tagI  // cue
	tagBS // source
	tagIS // source
	tagBC // content
	tagIC // content
	nTags
)

// inside[t] is the inside tag that may continue tag t (0 for O and
// inside tags' own begin).
var continues = [nTags]int{tagI: tagB, tagIS: tagBS, tagIC: tagBC}

// allowed reports whether tag y may follow tag prev.
func allowed(prev, y int) bool {
	b := continues[y]
	if b == 0 {
		return true
	}
	return prev == b || prev == y
}

// Tagger is a trained cue tagger: hashed features, one weight per
// feature bucket and tag.
type Tagger struct {
	bits int
	w    []float32 // [bucket*nTags + tag]
}

var cueTagger *Tagger

func init() {
	if len(taggerFile) == 0 {
		return
	}
	t, err := ParseTagger(taggerFile)
	if err != nil {
		slog.Warn("attrib: embedded cue tagger unusable; using rules only", "err", err)
		return
	}
	cueTagger = t
}

// tokHashes are per-token hashes computed once per document so each
// feature is an integer mix, not a string hash.
type tokHashes struct {
	w, stem, s3, s2, shape []uint32
}

var (
	hashStart = fnv("<s>")
	hashLex   = [5]uint32{fnv("lex0"), fnv("lex1"), fnv("lex2"), fnv("lex3"), fnv("lex4")}
)

func hashTokens(toks []tok) tokHashes {
	n := len(toks)
	h := tokHashes{make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n), make([]uint32, n)}
	for i, t := range toks {
		h.w[i] = fnv(t.lw)
		h.stem[i] = fnv(stem(t.lw))
		if len(t.lw) > 3 {
			h.s3[i] = fnv(t.lw[len(t.lw)-3:])
			h.s2[i] = fnv(t.lw[len(t.lw)-2:])
		}
		h.shape[i] = fnv(shapeOf(t))
	}
	return h
}

// mix combines a feature id with up to two values into one hash.
func mix(id, a, b uint32) uint32 {
	x := id*0x9E3779B1 ^ a
	x = (x ^ x>>15) * 0x2c1b3c6d
	x ^= b
	x = (x ^ x>>12) * 0x297a2d39
	return x ^ x>>15
}

// features appends the hashed feature buckets of token i (prev and
// prev2 are the tags given to the two tokens before) to dst.
func (t *Tagger) features(dst []uint32, toks []tok, hs *tokHashes, i int, prev, prev2 int, inQuote bool) []uint32 {
	mask := uint32(1)<<t.bits - 1
	h := func(x uint32) { dst = append(dst, x&mask) }
	w := func(k int) uint32 {
		if k < 0 || k >= len(toks) {
			return hashStart
		}
		return hs.w[k]
	}
	shape := func(k int) uint32 {
		if k < 0 || k >= len(toks) {
			return hashStart
		}
		return hs.shape[k]
	}
	cur := hs.w[i]
	pl := uint32(prev)
	h(mix(1, 0, 0))
	h(mix(2, cur, 0))
	h(mix(3, pl, 0))
	h(mix(4, pl, cur))
	h(mix(5, w(i-1), 0))
	h(mix(6, w(i+1), 0))
	h(mix(7, w(i-2), 0))
	h(mix(8, w(i+2), 0))
	h(mix(9, w(i-1), cur))
	h(mix(10, cur, w(i+1)))
	h(mix(11, w(i+1), w(i+2)))
	h(mix(12, w(i-2), w(i-1)))
	if hs.s3[i] != 0 {
		h(mix(13, hs.s3[i], 0))
		h(mix(14, hs.s2[i], 0))
	}
	h(mix(15, pl, uint32(prev2)))
	if inQuote {
		h(mix(16, 0, 0))
		h(mix(17, pl, 0))
	}
	// Cue words near: the source and content sit around them.
	for k := i - 4; k <= i+4; k++ {
		if k >= 0 && k < len(toks) && k != i && cueWordAt(toks, k) {
			h(mix(18, uint32(k-i+8), 0))
			dir := uint32(0)
			if k > i {
				dir = 1
			}
			h(mix(19, dir, pl))
		}
	}
	h(mix(20, hs.stem[i], 0))
	if i > 0 {
		h(mix(21, hs.stem[i-1], 0))
	}
	for k := i + 1; k <= i+3 && k < len(toks); k++ {
		if toks[k].lw == "that" {
			h(mix(22, 0, 0))
		}
		if isQuoteMark(toks[k].lw) {
			h(mix(23, 0, 0))
		}
	}
	if i > 0 && (toks[i-1].lw == "," || isQuoteMark(toks[i-1].lw)) {
		h(mix(24, cur, 0))
	}
	h(mix(25, shape(i), 0))
	h(mix(26, shape(i-1), 0))
	h(mix(27, shape(i+1), 0))
	lw := toks[i].lw
	if e, ok := cueVerbs[lw]; ok {
		h(mix(28, hashLex[e.class%5], 0))
	}
	if learned.words[lw] {
		h(mix(29, 0, 0))
	}
	if i+1 < len(toks) && particles[toks[i+1].lw] && learned.pairs[lw+" "+toks[i+1].lw] {
		h(mix(30, 0, 0))
	}
	return dst
}

// fnv hashes its parts (FNV-1a, a zero byte after each) without
// allocating.
func fnv(parts ...string) uint32 {
	h := uint32(2166136261)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h ^= uint32(p[i])
			h *= 16777619
		}
		h *= 16777619
	}
	return h
}

// stem strips common inflections so "claims", "claimed" and
// "claiming" share a feature.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// cueWordAt reports whether token k is a cue word, caching the answer in
// the token.
func cueWordAt(toks []tok, k int) bool {
	t := &toks[k]
	if t.cueKnown == 0 {
		t.cueKnown = 1
		if !t.punct && isCueWord(t.lw) {
			t.cueKnown = 2
		}
	}
	return t.cueKnown == 2
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// quoteState tracks whether the token stream is inside a quotation.
type quoteState bool

func (q *quoteState) next(t tok) {
	switch t.lw {
	case "“":
		*q = true
	case "”":
		*q = false
	case "\"":
		*q = !*q
	}
}

func shapeOf(t tok) string {
	switch {
	case t.punct:
		return "p"
	case t.num:
		return "n"
	case t.cap:
		return "C"
	}
	return "l"
}

func shapeOf1(toks []tok, k int) string {
	if k < 0 || k >= len(toks) {
		return "<s>"
	}
	return shapeOf(toks[k])
}

// tag labels toks greedily left to right.
func (t *Tagger) tag(toks []tok) []uint8 {
	out := make([]uint8, len(toks))
	var fs []uint32
	prev, prev2 := tagO, tagO
	var q quoteState
	hs := hashTokens(toks)
	for i := range toks {
		if toks[i].punct {
			// Punctuation is never tagged (colon cues are the rules'
			// job); it breaks any span.
			prev2, prev = prev, tagO
			q.next(toks[i])
			continue
		}
		fs = t.features(fs[:0], toks, &hs, i, prev, prev2, bool(q))
		best := t.best(fs, prev)
		if best == tagB && t.margin(fs, tagB, tagO) < cueMargin {
			best = tagO
		}
		out[i] = uint8(best)
		prev2, prev = prev, best
		q.next(toks[i])
	}
	return out
}

// cueMargin is how far the cue-begin score must exceed the outside score
// for the tagger to open a cue; chosen on PolNeAR dev.
var cueMargin float32 = 0

// margin is the score of tag a minus that of tag b.
func (t *Tagger) margin(fs []uint32, a, b int) float32 {
	var s float32
	for _, f := range fs {
		s += t.w[int(f)*nTags+a] - t.w[int(f)*nTags+b]
	}
	return s
}

// best returns the highest-scoring tag allowed after prev, summing each
// feature's row of weights in one pass.
func (t *Tagger) best(fs []uint32, prev int) int {
	var sc [nTags]float32
	for _, f := range fs {
		row := t.w[int(f)*nTags : int(f)*nTags+nTags]
		for y, x := range row {
			sc[y] += x
		}
	}
	best, bestS := tagO, float32(math.Inf(-1))
	for y := range nTags {
		if allowed(prev, y) && sc[y] > bestS {
			best, bestS = y, sc[y]
		}
	}
	return best
}

// TrainTagger trains a cue tagger on docs for epochs passes with 2^bits
// feature buckets. Training is deterministic: the same documents in the
// same order give the same weights.
func TrainTagger(docs []CueDoc, bits, epochs int) *Tagger {
	t := &Tagger{bits: bits, w: make([]float32, (1<<bits)*nTags)}
	// Averaged perceptron with lazy averaging: acc holds the sum of
	// weights over time, ts the last step each weight was updated.
	acc := make([]float64, len(t.w))
	ts := make([]int, len(t.w))
	step := 1
	type ex struct {
		toks []tok
		gold []uint8
	}
	var data []ex
	for _, d := range docs {
		toks := tokenize(nil, d.Text, 0, len(d.Text))
		gold := make([]uint8, len(toks))
		// Content first, then sources and cues over it: nested
		// attributions sit inside other contents.
		label := func(spans [][2]int, b, in uint8) {
			for _, c := range spans {
				first := true
				for i, tk := range toks {
					if tk.s >= c[0] && tk.e <= c[1] {
						if first {
							gold[i] = b
							first = false
						} else {
							gold[i] = in
						}
					}
				}
			}
		}
		label(d.Contents, tagBC, tagIC)
		label(d.Sources, tagBS, tagIS)
		label(d.Cues, tagB, tagI)
		data = append(data, ex{toks, gold})
	}
	upd := func(f uint32, y int, delta float32) {
		k := int(f)*nTags + y
		acc[k] += float64(step-ts[k]) * float64(t.w[k])
		ts[k] = step
		t.w[k] += delta
	}
	var fs []uint32
	for ep := 0; ep < epochs; ep++ {
		for _, e := range data {
			prev, prev2 := tagO, tagO
			var q quoteState
			hs := hashTokens(e.toks)
			for i := range e.toks {
				if e.toks[i].punct {
					prev2, prev = prev, tagO
					q.next(e.toks[i])
					continue
				}
				fs = t.features(fs[:0], e.toks, &hs, i, prev, prev2, bool(q))
				best := t.best(fs, prev)
				g := int(e.gold[i])
				if !allowed(prev, g) {
					g = continues[g] // a span cut by another: restart it
				}
				if best != g {
					for _, f := range fs {
						upd(f, g, 1)
						upd(f, best, -1)
					}
				}
				step++
				// Train on the gold history (teacher forcing).
				prev2, prev = prev, g
				q.next(e.toks[i])
			}
		}
	}
	for k := range t.w {
		acc[k] += float64(step-ts[k]) * float64(t.w[k])
		t.w[k] = float32(acc[k] / float64(step))
	}
	return t
}

// Marshal writes the tagger: magic line, bits, SHA-256 of the weights,
// then the weights as little-endian float32.
func (t *Tagger) Marshal() []byte {
	var body bytes.Buffer
	for _, x := range t.w {
		binary.Write(&body, binary.LittleEndian, x)
	}
	sum := sha256.Sum256(body.Bytes())
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s\nbits %d\nsha256 %x\n", TaggerFormat, t.bits, sum)
	out.Write(body.Bytes())
	return out.Bytes()
}

// ParseTagger reads a tagger written by Marshal; foreign or corrupt
// input is an error, never a panic.
func ParseTagger(b []byte) (*Tagger, error) {
	var lines [3]string
	rest := b
	for i := range lines {
		j := bytes.IndexByte(rest, '\n')
		if j < 0 {
			return nil, errors.New("cue tagger: short header")
		}
		lines[i], rest = string(rest[:j]), rest[j+1:]
	}
	if lines[0] != TaggerFormat {
		return nil, fmt.Errorf("cue tagger: not a %s file", TaggerFormat)
	}
	var bits int
	if _, err := fmt.Sscanf(lines[1], "bits %d", &bits); err != nil || bits < 8 || bits > 24 {
		return nil, errors.New("cue tagger: bad bits")
	}
	sum := sha256.Sum256(rest)
	if strings.TrimPrefix(lines[2], "sha256 ") != fmt.Sprintf("%x", sum) {
		return nil, errors.New("cue tagger: checksum mismatch")
	}
	n := (1 << bits) * nTags
	if len(rest) != 4*n {
		return nil, fmt.Errorf("cue tagger: %d weight bytes, want %d", len(rest), 4*n)
	}
	t := &Tagger{bits: bits, w: make([]float32, n)}
	for i := range t.w {
		t.w[i] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*i:]))
	}
	return t, nil
}
