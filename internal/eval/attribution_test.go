package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

// An invented article with a multi-byte character before the spans, so
// code-point and byte offsets differ.
const bratText = "Café owners said “prices rise.” Officials denied it, according to a report."

const bratAnn = "T1\tSource 0 11\tCafé owners\n" +
	"T2\tCue 12 16\tsaid\n" +
	"T3\tContent 17 31\t“prices rise.”\n" +
	"T4\tAttribution 12 16\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"T5\tSource 66 74\ta report\n" +
	"T6\tCue 53 65\taccording to\n" +
	"T7\tContent 32 50;50 51\tOfficials denied it\n" +
	"E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"

func TestParseBratCodePoints(t *testing.T) {
	atts, err := ParseBrat(strings.NewReader(bratAnn), bratText)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 2 {
		t.Fatalf("got %d attributions, want 2", len(atts))
	}
	get := func(fr []article.Span) string {
		var b strings.Builder
		for _, f := range fr {
			b.WriteString(bratText[f.Start:f.End])
		}
		return b.String()
	}
	for _, c := range []struct{ got, want string }{
		{get(atts[0].Source), "Café owners"},
		{get(atts[0].Cue), "said"},
		{get(atts[0].Content), "“prices rise.”"},
		{get(atts[1].Source), "a report"},
		{get(atts[1].Cue), "according to"},
		{get(atts[1].Content), "Officials denied it"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestParseBratErrors(t *testing.T) {
	for _, in := range []string{"T1\tSource 5\tx\n", "T1\n", "T1\tSource 0 999\tx\n", "T1\tSource a b\tx\n"} {
		if _, err := ParseBrat(strings.NewReader(in), bratText); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestScoreDoc(t *testing.T) {
	gold, err := ParseBrat(strings.NewReader(bratAnn), bratText)
	if err != nil {
		t.Fatal(err)
	}
	sp := func(sub string) article.TextSpan {
		i := strings.Index(bratText, sub)
		return article.TextSpan{Text: sub, Start: i, End: i + len(sub)}
	}
	src := func(sub string) article.AttrSource {
		s := sp(sub)
		return article.AttrSource{Text: s.Text, Start: s.Start, End: s.End}
	}
	perfect := []article.Attribution{{Source: src("Café owners"), Cue: sp("said"), Content: sp("“prices rise.”")}}
	partial := []article.Attribution{{Source: src("owners"), Cue: sp("said"), Content: sp("prices")}}
	d := PolNeARDoc{Text: bratText, Annotators: []GoldSet{{Attributions: gold[:1]}}}
	r := ScoreAttributions([]PolNeARDoc{d}, func(string) []article.Attribution { return perfect })
	if r.All.Exact.F1 != 1 || r.Source.Exact.F1 != 1 {
		t.Errorf("perfect: %+v", r)
	}
	r = ScoreAttributions([]PolNeARDoc{d}, func(string) []article.Attribution { return partial })
	if r.Source.Exact.F1 != 0 || r.Source.Overlap.F1 != 1 || r.Cue.Exact.F1 != 1 || r.All.Overlap.F1 != 1 || r.All.Exact.F1 != 0 {
		t.Errorf("partial: %+v", r)
	}
	// Two annotators, one marking 1 attribution and one marking 2: the
	// perfect single prediction scores recall 1 and 1/2, averaged as counts
	// (tp 1, gold 1.5) to 2/3.
	d2 := PolNeARDoc{Text: bratText, Annotators: []GoldSet{{Attributions: gold[:1]}, {Attributions: gold}}}
	r = ScoreAttributions([]PolNeARDoc{d2}, func(string) []article.Attribution { return perfect })
	if r.Cue.Exact.R != 0.6667 || r.Cue.Exact.P != 1 {
		t.Errorf("two annotators: %+v", r.Cue)
	}
}

// TestReadPolNeARDev checks that the whole dev split parses and that the
// gold scored against itself is perfect.
func TestReadPolNeARDev(t *testing.T) {
	dir := "../../../shared/data/polnear/dev"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data/polnear/dev absent; skipping PolNeAR check")
	}
	docs, err := ReadPolNeAR(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if len(d.Annotators) != 1 {
			continue
		}
		var pred []article.Attribution
		ok := true
		for _, g := range d.Annotators[0].Attributions {
			if len(g.Source) > 1 || len(g.Cue) != 1 || len(g.Content) != 1 {
				ok = false
				break
			}
			a := article.Attribution{Cue: article.TextSpan{Start: g.Cue[0].Start, End: g.Cue[0].End},
				Content: article.TextSpan{Start: g.Content[0].Start, End: g.Content[0].End}}
			if len(g.Source) == 1 {
				a.Source = article.AttrSource{Start: g.Source[0].Start, End: g.Source[0].End}
			}
			pred = append(pred, a)
		}
		if !ok {
			continue
		}
		r := ScoreAttributions([]PolNeARDoc{d}, func(string) []article.Attribution { return pred })
		if r.All.Exact.F1 != 1 && len(pred) > 0 {
			t.Errorf("%s: gold against itself: %+v", d.Name, r.All)
		}
	}
}

func TestAgreement(t *testing.T) {
	gold, err := ParseBrat(strings.NewReader(bratAnn), bratText)
	if err != nil {
		t.Fatal(err)
	}
	one := PolNeARDoc{Text: bratText, Annotators: []GoldSet{{Attributions: gold}}}
	// Annotator B marks only the first attribution: pairs (A as
	// prediction, B gold) and (B, A) give cue tp 1 of 2 predicted / 1
	// gold, then 1 of 1 / 2, so precision = recall = 2/3.
	two := PolNeARDoc{Text: bratText, Annotators: []GoldSet{{Attributions: gold}, {Attributions: gold[:1]}}}
	r := Agreement([]PolNeARDoc{one, two})
	if r.Articles != 1 || r.Attributions != 3 {
		t.Errorf("articles %d attributions %d, want 1 and 3", r.Articles, r.Attributions)
	}
	if r.Cue.Exact.P != 0.6667 || r.Cue.Exact.R != 0.6667 {
		t.Errorf("cue: %+v", r.Cue)
	}
	same := PolNeARDoc{Text: bratText, Annotators: []GoldSet{{Attributions: gold}, {Attributions: gold}}}
	if r := Agreement([]PolNeARDoc{same}); r.All.Exact.F1 != 1 {
		t.Errorf("identical annotators: %+v", r.All)
	}
	if r := Agreement([]PolNeARDoc{one}); r.Articles != 0 || r.Cue.Exact.F1 != 0 {
		t.Errorf("single annotator: %+v", r)
	}
}

// TestOverlapPairsExactFirst: a loose prediction must not take the gold
// item an exact prediction after it needs.
func TestOverlapPairsExactFirst(t *testing.T) {
	const text = "aaaa bbbb cccc dddd"
	sp := func(s, e int) []article.Span { return []article.Span{{Start: s, End: e}} }
	gold := [][]article.Span{sp(0, 9), sp(10, 19)} // "aaaa bbbb", "cccc dddd"
	pred := [][]article.Span{sp(5, 14), sp(0, 9)}  // "bbbb cccc" overlaps both; then exact
	over := scorePart(gold, pred, func(a, b []article.Span) bool { return OverlapMatch(a, b, text) })
	exact := scorePart(gold, pred, exactMatch)
	if exact.tpP != 1 || over.tpP != 2 {
		t.Errorf("exact tp %v, overlap tp %v; want 1 and 2", exact.tpP, over.tpP)
	}
}
