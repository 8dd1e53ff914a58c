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

// The role tagger is a structured averaged perceptron that labels each
// token as the beginning (B) or inside (I) of an attribution's cue,
// source or content, or outside (O), from the words around it, decoded
// with Viterbi. It is trained on PolNeAR train by `credence
// train-attrib` and finds the long tail of cues ("is demanding", "signed
// an agreement", "has been critical of") that no hand-written lexicon
// lists; the rules then find each cue's source and content.
//
//go:embed cuetagger.v1
var taggerFile []byte

// TaggerFormat is the magic at the start of a tagger file.
const TaggerFormat = "credence-roletagger/4"

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

// continues[y] is the begin tag an inside tag y continues (0 for O and
// the begin tags, which may follow any tag).
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
	bits  int
	w     []float32 // [bucket*nTags + tag]
	q     []uint64  // quantised w, one row of qRow biased bytes per bucket; used when set
	scale float32
	tr    [nTags][nTags]float32 // transition weights (float32), [prev][tag]
}

var cueTagger *Tagger

// UseTagger replaces the cue tagger the extractor uses (by default the
// embedded one); nil turns it off. eval attribution --folds calls it with
// taggers trained without the fold being scored. Not safe to call while
// Annotate runs.
func UseTagger(t *Tagger) {
	loadModels()
	cueTagger = t
}

func loadTagger() {
	if len(taggerFile) == 0 {
		return
	}
	t, err := ParseTagger(taggerFile)
	if err != nil {
		slog.Warn("attrib: embedded cue tagger unusable; using rules only", "err", err)
		return
	}
	cueTagger, embeddedTagger = t, t
}

// embeddedTagger is the parsed embedded tagger (nil when unusable).
var embeddedTagger *Tagger

// EmbeddedTagger returns the tagger built into the binary, nil when it
// failed to load.
func EmbeddedTagger() *Tagger {
	loadModels()
	return embeddedTagger
}

// tokHashes are per-token hashes computed once per document so each
// feature is an integer mix, not a string hash.
type tokHashes struct {
	w, stem, s3, s2, shape, pos []uint32
	// ctx is a per-token summary of the clause around it, from the
	// word classes of its segment (see clauseContext).
	ctx []clauseCtx
	// end marks the tokens that end a decoding segment.
	end []bool
	// wn holds each token's WordNet classes and sem the one class it
	// gets as used (wnSem); 0 when WordNet does not list the word.
	wn  []wnInfo
	sem []uint8
}

// Coarse word classes for the clause features.
const (
	clsOther = iota
	clsVerb  // VB*, MD
	clsNoun  // NN, NNS
	clsName  // NNP*, unknown capitalised word
	clsPron  // PRP
	clsDet   // DT, PRP$
	clsWh    // WDT, WP, WRB
	clsTo
	clsThat
	clsQuote
	clsPunct
	nCls
)

// clauseCtx is what a parser would tell the tagger about token i's
// clause: whether a verb came before it in the segment, how far back the
// nearest noun phrase head is (the subject a cue needs), where the
// segment starts, whether it holds a quotation, and the classes of the
// next three tokens.
type clauseCtx struct {
	cls    uint8 // coarse class of the token itself
	verbs  uint8 // verb-class tokens before it in the segment, capped at 2
	subj   uint8 // bucketed distance back to a noun, name or pronoun; 0 none
	pos    uint8 // bucketed position in the segment
	quote  bool  // the segment holds a quote mark
	next   uint16
	opener uint8 // class of the next token, with to+verb and det+noun told apart
}

// posInfo is a dictionary word's hashed class and coarse class (known
// when the dictionary lists it), and its WordNet classes.
type posInfo struct {
	h     uint32
	cls   uint8
	known bool
	wn    wnInfo
}

