package attrib

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
)

// The cue lexicon learned from PolNeAR train by `credence train attrib`
// (see docs/ATTRIBUTION.md): for each word, how often it occurs and how
// often annotators marked it as (part of) an attribution cue, and the
// same for verb + particle pairs ("called for", "pointed to"). It
// extends the hand-written lexicon with the long tail of cue verbs.
//
//go:embed cues.v1
var cuesFile []byte

// CueFormat is the first line of a cue lexicon file.
const CueFormat = "credence-cues/1"

// CueModel is a learned cue lexicon.
type CueModel struct {
	Words map[string]CueStat
	Pairs map[string]CueStat // "called for"
	Note  string
}

// CueStat counts occurrences and cue occurrences of a word or pair.
type CueStat struct{ Occ, Cue int }

// Rate is the share of occurrences marked as cue.
func (s CueStat) Rate() float64 {
	if s.Occ == 0 {
		return 0
	}
	return float64(s.Cue) / float64(s.Occ)
}

// Settings for using the learned lexicon, chosen on PolNeAR dev.
const (
	learnedMinRate = 0.5
	learnedMinCue  = 4
	pairMinRate    = 0.5
	pairMinCue     = 4
)

// learned holds the words and pairs of the embedded model that pass the
// settings above; empty when the model failed to load.
var learned = struct {
	words map[string]bool
	pairs map[string]bool
	// rate is the share of a word's occurrences inside a gold cue, for
	// words seen at least learnedMinOcc times and marked at least once.
	rate map[string]float64
}{map[string]bool{}, map[string]bool{}, map[string]float64{}}

// learnedMinOcc is the fewest occurrences for a word's cue rate to count
// (5, 10, 20, 40 tried on 4-fold cross-validation over PolNeAR train:
// 5 did best).
const learnedMinOcc = 5

// embeddedCues is the parsed embedded lexicon (nil when unusable).
var embeddedCues *CueModel

func loadCueModel() {
	m, err := ParseCueModel(cuesFile)
	if err != nil {
		slog.Warn("attrib: embedded cue lexicon unusable; using the hand-written lexicon only", "err", err)
		return
	}
	embeddedCues = m
	useCueModel(m)
}

// EmbeddedCueModel returns the lexicon built into the binary, or an
// empty one when it failed to load.
func EmbeddedCueModel() *CueModel {
	loadModels()
	if embeddedCues == nil {
		return &CueModel{}
	}
	return embeddedCues
}

// UseCueModel replaces the learned lexicon the extractor and the tagger's
// features use (by default the embedded one). train-attrib calls it with
// the lexicon it has just learned, so that one run writes a lexicon and
// a tagger trained with it. Not safe to call while Annotate runs.
func UseCueModel(m *CueModel) {
	loadModels()
	useCueModel(m)
}

func useCueModel(m *CueModel) {
	learned.words, learned.pairs, learned.rate = map[string]bool{}, map[string]bool{}, map[string]float64{}
	for w, s := range m.Words {
		if s.Occ >= learnedMinOcc && s.Cue > 0 { // the model file keeps only words that were cues
			learned.rate[w] = s.Rate()
		}
		if s.Cue >= learnedMinCue && s.Rate() >= learnedMinRate && !cuePre[w] && !clauseStop[w] && !strings.HasSuffix(w, "ly") {
			learned.words[w] = true
		}
	}
	for p, s := range m.Pairs {
		if s.Cue >= pairMinCue && s.Rate() >= pairMinRate {
			learned.pairs[p] = true
		}
	}
}

// CueDoc is one training document: its text and the byte spans of its
// gold cues (one annotator).
type CueDoc struct {
	Text                    string
	Cues, Sources, Contents [][2]int
}

// particles may follow a cue verb and belong to the cue.
var particles = setOf("for", "to", "about", "of", "on", "with", "against", "at", "into", "over", "out", "up",
	"down", "back", "in", "from", "off")

// TrainCues counts, over docs, every lower-case word and verb+particle
// pair and how often it lies inside a gold cue. The result is
// deterministic for the same documents in the same order.
func TrainCues(docs []CueDoc) *CueModel {
	loadModels()
	m := &CueModel{Words: map[string]CueStat{}, Pairs: map[string]CueStat{}}
	var toks []tok
	cues := 0
	for _, d := range docs {
		toks = tokenize(toks[:0], d.Text, 0, len(d.Text))
		inCue := make([]int, len(toks)) // index+1 of the cue holding the token, 0 if none
		sort.Slice(d.Cues, func(i, j int) bool { return d.Cues[i][0] < d.Cues[j][0] })
		cues += len(d.Cues)
		for ci, c := range d.Cues {
			i := sort.Search(len(toks), func(i int) bool { return toks[i].e > c[0] })
			for ; i < len(toks) && toks[i].s < c[1]; i++ {
				inCue[i] = ci + 1
			}
		}
		for i, t := range toks {
			if t.punct || t.cap || t.num {
				continue
			}
			s := m.Words[t.lw]
			s.Occ++
			if inCue[i] > 0 {
				s.Cue++
			}
			m.Words[t.lw] = s
			if i+1 < len(toks) && particles[toks[i+1].lw] {
				k := t.lw + " " + toks[i+1].lw
				p := m.Pairs[k]
				p.Occ++
				if inCue[i] > 0 && inCue[i+1] == inCue[i] {
					p.Cue++
				}
				m.Pairs[k] = p
			}
		}
	}
	m.Note = fmt.Sprintf("%d documents, %d gold cues", len(docs), cues)
	return m
}

// Marshal writes the model in the versioned text format: a header with
// the format, a note and the SHA-256 of the body, then one line per word
// or pair that was ever a cue.
func (m *CueModel) Marshal() []byte {
	var body bytes.Buffer
	keys := make([]string, 0, len(m.Words))
	for w, s := range m.Words {
		if s.Cue > 0 {
			keys = append(keys, w)
		}
	}
	sort.Strings(keys)
	for _, w := range keys {
		s := m.Words[w]
		fmt.Fprintf(&body, "w\t%s\t%d\t%d\n", w, s.Occ, s.Cue)
	}
	keys = keys[:0]
	for p, s := range m.Pairs {
		if s.Cue > 0 {
			keys = append(keys, p)
		}
	}
	sort.Strings(keys)
	for _, p := range keys {
		s := m.Pairs[p]
		fmt.Fprintf(&body, "p\t%s\t%d\t%d\n", p, s.Occ, s.Cue)
	}
	return frame(CueFormat, m.Note, body.Bytes())
}

// ParseCueModel reads a model written by Marshal, checking its format and
// checksum. It returns an error, never panics, on foreign or corrupt
// input.
func ParseCueModel(b []byte) (*CueModel, error) {
	note, body, err := unframe("cue model", CueFormat, b)
	if err != nil {
		return nil, err
	}
	m := &CueModel{Note: note, Words: map[string]CueStat{}, Pairs: map[string]CueStat{}}
	sc := bufio.NewScanner(bytes.NewReader(body))
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("cue model: line %d: want 4 fields", n)
		}
		occ, err1 := strconv.Atoi(f[2])
		cue, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil || occ < cue || cue < 0 {
			return nil, fmt.Errorf("cue model: line %d: bad counts", n)
		}
		switch f[0] {
		case "w":
			m.Words[f[1]] = CueStat{occ, cue}
		case "p":
			m.Pairs[f[1]] = CueStat{occ, cue}
		default:
			return nil, fmt.Errorf("cue model: line %d: unknown kind %q", n, f[0])
		}
	}
	return m, sc.Err()
}
