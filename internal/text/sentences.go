package text

import (
	"strings"
	"unicode/utf8"
)

// Sentences returns the sentence spans of s, without leading or trailing
// white space, in order and not overlapping.
func Sentences(s string) []Span {
	return AppendSentences(make([]Span, 0, len(s)/120+1), s)
}

// AppendSentences appends the sentence spans of s to dst and returns it.
//
// The segmenter is rule based and tuned for news text: a period ends a
// sentence unless it belongs to a number, an abbreviation, a title, an
// initial, an e-mail address or URL, or the next word is lower case (which
// also covers damaged text such as "Example. org"). Closing quotes and
// brackets after the terminator stay with the sentence. A line break ends a
// sentence unless the line was wrapped mid-sentence. List items and
// embedded-tweet signatures ("— Name (@handle) June 8, 2017") end
// sentences too.
func AppendSentences(dst []Span, s string) []Span {
	g := segmenter{s: s, dst: dst}
	g.run()
	return g.dst
}

type segmenter struct {
	s         string
	dst       []Span
	start     int  // start of the current sentence
	lineStart int  // start of the current line
	listNext  int  // value of the next expected list marker, 0 when none
	listStyle byte // '.', ')' or 'p' for ".)"
	listAlpha bool
	bullet    rune // bullet that opened the current sentence
	chunkEnd  int  // end of the last chunk runOn examined
	chunkAddr bool // whether that chunk holds an address
}

var (
	interesting     [256]bool
	interestingList [256]bool
)

func init() {
	for _, c := range []byte{'.', '!', '?', '\n', '-', 0xE2} {
		interesting[c] = true
		interestingList[c] = true
	}
	interestingList[' '] = true
	interestingList['\t'] = true
}

