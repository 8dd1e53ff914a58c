package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixture builds an analysis by hand so the report is tested apart from
// the extractors that normally fill it.
func fixture() *article.Analysis {
	text := "“We need another week,” Mayor Ana Ortiz said. Officials said the vote was close."
	an := article.NewAnalysis(&article.Article{Title: "Council delays vote", Text: text, Outlet: "Riverton Post"})
	an.Article.Words = 14
	q1 := strings.Index(text, "“")
	q1e := strings.Index(text, "”") + len("”")
	s2 := strings.Index(text, "Officials")
	an.Sentences = []article.Span{{Start: 0, End: s2 - 1}, {Start: s2, End: len(text)}}
	an.Paragraphs = []article.Span{{Start: 0, End: len(text)}}
	an.Quotes = []article.Quote{{Start: q1, End: q1e, InnerStart: q1 + len("“"), InnerEnd: q1e - len("”")}}
	span := func(sub string) article.TextSpan {
		i := strings.Index(text, sub)
		return article.TextSpan{Text: sub, Start: i, End: i + len(sub)}
	}
	src := span("Mayor Ana Ortiz")
	an.Attributions = []article.Attribution{
		{Kind: "direct", Cue: span("said"), Content: span("We need another week,"), Confidence: 0.9,
			Source: article.AttrSource{Text: src.Text, Start: src.Start, End: src.End, Entity: "Ana Ortiz", Type: "person"}},
	}
	off := span("Officials")
	cue2 := strings.LastIndex(text, "said")
	an.Attributions = append(an.Attributions, article.Attribution{Kind: "indirect",
		Cue:     article.TextSpan{Text: "said", Start: cue2, End: cue2 + len("said")},
		Content: span("the vote was close"), Confidence: 0.7,
		Source: article.AttrSource{Text: off.Text, Start: off.Start, End: off.End, Entity: "Officials", Type: "anonymous"}})
	// A tagger guess: kept in JSON, left out of the report.
	an.Attributions = append(an.Attributions, article.Attribution{Kind: "indirect", Cue: span("vote"), Content: span("was close"), Confidence: 0.4})
	an.Sources = []article.Source{
		{Name: "Ana Ortiz", Type: "person", Titles: []string{"Mayor"}, Mentions: 1, Attributions: 1},
		{Name: "Officials", Type: "anonymous", Mentions: 1, Attributions: 1},
	}
	an.SocialPosts = []article.SocialPost{{Platform: "twitter", Author: "Ana Ortiz", Handle: "@ortiz", Date: "2017-06-08", Text: "Vote next week."}}
	an.Signals = article.Signals{"anonymous_sources": 1, "anonymous_share": 0.5}
	an.Reliability = article.Reliability{Label: "reliable", Score: 0.71, Model: "test", Reasons: []article.Reason{{Feature: "word:mayor", Weight: 0.25}}}
	an.Warnings = append(an.Warnings, "damaged text: example")
	return an
}

func TestTextGolden(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("report differs from %s (rerun with -update if intended):\n%s", golden, b.String())
	}
}

// TestTextEmpty checks an analysis with no later stages still renders.
func TestTextEmpty(t *testing.T) {
	var b bytes.Buffer
	an := article.NewAnalysis(&article.Article{Text: ""})
	if err := Text(&b, an); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "(untitled)") {
		t.Errorf("got %q", b.String())
	}
}
