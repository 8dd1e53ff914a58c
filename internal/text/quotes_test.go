package text_test

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/credence-news/credence/internal/text"
)

// quoteDesc renders a quote span as its text, depth and an
// unclosed flag.
func quoteDesc(s string, q text.QuoteSpan) string {
	d := fmt.Sprintf("%s@%d", s[q.Start:q.End], q.Depth)
	if q.Unclosed {
		d += "!"
	}
	return d
}

func quoteDescs(s string) []string {
	var out []string
	for _, q := range text.Quotes(s) {
		out = append(out, quoteDesc(s, q))
	}
	return out
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"curly", "He said, “Go now,” and left.", []string{"“Go now,”@0"}},
		{"straight", `He said, "Go now," and left.`, []string{`"Go now,"@0`}},
		{"two", `“A,” he said. “B.”`, []string{"“A,”@0", "“B.”@0"}},
		{"single curly", "They called it ‘inner circle’ politics.", []string{"‘inner circle’@0"}},
		{"single straight", "She turned to him, 'This is great.' she said.", []string{"'This is great.'@0"}},
		{"apostrophes are not quotes", "Don't touch Sanders’s car; it's Jones’ and the ’90s rock ’n’ roll fan's.", nil},
		{"nested", "“He told me, ‘No way,’ and left,” she said.", []string{"“He told me, ‘No way,’ and left,”@0", "‘No way,’@1"}},
		{"nested with apostrophe", "“It’s ‘fake news,’ isn’t it?” he asked.", []string{"“It’s ‘fake news,’ isn’t it?”@0", "‘fake news,’@1"}},
		{"nested straight", `"He said 'no' twice," she said.`, []string{`"He said 'no' twice,"@0`, "'no'@1"}},
		{"unclosed at paragraph end", "He said, “We will win.\n\nNext paragraph here.", []string{"“We will win.@0!"}},
		{"across paragraphs", "“First part.\n\n“Second part.\n\n“Third part,” he said.\n\nAfter.",
			[]string{"“First part.\n\n“Second part.\n\n“Third part,”@0"}},
		{"across paragraphs straight", "\"First part.\n\n\"Second part,\" he said.",
			[]string{"\"First part.\n\n\"Second part,\"@0"}},
		{"lost paragraph breaks", "“First part. “Second part,” he said.", []string{"“First part. “Second part,”@0"}},
		{"damaged empty quote", "what she called the “ ” first draft, which was “poor.”",
			[]string{"“ ”@0", "“poor.”@0"}},
		{"doubled apostrophes", "''We're in a bubble,'' he said. ``Fine,'' she said.", []string{"''We're in a bubble,''@0", "``Fine,''@0"}},
		{"guillemets", "Il a dit «non» hier.", []string{"«non»@0"}},
		{"unclosed single dropped", "Rock 'n' roll and 'em and 'til then.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quoteDescs(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Quotes(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuotesSeed(t *testing.T) {
	b, err := os.ReadFile(seedArticle)
	if err != nil {
		t.Skipf("seed article not available (%v); run from a checkout with ../shared", err)
	}
	s := string(b)
	got := quoteDescs(s)
	for _, want := range []string{"“He’s not going anywhere,”@0", "“ ”@0"} {
		if !slices.Contains(got, want) {
			t.Errorf("seed quotes %q: missing %q", got, want)
		}
	}
	for _, q := range text.Quotes(s) {
		if q.Unclosed || q.End-q.Start > 200 {
			t.Errorf("seed quote swallows text: %q", s[q.Start:q.End])
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"blank lines", "One line\nsame paragraph.\n\n  Two.  \n \n\nThree.", []string{"One line\nsame paragraph.", "Two.", "Three."}},
		{"single newlines", "Title\nFirst.\r\nSecond.\n", []string{"Title", "First.", "Second."}},
		{"one paragraph", "  Just text.  ", []string{"Just text."}},
		{"trailing blank line only", "Line one\nLine two\n\n", []string{"Line one", "Line two"}},
		{"empty", "", nil},
		{"space", " \n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range text.Paragraphs(tt.in) {
				got = append(got, tt.in[p.Start:p.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Paragraphs(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}
