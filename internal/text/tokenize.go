package text

import (
	"strings"
	"unicode/utf8"
)

// Tokenize returns the tokens of s.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/5+1), s)
}

// AppendTokens appends the tokens of s to dst and returns it. It allocates
// only when dst must grow.
func AppendTokens(dst []Token, s string) []Token {
	i := 0
	plain := 0 // end of a chunk known to hold no URL or address
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isASCIISpace(c):
				i++
				continue
			case isASCIIAlnum(c):
				// Fast path: a plain ASCII word ended by a byte that cannot
				// continue it.
				j := i + 1
				for j < len(s) && isASCIIAlnum(s[j]) {
					j++
				}
				if j == len(s) || plainEnd[s[j]] ||
					(s[j] == ',' || s[j] == '.') && (j+1 == len(s) || isASCIISpace(s[j+1])) {
					k := Word
					if isASCIIDigit(c) {
						k = Number
					}
					dst = append(dst, Token{i, j, k})
					i = j
					continue
				}
				t := scanWord(s, &plain, i)
				dst = append(dst, t)
				i = t.End
				continue
			case c == '_':
				if i+1 < len(s) && isASCIIAlnum(s[i+1]) {
					t := scanWord(s, &plain, i)
					dst = append(dst, t)
					i = t.End
					continue
				}
				j := i + 1 // a rule of underscores: one mark
				for j < len(s) && s[j] == '_' {
					j++
				}
				dst = append(dst, Token{i, j, Punct})
				i = j
				continue
			case c == '@':
				if j := scanHandleBody(s, i+1); j > i+1 {
					dst = append(dst, Token{i, j, Handle})
					i = j
					continue
				}
			case c == '#':
				if j := scanHashtagBody(s, i+1); j > i+1 {
					dst = append(dst, Token{i, j, Hashtag})
					i = j
					continue
				}
			case c == '$':
				if i+1 < len(s) && isASCIIDigit(s[i+1]) {
					t := scanWord(s, &plain, i+1)
					dst = append(dst, Token{i, t.End, Number})
					i = t.End
					continue
				}
			case c == '.' || c == '-':
				j := i + 1
				for j < len(s) && s[j] == c {
					j++
				}
				dst = append(dst, Token{i, j, Punct})
				i = j
				continue
			case c == '\'':
				if j := scanElision(s, i); j > i {
					dst = append(dst, Token{i, j, Word})
					i = j
					continue
				}
			}
			dst = append(dst, Token{i, i + 1, Punct})
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			// Invalid UTF-8: one byte, one token, offsets stay valid.
			dst = append(dst, Token{i, i + 1, Punct})
			i++
		case isSpaceRune(r):
			i += n
		case isWordRune(r):
			t := scanWord(s, &plain, i)
			dst = append(dst, t)
			i = t.End
		case r == '’' || r == '‘':
			if j := scanElision(s, i); j > i {
				dst = append(dst, Token{i, j, Word})
				i = j
				continue
			}
			dst = append(dst, Token{i, i + n, Punct})
			i += n
		case r == '€' || r == '£' || r == '¥':
			if i+n < len(s) && isASCIIDigit(s[i+n]) {
				t := scanWord(s, &plain, i+n)
				dst = append(dst, Token{i, t.End, Number})
				i = t.End
				continue
			}
			dst = append(dst, Token{i, i + n, Punct})
			i += n
		default:
			dst = append(dst, Token{i, i + n, Punct})
			i += n
		}
	}
	return dst
}

// plainEnd marks ASCII bytes after which a word cannot continue (white
// space and punctuation that never joins word pieces).
var plainEnd = func() (t [256]bool) {
	for _, c := range " \t\n\r\v\f;!?()[]{}\"<>*=|~^`" {
		t[c] = true
	}
	return t
}()

// scanElision recognises a leading apostrophe that belongs to a word:
// ’90s, 'em, ’n’ (rock ’n’ roll), 'til. It returns the token end or i.
func scanElision(s string, i int) int {
	_, n := runeAt(s, i)
	j := i + n
	if j >= len(s) {
		return i
	}
	if isASCIIDigit(s[j]) {
		k := j
		for k < len(s) && isASCIIDigit(s[k]) {
			k++
		}
		if k-j == 2 {
			if k < len(s) && s[k] == 's' {
				k++
			}
			if k >= len(s) || !isWordRune(mustRune(s, k)) {
				return k
			}
		}
		return i
	}
	// ’n’ and 'n'
	if s[j] == 'n' || s[j] == 'N' {
		if r, m := runeAt(s, j+1); r == '’' || r == '\'' {
			if k := j + 1 + m; k >= len(s) || !isWordRune(mustRune(s, k)) {
				return k
			}
		}
	}
	k := j
	for k < len(s) && isASCIILetter(s[k]) {
		k++
	}
	if k < len(s) && isWordRune(mustRune(s, k)) {
		return i
	}
	var buf [8]byte
	if w, ok := lowerASCII(buf[:], s[j:k]); ok {
		switch string(w) {
		case "em", "til", "cause", "tis", "twas", "bout", "round",
			"s", "d", "ll", "re", "ve", "m", "t": // detached contractions: Post ‘s

			return k
		}
	}
	return i
}

