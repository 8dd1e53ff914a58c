package attrib

import (
	"bytes"
	_ "embed"
	"fmt"
	"log/slog"
)

// The WordNet class table maps a word form to the lexicographer files
// (WordNet's hand-made semantic classes: verb.communication,
// verb.cognition, noun.feeling, ...) of the first two senses of its verb
// and noun lemmas. The role tagger reads them so that a cue verb it never
// saw in train ("cherish", "lambaste") still looks like the verbs of
// saying, thinking or judging it did see. Derived from WordNet 3.0 (see
// wnclass.NOTICE) by internal/wngen; the runtime does not need WordNet.
//
//go:generate sh -c "test -d /usr/share/wordnet || (apt-get update && apt-get install -y wordnet-base)"
//go:generate go run ./internal/wngen -out wnclass.v1 -notice wnclass.NOTICE
//go:embed wnclass.v1
var wnFile []byte

// WNClassFormat is the first line of a WordNet class table.
const WNClassFormat = "credence-wnclass/1"

// WordNet lexicographer file numbers the tagger tells apart: nouns are
// 3-28, verbs 29-43.
const (
	wnNounFirst = 3
	wnVerbFirst = 29
	wnLast      = 43
)

// Lexicographer files the tagger names.
const (
	wnNounPerson        = 18
	wnVerbCognition     = 31
	wnVerbCommunication = 32
)

// wnInfo is a form's classes: up to two verb and two noun lexicographer
// file numbers in sense order, 0 when absent.
type wnInfo struct {
	v, n [2]uint8
}

// wnClass is the embedded table; empty when it failed to load (the
// tagger then has no semantic features).
var wnClass = map[string]wnInfo{}

func loadWNClass() {
	if len(wnFile) == 0 {
		return
	}
	m, err := ParseWNClass(wnFile)
	if err != nil {
		slog.Warn("attrib: embedded WordNet class table unusable", "err", err)
		return
	}
	wnClass = m
}

// ParseWNClass reads a table written by internal/wngen ("form TAB
// classes", classes space-separated lexicographer file numbers), checking
// format and checksum; foreign or corrupt input is an error, never a
// panic.
func ParseWNClass(b []byte) (map[string]wnInfo, error) {
	_, body, err := unframe("wordnet classes", WNClassFormat, b)
	if err != nil {
		return nil, err
	}
	m := make(map[string]wnInfo, bytes.Count(body, []byte{'\n'})+1)
	for n := 1; len(body) > 0; n++ {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		w, cls, ok := bytes.Cut(line, []byte{'\t'})
		if !ok || len(w) == 0 || len(cls) == 0 {
			return nil, fmt.Errorf("wordnet classes: line %d: want form TAB classes", n)
		}
		// Classes are parsed in place: this runs at start-up on 61,000
		// lines, and only the form needs a string of its own.
		var e wnInfo
		nv, nn := 0, 0
		for len(cls) > 0 {
			f := cls
			if i := bytes.IndexByte(cls, ' '); i >= 0 {
				f, cls = cls[:i], cls[i+1:]
			} else {
				cls = nil
			}
			c, ok := smallInt(f)
			if !ok || c < wnNounFirst || c > wnLast {
				return nil, fmt.Errorf("wordnet classes: line %d: bad class %q", n, f)
			}
			switch {
			case c >= wnVerbFirst && nv < 2:
				e.v[nv] = uint8(c)
				nv++
			case c < wnVerbFirst && nn < 2:
				e.n[nn] = uint8(c)
				nn++
			}
		}
		m[string(w)] = e
	}
	return m, nil
}

// smallInt reads one or two decimal digits.
func smallInt(f []byte) (int, bool) {
	if len(f) == 0 || len(f) > 2 {
		return 0, false
	}
	x := 0
	for _, c := range f {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int(c-'0')
	}
	return x, true
}

// wnSem is the one class the tagger gives token t: its verb class when
// it is used as a verb (cls from the part-of-speech dictionary), its noun
// class when a noun, else whichever it has, verb first.
func wnSem(e wnInfo, cls uint8) uint8 {
	switch {
	case cls == clsVerb && e.v[0] != 0:
		return e.v[0]
	case cls == clsNoun && e.n[0] != 0:
		return e.n[0]
	case e.v[0] != 0:
		return e.v[0]
	}
	return e.n[0]
}
