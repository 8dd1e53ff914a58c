package attrib

import "testing"

func TestPosDictRoundTrip(t *testing.T) {
	p := NewPosCounterDict()
	if got := p.Classes["support"]; got != "NN|VB" {
		t.Errorf("support = %q, want NN|VB (ambiguous, ties by name)", got)
	}
	if got := p.Classes["said"]; got != "VBD" {
		t.Errorf("said = %q, want VBD", got)
	}
	b := p.Marshal()
	q, err := ParsePosDict(b)
	if err != nil {
		t.Fatal(err)
	}
	if string(q.Marshal()) != string(b) {
		t.Error("marshal is not stable")
	}
	b[len(b)-2] ^= 1
	if _, err := ParsePosDict(b); err == nil {
		t.Error("corrupt dictionary parsed")
	}
	if _, err := ParsePosDict(posFile); err != nil {
		t.Errorf("embedded dictionary: %v", err)
	}
	if _, err := ParseTagger(taggerFile); err != nil {
		t.Errorf("embedded tagger: %v", err)
	}
}