func mustRune(s string, i int) rune {
	r, _ := runeAt(s, i)
	return r
}

// scanWord scans a word or number starting at i: letters and digits joined
// by apostrophes (don't, Sanders’s), hyphens (self-made), decimal points
// and thousands separators (3.5, 1,000), and letter-dot acronyms (U.S.).
// A word that turns out to be a URL or e-mail address is returned as such.
func scanWord(s string, plain *int, i int) Token {
	kind := Word
	if isASCIIDigit(s[i]) {
		kind = Number
	}
	j := scanAlnum(s, i)
	// Acronyms: U.S., U.S.A., a.m., e.g.
	if j-i == 1 && isASCIILetter(s[i]) && j+2 < len(s) && s[j] == '.' && isASCIILetter(s[j+1]) && s[j+2] == '.' {
		k := j
		for k+2 < len(s) && s[k] == '.' && isASCIILetter(s[k+1]) && s[k+2] == '.' {
			k += 2
		}
		k++ // final dot
		if k >= len(s) || !isWordRune(mustRune(s, k)) {
			return Token{i, k, Word}
		}
	}
	for j < len(s) {
		c := s[j]
		switch {
		case c == '.' || c == ',' || c == ':':
			if j+1 < len(s) && isASCIIDigit(s[j+1]) && isASCIIDigit(s[j-1]) {
				j = scanAlnum(s, j+1)
				continue
			}
			if c == ':' && j+2 < len(s) && s[j+1] == '/' && s[j+2] == '/' {
				if e := urlEnd(s, i, j+3); e > j+3 {
					return Token{i, e, URL}
				}
			}
			if c == '.' && j+1 < len(s) && isWordRune(mustRune(s, j+1)) {
				if t, ok := specialChunkOnce(s, plain, i); ok {
					return t
				}
			}
		case c == '@':
			if t, ok := specialChunkOnce(s, plain, i); ok {
				return t
			}
		case c == '/':
			if t, ok := specialChunkOnce(s, plain, i); ok {
				return t
			}
		case c == '-' || c == '_':
			if j+1 < len(s) && isWordRune(mustRune(s, j+1)) {
				if c == '-' && j+2 < len(s) && s[j+1] == '-' {
					break
				}
				j = scanAlnum(s, j+1)
				continue
			}
			if c == '_' {
				j++
				continue
			}
		case c == '%':
			if kind == Number {
				j++
			}
		case c == '\'' || c == 0xE2: // ' or ’ (E2 80 99)
			w := 1
			if c == 0xE2 {
				if j+2 >= len(s) || s[j+1] != 0x80 || s[j+2] != 0x99 {
					break
				}
				w = 3
			}
			if j+w < len(s) && isLetterRune(mustRune(s, j+w)) {
				j = scanAlnum(s, j+w)
				continue
			}
			// Possessive plural: Jones’, Sanders'
			if p := s[j-1]; (p == 's' || p == 'S') && (j+w >= len(s) || !isWordRune(mustRune(s, j+w))) {
				j += w
			}
		}
		break
	}
	if kind == Number && strings.IndexByte(s[i:j], '-') > 0 {
		// 73-year-old, 800-person: a compound word, not a number.
		for k := i; k < j; k++ {
			if s[k] == '-' && k+1 < j && !isASCIIDigit(s[k+1]) {
				kind = Word
				break
			}
		}
	}
	return Token{i, j, kind}
}

// scanAlnum returns the end of the run of word runes from i.
func scanAlnum(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIAlnum(c) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			return i
		}
		i += n
	}
	return i
}

func scanHandleBody(s string, i int) int {
	j := i
	for j < len(s) && (isASCIIAlnum(s[j]) || s[j] == '_') {
		j++
	}
	return j
}

func scanHashtagBody(s string, i int) int {
	j := i
	for j < len(s) {
		if s[j] == '_' {
			j++
			continue
		}
		r, n := runeAt(s, j)
		if !isWordRune(r) {
			break
		}
		j += n
	}
	return j
}

