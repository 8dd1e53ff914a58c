package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePolNeAR writes a small invented PolNeAR-style split: each article
// is a text and, per annotator, the (source, cue, content) substrings it
// marks. The texts are ASCII, so code-point offsets are byte offsets.
func writePolNeAR(t *testing.T, arts map[string]struct {
	text string
	anns map[string][][3]string
}) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, "text", name+".txt"), []byte(a.text), 0o644); err != nil {
			t.Fatal(err)
		}
		for who, atts := range a.anns {
			var b strings.Builder
			n := 0
			span := func(label, sub string) string {
				i := strings.Index(a.text, sub)
				if i < 0 {
					t.Fatalf("%q not in %s", sub, name)
				}
				n++
				fmt.Fprintf(&b, "T%d\t%s %d %d\t%s\n", n, label, i, i+len(sub), sub)
				return fmt.Sprintf("T%d", n)
			}
			for k, at := range atts {
				s, c, x := span("Source", at[0]), span("Cue", at[1]), span("Content", at[2])
				fmt.Fprintf(&b, "E%d\tAttribution:%s Content:%s Cue:%s Source:%s\n", k+1, c, x, c, s)
			}
			if err := os.WriteFile(filepath.Join(dir, "attributions", name+"_"+who+".ann"), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestEvalAttributionFoldsAndAgreement(t *testing.T) {
	type art = struct {
		text string
		anns map[string][][3]string
	}
	dir := writePolNeAR(t, map[string]art{
		"a": {"The mayor said the bridge will reopen in May.", map[string][][3]string{
			"x": {{"The mayor", "said", "the bridge will reopen in May"}},
			"y": {{"The mayor", "said", "the bridge will reopen"}},
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
	// probe's attributions depend on the learned lexicon ("eviscerated"
	// is in no hand-written list) and the tagger ("has been critical
	// of"), so it shows whether the embedded ones are in place.
	const probe = "Critics eviscerated the plan as a waste of money. Jo Lee has been critical of the plan, and officials are demanding a new vote."
	probeOut := func() string {
		t.Helper()
		out, errOut, err := run(t, probe, "analyze", "--format", "json", "-")
		if err != nil {
			t.Fatalf("analyze: %v\n%s", err, errOut)
		}
		return out
	}
	embedded := probeOut()
	plain, _, err := run(t, "", "eval", "attribution", "--polnear", dir)
	if err != nil || !strings.Contains(plain, "attribution: 4 articles, 5 gold attributions") {
		t.Fatalf("plain: %v\n%s", err, plain)
	}
	out, errOut, err := run(t, "", "eval", "attribution", "--polnear", dir, "--folds", "4", "--epochs", "2")
	if err != nil {
		t.Fatalf("--folds: %v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "fold 1/4 trained on 3 articles") || !strings.Contains(errOut, "fold 4/4") || !strings.Contains(errOut, "reranker 4/4") {
		t.Errorf("--folds progress: %q", errOut)
	}
	if !strings.Contains(out, "cue ") {
		t.Errorf("--folds output: %q", out)
	}
	// The embedded lexicon and tagger are back after a cross-validation,
	// and after one cancelled while training.
	if got := probeOut(); got != embedded {
		t.Errorf("after --folds the analysis changed:\n%s\nwant\n%s", got, embedded)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: cancelWriter{cancel},
		Getenv: func(string) string { return "" }}
	if err := Run(ctx, []string{"eval", "attribution", "--polnear", dir, "--folds", "4", "--epochs", "2"}, env); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled --folds: err = %v, want context.Canceled", err)
	}
	if got := probeOut(); got != embedded {
		t.Errorf("after a cancelled --folds the analysis changed:\n%s\nwant\n%s", got, embedded)
	}
	out, _, err = run(t, "", "eval", "attribution", "--polnear", dir, "--agreement", "--format", "json")
	if err != nil || !strings.Contains(out, `"articles":1,"attributions":2`) || !strings.Contains(out, `"cue":{"exact":{"p":1,"r":1,"f1":1}`) {
		t.Errorf("--agreement: %v %s", err, out)
	}
	for _, c := range []struct {
		args    []string
		usage   bool
		errText string
	}{
		{[]string{"--folds", "1"}, true, "want 0 (off) or at least 2"},
		{[]string{"--folds", "2"}, true, "use at least 3 folds, or --no-rank"},
		{[]string{"--folds", "9"}, false, "fewer than --folds 9"},
		{[]string{"--bits", "30", "--folds", "3"}, true, "--bits 30"},
		{[]string{"--agreement", "--folds", "3"}, true, "--agreement takes neither"},
		{[]string{"--folds", "3", "--epochs", "0"}, true, "--epochs 0"},
		{[]string{"--epochs", "3"}, true, "--epochs only applies with --folds"},
	} {
		_, errOut, err := run(t, "", append([]string{"eval", "attribution", "--polnear", dir}, c.args...)...)
		if err == nil || errors.Is(err, ErrUsage) != c.usage || !strings.Contains(errOut+err.Error(), c.errText) {
			t.Errorf("%v: err %v, stderr %q; want usage=%v and %q", c.args, err, errOut, c.usage, c.errText)
		}
	}
	single := writePolNeAR(t, map[string]art{"b": {"Officials warned that the river could flood again.",
		map[string][][3]string{"x": {{"Officials", "warned", "that the river could flood again"}}}}})
	if _, _, err := run(t, "", "eval", "attribution", "--polnear", single, "--agreement"); err == nil || !strings.Contains(err.Error(), "several annotators") {
		t.Errorf("--agreement without multi-annotator articles: %v", err)
	}
}

// cancelWriter cancels a context on the first write: the first progress
// line of a cross-validation.
type cancelWriter struct{ cancel context.CancelFunc }

func (w cancelWriter) Write(p []byte) (int, error) {
	w.cancel()
	return len(p), nil
}
