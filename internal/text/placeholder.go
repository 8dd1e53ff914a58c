package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize returns the tokens of s. (Placeholder: splits on spaces and
// punctuation; replaced by the real tokenizer.)
func Tokenize(s string) []Token { return AppendTokens(nil, s) }

// AppendTokens appends the tokens of s to dst and returns it.
func AppendTokens(dst []Token, s string) []Token {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				j += n2
			}
			k := Word
			if unicode.IsDigit(r) {
				k = Number
			}
			dst = append(dst, Token{i, j, k})
			i = j
		default:
			dst = append(dst, Token{i, i + n, Punct})
			i += n
		}
	}
	return dst
}

// Sentences returns the sentence spans of s. (Placeholder.)
func Sentences(s string) []Span {
	var out []Span
	start := -1
	for i, r := range s {
		if start < 0 && !unicode.IsSpace(r) {
			start = i
		}
		if start >= 0 && strings.ContainsRune(".!?", r) {
			out = append(out, Span{start, i + 1})
			start = -1
		}
	}
	if start >= 0 {
		end := len(strings.TrimRightFunc(s, unicode.IsSpace))
		out = append(out, Span{start, end})
	}
	return out
}

// Quotes returns the quotation spans of s. (Placeholder.)
func Quotes(s string) []QuoteSpan {
	var out []QuoteSpan
	open := -1
	for i, r := range s {
		switch r {
		case '“':
			open = i
		case '”':
			if open >= 0 {
				out = append(out, QuoteSpan{Start: open, End: i + len("”"), InnerStart: open + len("“"), InnerEnd: i})
				open = -1
			}
		}
	}
	return out
}

// Paragraphs returns the paragraph spans of s. (Placeholder.)
func Paragraphs(s string) []Span {
	var out []Span
	for start := 0; start < len(s); {
		j := strings.Index(s[start:], "\n\n")
		end := len(s)
		if j >= 0 {
			end = start + j
		}
		if t := strings.TrimSpace(s[start:end]); t != "" {
			out = append(out, Span{start, end})
		}
		if j < 0 {
			break
		}
		start = end + 2
	}
	return out
}
