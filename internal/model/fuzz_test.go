package model

import (
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
)

// FuzzLoadModel: any bytes either load as a model that can predict, or
// give an error wrapping ErrFormat; never a panic.
func FuzzLoadModel(f *testing.F) {
	cfg := smallConfig()
	cfg.Buckets = 64
	cfg.CalibFolds = 0
	m := train(f, synth(20, 1), cfg)
	b, err := m.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte(Magic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, data)
		// Also with a valid checksum, so the fuzzer reaches the parser
		// behind it: the input minus its last 32 bytes, re-summed.
		if len(data) > sha256.Size {
			body := data[:len(data)-sha256.Size]
			sum := sha256.Sum256(body)
			check(t, append(append([]byte(nil), body...), sum[:]...))
		}
	})
}

func check(t *testing.T, data []byte) {
	m, err := Unmarshal(data)
	if err != nil {
		if !errors.Is(err, ErrFormat) {
			t.Fatalf("error %v does not wrap ErrFormat", err)
		}
		return
	}
	p := m.Predict(Input{Title: "A title", Text: "some text said officials"}, true, 5)
	if len(p.Probs) != len(m.Labels()) {
		t.Fatalf("%d probabilities for %d labels", len(p.Probs), len(m.Labels()))
	}
}

// FuzzClean: Clean returns a string made of pieces of its input (never
// longer) and featurizing any text does not panic.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"WASHINGTON (Reuters) - The Senate voted.", "(CNN) -- x", "By A B WASHINGTON (Reuters) - x",
		"((In March 30 item, corrects)) LONDON (AP) — y", "x. Featured image via Getty", "", "\xff\xfe(",
	} {
		f.Add(s)
	}
	fz := featurizer{set: DefaultSettings(), dense: styleNames}
	fz.set.Buckets = 1024
	f.Fuzz(func(t *testing.T, s string) {
		c := Clean(s)
		if len(c) > len(s) {
			t.Fatalf("Clean grew %q to %q", s, c)
		}
		for _, part := range strings.Fields(c) {
			if !strings.Contains(s, part) {
				t.Fatalf("Clean(%q) = %q invents %q", s, c, part)
			}
		}
		var sc scratch
		d, occ := fz.featurize(&sc, s, s, map[string]float64{"x": 1}, true)
		for _, i := range d.idx {
			if i >= fz.set.Buckets {
				t.Fatalf("index %d out of range", i)
			}
		}
		for _, o := range occ {
			if o.idx >= fz.set.Buckets {
				t.Fatalf("occurrence index %d out of range", o.idx)
			}
		}
	})
}