func (g *segmenter) run() {
	s := g.s
	i := g.begin(0)
	for i < len(s) {
		tab := &interesting
		if g.listNext != 0 {
			tab = &interestingList
		}
		for i < len(s) && !tab[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		switch s[i] {
		case '.':
			i = g.period(i)
		case '!', '?':
			i = g.bang(i)
		case '\n':
			i = g.newline(i)
		case '-':
			i = g.dash(i, 1)
		case ' ', '\t':
			i = g.listSpace(i)
		case 0xE2:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch r {
			case '…':
				i = g.period(i)
			case '—', '–':
				i = g.dash(i, n)
			case '•', '⁃', '‣', '▪', '◦':
				if r == g.bullet && i > g.start && spaceBefore(s, i) > 0 {
					g.emit(i)
					i = g.begin(i)
				} else {
					i += n
				}
			default:
				i += n
			}
		default:
			i++
		}
	}
	g.emit(len(s))
}

// emit closes the current sentence at end.
func (g *segmenter) emit(end int) {
	a, b := trimSpan(g.s, g.start, end)
	if a < b {
		g.dst = append(g.dst, Span{a, b})
	}
	g.start = end
}

// begin starts a sentence at or after p and returns where to scan from:
// after a list marker ("1.", "a)", "2.)", "• 9.") when there is one.
func (g *segmenter) begin(p int) int {
	s := g.s
	p = skipSpace(s, p)
	g.start = p
	g.listNext = 0
	g.bullet = 0
	q := p
	if r, n := runeAt(s, q); n > 0 {
		switch r {
		case '•', '⁃', '‣', '▪', '◦':
			g.bullet = r
			q += n
			for q < len(s) && (s[q] == ' ' || s[q] == '\t') {
				q++
			}
		}
	}
	if e, v, style, alpha := listMarker(s, q); e > 0 {
		g.listNext, g.listStyle, g.listAlpha = v+1, style, alpha
		return e
	}
	return q
}

// listMarker parses "12.", "12)", "12.)" or a lower-case letter in the same
// forms at p, followed by white space. It returns the end of the marker,
// or 0.
func listMarker(s string, p int) (end, value int, style byte, alpha bool) {
	q := p
	switch {
	case q < len(s) && isASCIIDigit(s[q]):
		for q < len(s) && isASCIIDigit(s[q]) && q-p < 3 {
			value = value*10 + int(s[q]-'0')
			q++
		}
	case q < len(s) && s[q] >= 'a' && s[q] <= 'z':
		value = int(s[q]-'a') + 1
		alpha = true
		q++
	default:
		return 0, 0, 0, false
	}
	switch {
	case q+1 < len(s) && s[q] == '.' && s[q+1] == ')':
		style, q = 'p', q+2
	case q < len(s) && (s[q] == '.' || s[q] == ')'):
		style, q = s[q], q+1
	default:
		return 0, 0, 0, false
	}
	if q < len(s) && spaceAt(s, q) == 0 {
		return 0, 0, 0, false
	}
	if value == 0 {
		return 0, 0, 0, false
	}
	return q, value, style, alpha
}

// listSpace breaks before the next marker of the list the current
// sentence started ("1) The first item 2) The second item").
func (g *segmenter) listSpace(i int) int {
	s := g.s
	p := i + 1
	if p >= len(s) || spaceAt(s, p) > 0 {
		return p
	}
	e, v, style, alpha := listMarker(s, p)
	if e > 0 && v == g.listNext && style == g.listStyle && alpha == g.listAlpha {
		g.emit(i)
		return g.begin(p)
	}
	return p
}

// absorbClosing skips closing quotes and brackets after a terminator. It
// reports whether any were found, and stops before an apostrophe that
// starts a possessive (Jr.'s).
func absorbClosing(s string, j int) (int, bool) {
	closed := false
	for j < len(s) {
		r, n := runeAt(s, j)
		if !isClosing(r) {
			break
		}
		if (r == '\'' || r == '’') && j+n < len(s) && isLetterRune(mustRune(s, j+n)) {
			break
		}
		j += n
		closed = true
	}
	return j, closed
}

// spacedClose extends j over a closing double quote set off by a space
// ("?’ ” Lehrer said"), which still belongs to the sentence.
func spacedClose(s string, j int) int {
	if j >= len(s) || s[j] != ' ' {
		return j
	}
	k := j + 1
	r, n := runeAt(s, k)
	if r != '”' && r != '»' {
		return j
	}
	if k+n < len(s) && spaceAt(s, k+n) == 0 {
		return j
	}
	return k + n
}

// hasNewline reports a line feed in s[a:b].
func hasNewline(s string, a, b int) bool {
	return strings.IndexByte(s[a:b], '\n') >= 0
}

// period handles '.' and '…' at i.
func (g *segmenter) period(i int) int {
	s := g.s
	n, e, spaced := dotRun(s, i)
	if n >= 2 {
		return g.ellipsis(i, n, e, spaced)
	}
	if i > 0 && i+1 < len(s) && isASCIIDigit(s[i-1]) && isASCIIDigit(s[i+1]) {
		return i + 1 // decimal or 1026.253.553
	}
	if i+1 < len(s) && spaceAt(s, i+1) == 0 {
		if r, _ := runeAt(s, i+1); isWordRune(r) {
			if g.runOn(i) {
				g.emit(i + 1)
				return g.begin(i + 1)
			}
			return i + 1
		}
	}
	j, closed := absorbClosing(s, i+1)
	if c := spacedClose(s, j); c > j {
		j, closed = c, true
	}
	if j < len(s) && spaceAt(s, j) == 0 {
		// "."" followed by a word, or ".," ".-": only a capital after a
		// closing quote is taken as a new sentence.
		if r, _ := runeAt(s, j); closed && isUpperRune(r) {
			g.emit(j)
			return g.begin(j)
		}
		return j
	}
	k := skipSpace(s, j)
	if k >= len(s) || hasNewline(s, j, k) {
		return j
	}
	if g.breakAfterPeriod(i, k, closed) {
		g.emit(j)
		return g.begin(j)
	}
	return j
}

// dotRun measures a run of dots from i: "...", "....", ". . .", "…".
// It returns the number of dots, the end of the run and whether it was
// spaced.
func dotRun(s string, i int) (n, end int, spaced bool) {
	p := i
	for p < len(s) {
		switch {
		case s[p] == '.':
			n++
			p++
			continue
		case strings.HasPrefix(s[p:], "…"):
			n += 3
			p += len("…")
			continue
		case n > 0 && s[p] == ' ' && p+1 < len(s) && (s[p+1] == '.' || strings.HasPrefix(s[p+1:], "…")):
			// ". ." but not "end. .com"-like: a spaced dot must be
			// followed by space, end, another dot or a closer.
			q := p + 1
			if s[q] == '.' && q+1 < len(s) && !(s[q+1] == ' ' || s[q+1] == '.' || isClosing(rune(s[q+1])) || s[q+1] >= utf8.RuneSelf) {
				return n, p, spaced
			}
			spaced = true
			p++
			continue
		}
		break
	}
	return n, p, spaced
}

// ellipsis decides whether a run of n dots ends a sentence.
//
// Three dots (spaced or not) usually mark an omission inside a sentence;
// a run of four ("....", ". . . .") ends one. A word followed by a period
// and then a spaced ellipsis ("compounds. . . . The") ends the sentence at
// the period; the ellipsis opens the next one.
func (g *segmenter) ellipsis(i, n, e int, spaced bool) int {
	s := g.s
	attached := i > 0 && spaceBefore(s, i) == 0 && s[i-1] != '['
	j, _ := absorbClosing(s, e)
	next := func() (rune, bool) {
		if j >= len(s) || spaceAt(s, j) == 0 {
			return 0, false
		}
		k := skipSpace(s, j)
		if k >= len(s) || hasNewline(s, j, k) {
			return 0, false
		}
		r, _ := runeAt(s, k)
		return r, true
	}
	r, ok := next()
	switch {
	case spaced && attached && n >= 4 && s[i] == '.':
		if ok && (isUpperRune(r) || isOpening(r)) {
			g.emit(i + 1)
			g.begin(i + 1)
		}
		return j
	case n >= 4:
		if ok && !isLowerRune(r) {
			g.emit(j)
			return g.begin(j)
		}
		return j
	case !spaced && ok && isUpperRune(r):
		// "that... She left"; a spaced ". . . I" stays inside.
		g.emit(j)
		return g.begin(j)
	}
	return j
}

// bang handles '!' and '?' at i.
func (g *segmenter) bang(i int) int {
	s := g.s
	j := i
	for j < len(s) && (s[j] == '!' || s[j] == '?' || s[j] == '.') {
		j++
	}
	j, closed := absorbClosing(s, j)
	if c := spacedClose(s, j); c > j {
		j, closed = c, true
	}
	if j >= len(s) {
		return j
	}
	if spaceAt(s, j) == 0 {
		return j
	}
	k := skipSpace(s, j)
	if k >= len(s) || hasNewline(s, j, k) {
		return j
	}
	r, _ := runeAt(s, k)
	if isLowerRune(r) || tweetSignature(s, k) > 0 {
		return j
	}
	if closed && speakerFollows(s, k) {
		return j // “Why?” Smith asked.
	}
	g.emit(j)
	return g.begin(j)
}

// speechVerbs close an attribution after a quoted question or
// exclamation: “Why?” Smith asked.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true, "adds": true,
	"told": true, "tells": true, "wrote": true, "writes": true, "replied": true, "replies": true,
	"tweeted": true, "tweets": true, "shouted": true, "yelled": true, "exclaimed": true,
	"continued": true, "explained": true, "declared": true, "responded": true, "wondered": true,
}

