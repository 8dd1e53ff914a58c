package attrib

import (
	"bytes"
	"testing"
)

func TestNameLexicon(t *testing.T) {
	c := NewNameCounter()
	for range 3 {
		c.Add("San  Bernardino", "place")
		c.Add("Acme", "organization")
	}
	c.Add("Acme", "misc") // 3 of 4: kept
	for range 2 {
		c.Add("Jo Lee", "person") // too rare
	}
	for range 2 {
		c.Add("Trump", "person")
		c.Add("Trump", "organization") // no type has three quarters
	}
	l := c.Lexicon(3, "test")
	want := map[string]string{"san bernardino": "place", "acme": "organization"}
	if len(l.Types) != len(want) {
		t.Fatalf("lexicon %v, want %v", l.Types, want)
	}
	for k, v := range want {
		if l.Types[k] != v {
			t.Errorf("%q: %q, want %q", k, l.Types[k], v)
		}
	}
	b := l.Marshal()
	if !bytes.Equal(b, c.Lexicon(3, "test").Marshal()) {
		t.Error("Marshal is not deterministic")
	}
	back, err := ParseNameLexicon(b)
	if err != nil || len(back.Types) != 2 || back.Types["acme"] != "organization" || back.Note != "test" {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	for _, bad := range [][]byte{
		frame("credence-names/0", "", []byte("acme\torganization\n")),
		frame(NamesFormat, "", []byte("acme\tthing\n")),
		frame(NamesFormat, "", []byte("acme\n")),
		append(b, 'x'),
	} {
		if _, err := ParseNameLexicon(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzParseNameLexicon: any input is a lexicon or an error, never a panic.
func FuzzParseNameLexicon(f *testing.F) {
	f.Add(namesFile)
	f.Add(frame(NamesFormat, "n", []byte("acme\torganization\n")))
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseNameLexicon(b)
		if err == nil && l == nil {
			t.Fatal("nil lexicon without an error")
		}
	})
}
