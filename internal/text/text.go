// Package text is credence's text core: tokens, sentences, quotation spans
// and paragraphs of news text, all as byte offsets into the input.
package text

// Span is a half-open byte range [Start,End).
type Span struct {
	Start, End int
}

// TokenKind classifies a token.
type TokenKind uint8

const (
	Word    TokenKind = iota // words, contractions, possessives
	Number                   // 42, 3.5, $1,000, 10%
	Punct                    // punctuation and symbols, one mark per token (ellipsis and dashes kept whole)
	URL                      // http://..., www.example.com
	Email                    // a@b.org
	Handle                   // @Acosta
	Hashtag                  // #MAGA
)

// Token is one token of the input.
type Token struct {
	Start, End int
	Kind       TokenKind
}

// QuoteSpan is a quotation: [Start,End) includes the marks, [InnerStart,
// InnerEnd) excludes them. Depth 0 is an outer quote. Unclosed is set when
// no closing mark was found.
type QuoteSpan struct {
	Start, End           int
	InnerStart, InnerEnd int
	Depth                int
	Unclosed             bool
}