// speakerFollows reports one to four capitalised words and a speech verb
// at k ("Smith asked", "Sen. John Smith said").
func speakerFollows(s string, k int) bool {
	p := k
	for words := 0; words < 5; words++ {
		e := p
		for e < len(s) && (isASCIILetter(s[e]) || s[e] == '\'' || s[e] == '-') {
			e++
		}
		if e == p {
			return false
		}
		w := s[p:e]
		if speechVerbs[w] {
			return words > 0
		}
		if !isUpperRune(rune(w[0])) {
			return false
		}
		if e < len(s) && s[e] == '.' && classifyAbbrev(w) == abTitle {
			e++
		}
		if e >= len(s) || s[e] != ' ' {
			return false
		}
		p = e + 1
	}
	return false
}

// newline handles '\n' at i: a blank line always ends the sentence; a
// single line break does unless the line was wrapped mid-sentence (a
// trailing space, or a long line without final punctuation, followed by
// a lower-case word).
func (g *segmenter) newline(i int) int {
	s := g.s
	k := skipSpace(s, i+1)
	lineStart := g.lineStart
	g.lineStart = i + 1
	if hasNewline(s, i+1, k) || k >= len(s) {
		g.emit(i)
		return g.begin(k)
	}
	if a, b := trimSpan(s, g.start, i); a >= b {
		return k // nothing in the sentence yet
	}
	if r, _ := runeAt(s, k); isLowerRune(r) {
		e := i
		if e > 0 && s[e-1] == '\r' {
			e--
		}
		trailing := e > lineStart && (s[e-1] == ' ' || s[e-1] == '\t')
		_, b := trimSpan(s, lineStart, e)
		long := b-lineStart >= 30 && b > 0 && strings.IndexByte(".!?:;", s[b-1]) < 0
		if trailing || long {
			return k
		}
	}
	g.emit(i)
	return g.begin(k)
}

