package cli

import (
	"errors"
	"strings"
	"testing"
)

// The loader's own fixtures (internal/article/testdata) are reused here to
// check the command end to end: every format is analyzed with no flags, and
// bad inputs are named while the good ones are still printed.
const fixtures = "../article/testdata/"

func TestAnalyzeFormatsWithoutFlags(t *testing.T) {
	for _, name := range []string{"articles.csv", "articles.jsonl", "page.html", "articles.jsonl.gz", "page.html.gz", "articles.tsv", "single.json", "cp1252.txt"} {
		t.Run(name, func(t *testing.T) {
			out, errOut, err := run(t, "", "analyze", "--format", "json", fixtures+name)
			if err != nil {
				t.Fatalf("analyze %s: %v\n%s", name, err, errOut)
			}
			if n := strings.Count(out, `"schema":"credence.analysis/v1"`); n == 0 {
				t.Fatalf("no analysis printed for %s", name)
			}
		})
	}
}

func TestAnalyzeBadFilesNamed(t *testing.T) {
	out, errOut, err := run(t, "", "analyze", "--format", "json",
		fixtures+"articles.jsonl", fixtures+"binary.png", fixtures+"empty.txt", fixtures+"broken.csv")
	if !errors.Is(err, ErrReported) {
		t.Fatalf("err = %v, want ErrReported", err)
	}
	for _, want := range []string{"binary.png: binary content", "empty.txt: empty file", "broken.csv:7: unterminated quoted field"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// The good articles of the same run, including broken.csv's good rows,
	// are still printed.
	if n := strings.Count(out, `"schema":"credence.analysis/v1"`); n < 3 {
		t.Errorf("got %d analyses, want the good articles printed:\n%s", n, errOut)
	}
}
