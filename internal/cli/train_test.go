package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/model"
)

// writeLabelled writes n synthetic labelled rows (label "0" reliable-ish,
// "1" unreliable-ish, a few empty) to a JSONL file.
func writeLabelled(t *testing.T, n int) string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	filler := strings.Fields("the a of to in and said on for with was is that by as at from it an were are which this be has have had not but after")
	marks := [][]string{
		strings.Fields("according statement officials spokesman percent reported data committee"),
		strings.Fields("shocking truth exposed wake destroy liberal globalist hoax"),
	}
	var b bytes.Buffer
	for i := range n {
		c := i % 2
		var w []string
		for range 40 {
			if r.IntN(4) == 0 {
				w = append(w, marks[c][r.IntN(len(marks[c]))])
			} else {
				w = append(w, filler[r.IntN(len(filler))])
			}
		}
		label := fmt.Sprint(c)
		if i%17 == 16 {
			label = ""
		}
		rec, _ := json.Marshal(map[string]string{
			"id": fmt.Sprint(i), "title": strings.Join(w[:5], " "), "body": strings.Join(w, " ") + ".",
			"class": label, "outlet": fmt.Sprintf("site%d.com", i%9), "dataset": fmt.Sprintf("d%d", i%3),
		})
		b.Write(rec)
		b.WriteByte('\n')
	}
	p := filepath.Join(t.TempDir(), "labelled.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTrainAndEvalReliability(t *testing.T) {
	data := writeLabelled(t, 180)
	out := filepath.Join(t.TempDir(), "m.bin")
	common := []string{"--data", data, "--label-field", "class", "--text-field", "body", "--label-map", "0=reliable,1=unreliable", "--buckets", "4096", "--epochs", "3"}
	if _, errOut, err := run(t, "", append([]string{"train", "--out", out}, common...)...); err != nil {
		t.Fatalf("train: %v\n%s", err, errOut)
	}
	m, err := model.LoadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Labels(), ","); got != "reliable,unreliable" {
		t.Errorf("labels %s", got)
	}
	stdout, errOut, err := run(t, "", append([]string{"eval", "reliability", "--model", out, "--format", "json"}, common[:8]...)...)
	if err != nil {
		t.Fatalf("eval: %v\n%s", err, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("eval output %q: %v", stdout, err)
	}
	for _, k := range []string{"n", "accuracy", "macro_f1", "auc", "log_loss", "ece", "confusion", "by_dataset", "model", "seconds"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("eval output lacks %q", k)
		}
	}
	if acc := rep["accuracy"].(float64); acc < 0.9 {
		t.Errorf("accuracy %.3f on training data", acc)
	}
	for _, proto := range [][]string{{"--cv", "3", "--group-by", "outlet"}, {"--leave-one-out", "dataset"}} {
		stdout, errOut, err := run(t, "", append(append([]string{"eval", "reliability", "--format", "json"}, common...), proto...)...)
		if err != nil {
			t.Fatalf("eval %v: %v\n%s", proto, err, errOut)
		}
		var rep model.Report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.N != 170 || len(rep.Splits) < 3 || rep.Accuracy < 0.8 {
			t.Errorf("eval %v: n %d, %d splits, accuracy %.3f", proto, rep.N, len(rep.Splits), rep.Accuracy)
		}
	}
	// An empty label is an error when not dropped.
	_, _, err = run(t, "", append([]string{"train", "--out", out, "--drop-empty-labels=false"}, common...)...)
	if err == nil || !strings.Contains(err.Error(), "empty label") {
		t.Errorf("--drop-empty-labels=false: err = %v", err)
	}
	// Usage errors.
	for _, args := range [][]string{
		{"train"},
		{"train", "--data", data, "--label-map", "zero"},
		{"eval", "reliability", "--data", data, "--cv", "1"},
		{"eval", "reliability", "--data", data, "--group-by", "author", "--cv", "3"},
		{"eval", "reliability", "--data", data, "--model", out, "--cv", "3"},
	} {
		if _, _, err := run(t, "", args...); !errors.Is(err, ErrUsage) {
			t.Errorf("%v: err = %v, want usage error", args, err)
		}
	}
}

// TestDefaultModelReproducible retrains the default model exactly as
// `make models` does and compares the bytes with the embedded file. It
// takes a minute of CPU, so it runs only with CREDENCE_MODEL_REPRO=1 (and
// the pool in ../shared).
func TestDefaultModelReproducible(t *testing.T) {
	if os.Getenv("CREDENCE_MODEL_REPRO") == "" {
		t.Skip("set CREDENCE_MODEL_REPRO=1 to retrain the default model and compare bytes")
	}
	pool := "../../../shared/data/news/pool.jsonl"
	if _, err := os.Stat(pool); err != nil {
		t.Skipf("pool not available: %v", err)
	}
	out := filepath.Join(t.TempDir(), "default.bin")
	if _, errOut, err := run(t, "", "train", "--data", pool, "--out", out, "--seed", "1", "--name", "credence-reliability-pool"); err != nil {
		t.Fatalf("train: %v\n%s", err, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, model.DefaultBytes()) {
		t.Errorf("retrained default model (%d bytes) differs from the embedded one (%d bytes): run make models", len(got), len(model.DefaultBytes()))
	}
}
