package article

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// warnWindows1252 is the warning an article gets when some of its bytes
// were not valid UTF-8 and were read as Windows-1252.
const warnWindows1252 = "decoded from windows-1252: input was not valid UTF-8"

// decodeBytes turns raw input bytes into a valid UTF-8 string. Valid UTF-8
// passes through unchanged; each byte that is not part of a valid UTF-8
// sequence is read as Windows-1252 (a superset of Latin-1's printable
// range), so a file mixing both (common in scraped CSV) keeps its UTF-8
// intact. fellBack reports whether any byte was decoded that way.
func decodeBytes(b []byte) (s string, fellBack bool) {
	if utf8.Valid(b) {
		return string(b), false
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			sb.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
			i++
			continue
		}
		sb.Write(b[i : i+n])
		i += n
	}
	return sb.String(), true
}

// decodeString is decodeBytes for a string that may hold invalid UTF-8.
func decodeString(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return decodeBytes([]byte(s))
}

// suspect marks the bytes needsClean must look at: C0 controls but \n and
// \t, DEL, and the lead bytes of C1 controls (C2), of U+FEFF (EF) and of
// anything not ASCII that may be invalid (checked by utf8.ValidString).
var suspect = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\n' && c != '\t'
	}
	t[0x7f], t[0xc2], t[0xef] = true, true, true
	return t
}()

// needsClean reports whether cleanText would change s: it holds a carriage
// return, a control character other than \n and \t, a C1 control, a BOM
// or invalid UTF-8.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !suspect[c] {
			continue
		}
		switch c {
		case 0xc2: // U+0080..U+009F are C2 80..C2 9F
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
				return true
			}
		case 0xef: // U+FEFF is EF BB BF
			if i+2 < len(s) && s[i+1] == 0xbb && s[i+2] == 0xbf {
				return true
			}
		default:
			return true
		}
	}
	return !utf8.ValidString(s)
}

// cleanText normalizes line endings (\r\n and \r become \n), repairs
// UTF-8 that was mis-decoded as Latin-1 (repairMojibake), drops NUL and
// every other control character except \n and \t (C0, DEL and C1, which
// only appear in text through mis-decoding), drops byte order marks and
// replaces invalid UTF-8 with U+FFFD. The result is valid UTF-8.
func cleanText(s string) string {
	if !needsClean(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r':
				sb.WriteByte('\n')
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			case c == '\n' || c == '\t':
				sb.WriteByte(c)
			case c < 0x20 || c == 0x7f:
				// dropped
			default:
				sb.WriteByte(c)
			}
			i++
			continue
		}
		if fixed, n := repairMojibake(s[i:]); n > 0 {
			sb.WriteRune(fixed)
			i += n
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			sb.WriteRune(utf8.RuneError)
		case r >= 0x80 && r <= 0x9f, r == 0xfeff:
			// dropped
		default:
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String()
}

// cleanLine is cleanText for one-line fields (title, author, ...): every
// run of white space, newlines included, becomes one space, and the
// result is trimmed.
func cleanLine(s string) string {
	s = cleanText(s)
	if !strings.ContainsAny(s, "\n\t") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// cleanBody is cleanText for an article body, trimmed of the white space
// around it.
func cleanBody(s string) string {
	return strings.TrimSpace(cleanText(s))
}

// Byte order marks.
var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// utf16Guess reports whether sample looks like UTF-16 text without a byte
// order mark: mostly ASCII, so every other byte is NUL. It returns
// "utf-16le", "utf-16be" or "".
func utf16Guess(sample []byte) string {
	n := len(sample) &^ 1
	if n < 8 {
		return ""
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if sample[i] == 0 {
			evenNUL++
		}
		if sample[i+1] == 0 {
			oddNUL++
		}
	}
	pairs := n / 2
	switch {
	case oddNUL*10 >= pairs*9 && evenNUL*20 <= pairs:
		return "utf-16le"
	case evenNUL*10 >= pairs*9 && oddNUL*20 <= pairs:
		return "utf-16be"
	}
	return ""
}

// hasPrefixFold reports whether b starts with prefix, ignoring ASCII case.
func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
