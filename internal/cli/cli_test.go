package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

// run runs credence in-process and returns stdout, stderr and the error.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	err := Run(context.Background(), args, env)
	return out.String(), errb.String(), err
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantErr    error
		wantOut    string // substring of stdout
		wantErrOut string // substring of stderr
	}{
		{"no args", nil, ErrUsage, "", "Commands:"},
		{"help", []string{"--help"}, nil, "analyze", ""},
		{"unknown command", []string{"frobnicate"}, ErrUsage, "", `unknown command "frobnicate"`},
		{"analyze help", []string{"analyze", "--help"}, nil, "--format", ""},
		{"analyze no input", []string{"analyze"}, ErrUsage, "", "no input"},
		{"analyze bad format", []string{"analyze", "--format", "xml", "x.txt"}, ErrUsage, "", `--format "xml"`},
		{"analyze bad flag", []string{"analyze", "--nope", "x.txt"}, ErrUsage, "", "flag provided but not defined"},
		{"analyze bad columns", []string{"analyze", "--columns", "body", "x.txt"}, ErrUsage, "", "not FIELD=NAME"},
		{"eval no kind", []string{"eval"}, ErrUsage, "", "Kinds:"},
		{"eval unknown kind", []string{"eval", "nope"}, ErrUsage, "", `unknown kind "nope"`},
		{"eval segmentation no golden", []string{"eval", "segmentation"}, ErrUsage, "", "--golden FILE is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := run(t, "", tt.args...)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q does not contain %q", out, tt.wantOut)
			}
			if !strings.Contains(errOut, tt.wantErrOut) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.wantErrOut)
			}
		})
	}
}

func TestAnalyzeJSONStdin(t *testing.T) {
	out, errOut, err := run(t, "Mayor Ana Ortiz said the vote was delayed. Sen. Paul Ruiz agreed.", "analyze", "--format", "json", "-")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, errOut)
	}
	var an map[string]any
	if err := json.Unmarshal([]byte(out), &an); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if an["schema"] != "credence.analysis/v1" {
		t.Errorf("schema = %v", an["schema"])
	}
	// Every section of the schema is present, even when empty.
	for _, k := range []string{"article", "sentences", "attributions", "sources", "social_posts", "entities", "signals", "reliability", "warnings"} {
		v, ok := an[k]
		if !ok || v == nil {
			t.Errorf("section %q missing or null", k)
		}
	}
	if got := len(an["sentences"].([]any)); got != 2 {
		t.Errorf("got %d sentences, want 2", got)
	}
}

// TestAnalyzeBadInputsKeepGoing checks that an empty and a binary file are
// named on stderr, the good article is still printed, and the run fails.
func TestAnalyzeBadInputsKeepGoing(t *testing.T) {
	out, errOut, err := run(t, "", "analyze", "--format", "json", "testdata/mixed")
	if !errors.Is(err, ErrReported) {
		t.Fatalf("err = %v, want ErrReported", err)
	}
	if n := strings.Count(out, `"schema":"credence.analysis/v1"`); n != 1 {
		t.Errorf("got %d analyses on stdout, want 1:\n%s", n, out)
	}
	for _, want := range []string{"empty.txt", "archive.txt"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not name %s:\n%s", want, errOut)
		}
	}
}

func TestAnalyzeText(t *testing.T) {
	out, errOut, err := run(t, "", "analyze", "--format", "text", "--title-line", "testdata/mixed/city-hall.txt")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, errOut)
	}
	for _, want := range []string{"Council Delays Budget Vote", "words", "«“We need another week to read the numbers,”»"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// TestReadmeExample keeps the README's example report in step with the
// code: it is the output of the command the README shows.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const cmd = "$ credence analyze --title-line testdata/example.txt\n"
	_, rest, ok := strings.Cut(string(readme), cmd)
	if !ok {
		t.Fatalf("README.md has no %q block", strings.TrimSpace(cmd))
	}
	want, _, _ := strings.Cut(rest, "```")
	got, errOut, err := run(t, "", "analyze", "--format", "text", "--title-line", "../../testdata/example.txt")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, errOut)
	}
	if got != want {
		t.Errorf("README example is stale; replace it with the output of\n  go run ./cmd/credence analyze --format text --title-line testdata/example.txt\ngot:\n%s", got)
	}
}