// chunkEnd returns the end of the run of non-space, non-quote, non-bracket
// bytes from i: the longest candidate for a URL or e-mail address.
func chunkEnd(s string, i int) int {
	// Capped so that a long run without spaces ("a.b.c.d...") costs
	// linear time: no URL or address is this long.
	lim := min(len(s), i+maxChunk)
	for i < lim {
		c := s[i]
		if c < utf8.RuneSelf {
			if isASCIISpace(c) || c == '"' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '`' {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || isSpaceRune(r) || quoteKind(r) != qNone || r == '—' || r == '–' || r == '…' {
			return i
		}
		i += n
	}
	return i
}

// maxChunk bounds the length of a URL or e-mail address.
const maxChunk = 2048

// trimURLTail drops trailing punctuation that ends the sentence rather
// than the address; a closing parenthesis stays when it balances one in
// the address (Wikipedia links).
func trimURLTail(s string, start, end int) int {
	for end > start {
		switch s[end-1] {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			end--
			continue
		case ')':
			if strings.Count(s[start:end], "(") < strings.Count(s[start:end], ")") {
				end--
				continue
			}
		}
		break
	}
	return end
}

// urlEnd returns the end of a URL whose body starts at body (after "://"),
// or body when nothing follows.
func urlEnd(s string, start, body int) int {
	if body >= len(s) || !isWordRune(mustRune(s, body)) {
		return body
	}
	return trimURLTail(s, start, chunkEnd(s, body))
}

// specialChunkOnce is specialChunk that remembers a failure: a later word
// inside the same chunk ("a.Bc.De.Fg") is not rescanned, which keeps long
// runs without spaces linear. Chunks with '@' or "www." are rechecked.
func specialChunkOnce(s string, plain *int, i int) (Token, bool) {
	if i < *plain {
		return Token{}, false
	}
	t, ok := specialChunk(s, i)
	if !ok {
		e := chunkEnd(s, i)
		if c := s[i:e]; strings.IndexByte(c, '@') < 0 && !strings.Contains(c, "www.") && !strings.Contains(c, "WWW.") {
			*plain = e
		}
	}
	return t, ok
}

// specialChunk classifies the chunk starting at i as a URL (www.x.com,
// pic.twitter.com/xyz, host with a known top-level domain) or an e-mail
// address.
func specialChunk(s string, i int) (Token, bool) {
	e := chunkEnd(s, i)
	e = trimURLTail(s, i, e)
	c := s[i:e]
	if at := strings.IndexByte(c, '@'); at > 0 {
		dom := c[at+1:]
		if validLocal(c[:at]) && validHost(dom) && strings.IndexByte(dom, '.') > 0 && strings.IndexByte(dom, '/') < 0 {
			return Token{i, e, Email}, true
		}
		return Token{}, false
	}
	host := c
	if k := strings.IndexAny(host, "/:?#"); k >= 0 {
		host = host[:k]
	}
	if len(host) > 4 && (host[:4] == "www." || host[:4] == "WWW.") && validHost(host) {
		return Token{i, e, URL}, true
	}
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || !validHost(host) {
		return Token{}, false
	}
	var buf [8]byte
	if tld, ok := lowerASCII(buf[:], host[dot+1:]); ok && tlds[string(tld)] {
		// A capitalised "Word.Com" is more likely two run-together
		// sentences than a domain; require a lower-case top-level domain.
		if host[dot+1] >= 'a' && host[dot+1] <= 'z' {
			return Token{i, e, URL}, true
		}
	}
	return Token{}, false
}

func validLocal(l string) bool {
	if l == "" {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !(isASCIIAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}

// validHost accepts dot-separated labels of ASCII letters, digits and
// hyphens with no empty label.
func validHost(h string) bool {
	if h == "" || h[0] == '.' || h[len(h)-1] == '.' {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if c == '.' {
			if h[i-1] == '.' {
				return false
			}
			continue
		}
		if !(isASCIIAlnum(c) || c == '-') {
			return false
		}
	}
	return true
}

// tlds are top-level domains common enough in news text to mark a bare
// host name (breitbart.com, pic.twitter.com) as a URL.
var tlds = map[string]bool{
	"com": true, "org": true, "net": true, "gov": true, "edu": true, "mil": true, "int": true,
	"io": true, "co": true, "us": true, "uk": true, "ca": true, "au": true, "de": true, "fr": true,
	"ru": true, "cn": true, "jp": true, "in": true, "info": true, "biz": true, "tv": true, "me": true,
	"ly": true, "news": true, "ie": true, "nz": true, "eu": true, "it": true, "es": true, "nl": true,
	"ch": true, "se": true, "no": true, "il": true, "br": true, "mx": true, "gl": true, "be": true,
	"fm": true, "am": true, "ai": true, "app": true, "online": true, "site": true, "xyz": true, "cc": true,
}
