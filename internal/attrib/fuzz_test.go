package attrib

import (
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/text"
)

// FuzzAnnotate checks that Annotate never panics and writes only
// offsets inside the text, whatever the text and its segmentation.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{
		"“We will win,” she said, “and win big.”",
		"CNN’s Jim Acosta tweeted Thursday that Sarah Sanders said: “No.” —   Jim Acosta (@Acosta) June 8, 2017,",
		"According to the report, officials said the “ ” plan ( ) failed, sources said.",
		"A post shared by Jane (@j.d) on Mar 3, 2018 pic.twitter.com/x",
		"said said said, according to, “",
		"Sen. U.S. ’s ’s (@) — (@a) — ",
		"Close aides said on condition of anonymity that the plan failed. Inside sources said so.",
		"Story Continued Below The Attorney General of Texas, a spokesman for Sen. Bob Lee of Ohio, Jo Roe, said FULL TEXT.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		an := article.NewAnalysis(&article.Article{Text: s, Title: s})
		for _, sp := range text.Sentences(s) {
			an.Sentences = append(an.Sentences, article.Span{Start: sp.Start, End: sp.End})
		}
		for _, sp := range text.Paragraphs(s) {
			an.Paragraphs = append(an.Paragraphs, article.Span{Start: sp.Start, End: sp.End})
		}
		for _, q := range text.Quotes(s) {
			an.Quotes = append(an.Quotes, article.Quote{Start: q.Start, End: q.End, InnerStart: q.InnerStart, InnerEnd: q.InnerEnd, Depth: q.Depth, Unclosed: q.Unclosed})
		}
		Annotate(an)
		n := len(s)
		in := func(what string, a, b int, txt string) {
			if a < 0 || b > n || a > b {
				t.Fatalf("%s [%d,%d) out of [0,%d)", what, a, b, n)
			}
			if txt != "" && s[a:b] != txt {
				t.Fatalf("%s [%d,%d) = %q, text %q", what, a, b, s[a:b], txt)
			}
		}
		for _, a := range an.Attributions {
			in("cue", a.Cue.Start, a.Cue.End, a.Cue.Text)
			in("source", a.Source.Start, a.Source.End, a.Source.Text)
			in("content", a.Content.Start, a.Content.End, a.Content.Text)
			if a.Content.Text == "" || a.Cue.Text == "" {
				t.Fatalf("empty content or cue: %+v", a)
			}
		}
		for _, p := range an.SocialPosts {
			in("post", p.Start, p.End, "")
		}
		for _, e := range an.Entities {
			in("entity", e.Start, e.End, e.Text)
		}
	})
}

// FuzzParseModels checks that the model parsers reject foreign or
// corrupt input with an error, never a panic, and that a parsed part-of-
// speech dictionary writes back to the same bytes.
func FuzzParseModels(f *testing.F) {
	f.Add([]byte(PosDictFormat + "\nnote\tx\nsha256\t00\n---\nsaid\tVBD\n"))
	f.Add(NewPosCounterDict().Marshal())
	f.Add([]byte(CueFormat + "\nnote\t\nsha256\t\n---\nw\tsaid\t3\t2\n"))
	f.Add([]byte(TaggerFormat + "\nbits 8\nsha256 00\n"))
	f.Add(posFile[:min(len(posFile), 300)])
	f.Add(frame(RankFormat, "x", []byte("bits\t8\ncue\t0.3\t1\nsource\t0.3\t1\ncontent\t0.4\t1\n3\t1\t0\t-2\n")))
	f.Add(rankFile[:min(len(rankFile), 400)])
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, err := ParsePosDict(b); err == nil {
			if _, err := ParsePosDict(p.Marshal()); err != nil {
				t.Fatalf("re-parse: %v", err)
			}
		}
		ParseCueModel(b)
		ParseTagger(b)
		if r, err := ParseCueRanker(b); err == nil {
			if _, err := ParseCueRanker(r.Marshal()); err != nil {
				t.Fatalf("re-parse reranker: %v", err)
			}
		}
	})
}

// NewPosCounterDict is a small dictionary for seeds and tests.
func NewPosCounterDict() *PosDict {
	c := NewPosCounter()
	for _, x := range [][2]string{{"said", "VBD"}, {"Support", "NN"}, {"support", "VB"}, {"support", "NN"}, {"the", "DT"}} {
		c.Add(x[0], x[1])
	}
	return c.Dict(1, "seed")
}
