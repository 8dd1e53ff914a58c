package article

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// repairMojibake undoes one UTF-8 character that an earlier program read
// as Latin-1 or Windows-1252 ("â\u0080\u0094" or "â€”" for "—"), found at
// the start of s. It returns the repaired character and how many bytes of
// s it replaces, or n == 0 when s does not start with such a sequence.
// Scraped corpora carry these; without the repair the C1 controls would be
// dropped and the dash, quote or apostrophe lost.
func repairMojibake(s string) (r rune, n int) {
	lead, ln := utf8.DecodeRuneInString(s)
	var want int
	switch {
	case lead >= 0xc2 && lead <= 0xdf:
		want = 2
	case lead >= 0xe0 && lead <= 0xef:
		want = 3
	case lead >= 0xf0 && lead <= 0xf4:
		want = 4
	default:
		return 0, 0
	}
	var buf [4]byte
	buf[0] = byte(lead)
	n = ln
	c1 := false
	for k := 1; k < want; k++ {
		cr, cn := utf8.DecodeRuneInString(s[n:])
		var b byte
		switch {
		case cr >= 0x80 && cr <= 0xbf:
			b = byte(cr)
			c1 = c1 || cr <= 0x9f
		case cr > 0xff:
			var ok bool
			if b, ok = charmap.Windows1252.EncodeRune(cr); !ok || b < 0x80 || b > 0xbf {
				return 0, 0
			}
			c1 = true
		default:
			return 0, 0
		}
		buf[k] = b
		n += cn
	}
	// Only sequences with a C1 control or a Windows-1252 symbol among
	// them: "Ã©" alone could be real text, "â\u0080\u0094" cannot.
	if !c1 {
		return 0, 0
	}
	r, size := utf8.DecodeRune(buf[:want])
	if r == utf8.RuneError || size != want {
		return 0, 0
	}
	return r, n
}
