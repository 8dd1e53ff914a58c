package model

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/text"
)

// Settings are the feature settings a model was trained with; they are
// stored in the model file so scoring makes the same features.
type Settings struct {
	// Buckets is the size of the hashed feature space.
	Buckets uint32 `json:"buckets"`
	// Bigrams adds word bigrams to unigrams.
	Bigrams bool `json:"bigrams"`
	// Title hashes title words into their own namespace.
	Title bool `json:"title"`
	// MinCount drops hashed features seen in fewer training documents.
	MinCount int `json:"min_count"`
	// Clean strips outlet tells (datelines, credits) before features.
	Clean bool `json:"clean"`
}

// DefaultSettings are the feature settings `credence train` uses.
func DefaultSettings() Settings {
	return Settings{Buckets: 1 << 20, Bigrams: true, Title: true, MinCount: 2, Clean: true}
}

// styleNames are the dense style features every model has, in order.
// They measure how an article is written, not who wrote it.
var styleNames = []string{
	"style:title_caps",        // share of upper-case letters in the title
	"style:text_caps_words",   // share of all-caps words in the text
	"style:exclamations",      // log1p(exclamation marks per 100 words)
	"style:title_question",    // the title asks a question
	"style:title_exclaim",     // the title exclaims
	"style:words",             // log1p(words)/8
	"style:quote_marks",       // log1p(quotation marks per 100 words)
	"style:first_second_pron", // log1p(I/we/you per 100 words)
}

const signalPrefix = "signal:"

// doc is one article's features: sorted unique hashed indices (each with
// value scale = 1/sqrt(len)) and the dense values in the model's order.
type doc struct {
	idx   []uint32
	scale float32
	dense []float32
}

// featurizer turns an article into a doc.
type featurizer struct {
	set   Settings
	dense []string // dense feature names (styles then signals)
}

// occurrence names the words behind a hashed index, for explanations.
type occurrence struct {
	idx  uint32
	name string
}

const (
	seedBody   = 0x9e3779b97f4a7c15
	seedTitle  = 0xc2b2ae3d27d4eb4f
	seedBigram = 0x165667b19e3779f9
)

func mix(h uint64) uint64 { // splitmix64 finalizer
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// term is one normalized token: its hash and (when asked for) its text.
type term struct {
	h    uint64
	text string
	brk  bool // breaks bigrams (punctuation that is not a term)
}

// terms appends the normalized terms of s. Words are lower-cased and cut
// at an apostrophe ("Trump's" -> "trump", "doesn't" and ISOT's "doesn t"
// -> "doesn"); numbers, URLs, e-mail addresses and handles collapse to
// one term each; "!" and "?" are terms; other punctuation breaks bigrams.
func terms(dst []term, toks []text.Token, s string, names bool) []term {
	for _, t := range toks {
		if t.Start < 0 || t.End > len(s) || t.Start >= t.End {
			continue
		}
		w := s[t.Start:t.End]
		switch t.Kind {
		case text.Number:
			dst = append(dst, fixedTerm("<num>", names))
		case text.URL:
			dst = append(dst, fixedTerm("<url>", names))
		case text.Email:
			dst = append(dst, fixedTerm("<email>", names))
		case text.Handle:
			dst = append(dst, fixedTerm("<handle>", names))
		case text.Punct:
			if w == "!" || w == "?" {
				dst = append(dst, fixedTerm(w, names))
			} else if w != "'" && w != "’" {
				dst = append(dst, term{brk: true})
			}
		default: // Word, Hashtag
			h, n, lower := hashWord(w, names)
			if n == 0 || (n == 1 && (lower == "s" || lower == "t" || lower == "S" || lower == "T")) || isTell(w) {
				continue
			}
			dst = append(dst, term{h: h, text: lower})
		}
	}
	return dst
}

// isTell reports whether w is one of tellList (case-insensitive).
func isTell(w string) bool {
	switch len(w) {
	case 5, 6, 7, 9: // getty, 21wire, reuters, 21wire.tv
		for _, t := range tellList {
			if len(w) == len(t) && strings.EqualFold(w, t) {
				return true
			}
		}
	}
	return false
}

func fixedTerm(w string, names bool) term {
	h, _, _ := hashWord(w, false)
	t := term{h: h}
	if names {
		t.text = w
	}
	return t
}

// hashWord hashes the lower-cased w up to its first apostrophe (FNV-1a),
// returning the hash, the rune count and, when names is set, the text.
func hashWord(w string, names bool) (uint64, int, string) {
	h := uint64(14695981039346656037)
	n := 0
	var buf [utf8.UTFMax]byte
	end := len(w)
	for i, r := range w {
		if r == '\'' || r == '’' {
			end = i
			break
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			h ^= uint64(r)
			h *= 1099511628211
		} else {
			k := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:k] {
				h ^= uint64(b)
				h *= 1099511628211
			}
		}
		n++
	}
	// The text is the raw word up to the apostrophe; occurrences
	// lower-case it only for the few indices a model keeps.
	return h, n, w[:end]
}

// scratch is reusable memory for featurizing one article.
type scratch struct {
	// keep, when set, limits the occurrences recorded to the indices a
	// model has (names are made only for those).
	keep  func(uint32) bool
	toks  []text.Token
	terms []term
	idx   []uint32
	occ   []occurrence
}

