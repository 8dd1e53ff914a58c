package attrib_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/attrib"
)

// noRanker turns the cue reranker off for the rest of t: rule tests look
// at the candidates the rules propose, not at what the reranker keeps.
func noRanker(t *testing.T) {
	t.Helper()
	attrib.UseCueRanker(nil)
	t.Cleanup(func() { attrib.UseCueRanker(attrib.EmbeddedCueRanker()) })
}

func TestEmbeddedCueRanker(t *testing.T) {
	r := attrib.EmbeddedCueRanker()
	if r == nil {
		t.Fatal("embedded cue reranker did not load")
	}
	if r.Bits != attrib.RankBits || r.Threshold[attrib.HeadCue] <= 0 || r.Threshold[attrib.HeadCue] >= 1 {
		t.Fatalf("embedded reranker: bits %d, thresholds %v", r.Bits, r.Threshold)
	}
}

// rankExamples is a small invented training set: feature 1 marks good
// cues, feature 2 bad ones; feature 3 is always there.
func rankExamples() []attrib.RankExample {
	var exs []attrib.RankExample
	for i := range 200 {
		e := attrib.RankExample{Features: []uint32{3, 1}, Label: [attrib.NumHeads]float32{1, 1, 1}}
		if i%2 == 1 {
			e = attrib.RankExample{Features: []uint32{3, 2}, Label: [attrib.NumHeads]float32{0, -1, 0.5}}
		}
		exs = append(exs, e)
	}
	return exs
}

func TestCueRankerTrainRoundTrip(t *testing.T) {
	th := [attrib.NumHeads]float64{0.33, 0.35, 0.4}
	sc := [attrib.NumHeads]float64{1.25, 1.1, 1}
	r := attrib.TrainCueRanker(rankExamples(), 10, 5, th, sc, "test")
	if !r.Keep([]uint32{3, 1}, true) || r.Keep([]uint32{3, 2}, false) {
		t.Fatalf("scores: good %.3f, bad %.3f", r.Score([]uint32{3, 1}, attrib.HeadCue), r.Score([]uint32{3, 2}, attrib.HeadCue))
	}
	if p := r.Score([]uint32{3, 2}, attrib.HeadContent); math.Abs(p-0.5) > 0.1 {
		t.Errorf("content head on a half-right label: %.3f, want about 0.5", p)
	}
	b := r.Marshal()
	if !bytes.Equal(b, attrib.TrainCueRanker(rankExamples(), 10, 5, th, sc, "test").Marshal()) {
		t.Fatal("training twice gave different bytes")
	}
	p, err := attrib.ParseCueRanker(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(p.Marshal(), b) || p.Threshold != th || p.Scale != sc || p.Note != "test" {
		t.Fatalf("round trip changed the model: %+v", p.Threshold)
	}
}

func TestParseCueRankerRejects(t *testing.T) {
	good := attrib.TrainCueRanker(rankExamples(), 8, 2, [attrib.NumHeads]float64{0.3, 0.3, 0.4}, [attrib.NumHeads]float64{1, 1, 1}, "x").Marshal()
	// reframe rewrites the body and its checksum, so only the check
	// under test can fail.
	reframe := func(body string) []byte { return attrib.FrameForTest(attrib.RankFormat, "x", []byte(body)) }
	head := "bits\t8\ncue\t0.3\t1\nsource\t0.3\t1\ncontent\t0.4\t1\n"
	for name, b := range map[string][]byte{
		"foreign":       []byte("credence-cues/1\nnote\t\nsha256\t\n---\n"),
		"checksum":      append(bytes.Clone(good), '1'),
		"NaN weight":    reframe(head + "3\tNaN\t0\t0\n"),
		"Inf weight":    reframe(head + "3\t0\t+Inf\t0\n"),
		"bucket range":  reframe(head + "256\t1\t0\t0\n"),
		"negative":      reframe(head + "-1\t1\t0\t0\n"),
		"short row":     reframe(head + "3\t1\t0\n"),
		"NaN threshold": reframe(strings.Replace(head, "0.3\t1", "NaN\t1", 1)),
		"bad scale":     reframe(strings.Replace(head, "0.4\t1", "0.4\tInf", 1)),
		"bits":          reframe(strings.Replace(head, "bits\t8", "bits\t40", 1)),
		"no heads":      reframe("bits\t8\n"),
		"head order":    reframe("bits\t8\nsource\t0.3\t1\ncue\t0.3\t1\ncontent\t0.4\t1\n"),
	} {
		if _, err := attrib.ParseCueRanker(b); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
	if _, err := attrib.ParseCueRanker(reframe(head + fmt.Sprintf("3\t%g\t0\t-2.5\n", 1.5))); err != nil {
		t.Errorf("a valid body: %v", err)
	}
}

func TestRerankerDropsOnlyFromAttributions(t *testing.T) {
	// With the reranker on, every kept attribution is one the rules
	// proposed, and the sourcing table is the rules' whatever it drops.
	text := "Sources close to the mayor found the plan ridiculous, the paper reported. “We will win,” she said."
	on := run(t, text)
	noRanker(t)
	off := run(t, text)
	if len(on.Attributions) > len(off.Attributions) {
		t.Fatalf("reranker added attributions: %d > %d", len(on.Attributions), len(off.Attributions))
	}
	if fmt.Sprint(on.Sources) != fmt.Sprint(off.Sources) {
		t.Errorf("sources changed: %+v vs %+v", on.Sources, off.Sources)
	}
}
