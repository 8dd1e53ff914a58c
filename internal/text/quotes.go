package text

import (
	"cmp"
	"slices"
)

// Quotes returns the quotation spans of s ordered by Start (an enclosing
// quote before the quotes nested in it).
func Quotes(s string) []QuoteSpan {
	return AppendQuotes(nil, s)
}

const maxQuoteDepth = 16

type openQuote struct {
	start, inner int
	double       bool
	straight     bool
}

type quoteScanner struct {
	s     string
	dst   []QuoteSpan
	stack [maxQuoteDepth]openQuote
	n     int
}

var quoteByte = func() (t [256]bool) {
	t['"'] = true
	t['\''] = true
	t[0xE2] = true // “ ” ‘ ’ „ ‹ › ‛ ‟
	t[0xC2] = true // « »
	t['`'] = true
	return t
}()

// AppendQuotes appends the quotation spans of s to dst.
//
// Curly marks say by their shape whether they open or close; straight
// marks are judged by their neighbours. A single quote is a quotation
// mark only when it is not an apostrophe (don't, Sanders’s, ’90s, rock
// ’n’ roll) and a matching close is found. A double quote still open at the
// end of a paragraph continues when the next paragraph starts with an
// opening mark (the convention for quotes running over paragraphs);
// otherwise it ends, Unclosed, at the paragraph end.
func AppendQuotes(dst []QuoteSpan, s string) []QuoteSpan {
	base := len(dst)
	q := quoteScanner{s: s, dst: dst}
	blank := hasBlankLine(s)
	for p := 0; p < len(s); {
		a, b, next := nextParagraph(s, p, blank)
		if a < b {
			q.paragraph(a, b, next, blank)
		}
		p = next
	}
	out := q.dst[base:]
	slices.SortFunc(out, func(x, y QuoteSpan) int {
		if c := cmp.Compare(x.Start, y.Start); c != 0 {
			return c
		}
		return cmp.Compare(y.End, x.End)
	})
	// Depth is the number of quotes enclosing this one.
	var ends [maxQuoteDepth + 1]int
	d := 0
	for i := range out {
		for d > 0 && ends[d-1] <= out[i].Start {
			d--
		}
		out[i].Depth = d
		if d < len(ends) {
			ends[d] = out[i].End
			d++
		}
	}
	return q.dst
}

// paragraph scans [a,b); next is where the following paragraph begins.
func (q *quoteScanner) paragraph(a, b, next int, blank bool) {
	s := q.s
	i := a
	if q.n > 0 {
		// A carried quote: skip the repeated opening mark.
		if r, n := runeAt(s, i); r == '“' || r == '"' || r == '«' || r == '„' {
			i += n
		}
	}
	for i < b {
		if !quoteByte[s[i]] {
			i++
			continue
		}
		r, n := runeAt(s, i)
		if n == 0 {
			break
		}
		k := quoteKind(r)
		// '' and `` stand for double quotes in some wire and
		// typewriter-style copy.
		if i+1 < b && s[i+1] == s[i] && (r == '\'' || r == '`') {
			n = 2
			k = qDoubleStraight
			if r == '`' {
				k = qDoubleOpen
			}
		}
		if k != qNone {
			q.mark(a, b, i, n, r, k)
		}
		i += n
	}
	if q.n == 0 {
		return
	}
	// Continue the outermost double quote into the next paragraph when it
	// opens with a quotation mark.
	carry := false
	if q.stack[0].double && next < len(s) {
		na, nb, _ := nextParagraph(s, next, blank)
		if na < nb {
			r, _ := runeAt(s, na)
			carry = r == '“' || r == '«' || r == '„' || (r == '"' && q.stack[0].straight)
		}
	}
	lo := 0
	if carry {
		lo = 1
	}
	for j := q.n - 1; j >= lo; j-- {
		e := q.stack[j]
		if e.double || !e.straight {
			q.dst = append(q.dst, QuoteSpan{Start: e.start, End: b, InnerStart: e.inner, InnerEnd: b, Unclosed: true})
		}
	}
	q.n = lo
}

