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

// TestTrainAttribRestoresModels: counting a part-of-speech dictionary
// and a name lexicon in the same process leaves the analysis with the
// embedded ones afterwards.
func TestTrainAttribRestoresModels(t *testing.T) {
	dir := writePolNeAR(t, map[string]rankArt{
		"a": {"Bob Acme said the bridge will reopen in May.", map[string][][3]string{"x": {{"Bob Acme", "said", "the bridge will reopen in May"}}}},
		"b": {"Bob Acme warned that the river could flood again.", map[string][][3]string{"x": {{"Bob Acme", "warned", "that the river could flood again"}}}},
		"c": {"Bob Acme told reporters the plant would close.", map[string][][3]string{"x": {{"Bob Acme", "told", "the plant would close"}}}},
		"d": {"Bob Acme insisted the water was safe to drink.", map[string][][3]string{"x": {{"Bob Acme", "insisted", "the water was safe to drink"}}}},
	})
	if err := os.MkdirAll(filepath.Join(dir, "corenlp-conllu"), 0o755); err != nil {
		t.Fatal(err)
	}
	// CoreNLP made "Bob Acme" a place every time: a lexicon left in use
	// would type the probe's source a place.
	for _, name := range []string{"a", "b", "c", "d"} {
		conllu := "1\tBob\tBob\t_\tNNP\t_\t0\troot\t_\tStart=0|End=3|NER=LOCATION\n" +
			"2\tAcme\tAcme\t_\tNNP\t_\t0\troot\t_\tStart=4|End=8|NER=LOCATION\n"
		if err := os.WriteFile(filepath.Join(dir, "corenlp-conllu", name+".conllu"), []byte(conllu), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const probe = "Bob Acme said the plan failed."
	before, _, err := run(t, probe, "analyze", "--format", "json", "-")
	if err != nil || !strings.Contains(before, `"type":"person"`) {
		t.Fatalf("before: %v %s", err, before)
	}
	tmp := t.TempDir()
	if _, errOut, err := run(t, "", "train-attrib", "--polnear", dir, "--out", filepath.Join(tmp, "cues"),
		"--pos-out", filepath.Join(tmp, "pos"), "--names-out", filepath.Join(tmp, "names"), "--epochs", "1"); err != nil {
		t.Fatalf("train-attrib: %v\n%s", err, errOut)
	}
	after, _, err := run(t, probe, "analyze", "--format", "json", "-")
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("after train-attrib the analysis changed:\n%s\nwant\n%s", after, before)
	}
}
