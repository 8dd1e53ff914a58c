package text

import (
	"unicode"
	"unicode/utf8"
)

// Character classes shared by the tokenizer, the segmenter and the quote
// matcher. ASCII is answered from a table; everything else is decoded once.

const (
	cSpace = 1 << iota // ASCII white space
	cLower
	cUpper
	cDigit
)

var asciiClass = func() (t [256]uint8) {
	for _, c := range " \t\n\r\v\f" {
		t[c] |= cSpace
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= cUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit
	}
	return t
}()

func isASCIISpace(c byte) bool { return asciiClass[c]&cSpace != 0 }
func isASCIIDigit(c byte) bool { return asciiClass[c]&cDigit != 0 }
func isASCIILetter(c byte) bool {
	return asciiClass[c]&(cLower|cUpper) != 0
}
func isASCIIAlnum(c byte) bool {
	return asciiClass[c]&(cLower|cUpper|cDigit) != 0
}

// runeAt decodes the rune at s[i]; invalid bytes come back as
// (utf8.RuneError, 1) so callers always advance.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// runeBefore decodes the rune ending at s[i] (exclusive).
func runeBefore(s string, i int) (rune, int) {
	if i <= 0 {
		return utf8.RuneError, 0
	}
	c := s[i-1]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

// isSpaceRune reports white space, including the no-break and zero-width
// spaces common in scraped news text.
func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIISpace(byte(r))
	}
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return unicode.IsSpace(r)
}

// spaceAt returns the width of the white space rune at s[i], or 0.
func spaceAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		if isASCIISpace(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if isSpaceRune(r) {
		return n
	}
	return 0
}

// spaceBefore returns the width of the white space rune ending at s[i], or 0.
func spaceBefore(s string, i int) int {
	if i <= 0 {
		return 0
	}
	c := s[i-1]
	if c < utf8.RuneSelf {
		if isASCIISpace(c) {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeLastRuneInString(s[:i])
	if isSpaceRune(r) {
		return n
	}
	return 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIILetter(byte(r))
	}
	return r != utf8.RuneError && unicode.IsLetter(r)
}

func isUpperRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[byte(r)]&cUpper != 0
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLowerRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[byte(r)]&cLower != 0
	}
	return unicode.IsLower(r)
}

// skipSpace returns the first index >= i that is not white space.
func skipSpace(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				return i
			}
			i++
			continue
		}
		n := spaceAt(s, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// trimSpan shrinks [a,b) to exclude white space at both ends.
func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		n := spaceAt(s, a)
		if n == 0 || a+n > b {
			break
		}
		a += n
	}
	for b > a {
		n := spaceBefore(s, b)
		if n == 0 || b-n < a {
			break
		}
		b -= n
	}
	return a, b
}

// Quote-mark classes.
const (
	qNone = iota
	qDoubleOpen
	qDoubleClose
	qDoubleStraight
	qSingleOpen
	qSingleClose // ’ is also the apostrophe
	qSingleStraight
)

func quoteKind(r rune) int {
	switch r {
	case '"':
		return qDoubleStraight
	case '\'':
		return qSingleStraight
	case '“', '„', '«', '‟':
		return qDoubleOpen
	case '”', '»':
		return qDoubleClose
	case '‘', '‹', '‛':
		return qSingleOpen
	case '’', '›':
		return qSingleClose
	}
	return qNone
}

// isClosing reports marks that may trail a sentence terminator and still
// belong to the sentence: closing quotes and brackets.
func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '}', '»', '›':
		return true
	}
	return false
}

// isOpening reports marks that may start a sentence before its first word.
func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '{', '«', '‹', '„', '¿', '¡':
		return true
	}
	return false
}

// lowerASCII copies an ASCII word into buf lower-cased; ok is false when
// the word is too long or not ASCII.
func lowerASCII(buf []byte, w string) ([]byte, bool) {
	if len(w) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)], true
}