// coarseClass is the coarse class of t given the coarse class of its
// dictionary entry (known tells whether it has one).
func coarseClass(t tok, dict uint8, known bool) uint8 {
	switch {
	case t.punct:
		if isQuoteMark(t.lw) {
			return clsQuote
		}
		return clsPunct
	case t.lw == "that":
		return clsThat
	case t.lw == "to":
		return clsTo
	case known:
		return dict
	case t.cap:
		return clsName
	}
	return clsOther
}

// coarseOf maps a dictionary class ("VBD|VBN") to a coarse class by its
// first tag.
func coarseOf(c string) uint8 {
	switch {
	case strings.HasPrefix(c, "VB"), strings.HasPrefix(c, "MD"):
		return clsVerb
	case strings.HasPrefix(c, "NNP"):
		return clsName
	case strings.HasPrefix(c, "NN"):
		return clsNoun
	case strings.HasPrefix(c, "PRP$"), strings.HasPrefix(c, "DT"):
		return clsDet
	case strings.HasPrefix(c, "PRP"):
		return clsPron
	case strings.HasPrefix(c, "W"):
		return clsWh
	}
	return clsOther
}

func bucket(d int) uint8 {
	switch {
	case d <= 3:
		return uint8(d)
	case d <= 6:
		return 4
	case d <= 10:
		return 5
	}
	return 6
}

// clauseContext fills the clause summaries of toks, segment by segment
// as the tagger decodes them.
func clauseContext(toks []tok, cls []uint8, end []bool) []clauseCtx {
	cx := make([]clauseCtx, len(toks))
	a := 0
	for i := range toks {
		if !end[i] {
			continue
		}
		b := i + 1
		quote := false
		for k := a; k < b; k++ {
			if cls[k] == clsQuote {
				quote = true
				break
			}
		}
		verbs, lastN := 0, -1
		for k := a; k < b; k++ {
			c := &cx[k]
			c.cls, c.quote = cls[k], quote
			c.verbs = uint8(min(verbs, 2))
			if lastN >= 0 {
				c.subj = bucket(k - lastN)
			}
			c.pos = bucket(k - a)
			for m := k + 1; m <= k+3 && m < b; m++ {
				c.next |= 1 << cls[m]
			}
			if k+1 < b {
				o := cls[k+1]
				switch {
				case o == clsTo && k+2 < b && cls[k+2] == clsVerb:
					o = nCls
				case o == clsDet && k+2 < b && (cls[k+2] == clsNoun || cls[k+2] == clsName):
					o = nCls + 1
				}
				c.opener = o
			} else {
				c.opener = nCls + 2
			}
			switch cls[k] {
			case clsVerb:
				verbs++
			case clsNoun, clsName, clsPron:
				lastN = k
			}
		}
		a = b
	}
	return cx
}

var (
	hashStart = fnv("<s>")
	hashLex   = [5]uint32{fnv("lex0"), fnv("lex1"), fnv("lex2"), fnv("lex3"), fnv("lex4")}
)