// dash handles a dash of width n at i: an embedded-tweet signature that
// follows ends the sentence after its date.
func (g *segmenter) dash(i, n int) int {
	s := g.s
	if i > 0 && spaceBefore(s, i) == 0 && s[i-1] != '-' {
		return i + n
	}
	if e := tweetSignature(s, i); e > 0 {
		g.emit(e)
		return g.begin(e)
	}
	return i + n
}

// runOn reports a sentence boundary at a period with no space after it:
// "world.Today", "1,000.That" (but not e-mail addresses, URLs, U.S.A or
// Mr.Smith).
func (g *segmenter) runOn(i int) bool {
	s := g.s
	a := i
	for a > 0 && isASCIIAlnum(s[a-1]) || a > 0 && s[a-1] == ',' && a > 1 && isASCIIDigit(s[a-2]) {
		a--
	}
	if i-a < 2 || (a > 0 && (s[a-1] == '.' || s[a-1] == '@' || s[a-1] == '/')) {
		return false
	}
	r1, n1 := runeAt(s, i+1)
	r2, _ := runeAt(s, i+1+n1)
	if !isUpperRune(r1) || !isLowerRune(r2) {
		return false
	}
	if classifyAbbrev(s[a:i]) != abNone {
		return false
	}
	// The chunk around the period must not be an address. The verdict
	// holds for the rest of the chunk, so a long run without spaces is
	// scanned once.
	if i < g.chunkEnd {
		return !g.chunkAddr
	}
	c0 := a
	for c0 > 0 && spaceBefore(s, c0) == 0 && c0 > i-200 {
		c0--
	}
	c1 := chunkEnd(s, i)
	chunk := s[c0:c1]
	g.chunkEnd = c1
	g.chunkAddr = strings.IndexByte(chunk, '@') >= 0 || strings.Contains(chunk, "://") || strings.Contains(chunk, "www.")
	return !g.chunkAddr
}

// wordBefore returns the start of the word (letters, digits, inner
// periods, ° and º) that ends at i.
func wordBefore(s string, i, lo int) int {
	a := i
	for a > lo {
		c := s[a-1]
		if c < utf8.RuneSelf {
			if isASCIIAlnum(c) || c == '.' {
				a--
				continue
			}
			break
		}
		r, n := runeBefore(s, a)
		if isWordRune(r) || r == '°' || r == 'º' {
			a -= n
			continue
		}
		break
	}
	for a < i && s[a] == '.' {
		a++
	}
	return a
}

