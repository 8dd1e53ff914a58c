package attrib

import (
	_ "embed"
	"log/slog"
	"strings"
)

// The name lexicon types capitalised runs that the rules would call a
// person by default: names Stanford CoreNLP's entity recogniser typed
// consistently in the silver annotations of PolNeAR train ("San
// Bernardino" a place, "Planned Parenthood" an organization), counted by
// `credence train-attrib --names-out`. Keywords, titles and last words
// still decide first; the lexicon only replaces the fallback.
//
//go:embed names.v1
var namesFile []byte

// NamesFormat is the first line of a name lexicon file.
const NamesFormat = "credence-names/1"

// NameLexicon maps a lower-case name to person, organization or place.
type NameLexicon struct {
	Types map[string]string
	Note  string
}

// learnedNames is the lexicon in use, embeddedNames the one built in;
// empty when it failed to load.
var learnedNames, embeddedNames = map[string]string{}, map[string]string{}

func loadNames() {
	l, err := ParseNameLexicon(namesFile)
	if err != nil {
		slog.Warn("attrib: embedded name lexicon unusable", "err", err)
		return
	}
	learnedNames, embeddedNames = l.Types, l.Types
}

// UseNameLexicon replaces the name lexicon entity typing reads (by
// default the embedded one). train-attrib calls it with the lexicon it
// has just counted, so that the reranker it trains sees the same source
// types as the binary built with that lexicon. Not safe to call while
// Annotate runs.
func UseNameLexicon(l *NameLexicon) {
	loadModels()
	learnedNames = l.Types
}

// EmbeddedNameLexicon returns the lexicon built into the binary (empty
// when it failed to load).
func EmbeddedNameLexicon() *NameLexicon {
	loadModels()
	return &NameLexicon{Types: embeddedNames}
}

// NameCounter counts the entity types a name was given.
type NameCounter struct {
	n map[string]map[string]int
}

// NewNameCounter returns an empty counter.
func NewNameCounter() *NameCounter { return &NameCounter{n: map[string]map[string]int{}} }

// Add counts one mention of name typed typ (person, organization,
// place, or another tag, which counts against the others).
func (c *NameCounter) Add(name, typ string) {
	w := strings.ToLower(strings.Join(strings.Fields(name), " "))
	m := c.n[w]
	if m == nil {
		m = map[string]int{}
		c.n[w] = m
	}
	m[typ]++
}

// Lexicon keeps the names seen at least minCount times whose most
// frequent type is person, organization or place with at least three
// quarters of their mentions.
func (c *NameCounter) Lexicon(minCount int, note string) *NameLexicon {
	l := &NameLexicon{Types: map[string]string{}, Note: note}
	for w, m := range c.n {
		total, best, bt := 0, 0, ""
		for t, k := range m {
			total += k
			if k > best || k == best && t < bt {
				best, bt = k, t
			}
		}
		if total >= minCount && 4*best >= 3*total && (bt == "person" || bt == "organization" || bt == "place") {
			l.Types[w] = bt
		}
	}
	return l
}

// Marshal writes the lexicon: format, note and SHA-256 of the body, then
// one "name TAB type" line per name, sorted.
func (l *NameLexicon) Marshal() []byte { return marshalTable(NamesFormat, l.Note, l.Types) }

// ParseNameLexicon reads a lexicon written by Marshal, checking format
// and checksum; foreign or corrupt input is an error, never a panic.
func ParseNameLexicon(b []byte) (*NameLexicon, error) {
	note, m, err := parseTable("name lexicon", NamesFormat, b, func(k, v string) (bool, string) {
		return k != "" && (v == "person" || v == "organization" || v == "place"), "name TAB person|organization|place"
	})
	if err != nil {
		return nil, err
	}
	return &NameLexicon{Types: m, Note: note}, nil
}