func hashTokens(text string, toks []tok) tokHashes {
	n := len(toks)
	h := tokHashes{w: make([]uint32, n), stem: make([]uint32, n), s3: make([]uint32, n), s2: make([]uint32, n), shape: make([]uint32, n), pos: make([]uint32, n)}
	cls := make([]uint8, n)
	h.wn, h.sem = make([]wnInfo, n), make([]uint8, n)
	for i, t := range toks {
		var p posInfo
		h.pos[i], cls[i], p = posOf(t)
		if e := p.wn; !t.punct && len(wnClass) > 0 {
			if cls[i] == clsOther && !t.cap && !p.known {
				// A word too rare for the dictionary: WordNet tells a
				// verb ("lambasted") from a noun.
				switch {
				case e.v[0] != 0 && e.n[0] == 0:
					cls[i], h.pos[i] = clsVerb, posWNVerb
				case e.n[0] != 0 && e.v[0] == 0:
					cls[i], h.pos[i] = clsNoun, posWNNoun
				}
			}
			h.wn[i], h.sem[i] = e, wnSem(e, cls[i])
		}
		h.w[i] = fnv(t.lw)
		h.stem[i] = fnv(stem(t.lw))
		if len(t.lw) > 3 {
			h.s3[i] = fnv(t.lw[len(t.lw)-3:])
			h.s2[i] = fnv(t.lw[len(t.lw)-2:])
		}
		h.shape[i] = fnv(shapeOf(t))
	}
	h.end = segEnds(text, toks)
	h.ctx = clauseContext(toks, cls, h.end)
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
func (t *Tagger) features(dst []uint32, toks []tok, hs *tokHashes, i int, inQuote bool) []uint32 {
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
	h(mix(1, 0, 0))
	h(mix(2, cur, 0))
	h(mix(5, w(i-1), 0))
	h(mix(6, w(i+1), 0))
	h(mix(7, w(i-2), 0))
	h(mix(8, w(i+2), 0))
	h(mix(9, w(i-1), cur))
	h(mix(10, cur, w(i+1)))
	if hs.s3[i] != 0 {
		h(mix(13, hs.s3[i], 0))
		h(mix(14, hs.s2[i], 0))
	}
	if inQuote {
		h(mix(16, 0, 0))
	}
	// Cue words near: the source and content sit around them.
	for k := i - 4; k <= i+4; k++ {
		if k >= 0 && k < len(toks) && k != i && cueWordAt(toks, k) {
			h(mix(18, uint32(k-i+8), 0))
			dir := uint32(0)
			if k > i {
				dir = 1
			}
			h(mix(19, dir, cur))
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
	{
		h(mix(31, shape(i-1), cur))
		h(mix(32, shape(i-1), shape(i+1)))
		h(mix(33, hs.stem[i], w(i+1)))
		if i > 0 {
			h(mix(34, hs.stem[i-1], cur))
		}
		for k := i - 1; k >= i-3 && k >= 0; k-- {
			if closesQuote(toks[k].lw) {
				h(mix(35, uint32(i-k), 0))
				break
			}
		}
		if len(lw) > 3 {
			h(mix(36, fnv(lw[:3]), 0))
		}
	}
	if posWords > 0 {
		pos := func(k int) uint32 {
			if k < 0 || k >= len(toks) {
				return hashStart
			}
			return hs.pos[k]
		}
		p0 := hs.pos[i]
		h(mix(40, p0, 0))
		h(mix(41, pos(i-1), 0))
		h(mix(42, pos(i+1), 0))
		h(mix(43, pos(i-1), p0))
		h(mix(44, p0, pos(i+1)))
	}
	// Clause structure a parser would give: what precedes the token in
	// its segment and what opens after it.
	c := hs.ctx[i]
	{
		cl := uint32(c.cls)
		h(mix(50, cl, uint32(c.verbs)))
		h(mix(51, cl, uint32(c.subj)))
		h(mix(52, cl, uint32(c.pos)))
		h(mix(53, cl<<8|uint32(c.opener), b2u(c.quote)))
		h(mix(54, hs.stem[i], uint32(c.opener)))
		h(mix(55, cl, uint32(c.next)))
		h(mix(56, hs.stem[i], uint32(c.verbs)<<4|uint32(min(c.subj, 3))))
	}
	if len(wnClass) > 0 {
		dst = t.wnFeatures(dst, hs, i, c)
	}
	return dst
}

// wnFeatures appends the WordNet class features of token i: its
// classes, the classes of the content words around it, and its class
// with what follows it and with its clause, so that an unseen verb of
// saying, thinking or judging before "that" scores like the seen ones.
func (t *Tagger) wnFeatures(dst []uint32, hs *tokHashes, i int, c clauseCtx) []uint32 {
	mask := uint32(1)<<t.bits - 1
	h := func(x uint32) { dst = append(dst, x&mask) }
	e := hs.wn[i]
	for _, v := range e.v {
		if v != 0 {
			h(mix(60, uint32(v), 0))
		}
	}
	for _, n := range e.n {
		if n != 0 {
			h(mix(61, uint32(n), 0))
		}
	}
	s := uint32(hs.sem[i])
	cl := uint32(c.cls)
	h(mix(62, s, cl))
	h(mix(63, s<<8|cl, uint32(c.opener)))
	h(mix(64, s<<8|cl, uint32(c.verbs)<<4|uint32(min(c.subj, 3))))
	// The nearest classed words before and after (within three tokens).
	var ps, ns uint32
	for k := i - 1; k >= i-3 && k >= 0; k-- {
		if hs.sem[k] != 0 {
			ps = uint32(hs.sem[k])
			break
		}
	}
	for k := i + 1; k <= i+3 && k < len(hs.sem); k++ {
		if hs.sem[k] != 0 {
			ns = uint32(hs.sem[k])
			break
		}
	}
	h(mix(65, ps, s))
	h(mix(66, s, ns))
	if s != 0 {
		// "that" or a quote mark within three tokens after it.
		var ahead uint32
		for k := i + 1; k <= i+3 && k < len(hs.ctx); k++ {
			switch hs.ctx[k].cls {
			case clsThat:
				ahead |= 1
			case clsQuote:
				ahead |= 2
			}
		}
		h(mix(67, s, ahead<<1|b2u(c.quote)))
	}
	// Verbs of saying and thinking nearby: their source and content sit
	// around them, as around the lexicon's cue words.
	for k := max(i-4, 0); k <= i+4 && k < len(hs.sem); k++ {
		if k != i && (hs.sem[k] == wnVerbCommunication || hs.sem[k] == wnVerbCognition) {
			h(mix(70, uint32(k-i+8), uint32(hs.sem[k])))
		}
	}
	return dst
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// cueBeginBias is added to every cue-begin score when decoding, not in
// training (units of summed weights): the weakest cue starts the tagger
// finds alone are rarely exact gold cues. On 4-fold CV over PolNeAR
// train, 0 / -20 / -40 / -80 gave cue exact F1 0.644 / 0.646 / 0.649 /
// 0.650 and content overlap F1 0.753 / 0.749 / 0.746 / 0.737 (fewer
// tagger attributions, fewer contents): -40 trades some content for cue
// and source.
const cueBeginBias = -40

// cueBeginCost scales the emission-weight update (transitions keep 1)
// of a token whose gold or predicted tag is cue-begin: the cue start is
// the decision scored exactly, the other tags only help it and the
// rules. On cross-validation
// over PolNeAR train (cue exact / source exact / content overlap F1),
// 1 / 1.5 / 2 gave 4-fold 0.6707 / 0.6728 / 0.6724, 0.7018 / 0.7027 /
// 0.7036, 0.7834 / 0.7837 / 0.7838 and 5-fold 0.6685 / 0.6689 / 0.6704,
// 0.7016 / 0.7000 / 0.7017, 0.7821 / 0.7818 / 0.7832.
const cueBeginCost = 2

// cueInsideCost scales the update of a token whose gold or predicted tag
// is cue-inside (and not cue-begin): the cue's end is scored exactly
// too. On top of cueBeginCost, 1 / 1.5 / 2 / 3 gave 4-fold CV cue exact
// 0.6724 / 0.6741 / 0.6758 / 0.6709 and source exact 0.7036 / 0.7042 /
// 0.7026 / 0.6977; 5-fold 1 / 1.5 / 2 gave cue 0.6704 / 0.6716 / 0.6727
// and source 0.7017 / 0.7024 / 0.6993: 1.5 raises every part.
const cueInsideCost = 1.5

// nonVerbCueBias is added to the cue-begin score of a token whose usual
// class is not a verb or modal: tagger-only cues starting on nouns,
// prepositions or adverbs ("support", "about") were exact gold cues
// less often than those starting on verbs. On 4-fold CV over PolNeAR
// train (with tagged cues after possessives and quantifiers kept),
// -10 / -20 / -30 / -40 / -50 / -60 gave cue exact F1 0.6642 / 0.6647 /
// 0.6649 / 0.6658 / 0.6655 / 0.6657 and content overlap F1 0.7789 /
// 0.7784 / 0.7773 / 0.7772 / 0.7766 / 0.7760: a plateau from -40 on.
const nonVerbCueBias = -40

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

// segEnd reports whether a token ends a decoding segment: the tagger
// decodes each sentence-like run separately, the same way in training
// and use.
func segEnd(t tok) bool { return t.punct && (t.lw == "." || t.lw == "?" || t.lw == "!") }

// segEnds marks the tokens that end a decoding segment: a sentence
// mark, a line break after the token (a headline or a paragraph without
// final punctuation), the last token.
func segEnds(text string, toks []tok) []bool {
	end := make([]bool, len(toks))
	for i := range toks {
		end[i] = segEnd(toks[i]) || i == len(toks)-1 ||
			toks[i].e <= toks[i+1].s && toks[i+1].s <= len(text) && strings.IndexByte(text[toks[i].e:toks[i+1].s], '\n') >= 0
	}
	return end
}

// decoder holds per-segment buffers for Viterbi decoding.
type decoder struct {
	fs    []uint32
	em    [][nTags]float32 // emission scores
	feats [][]uint32       // emission features per token (training only)
	back  [][nTags]uint8
	score [nTags]float32
	hs    tokHashes
}

// qRow is the number of quantised weights stored per bucket: nTags
// padded to 8 so that a row is one uint64. Each weight is stored as an
// int8 plus qBias (a byte from 1 to 255).
const (
	qRow  = 8
	qBias = 128
	// maxLaneFeatures is how many biased bytes a 16-bit lane can sum.
	maxLaneFeatures = 0xFFFF / 255
)

// row returns the weights of bucket f.
func (t *Tagger) row(f uint32) (r [nTags]float32) {
	if t.q != nil {
		q := t.q[f]
		for y := range nTags {
			r[y] = float32(int(q>>(8*y)&0xFF)-qBias) * t.scale
		}
		return r
	}
	copy(r[:], t.w[int(f)*nTags:])
	return r
}

// quantize fills t.q with the weights as int8 (scaled by the largest
// magnitude), which decoding then uses, and t.tr with the transition
// weights.
func (t *Tagger) quantize() {
	var m float32
	for _, x := range t.w {
		m = max(m, x, -x)
	}
	if m == 0 {
		m = 1
	}
	// The int8 step is half the largest weight over 127: the few
	// weights above that saturate (they decide anyway), the rest keep
	// twice the resolution. Transitions stay float32 (t.tr). On PolNeAR
	// dev int8 and float32 decoding then disagree on 0.6% of tokens, not
	// 1.0% (full range, quantised transitions).
	m /= 2
	t.scale = m / 127
	t.q = make([]uint64, len(t.w)/nTags)
	for b := range t.q {
		var row uint64
		for y := range qRow {
			x := 0
			if y < nTags {
				x = int(max(-127, min(127, math.Round(float64(t.w[b*nTags+y]/t.scale)))))
			}
			row |= uint64(x+qBias) << (8 * y)
		}
		t.q[b] = row
	}
	for p := range nTags {
		f := int(t.trans(p))
		copy(t.tr[p][:], t.w[f*nTags:f*nTags+nTags])
	}
}

// trans returns the transition feature bucket for prev tag p. The
// transition weights are tag pairs only (no word), so decoding reads
// them from the small t.tr matrix.
func (t *Tagger) trans(p int) uint32 {
	mask := uint32(1)<<t.bits - 1
	return mix(3, uint32(p), 0) & mask
}

// viterbi decodes toks[a:b] into out[a:b]. Punctuation is always O and
// breaks every span (colon cues are the rules' job). With keep, the
// emission features of each token are kept in dec.feats for training.
func (t *Tagger) viterbi(dec *decoder, toks []tok, a, b int, inQ []bool, out []uint8, margin []float32, keep bool) {
	n := b - a
	if n <= 0 {
		return
	}
	if cap(dec.em) < n {
		dec.em = make([][nTags]float32, n)
		dec.back = make([][nTags]uint8, n)
	}
	dec.em, dec.back = dec.em[:n], dec.back[:n]
	if keep {
		if cap(dec.feats) < n {
			dec.feats = make([][]uint32, n)
		}
		dec.feats = dec.feats[:n]
	}
	neg := float32(math.Inf(-1))
	var prev [nTags]float32
	for y := range prev {
		prev[y] = neg
	}
	prev[tagO] = 0
	for k := 0; k < n; k++ {
		i := a + k
		var cur [nTags]float32
		if toks[i].punct {
			best, bp := neg, 0
			for p := range nTags {
				if prev[p] > best {
					best, bp = prev[p], p
				}
			}
			for y := range cur {
				cur[y] = neg
				dec.back[k][y] = uint8(bp)
			}
			cur[tagO] = best
			if keep {
				dec.feats[k] = dec.feats[k][:0]
			}
			prev = cur
			continue
		}
		dec.fs = t.features(dec.fs[:0], toks, &dec.hs, i, inQ[i])
		em := &dec.em[k]
		*em = [nTags]float32{}
		if t.q != nil {
			// Quantised weights: one 8-byte row per bucket keeps the
			// table (512 KB at 16 bits) in the core's L2 cache; reading
			// rows is most of the tagger's time. int8 moved no 4-fold
			// cross-validation figure by more than 0.001 against int16
			// and made the whole analysis 15-25% faster.
			t.emitQ(dec.fs, em)
		} else {
			for _, f := range dec.fs {
				row := t.w[int(f)*nTags : int(f)*nTags+nTags]
				for y, x := range row {
					em[y] += x
				}
			}
		}
		if keep {
			dec.feats[k] = append(dec.feats[k][:0], dec.fs...)
		} else {
			em[tagB] += cueBeginBias
			if dec.hs.ctx[i].cls != clsVerb {
				em[tagB] += nonVerbCueBias
			}
		}
		if margin != nil {
			margin[i] = em[tagB] - em[tagO]
		}
		for y := range cur {
			cur[y] = neg
		}
		for p := range nTags {
			if prev[p] == neg {
				continue
			}
			var r1 [nTags]float32
			if t.q != nil {
				r1 = t.tr[p]
			} else {
				r1 = t.row(t.trans(p))
			}
			for y := range nTags {
				if !allowed(p, y) {
					continue
				}
				sc := prev[p] + r1[y] + em[y]
				if sc > cur[y] {
					cur[y] = sc
					dec.back[k][y] = uint8(p)
				}
			}
		}
		prev = cur
	}
	best, by := neg, 0
	for y := range nTags {
		if prev[y] > best {
			best, by = prev[y], y
		}
	}
	for k := n - 1; k >= 0; k-- {
		out[a+k] = uint8(by)
		by = int(dec.back[k][by])
	}
}

// emitQ sets em to the summed quantised weights of features fs.
// The bytes are biased to 1..255 and summed four lanes of 16 bits at a
// time (tags 0, 2, 4, 6 and 1, 3, 5, 7): the same integer sums as one add
// per tag, at a fraction of the instructions (the whole analysis ran
// about 10% faster), exact up to maxLaneFeatures features per token.
func (t *Tagger) emitQ(fs []uint32, em *[nTags]float32) {
	const lanes = 0x00FF00FF00FF00FF
	var even, odd uint64
	for _, f := range fs {
		row := t.q[f]
		even += row & lanes
		odd += row >> 8 & lanes
	}
	bias := int32(qBias * len(fs))
	for y := range nTags {
		l := even
		if y&1 == 1 {
			l = odd
		}
		em[y] = float32(int32(l>>(16*(y/2))&0xFFFF)-bias) * t.scale
	}
	if len(fs) > maxLaneFeatures {
		// More features than a lane holds (never with the present
		// feature set): add them one by one.
		for y := range nTags {
			em[y] = 0
		}
		for _, f := range fs {
			r := t.row(f)
			for y := range nTags {
				em[y] += r[y]
			}
		}
	}
}

// quoteFlags marks the tokens inside a quotation.
func quoteFlags(toks []tok) []bool {
	in := make([]bool, len(toks))
	var q quoteState
	for i := range toks {
		in[i] = bool(q)
		q.next(toks[i])
	}
	return in
}

// tag labels toks with Viterbi decoding, one segment at a time, and
// returns with the labels each token's emission margin of cue-begin
// over outside (how sure the tagger is that a cue starts there).
func (t *Tagger) tag(text string, toks []tok) ([]uint8, []float32) {
	out := make([]uint8, len(toks))
	margin := make([]float32, len(toks))
	dec := &decoder{hs: hashTokens(text, toks)}
	inQ := quoteFlags(toks)
	a := 0
	for i := range toks {
		if dec.hs.end[i] {
			t.viterbi(dec, toks, a, i+1, inQ, out, margin, false)
			a = i + 1
		}
	}
	return out, margin
}

// TrainTagger trains a cue tagger on docs for epochs passes with 2^bits
// feature buckets: a structured averaged perceptron over Viterbi-decoded
// segments. Training is deterministic: the same documents in the same
// order give the same weights.
func TrainTagger(docs []CueDoc, bits, epochs int) *Tagger {
	loadModels()
	t := &Tagger{bits: bits, w: make([]float32, (1<<bits)*nTags)}
	// Averaged perceptron with lazy averaging: acc holds the sum of
	// weights over time, ts the last step each weight was updated.
	acc := make([]float64, len(t.w))
	ts := make([]int, len(t.w))
	step := 1
	type ex struct {
		toks []tok
		gold []uint8
		inQ  []bool
		hs   tokHashes
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
		prev := tagO
		for i := range toks {
			if toks[i].punct {
				gold[i], prev = tagO, tagO
				continue
			}
			if !allowed(prev, int(gold[i])) {
				gold[i] = uint8(continues[gold[i]]) // a span cut by another: restart it
			}
			prev = int(gold[i])
		}
		data = append(data, ex{toks, gold, quoteFlags(toks), hashTokens(d.Text, toks)})
	}
	upd := func(f uint32, y int, delta float32) {
		k := int(f)*nTags + y
		acc[k] += float64(step-ts[k]) * float64(t.w[k])
		ts[k] = step
		t.w[k] += delta
	}
	dec := &decoder{}
	var pred []uint8
	for ep := 0; ep < epochs; ep++ {
		for _, e := range data {
			dec.hs = e.hs
			if cap(pred) < len(e.toks) {
				pred = make([]uint8, len(e.toks))
			}
			pred = pred[:len(e.toks)]
			a := 0
			for i := range e.toks {
				if !e.hs.end[i] {
					continue
				}
				b := i + 1
				t.viterbi(dec, e.toks, a, b, e.inQ, pred, nil, true)
				pg, pp := tagO, tagO
				for k := a; k < b; k++ {
					g, z := int(e.gold[k]), int(pred[k])
					if !e.toks[k].punct && (g != z || pg != pp) {
						if g != z {
							d := float32(1)
							if g == tagI || z == tagI {
								d = cueInsideCost
							}
							if g == tagB || z == tagB {
								d = cueBeginCost
							}
							for _, f := range dec.feats[k-a] {
								upd(f, g, d)
								upd(f, z, -d)
							}
						}
						upd(t.trans(pg), g, 1)
						upd(t.trans(pp), z, -1)
					}
					pg, pp = g, z
				}
				step++
				a = b
			}
		}
	}
	for k := range t.w {
		acc[k] += float64(step-ts[k]) * float64(t.w[k])
		t.w[k] = float32(acc[k] / float64(step))
	}
	t.quantize()
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
		if math.IsNaN(float64(t.w[i])) || math.IsInf(float64(t.w[i]), 0) {
			return nil, fmt.Errorf("cue tagger: weight %d is not a finite number", i)
		}
	}
	t.quantize()
	return t, nil
}