// breakAfterPeriod decides a period at i followed by white space and the
// next token at k.
func (g *segmenter) breakAfterPeriod(i, k int, closed bool) bool {
	s := g.s
	r, _ := runeAt(s, k)
	if isLowerRune(r) {
		return false
	}
	if tweetSignature(s, k) > 0 {
		return false
	}
	if closed {
		return true
	}
	a := wordBefore(s, i, g.start)
	w := s[a:i]
	digit := r < utf8.RuneSelf && isASCIIDigit(byte(r))
	switch {
	case w == "":
		return true
	case isASCIIDigit(w[0]):
		return true
	case isInitialism(w):
		// U.S, E.U, a.m, e.g, Ph.D
		var buf [8]byte
		lw, _ := lowerASCII(buf[:], w)
		switch string(lw) {
		case "e.g", "i.e", "viz", "ph.d":
			return false
		case "a.m", "p.m":
			if digit || timeZoneFollows(s, k) {
				return false
			}
			return !g.timePhrase(i)
		}
		if digit {
			return false
		}
		return startsSentence(s, k)
	case len(w) == 1 || (len(w) <= 3 && utf8.RuneCountInString(w) == 1):
		if digit {
			return false
		}
		rw, _ := runeAt(w, 0)
		switch {
		case rw == 'v':
			return false // Roe v. Wade
		case !isUpperRune(rw):
			return true
		case rw == 'I':
			// The pronoun ends sentences ("you and I. Did"); the initial
			// follows a name ("Albert I. Jones").
			return !g.isInitial(a, k)
		}
		// Other capitals are initials ("editor M. Stanton Evans") unless
		// another initial or a typical sentence opener follows.
		if g.isInitial(a, k) {
			return false
		}
		return startsSentence(s, k)
	}
	switch classifyAbbrev(w) {
	case abTitle:
		if w == "St" && g.streetName(a) {
			return startsSentence(s, k) // "on Main St. The store"
		}
		return false
	case abNumeric:
		return !digit // No. 5, p. 55; "the answer was no. Rep. Smith"
	case abGeneral:
		if digit {
			return false
		}
		return startsSentence(s, k)
	}
	return true
}

// streetName reports whether "St." at a follows a capitalised word or a
// number, so it means Street ("Main St.", "5th St.") rather than Saint.
func (g *segmenter) streetName(a int) bool {
	s := g.s
	p := a
	for p > g.start {
		n := spaceBefore(s, p)
		if n == 0 {
			break
		}
		p -= n
	}
	if p == a || p <= g.start {
		return false
	}
	b := p
	for b > g.start && isASCIIAlnum(s[b-1]) {
		b--
	}
	if b == p {
		return false
	}
	return isASCIIDigit(s[b]) || asciiClass[s[b]]&cUpper != 0
}

// isInitial reports whether the capital letter at a (followed by a period)
// is an initial in a name: it follows a capitalised word or another
// initial, starts the sentence, or another initial follows (J. R. R.
// Tolkien, Jonas E. Smith, U. S. Senator); "you and I. Did" is not.
func (g *segmenter) isInitial(a, k int) bool {
	s := g.s
	if k+1 < len(s) && s[k+1] == '.' && asciiClass[s[k]]&cUpper != 0 {
		return true
	}
	p := a
	for p > g.start {
		n := spaceBefore(s, p)
		if n == 0 {
			break
		}
		p -= n
	}
	if p <= g.start {
		return true
	}
	if p == a {
		return false // "(I." or similar
	}
	q := p
	if s[q-1] == '.' {
		q-- // another initial or a title: "H. R.", "Sen. J. Smith"
	}
	b := q
	for b > g.start {
		r, n := runeBefore(s, b)
		if !isWordRune(r) && r != '\'' && r != '’' && r != '-' {
			break
		}
		b -= n
	}
	if b == q {
		return false
	}
	r, _ := runeAt(s, b)
	return isUpperRune(r)
}

// startsSentence reports whether the word at k typically begins a
// sentence; used after abbreviations that may or may not end one.
func startsSentence(s string, k int) bool {
	r, n := runeAt(s, k)
	if isOpening(r) && r != '(' && r != '[' && r != '{' {
		// A quotation opening with a capital, but not "Ala. (Reuters)" or
		// "the U.S. “does not have".
		r2, _ := runeAt(s, k+n)
		return !isLowerRune(r2)
	}
	if !isUpperRune(r) {
		return false
	}
	e := k + n
	for e < len(s) && isASCIILetter(s[e]) {
		e++
	}
	return sentenceStarters[s[k:e]]
}

