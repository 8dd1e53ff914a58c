package attrib

import (
	"unicode"
	"unicode/utf8"
)

// tok is a token as attribution extraction sees it: possessive 's split
// off ("CNN’s" is CNN + ’s, as in the Penn Treebank), abbreviations kept
// with their period ("Sen.", "U.S.").
type tok struct {
	s, e  int
	lw    string // lower case, curly apostrophes folded to '
	punct bool
	cap   bool // starts with an upper-case letter
	num   bool
	sent  int // sentence index
	// cueKnown caches isCueWord: 0 unknown, 1 no, 2 yes.
	cueKnown uint8
}

// abbrevs take their period: "Sen. Elizabeth Warren" is one name.
var abbrevs = setOf("mr", "mrs", "ms", "dr", "sen", "rep", "reps", "gov", "gen", "lt", "col", "st", "jr", "sr",
	"prof", "rev", "sgt", "capt", "maj", "adm", "cmdr", "inc", "corp", "co", "ltd", "vs", "jan", "feb", "mar",
	"apr", "aug", "sep", "sept", "oct", "nov", "dec", "pres", "gov", "atty", "supt", "hon", "mt", "ft", "no",
	"del", "amb", "det", "insp", "sens", "govs", "messrs")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenize appends the tokens of s[from:to] to dst; offsets are into s.
func tokenize(dst []tok, s string, from, to int) []tok {
	i := from
	for i < to {
		r, n := utf8.DecodeRuneInString(s[i:to])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		if !isWordRune(r) {
			dst = append(dst, tok{s: i, e: i + n, punct: true, lw: s[i : i+n]})
			i += n
			continue
		}
		start := i
		j := i + n
		dots := false
		for j < to {
			r2, n2 := utf8.DecodeRuneInString(s[j:to])
			if isWordRune(r2) {
				j += n2
				continue
			}
			// Internal apostrophe, hyphen or period followed by a letter or digit.
			if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == '&' {
				if j+n2 < to {
					r3, _ := utf8.DecodeRuneInString(s[j+n2 : to])
					if isWordRune(r3) {
						if r2 == '.' {
							dots = true
						}
						j += n2
						continue
					}
				}
			}
			break
		}
		end := j
		// Possessive 's (and ’s) becomes its own token.
		pos := -1
		if end-start > 2 {
			w := s[start:end]
			if w[len(w)-1] == 's' || w[len(w)-1] == 'S' {
				if w[len(w)-2] == '\'' {
					pos = end - 2
				} else if len(w) > 4 && w[len(w)-4:len(w)-1] == "’" {
					pos = end - 4
				}
			}
		}
		word := end
		if pos > 0 {
			word = pos
		}
		lw := lower(s[start:word])
		// Period of an abbreviation or initial.
		if pos < 0 && end < to && s[end] == '.' && (dots || abbrevs[lw] || (end-start == 1 && r >= 'A' && r <= 'Z')) {
			end++
			word = end
			lw = lower(s[start:word])
		}
		dst = append(dst, tok{s: start, e: word, lw: lw, cap: unicode.IsUpper(r), num: unicode.IsDigit(r)})
		if pos > 0 {
			dst = append(dst, tok{s: pos, e: end, lw: "'s"})
		}
		i = end
	}
	return dst
}

// lower folds ASCII case and curly apostrophes without allocating when
// there is nothing to fold.
func lower(w string) string {
	need := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c >= 'A' && c <= 'Z') || c >= 0x80 {
			need = true
			break
		}
	}
	if !need {
		return w
	}
	b := make([]byte, 0, len(w))
	for _, r := range w {
		switch {
		case r == '’' || r == '‘':
			b = append(b, '\'')
		case r < 0x80:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			b = append(b, byte(r))
		default:
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}
