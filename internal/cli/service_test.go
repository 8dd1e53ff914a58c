package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServiceUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest"}, "no input"},
		{[]string{"ingest", "--workers", "0", "x"}, "--workers"},
		{[]string{"serve", "extra"}, "unexpected argument"},
		{[]string{"serve", "--allow-private"}, "--allow-private needs --allow-fetch"},
		{[]string{"serve", "--log-level", "loud"}, "--log-level"},
		{[]string{"serve", "--max-body", "0"}, "--max-body"},
	} {
		_, errOut, err := run(t, "", tt.args...)
		if !errors.Is(err, ErrUsage) || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: err %v, stderr %q; want usage error mentioning %q", tt.args, err, errOut, tt.want)
		}
	}
}

// TestIngestInProcess stores a small made-up corpus through CREDENCE_DATA,
// reruns it, and checks the summaries and exit status.
func TestIngestInProcess(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "in.jsonl")
	os.WriteFile(corpus, []byte(`{"text":"The mayor said the bridge would open in May."}
{"text":"The mayor  said the bridge would open in May."}
{"text":"Officials said the budget was balanced.","label":"reliable"}
{"title":"no text"}
`), 0o644)
	data := filepath.Join(dir, "data")
	ingest := func() (string, error) {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "CREDENCE_DATA" {
				return data
			}
			return ""
		}}
		err := Run(context.Background(), []string{"ingest", "--no-reliability", "--quiet", corpus}, env)
		return errb.String(), err
	}
	errOut, err := ingest()
	if !errors.Is(err, ErrReported) || !strings.Contains(errOut, "stored 2, skipped 1 duplicates") || !strings.Contains(errOut, "in.jsonl:4") {
		t.Errorf("first ingest: err %v\n%s", err, errOut)
	}
	errOut, _ = ingest()
	if !strings.Contains(errOut, "stored 0, skipped 3 duplicates") {
		t.Errorf("rerun:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(data, "credence.db")); err != nil {
		t.Errorf("database not in CREDENCE_DATA: %v", err)
	}
}
