package text

import "strings"

// Paragraphs returns the paragraph spans of s, without surrounding white
// space. Paragraphs are separated by blank lines; a text with no blank
// line between two paragraphs of content but with single line breaks has
// one paragraph per line.
func Paragraphs(s string) []Span {
	return AppendParagraphs(nil, s)
}

// AppendParagraphs appends the paragraph spans of s to dst.
func AppendParagraphs(dst []Span, s string) []Span {
	blank := hasBlankLine(s)
	for p := 0; p < len(s); {
		a, b, next := nextParagraph(s, p, blank)
		if a < b {
			dst = append(dst, Span{a, b})
		}
		p = next
	}
	return dst
}

// blankLineAt reports whether the line break at s[i] is followed by a
// line holding only white space; it returns the index of that line's
// terminating '\n', or -1.
func blankLineAt(s string, i int) int {
	j := i + 1
	for j < len(s) {
		if s[j] == '\n' {
			return j
		}
		n := spaceAt(s, j)
		if n == 0 {
			return -1
		}
		j += n
	}
	return -1
}

// hasBlankLine reports a blank line with content before and after it, in
// one pass.
func hasBlankLine(s string) bool {
	content, blank := false, false
	for i := 0; i < len(s); {
		if s[i] == '\n' {
			if content && blankLineAt(s, i) >= 0 {
				blank = true
			}
			i++
			continue
		}
		n := spaceAt(s, i)
		if n == 0 {
			if blank {
				return true
			}
			content = true
			// Skip to the end of the line.
			k := strings.IndexByte(s[i:], '\n')
			if k < 0 {
				return false
			}
			i += k
			continue
		}
		i += n
	}
	return false
}

// nextParagraph returns the trimmed paragraph starting at or after p and
// where the following one starts.
func nextParagraph(s string, p int, blank bool) (a, b, next int) {
	i := p
	for {
		k := strings.IndexByte(s[i:], '\n')
		if k < 0 {
			a, b = trimSpan(s, p, len(s))
			return a, b, len(s)
		}
		k += i
		if !blank {
			a, b = trimSpan(s, p, k)
			return a, b, k + 1
		}
		if j := blankLineAt(s, k); j >= 0 {
			a, b = trimSpan(s, p, k)
			return a, b, j + 1
		}
		i = k + 1
	}
}