// mark handles the quotation mark r (kind k, width n) at i in the
// paragraph [a,b).
func (q *quoteScanner) mark(a, b, i, n int, r rune, k int) {
	s := q.s
	openCtx := i == a || spaceBefore(s, i) > 0
	var pr rune
	if !openCtx {
		pr, _ = runeBefore(s, i)
		switch pr {
		case '(', '[', '{', '—', '–', '-', '/', '“', '‘', '"', '\'', '«':
			openCtx = true
		}
	}
	var nr rune
	closeCtx := i+n >= b || spaceAt(s, i+n) > 0
	if !closeCtx {
		nr, _ = runeAt(s, i+n)
		closeCtx = !isWordRune(nr) && !isOpening(nr) && nr != '$' && nr != '#' && nr != '@'
	}
	switch k {
	case qDoubleOpen:
		if t := q.top(); t != nil && t.double && !openCtx && closeCtx {
			q.closeDouble(i, n) // “ misused as a closing mark
			return
		}
		if q.continues(a, i) {
			return
		}
		q.push(i, n, true, false)
	case qDoubleClose:
		if q.hasDouble() {
			q.closeDouble(i, n)
			return
		}
		if openCtx && !closeCtx {
			q.push(i, n, true, false) // ” misused as an opening mark
		}
	case qDoubleStraight:
		switch {
		case openCtx && !closeCtx:
			if q.continues(a, i) {
				return
			}
			if t := q.top(); t != nil && t.double && t.straight {
				// Straight quotes do not nest: this closes the open one.
				q.closeDouble(i, n)
				return
			}
			q.push(i, n, true, true)
		case !openCtx && closeCtx:
			if q.hasDouble() {
				q.closeDouble(i, n)
			}
		default:
			if t := q.top(); t != nil && t.double && t.straight {
				q.closeDouble(i, n)
			} else if openCtx && t != nil && t.double {
				// " " inside a quote: a damaged empty quote or a stray; closing
				// the open quote keeps it from swallowing the paragraph.
				q.closeDouble(i, n)
			} else if !q.hasDouble() {
				q.push(i, n, true, true)
			}
		}
	case qSingleOpen:
		if scanElision(s, i) > i {
			return
		}
		q.push(i, n, false, false)
	case qSingleClose, qSingleStraight:
		letterBefore := !openCtx && isLetterRune(pr)
		if letterBefore && !closeCtx && isLetterRune(nr) {
			return // don't, Sanders’s, O'Brien
		}
		if openCtx {
			if closeCtx || scanElision(s, i) > i {
				return
			}
			if k == qSingleStraight {
				q.push(i, n, false, true)
			}
			return
		}
		if t := q.top(); t != nil && !t.double && closeCtx {
			q.pop(i, n)
		}
	}
}

// continues reports an opening double mark at i that starts a new
// sentence while a double quote is still open: the continuation of a quote
// running over paragraphs in a text that lost its paragraph breaks, so the
// mark neither nests nor opens a new quote.
func (q *quoteScanner) continues(a, i int) bool {
	t := q.top()
	if t == nil || !t.double || i == a {
		return false
	}
	p := i
	for p > t.inner {
		n := spaceBefore(q.s, p)
		if n == 0 {
			break
		}
		p -= n
	}
	if p == i || p <= t.inner {
		return false
	}
	switch q.s[p-1] {
	case '.', '!', '?', ':':
		return true
	}
	r, _ := runeBefore(q.s, p)
	return r == '…'
}

func (q *quoteScanner) top() *openQuote {
	if q.n == 0 {
		return nil
	}
	return &q.stack[q.n-1]
}

func (q *quoteScanner) hasDouble() bool {
	for j := q.n - 1; j >= 0; j-- {
		if q.stack[j].double {
			return true
		}
	}
	return false
}

func (q *quoteScanner) push(i, n int, double, straight bool) {
	if q.n == maxQuoteDepth {
		return
	}
	q.stack[q.n] = openQuote{start: i, inner: i + n, double: double, straight: straight}
	q.n++
}

// pop closes the top quote with the mark at i.
func (q *quoteScanner) pop(i, n int) {
	e := q.stack[q.n-1]
	q.n--
	q.dst = append(q.dst, QuoteSpan{Start: e.start, End: i + n, InnerStart: e.inner, InnerEnd: i})
}

// closeDouble closes the innermost open double quote; single quotes opened
// inside it and never closed are dropped as apostrophes.
func (q *quoteScanner) closeDouble(i, n int) {
	for q.n > 0 && !q.stack[q.n-1].double {
		q.n--
	}
	if q.n > 0 {
		q.pop(i, n)
	}
}