// emit adds the unigram (and bigram) indices of ts to sc.idx.
func (f *featurizer) emit(sc *scratch, ts []term, seed uint64, prefix string, names bool) {
	B := uint64(f.set.Buckets)
	bucket := func(h uint64) uint32 {
		if B&(B-1) == 0 { // a power of two: no division
			return uint32(mix(h) & (B - 1))
		}
		return uint32(mix(h) % B)
	}
	prev := -1
	for j, t := range ts {
		if t.brk {
			prev = -1
			continue
		}
		i := bucket(t.h ^ seed)
		sc.idx = append(sc.idx, i)
		if names && (sc.keep == nil || sc.keep(i)) {
			sc.occ = append(sc.occ, occurrence{i, prefix + strings.ToLower(t.text)})
		}
		if f.set.Bigrams && prev >= 0 {
			p := ts[prev]
			i := bucket((p.h * seedBigram) ^ t.h ^ seed ^ seedBigram)
			sc.idx = append(sc.idx, i)
			if names && (sc.keep == nil || sc.keep(i)) {
				sc.occ = append(sc.occ, occurrence{i, prefix + strings.ToLower(p.text+" "+t.text)})
			}
		}
		prev = j
	}
}

// featurize makes the doc of one article (sorted unique indices). With
// names set it also returns which words made each index.
func (f *featurizer) featurize(sc *scratch, title, body string, signals map[string]float64, names bool) (doc, []occurrence) {
	dense, nRaw := f.raw(sc, title, body, signals, names)
	slices.Sort(sc.idx)
	u := slices.Compact(sc.idx)
	return doc{idx: slices.Clone(u), scale: scaleFor(nRaw), dense: dense}, sc.occ
}

// scaleFor is the value of each hashed feature of a document that made
// n of them (with repeats): 1/sqrt(n), so long and short articles weigh
// alike.
func scaleFor(n int) float32 {
	if n == 0 {
		return 0
	}
	return float32(1 / math.Sqrt(float64(n)))
}

// raw fills sc.idx with the hashed indices of the article in text order,
// repeats included (and sc.occ with their words when names is set), and
// returns the dense features and the number of indices.
func (f *featurizer) raw(sc *scratch, title, body string, signals map[string]float64, names bool) ([]float32, int) {
	if f.set.Clean {
		body = Clean(body)
		title = Clean(title)
	}
	sc.idx = sc.idx[:0]
	sc.occ = sc.occ[:0]
	sc.toks = text.AppendTokens(sc.toks[:0], body)
	sc.terms = terms(sc.terms[:0], sc.toks, body, names)
	f.emit(sc, sc.terms, seedBody, "", names)
	st := style(title, body, sc.toks)
	if title != "" {
		sc.toks = text.AppendTokens(sc.toks[:0], title)
		sc.terms = terms(sc.terms[:0], sc.toks, title, names)
		if f.set.Title {
			f.emit(sc, sc.terms, seedTitle, "title:", names)
		} else {
			f.emit(sc, sc.terms, seedBody, "", names)
		}
	}
	dense := make([]float32, len(f.dense))
	for j, name := range f.dense {
		if j < len(styleNames) && name == styleNames[j] {
			dense[j] = st[j]
			continue
		}
		if key, ok := strings.CutPrefix(name, signalPrefix); ok {
			dense[j] = scaleSignal(signals[key])
		}
	}
	return dense, len(sc.idx)
}

// scaleSignal maps a signal (a count, rate or share) to a small
// non-negative number: log1p, clipped at 5. NaN and negatives are 0.
func scaleSignal(v float64) float32 {
	if !(v > 0) {
		return 0
	}
	return float32(min(5, math.Log1p(v)))
}

// style computes the style features in styleNames order.
func style(title, body string, toks []text.Token) []float32 {
	out := make([]float32, len(styleNames))
	upper, letters := 0, 0
	for _, r := range title {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters > 0 {
		out[0] = float32(upper) / float32(letters)
	}
	words, caps, excl, quotes, pron := 0, 0, 0, 0, 0
	for _, t := range toks {
		if t.Start < 0 || t.End > len(body) || t.Start >= t.End {
			continue
		}
		w := body[t.Start:t.End]
		switch t.Kind {
		case text.Punct:
			switch w {
			case "!":
				excl++
			case "\"", "“", "”":
				quotes++
			}
		case text.Word:
			words++
			if len(w) >= 2 && (w[0] >= utf8.RuneSelf || (w[0] >= 'A' && w[0] <= 'Z')) && isAllCaps(w) {
				caps++
			}
			if c := w[0] | 0x20; len(w) <= 4 && (c == 'i' || c == 'w' || c == 'y' || c == 'm' || c == 'u' || c == 'o') {
				for _, p := range pronouns {
					if strings.EqualFold(w, p) {
						pron++
						break
					}
				}
			}
		}
	}
	if words > 0 {
		out[1] = float32(caps) / float32(words)
		per100 := 100 / float64(words)
		out[2] = float32(math.Log1p(float64(excl) * per100))
		out[6] = float32(math.Log1p(float64(quotes) * per100))
		out[7] = float32(math.Log1p(float64(pron) * per100))
	}
	if strings.Contains(title, "?") {
		out[3] = 1
	}
	if strings.Contains(title, "!") {
		out[4] = 1
	}
	out[5] = float32(math.Log1p(float64(words)) / 8)
	return out
}

var pronouns = []string{"i", "we", "you", "me", "us", "our", "your", "my"}

func isAllCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// denseNames lists the dense features for a training set: the style
// features, then one per signal key seen in any example, sorted.
func denseNames(signals []map[string]float64) []string {
	seen := map[string]bool{}
	for _, s := range signals {
		for k := range s {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := slices.Clone(styleNames)
	for _, k := range keys {
		out = append(out, signalPrefix+k)
	}
	return out
}
