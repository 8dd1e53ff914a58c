package attrib

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQuantisedTaggerAgrees checks that decoding from the int8 copy of
// the weights gives the tags the float32 weights give.
func TestQuantisedTaggerAgrees(t *testing.T) {
	if cueTagger == nil {
		t.Skip("no embedded tagger")
	}
	text := strings.Repeat("The council delayed its vote on Tuesday. “We need another week,” Mayor Ana Ortiz said. "+
		"Council member Tom Hale has been critical of the plan and told reporters that the delay was a mistake. "+
		"Two officials familiar with the talks said the mayor might veto it, according to a city memo. "+
		"Residents are demanding a new hearing, and critics accused the council of hiding the costs.\n\n", 3)
	toks := tokenize(nil, text, 0, len(text))
	q, _ := cueTagger.tag(text, toks)
	float := *cueTagger
	float.q = nil
	f, _ := float.tag(text, toks)
	diff := 0
	for i := range q {
		if q[i] != f[i] {
			diff++
		}
	}
	if diff*100 > len(q) {
		t.Errorf("int8 and float32 decoding disagree on %d of %d tokens", diff, len(q))
	}
}

// TestQuantisedTaggerAgreesOnDev compares int8 and float32 decoding over
// PolNeAR dev: rounding (not truncation) keeps them within 1% of tags.
func TestQuantisedTaggerAgreesOnDev(t *testing.T) {
	if cueTagger == nil {
		t.Skip("no embedded tagger")
	}
	files, _ := filepath.Glob("../../../shared/data/polnear/dev/text/*.txt")
	if len(files) == 0 {
		t.Skip("../shared/data/polnear/dev absent; skipping")
	}
	float := *cueTagger
	float.q = nil
	diff, n := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		toks := tokenize(nil, text, 0, len(text))
		q, _ := cueTagger.tag(text, toks)
		fl, _ := float.tag(text, toks)
		for i := range q {
			if q[i] != fl[i] {
				diff++
			}
		}
		n += len(q)
	}
	if diff*100 > n {
		t.Errorf("int8 and float32 decoding disagree on %d of %d tokens", diff, n)
	}
	t.Logf("int8 and float32 decoding disagree on %d of %d tokens", diff, n)
}

// TestEmitQ checks the four-lane sums against one add per tag, also past
// the features a lane holds.
func TestEmitQ(t *testing.T) {
	if cueTagger == nil {
		t.Skip("no embedded tagger")
	}
	for _, n := range []int{0, 1, 60, maxLaneFeatures, maxLaneFeatures + 1, 400} {
		fs := make([]uint32, n)
		for k := range fs {
			fs[k] = uint32(k*7919+n) % uint32(len(cueTagger.q))
		}
		var got, want [nTags]float32
		cueTagger.emitQ(fs, &got)
		for _, f := range fs {
			r := cueTagger.row(f)
			for y := range nTags {
				want[y] += r[y]
			}
		}
		for y := range nTags {
			if d := got[y] - want[y]; d > 1e-2 || d < -1e-2 {
				t.Errorf("%d features, tag %d: %v, want %v", n, y, got[y], want[y])
			}
		}
	}
	// The worst case for a lane: every feature a bucket whose weights all
	// saturate at +127 (biased byte 255).
	sat := &Tagger{bits: cueTagger.bits, scale: cueTagger.scale, q: []uint64{^uint64(0)}}
	for _, n := range []int{maxLaneFeatures, maxLaneFeatures + 1} {
		var got [nTags]float32
		sat.emitQ(make([]uint32, n), &got)
		want := float32(127*n) * sat.scale
		for y := range nTags {
			if d := got[y] - want; d > 1e-2*want || d < -1e-2*want {
				t.Errorf("%d saturated features, tag %d: %v, want %v", n, y, got[y], want)
			}
		}
	}
}

// TestDropNestedTagged: a tagger-only cue inside the content of a rule
// attribution goes; inside a tagger-only attribution's content it stays.
func TestDropNestedTagged(t *testing.T) {
	text := "Jo Lee is demanding that Bob Ray has been critical of the plan."
	d := &doc{text: text, toks: tokenize(nil, text, 0, len(text))}
	at := func(w string) int {
		for k, tk := range d.toks {
			if text[tk.s:tk.e] == w {
				return k
			}
		}
		t.Fatalf("no token %q", w)
		return 0
	}
	dem, has := at("demanding"), at("has")
	content := strings.Index(text, "that")
	child := cand{cue: span{has, has + 4}, cs: strings.Index(text, "the plan"), ce: len(text) - 1, conf: taggedConf}
	for _, c := range []struct {
		parentConf float64
		want       int
	}{{0.7, 1}, {taggedConf, 2}} {
		parent := cand{cue: span{dem - 1, dem + 1}, cs: content, ce: len(text) - 1, conf: c.parentConf}
		if got := len(d.dropNestedTagged([]cand{parent, child})); got != c.want {
			t.Errorf("parent confidence %v: %d attributions kept, want %d", c.parentConf, got, c.want)
		}
	}
}

// TestParseTaggerRefusesNonFinite: a file whose checksum is right but
// whose weights are NaN or infinite would decode to garbage sums.
func TestParseTaggerRefusesNonFinite(t *testing.T) {
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1))} {
		tg := &Tagger{bits: 8, w: make([]float32, (1<<8)*nTags)}
		tg.w[5] = bad
		if _, err := ParseTagger(tg.Marshal()); err == nil {
			t.Errorf("weight %v: parsed without error", bad)
		}
	}
	tg := &Tagger{bits: 8, w: make([]float32, (1<<8)*nTags)}
	if _, err := ParseTagger(tg.Marshal()); err != nil {
		t.Errorf("finite weights: %v", err)
	}
}
