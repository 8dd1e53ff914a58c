package text_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/credence-news/credence/internal/text"
)

// tok renders a token as text/kind for compact expectations.
func tok(s string, t text.Token) string {
	k := [...]string{"w", "n", "p", "url", "email", "handle", "tag"}[t.Kind]
	return s[t.Start:t.End] + "/" + k
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello world.", []string{"Hello/w", "world/w", "./p"}},
		{"It cost 3.5 or 1,000 dollars, $1.2 million's worth, 10%.",
			[]string{"It/w", "cost/w", "3.5/n", "or/w", "1,000/n", "dollars/w", ",/p", "$1.2/n", "million's/w", "worth/w", ",/p", "10%/n", "./p"}},
		{"don't He's He’s", []string{"don't/w", "He's/w", "He’s/w"}},
		{"Sanders’s and Sanders's and Jones’ plan", []string{"Sanders’s/w", "and/w", "Sanders's/w", "and/w", "Jones’/w", "plan/w"}},
		{"@Acosta said #MAGA", []string{"@Acosta/handle", "said/w", "#MAGA/tag"}},
		{"see https://example.com/a?b=c. Then", []string{"see/w", "https://example.com/a?b=c/url", "./p", "Then/w"}},
		{"at www.x.com, or pic.twitter.com/xyz", []string{"at/w", "www.x.com/url", ",/p", "or/w", "pic.twitter.com/xyz/url"}},
		{"mail Jane.Doe@example.com.", []string{"mail/w", "Jane.Doe@example.com/email", "./p"}},
		{"“Go,” he said…", []string{"“/p", "Go/w", ",/p", "”/p", "he/w", "said/w", "…/p"}},
		{"wait... no -- yes — maybe", []string{"wait/w", ".../p", "no/w", "--/p", "yes/w", "—/p", "maybe/w"}},
		{"the U.S. and U.S.A. at 5 a.m.", []string{"the/w", "U.S./w", "and/w", "U.S.A./w", "at/w", "5/n", "a.m./w"}},
		{"self-made rock ’n’ roll of the ’90s", []string{"self-made/w", "rock/w", "’n’/w", "roll/w", "of/w", "the/w", "’90s/w"}},
		{"a 73-year-old man, 9-11 and ____", []string{"a/w", "73-year-old/w", "man/w", ",/p", "9-11/n", "and/w", "____/p"}},
		{"(Reuters) -", []string{"(/p", "Reuters/w", ")/p", "-/p"}},
		{"world.Today", []string{"world/w", "./p", "Today/w"}},
		{"Example. org", []string{"Example/w", "./p", "org/w"}},
		{"Café naïve €5", []string{"Café/w", "naïve/w", "€5/n"}},
		{"bad \xff byte", []string{"bad/w", "\xff/p", "byte/w"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range text.Tokenize(tt.in) {
			got = append(got, tok(tt.in, tk))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendTokensNoAlloc(t *testing.T) {
	s := "Sen. Jo Lee said, “She’s not leaving town,” on June 8, 2017. See www.example.com."
	buf := make([]text.Token, 0, 256)
	allocs := testing.AllocsPerRun(100, func() {
		buf = text.AppendTokens(buf[:0], s)
	})
	if allocs != 0 {
		t.Errorf("AppendTokens allocates %v times per run, want 0", allocs)
	}
}

func ExampleTokenize() {
	s := "“She’s not leaving town,” @jolee wrote."
	for _, t := range text.Tokenize(s) {
		fmt.Printf("%q ", s[t.Start:t.End])
	}
	// Output: "“" "She’s" "not" "leaving" "town" "," "”" "@jolee" "wrote" "."
}
