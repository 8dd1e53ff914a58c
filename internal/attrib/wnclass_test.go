package attrib

import (
	"bytes"
	"testing"
)

// WordNet lexicographer file numbers used below.
const (
	wnNounCommunication = 10
	wnVerbEmotion       = 37
	wnVerbSocial        = 41
)

func TestWNClassLookup(t *testing.T) {
	for _, c := range []struct {
		word string
		cls  uint8 // coarse class the sentence gives the token
		want uint8 // wnSem
	}{
		{"said", clsVerb, wnVerbCommunication},         // irregular past, from verb.exc
		{"says", clsVerb, wnVerbCommunication},         // regular -s
		{"cherished", clsVerb, wnVerbEmotion},          // regular -ed
		{"believing", clsVerb, wnVerbCognition},        // -ing dropping the e
		{"voted", clsVerb, wnVerbSocial},               // first sense: verb.social
		{"criticism", clsNoun, wnNounCommunication},    // a noun cue
		{"endorsements", clsNoun, wnNounCommunication}, // regular plural
		{"blame", clsNoun, wnNounCommunication},        // noun use of a verb
		{"blame", clsVerb, wnVerbCommunication},        // verb use
		{"zzyzxq", clsVerb, 0},                         // not in WordNet
		{"allowance", clsNoun, 21},                     // a verb form that is also a noun of an unkept class (noun.possession)
	} {
		if got := wnSem(wnClass[c.word], c.cls); got != c.want {
			t.Errorf("wnSem(%q, %d) = %d, want %d", c.word, c.cls, got, c.want)
		}
	}
}

func TestWNClassEmbedded(t *testing.T) {
	m, err := ParseWNClass(wnFile)
	if err != nil {
		t.Fatalf("embedded table: %v", err)
	}
	if len(m) < 40000 || len(wnFile) > 1<<20 {
		t.Errorf("embedded table: %d forms, %d bytes; want >= 40000 forms and < 1 MB", len(m), len(wnFile))
	}
	// The checksum covers the body: one flipped byte is refused.
	b := bytes.Clone(wnFile)
	b[len(b)-3] ^= 1
	if _, err := ParseWNClass(b); err == nil {
		t.Error("corrupt table parsed")
	}
	if _, err := ParseWNClass(frame(WNClassFormat, "", []byte("said\t99\n"))); err == nil {
		t.Error("class out of range parsed")
	}
	if _, err := ParseWNClass(frame("credence-wnclass/0", "", []byte("said\t32\n"))); err == nil {
		t.Error("foreign format parsed")
	}
}

// FuzzParseWNClass checks that the parser never panics, whatever the
// body under a valid header.
func FuzzParseWNClass(f *testing.F) {
	for _, s := range []string{"said\t32\n", "blame\t32 10\nx\t3", "\t\n", "a\t32 33 34 3 4 5\n", "w\t-1\n", "w\t\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := ParseWNClass(frame(WNClassFormat, "fuzz", body))
		if err != nil {
			return
		}
		for w, e := range m {
			for _, c := range append(e.v[:], e.n[:]...) {
				if c != 0 && (c < wnNounFirst || c > wnLast) {
					t.Fatalf("%q: class %d out of range", w, c)
				}
			}
		}
		ParseWNClass(body) // unframed input: an error, not a panic
	})
}