var timeZones = map[string]bool{
	"EST": true, "EDT": true, "ET": true, "PT": true, "PST": true, "PDT": true, "CST": true,
	"CDT": true, "CT": true, "MT": true, "MST": true, "MDT": true, "GMT": true, "UTC": true, "BST": true,
	"CET": true, "Eastern": true, "Pacific": true, "Central": true, "Mountain": true, "local": true,
	// A day or date that continues the time: "at 10:45 p.m. Friday".
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true,
	"Saturday": true, "Sunday": true, "Jan": true, "January": true, "Feb": true, "February": true,
	"March": true, "April": true, "May": true, "June": true, "July": true, "Aug": true, "August": true,
	"Sept": true, "September": true, "Oct": true, "October": true, "Nov": true, "November": true,
	"Dec": true, "December": true,
}

// timeZoneFollows reports a time zone at k ("9 p.m. EST").
func timeZoneFollows(s string, k int) bool {
	e := k
	for e < len(s) && isASCIILetter(s[e]) {
		e++
	}
	return timeZones[s[k:e]]
}

// timePhrase reports whether the sentence so far is only a short time
// phrase opened by a preposition ("At 5 a.m."), which cannot end it.
func (g *segmenter) timePhrase(i int) bool {
	s := g.s
	words, first := 0, ""
	for p := g.start; p < i; {
		p = skipSpace(s, p)
		if p >= i {
			break
		}
		e := p
		for e < i && spaceAt(s, e) == 0 {
			e++
		}
		if words == 0 {
			first = s[p:e]
		}
		words++
		if words > 4 {
			return false
		}
		p = e
	}
	var buf [8]byte
	lw, ok := lowerASCII(buf[:], first)
	return ok && timePrepositions[string(lw)]
}

var monthNames = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
}

// tweetSignature matches the signature of an embedded tweet at i,
// "— Jim Acosta (@Acosta) June 8, 2017," and returns its end (after the
// year and an optional comma), or 0.
func tweetSignature(s string, i int) int {
	p := i
	switch {
	case strings.HasPrefix(s[p:], "—"), strings.HasPrefix(s[p:], "–"):
		p += 3
	case strings.HasPrefix(s[p:], "--"):
		p += 2
	case strings.HasPrefix(s[p:], "-"):
		p++
	default:
		return 0
	}
	p = skipSpace(s, p)
	lim := min(len(s), p+120)
	q := strings.Index(s[p:lim], "(@")
	if q < 1 {
		return 0
	}
	name := s[p : p+q]
	if strings.ContainsAny(name, "\n.!?()") || !strings.ContainsFunc(name, isLetterRune) {
		return 0
	}
	p += q + 2
	h := scanHandleBody(s, p)
	if h == p || h >= len(s) || s[h] != ')' {
		return 0
	}
	p = skipSpace(s, h+1)
	m := p
	for m < len(s) && isASCIILetter(s[m]) {
		m++
	}
	if !monthNames[s[p:m]] {
		return 0
	}
	if m < len(s) && s[m] == '.' {
		m++
	}
	p = skipSpace(s, m)
	d := p
	for d < len(s) && isASCIIDigit(s[d]) {
		d++
	}
	if d == p || d-p > 2 || d >= len(s) || s[d] != ',' {
		return 0
	}
	p = skipSpace(s, d+1)
	y := p
	for y < len(s) && isASCIIDigit(s[y]) {
		y++
	}
	if y-p != 4 {
		return 0
	}
	if y < len(s) && s[y] == ',' {
		y++
	}
	return y
}

// isInitialism reports letter groups of one or two letters joined by
// periods: U.S, E.U, a.m, Ph.D (not example.com).
func isInitialism(w string) bool {
	if strings.IndexByte(w, '.') < 0 {
		return false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
		case isASCIILetter(c):
			n++
			if n > 2 {
				return false
			}
		default:
			return false
		}
	}
	return n > 0
}
