package eval

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// FuzzParseBrat: any annotation text against any article text gives an
// error or spans inside the text on code-point boundaries, never a panic.
func FuzzParseBrat(f *testing.F) {
	f.Add(bratAnn, bratText)
	f.Add("T1\tCue 0 4\tsaid\nE1\tAttribution:T1 Cue:T1\n", "said it")
	f.Add("T1\tSource 2 1\tx\n", "abc")
	f.Add("T1\tContent 0 3;4 9\tx\nE1\tContent:T1 Source:T9\n", "αβγ δεζηθ")
	f.Add("E1\tCue:T1 Cue2:T2\nT1\tCue 0 1\tx\n", "x")
	f.Fuzz(func(t *testing.T, ann, text string) {
		atts, err := ParseBrat(strings.NewReader(ann), text)
		if err != nil {
			return
		}
		for _, a := range atts {
			for _, part := range [][]article.Span{a.Source, a.Cue, a.Content} {
				for _, s := range part {
					if s.Start < 0 || s.End > len(text) || s.Start > s.End {
						t.Fatalf("span [%d,%d) outside a text of %d bytes", s.Start, s.End, len(text))
					}
					if utf8.ValidString(text) && (!utf8.RuneStart(at(text, s.Start)) || !utf8.RuneStart(at(text, s.End))) {
						t.Fatalf("span [%d,%d) cuts a character", s.Start, s.End)
					}
				}
			}
		}
	})
}

// at returns the byte at i, or a rune start at the end of s.
func at(s string, i int) byte {
	if i >= len(s) {
		return 0
	}
	return s[i]
}
