package server

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

func TestSegments(t *testing.T) {
	text := "Ms. Roe said “we will win” — a rival, who declined to be named, said ✓ no."
	an := article.NewAnalysis(&article.Article{Text: text})
	span := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	at := func(src, cue, content, typ string) article.Attribution {
		var a article.Attribution
		a.Source.Start, a.Source.End = span(src)
		a.Source.Text, a.Source.Type = src, typ
		a.Cue.Start, a.Cue.End = span(cue)
		a.Content.Start, a.Content.End = span(content)
		return a
	}
	an.Attributions = []article.Attribution{
		at("Ms. Roe", "said “", "we will win", "person"),
		at("a rival", "said ✓", "✓ no", "anonymous"),
	}
	// Bad spans from a buggy stage are skipped, not trusted.
	bad := article.Attribution{}
	bad.Source.Start, bad.Source.End = -3, 4
	bad.Cue.Start, bad.Cue.End = 5, 500
	i, _ := span("✓")
	bad.Content.Start, bad.Content.End = i+1, i+2 // inside a rune
	an.Attributions = append(an.Attributions, bad)

	segs := segments(an)
	var b strings.Builder
	classes := map[string]string{}
	for _, s := range segs {
		b.WriteString(s.Text)
		if s.Class != "" {
			classes[s.Text] = s.Class
		}
	}
	if b.String() != text {
		t.Fatalf("segments do not rebuild the text:\n%q\n%q", b.String(), text)
	}
	want := map[string]string{
		"Ms. Roe":     "hl r-source t-person",
		"we will win": "hl r-content t-person",
		"a rival":     "hl r-source t-anonymous",
		"said ✓":      "hl r-cue t-anonymous", // the cue wins over the overlapping content
		" no":         "hl r-content t-anonymous",
	}
	for txt, cls := range want {
		if classes[txt] != cls {
			t.Errorf("segment %q class = %q, want %q (all: %v)", txt, classes[txt], cls, classes)
		}
	}
	if segments(article.NewAnalysis(&article.Article{})) != nil {
		t.Errorf("empty text: want no segments")
	}
}

func TestCharts(t *testing.T) {
	c := histogramChart("t", "d", []int{0, 5, 10, 0}, "c")
	if c.Empty || len(c.Bars) != 4 || c.Bars[2].H <= c.Bars[1].H || c.Bars[0].H != 0 {
		t.Errorf("histogram = %+v", c)
	}
	if !histogramChart("t", "d", make([]int, 10), "c").Empty {
		t.Errorf("all-zero histogram not empty")
	}
	st := &store.Stats{Reliability: make([]int, 10), Anonymous: make([]int, 10), Outlets: []store.OutletStat{{Outlet: "", Articles: 3}}}
	src := &store.SourceReport{Top: []store.SourceStat{{Name: strings.Repeat("long name ", 10), Type: "x", Attributions: 2}}}
	cs := dashboardCharts(st, src)
	if len(cs) != 4 || cs[2].Bars[0].Class != "t-unknown" || cs[3].Bars[0].Label != "(no outlet)" || len(cs[2].Bars[0].Label) > 30 {
		t.Errorf("dashboard charts = %+v", cs)
	}
}
