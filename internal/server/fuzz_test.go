package server

import (
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

// FuzzSegments gives the highlighter arbitrary text and spans (as a buggy
// stage might): it must not panic, and the runs must rebuild the text.
func FuzzSegments(f *testing.F) {
	f.Add("Ms. Roe said “we will win”.", 0, 7, 8, 12, 13, 27, 0, 3)
	f.Add("✓✓✓ a", 1, 2, -5, 100, 3, 3, 2, 9)
	f.Add("", 0, 0, 0, 0, 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, s0, s1, c0, c1, k0, k1, p0, p1 int) {
		an := article.NewAnalysis(&article.Article{Text: text})
		var a article.Attribution
		a.Source.Start, a.Source.End, a.Source.Type = s0, s1, "anonymous"
		a.Cue.Start, a.Cue.End = c0, c1
		a.Content.Start, a.Content.End = k0, k1
		an.Attributions = []article.Attribution{a, a}
		an.SocialPosts = []article.SocialPost{{Start: p0, End: p1}}
		var b strings.Builder
		for _, s := range segments(an) {
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Errorf("segments rebuild %q, want %q", b.String(), text)
		}
	})
}
