package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
	"github.com/credence-news/credence/internal/eval"
)

type rankArt = struct {
	text string
	anns map[string][][3]string
}

func rankFixture(t *testing.T) string {
	return writePolNeAR(t, map[string]rankArt{
		"a": {"The mayor said the bridge will reopen in May.", map[string][][3]string{
			"x": {{"The mayor", "said", "the bridge will reopen in May"}},
		}},
		"b": {"Officials warned that the river could flood again.", map[string][][3]string{
			"x": {{"Officials", "warned", "that the river could flood again"}},
		}},
		"c": {"A spokesman told reporters the plant would close.", map[string][][3]string{
			"x": {{"A spokesman", "told", "the plant would close"}},
		}},
		"d": {"Residents insisted the water was safe to drink.", map[string][][3]string{
			"x": {{"Residents", "insisted", "the water was safe to drink"}},
		}},
	})
}

func TestTrainAttribRankOut(t *testing.T) {
	dir := rankFixture(t)
	tmp := t.TempDir()
	write := func(name string) []byte {
		t.Helper()
		out := filepath.Join(tmp, name)
		_, errOut, err := run(t, "", "train-attrib", "--polnear", dir, "--out", filepath.Join(tmp, "cues"), "--epochs", "1", "--rank-out", out)
		if err != nil {
			t.Fatalf("train-attrib: %v\n%s", err, errOut)
		}
		if !strings.Contains(errOut, "reranker fold 4/4") {
			t.Errorf("progress: %q", errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	a, b := write("a"), write("b")
	if !bytes.Equal(a, b) {
		t.Fatal("two runs wrote different rerankers")
	}
	r, err := attrib.ParseCueRanker(a)
	if err != nil {
		t.Fatal(err)
	}
	// Four articles with one attribution each, one per fold.
	if !strings.Contains(r.Note, "of 4 gold") {
		t.Errorf("note %q", r.Note)
	}
	if attrib.EmbeddedCueRanker() == nil {
		t.Error("no embedded reranker")
	}
}

func TestLabelCandidates(t *testing.T) {
	text := "The mayor said the bridge will reopen."
	d := eval.PolNeARDoc{Text: text, Annotators: []eval.GoldSet{
		{Attributions: []eval.GoldAttribution{{Source: spans(text, "The mayor"), Cue: spans(text, "said"), Content: spans(text, "the bridge will reopen")}}},
		{Attributions: []eval.GoldAttribution{{Source: spans(text, "mayor"), Cue: spans(text, "said"), Content: spans(text, "bridge")}}},
	}}
	var c attrib.RankCandidate
	s := spans(text, "The mayor")[0]
	c.Source.Start, c.Source.End = s.Start, s.End
	s = spans(text, "said")[0]
	c.Cue.Start, c.Cue.End = s.Start, s.End
	s = spans(text, "the bridge will reopen")[0]
	c.Content.Start, c.Content.End = s.Start, s.End
	exs, tally := labelCandidates(d, []attrib.RankCandidate{c})
	// The cue is both annotators', the source only the first's, and the
	// content overlaps both.
	if got := exs[0].Label; got != [attrib.NumHeads]float32{1, 0.5, 1} {
		t.Errorf("labels %v", got)
	}
	if h := tally[attrib.HeadSource]; h.tp != 0.5 || h.pred != 1 || h.gold != 1 {
		t.Errorf("source tally %+v", h)
	}
	if th := tally.thresholds(); th[attrib.HeadCue] != 0.5 {
		t.Errorf("cue threshold %v, want 1/(1+1)", th[attrib.HeadCue])
	}
}

// spans is the one-fragment span of sub's first occurrence in text.
func spans(text, sub string) []article.Span {
	i := strings.Index(text, sub)
	return []article.Span{{Start: i, End: i + len(sub)}}
}
