package attrib

import (
	_ "embed"
	"log/slog"
	"sort"
	"strings"
)

// The part-of-speech dictionary maps a lower-case word to its usual
// Penn Treebank tag, or to its two usual tags when it is ambiguous
// ("support" NN|VB), as counted over the silver CoreNLP parses of PolNeAR
// train by `credence train-attrib`. It gives the role tagger word-class
// features (a verb it has never seen as a cue is still a verb) without
// running a tagger: one lookup per token.
//
//go:embed posdict.v1
var posFile []byte

// PosDictFormat is the first line of a part-of-speech dictionary file.
const PosDictFormat = "credence-posdict/1"

// PosDict is a word -> tag class dictionary.
type PosDict struct {
	Classes map[string]string
	Note    string
}

// posClass holds the embedded dictionary's classes hashed, with the
// WordNet classes (wnClass) of its words, so that most tokens need one
// lookup.
var posClass = map[string]posInfo{}

// posWords counts the words of posClass that the dictionary lists; 0
// when it failed to load (the tagger then sees only shape classes).
var posWords int

func loadPosDict() {
	if len(posFile) == 0 {
		return
	}
	p, err := ParsePosDict(posFile)
	if err != nil {
		slog.Warn("attrib: embedded part-of-speech dictionary unusable", "err", err)
		return
	}
	embeddedPos = p
	usePosDict(p)
}

// embeddedPos is the parsed embedded dictionary (nil when unusable).
var embeddedPos *PosDict

// EmbeddedPosDict returns the dictionary built into the binary, or an
// empty one when it failed to load.
func EmbeddedPosDict() *PosDict {
	loadModels()
	if embeddedPos == nil {
		return &PosDict{Classes: map[string]string{}}
	}
	return embeddedPos
}

// UsePosDict replaces the dictionary the tagger's features read.
// train-attrib calls it with the dictionary it has just counted. Not
// safe to call while Annotate runs.
func UsePosDict(p *PosDict) {
	loadModels()
	usePosDict(p)
}

func usePosDict(p *PosDict) {
	posTags = p.Classes
	buildLex()
}

// buildLex fills posClass from posTags and wnClass. Words only WordNet
// lists stay out (posOf looks them up in wnClass after a miss): copying
// its 61,000 forms tripled the package's start-up time, and splitting
// the maps made no measurable difference to analysis speed.
func buildLex() {
	posClass = make(map[string]posInfo, len(posTags))
	for w, c := range posTags {
		posClass[w] = posInfo{h: fnv("pos", c), cls: coarseOf(c), known: true, wn: wnClass[w]}
	}
	posWords = len(posTags)
}

// posTags is the dictionary itself, for rules that ask for a word's
// usual tag.
var posTags = map[string]string{}

// Hashed classes of words missing from the dictionary, by shape.
var (
	posUnkCap = fnv("pos?", "cap")
	posUnkNum = fnv("pos?", "num")
	posUnkIng = fnv("pos?", "ing")
	posUnkEd  = fnv("pos?", "ed")
	posUnkS   = fnv("pos?", "s")
	posUnkLy  = fnv("pos?", "ly")
	posUnk    = fnv("pos?", "")
	posPunct  = fnv("pos?", "punct")
	posWNVerb = fnv("pos?", "wn-verb")
	posWNNoun = fnv("pos?", "wn-noun")
)

// posOf returns the hashed word class of t, its coarse class and its
// entry, with its WordNet classes (one lookup for the dictionary's words,
// a second for the rest: this runs on every token).
func posOf(t tok) (uint32, uint8, posInfo) {
	e, ok := posClass[t.lw]
	if !ok && !t.punct {
		e.wn = wnClass[t.lw]
	}
	cls := coarseClass(t, e.cls, e.known)
	if e.known {
		return e.h, cls, e
	}
	return posUnknown(t), cls, e
}

// posUnknown is the hashed class of a word the dictionary lacks: its
// shape or suffix.
func posUnknown(t tok) uint32 {
	switch {
	case t.punct:
		return posPunct
	case t.num:
		return posUnkNum
	case t.cap:
		return posUnkCap
	case strings.HasSuffix(t.lw, "ing"):
		return posUnkIng
	case strings.HasSuffix(t.lw, "ed"):
		return posUnkEd
	case strings.HasSuffix(t.lw, "ly"):
		return posUnkLy
	case strings.HasSuffix(t.lw, "s"):
		return posUnkS
	}
	return posUnk
}

// PosCounter counts the tags each word form was given.
type PosCounter struct {
	n map[string]map[string]int
}

// NewPosCounter returns an empty counter.
func NewPosCounter() *PosCounter { return &PosCounter{n: map[string]map[string]int{}} }

// Add counts one occurrence of form with tag (folded to lower case as
// the tagger's tokens are).
func (c *PosCounter) Add(form, tag string) {
	w := lower(form)
	m := c.n[w]
	if m == nil {
		m = map[string]int{}
		c.n[w] = m
	}
	m[tag]++
}

// Dict keeps the words seen at least minCount times: each gets its most
// frequent tag, or its two most frequent joined by "|" when the first
// has less than three quarters of the occurrences. Ties break by tag
// name, so the result is deterministic.
func (c *PosCounter) Dict(minCount int, note string) *PosDict {
	p := &PosDict{Classes: map[string]string{}, Note: note}
	for w, m := range c.n {
		total := 0
		tags := make([]string, 0, len(m))
		for t, k := range m {
			total += k
			tags = append(tags, t)
		}
		if total < minCount {
			continue
		}
		sort.Slice(tags, func(i, j int) bool {
			if m[tags[i]] != m[tags[j]] {
				return m[tags[i]] > m[tags[j]]
			}
			return tags[i] < tags[j]
		})
		cl := tags[0]
		if 4*m[tags[0]] < 3*total && len(tags) > 1 {
			cl += "|" + tags[1]
		}
		p.Classes[w] = cl
	}
	return p
}

// Marshal writes the dictionary: format, note and SHA-256 of the body,
// then one "word TAB class" line per word, sorted.
func (p *PosDict) Marshal() []byte { return marshalTable(PosDictFormat, p.Note, p.Classes) }

// ParsePosDict reads a dictionary written by Marshal, checking format
// and checksum; foreign or corrupt input is an error, never a panic.
func ParsePosDict(b []byte) (*PosDict, error) {
	note, m, err := parseTable("pos dictionary", PosDictFormat, b, func(k, v string) (bool, string) {
		return k != "" && v != "", "word TAB class"
	})
	if err != nil {
		return nil, err
	}
	return &PosDict{Note: note, Classes: m}, nil
}
