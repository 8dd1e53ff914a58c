package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestEvalEntities(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"text", "corenlp-conllu"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text := "Jane Roe flew to Paris on Monday."
	tok := func(n int, w, tag string) string {
		i := strings.Index(text, w)
		return strings.Join([]string{strconv.Itoa(n), w, w, "_", "NNP", "_", "0", "root", "_",
			"Start=" + strconv.Itoa(i) + "|End=" + strconv.Itoa(i+len(w)) + "|NER=" + tag}, "\t") + "\n"
	}
	conllu := tok(1, "Jane", "PERSON") + tok(2, "Roe", "PERSON") + tok(3, "flew", "O") + tok(4, "to", "O") +
		tok(5, "Paris", "LOCATION") + tok(6, "on", "O") + tok(7, "Monday", "DATE") + tok(8, ".", "O")
	if err := os.WriteFile(filepath.Join(dir, "text", "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "corenlp-conllu", "a.conllu"), []byte(conllu), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := run(t, "", "eval", "entities", "--polnear", dir, "--format", "json")
	if err != nil {
		t.Fatalf("eval entities: %v\n%s", err, errOut)
	}
	var res struct {
		Articles int
		Types    map[string]struct{ P, R, F1 float64 }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Articles != 1 || res.Types["person"].F1 != 1 || res.Types["place"].F1 != 1 {
		t.Errorf("result %s", out)
	}
	out, _, err = run(t, "", "eval", "entities", "--polnear", dir)
	if err != nil || !strings.Contains(out, "person") || !strings.Contains(out, "spans (any type)") {
		t.Errorf("text output %q, err %v", out, err)
	}
	for _, args := range [][]string{
		{"eval", "entities"},
		{"eval", "entities", "--polnear", dir, "--format", "xml"},
		{"eval", "entities", "--polnear", dir, "extra"},
		{"eval", "entities", "--polnear", filepath.Join(dir, "missing")},
	} {
		if _, _, err := run(t, "", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// TestPolNeARDevFloors guards the measured quality on PolNeAR dev
// (docs/ATTRIBUTION.md) against regressions: attribution F1 and entity
// agreement with CoreNLP may not fall below what this build reaches,
// less a small margin. Skipped without ../shared.
func TestPolNeARDevFloors(t *testing.T) {
	dir := "../../../shared/data/polnear/dev"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data/polnear/dev absent; skipping the quality floors")
	}
	out, errOut, err := run(t, "", "eval", "attribution", "--polnear", dir, "--format", "json")
	if err != nil {
		t.Fatalf("eval attribution: %v\n%s", err, errOut)
	}
	var a struct {
		Source, Cue, Content struct{ Exact, Overlap struct{ F1 float64 } }
	}
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"source exact", a.Source.Exact.F1, 0.74},
		{"cue exact", a.Cue.Exact.F1, 0.70},
		{"content overlap", a.Content.Overlap.F1, 0.79},
	} {
		if c.got < c.want {
			t.Errorf("PolNeAR dev %s F1 %.4f, below the floor %.2f", c.name, c.got, c.want)
		}
	}
	out, errOut, err = run(t, "", "eval", "entities", "--polnear", dir, "--format", "json")
	if err != nil {
		t.Fatalf("eval entities: %v\n%s", err, errOut)
	}
	var e struct {
		All      struct{ F1 float64 }
		Pronouns struct{ Agree float64 } `json:"pronoun_sources"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatal(err)
	}
	if e.All.F1 < 0.73 || e.Pronouns.Agree < 0.50 {
		t.Errorf("entity agreement %.4f (floor 0.73), pronoun agreement %.4f (floor 0.50)", e.All.F1, e.Pronouns.Agree)
	}
}
