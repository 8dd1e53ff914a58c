package attrib

import (
	"sort"
	"strings"
)

// Content spans: the clause or quotation an attribution reports.

// paraEnd returns the end of the paragraph holding byte offset at, with
// final punctuation dropped as contentEnd does; def when unknown.
func (d *doc) paraEnd(at, def int) int {
	i := sort.Search(len(d.paras), func(i int) bool { return d.paras[i].End > at })
	if i >= len(d.paras) || d.paras[i].Start > at {
		return def
	}
	e := d.paras[i].End
	k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= e })
	if k == 0 {
		return def
	}
	if end := d.contentEnd(k); end > def {
		return end
	}
	return def
}

// contentEnd returns the byte end of content running to the end of
// the sentence ending at token to: final punctuation dropped unless a
// closing quotation mark follows it.
func (d *doc) contentEnd(to int) int {
	k := to - 1
	for k >= 0 && d.toks[k].punct {
		lw := d.toks[k].lw
		if lw == "”" || lw == "\"" || lw == "’" || lw == "'" || lw == ")" || lw == "?" || lw == "!" {
			return d.toks[k].e
		}
		k--
	}
	if k < 0 {
		return 0
	}
	return d.toks[k].e
}

// commaThat returns the "that" after a short phrase set off by commas
// at token m ("said, without evidence, that …"), or -1.
func (d *doc) commaThat(m, to int) int {
	if m >= to || d.toks[m].lw != "," {
		return -1
	}
	for k := m + 1; k+1 < to && k-m < 8; k++ {
		if d.toks[k].lw == "," {
			if k > m+1 && d.toks[k+1].lw == "that" {
				return k + 1
			}
			return -1
		}
		if d.toks[k].punct {
			return -1
		}
	}
	return -1
}

// contentOpens reports whether content plainly starts at token m:
// "that", an opening quote, a colon, or a comma and an opening quote.
func (d *doc) contentOpens(m, to int) bool {
	if m >= to {
		return false
	}
	switch lw := d.toks[m].lw; {
	case lw == "that" || lw == ":":
		return m+1 < to
	case lw == ",":
		return m+1 < to && d.opensQuote(m+1)
	case isSubject(lw):
		return m+1 < to && !d.toks[m+1].punct // "…, said he did not"
	}
	return d.opensQuote(m)
}

// titleQuote reports whether quote qi looks like a title ("On “This
// Week,” Roe said …"): a name, not what the source said.
func (d *doc) titleQuote(qi int) bool {
	q := d.quotes[qi]
	return isTitleLike(strings.TrimRight(d.text[q.InnerStart:q.InnerEnd], " ,"))
}

// endsSentence reports whether quote qi ends with a full stop, a
// question or an exclamation mark inside its closing mark.
func (d *doc) endsSentence(qi int) bool {
	q := d.quotes[qi]
	in := strings.TrimRight(d.text[q.InnerStart:q.InnerEnd], " \n\t")
	return strings.HasSuffix(in, ".") || strings.HasSuffix(in, "?") || strings.HasSuffix(in, "!")
}

// quoteBefore returns the quote that closes just before token a (after
// an optional comma), or -1.
func (d *doc) quoteBefore(a int) int {
	k := a - 1
	if k >= 0 && d.toks[k].lw == "," {
		if qi, ok := d.quoteEnd[d.toks[k].e]; ok {
			return qi
		}
		k--
	}
	if k >= 0 {
		if qi, ok := d.quoteEnd[d.toks[k].e]; ok {
			return qi
		}
	}
	return -1
}

// clauseFollows reports whether a clause or quote starts at m (for weak
// cues such as "believe").
func (d *doc) clauseFollows(m, to int) bool {
	if m >= to {
		return false
	}
	lw := d.toks[m].lw
	return lw == "that" || isQuoteMark(lw) || pronouns[lw]
}

// skipRecipient passes the object of "told": a pronoun, or a short noun
// phrase up to "that", a comma, a quote or a colon.
func (d *doc) skipRecipient(m, to int) int {
	if m >= to {
		return m
	}
	if objPronouns[d.toks[m].lw] {
		return m + 1
	}
	for k := m; k < to && k-m < 8; k++ {
		lw := d.toks[k].lw
		if lw == "that" || lw == "," || lw == ":" || isQuoteMark(lw) || (lw == "to" || isSubject(lw)) && k > m {
			return k // "told Fox News he would …": a subject starts the clause
		}
		if d.toks[k].punct {
			break
		}
	}
	// "told the Caller." — recipient runs to the sentence end.
	k := m
	for k < to && !d.toks[k].punct && k-m < 50 {
		k++
	}
	return k
}

// isSubject reports whether lw is a subject pronoun, alone or contracted
// ("he’d", "they're").
func isSubject(lw string) bool {
	if i := strings.IndexAny(lw, "'’"); i > 0 {
		lw = lw[:i]
	}
	return subjPronouns[lw]
}

// contentAfter returns the content starting at token m: a quote when
// one opens there (it may run over several sentences), else the rest of
// the sentence, cut before a trailing ", SOURCE said".
func (d *doc) contentAfter(m, to int) (int, int) {
	// "said during a rally in Michigan that …", "said of Clinton, “…”":
	// a phrase between the cue and the clause is not content.
	if m < to && prepositions[d.toks[m].lw] {
		for k := m + 1; k < to && k-m < 14; k++ {
			lw := d.toks[k].lw
			if lw == "that" || d.opensQuote(k) {
				m = k
				break
			}
			if d.toks[k].punct && lw != "," && lw != "'s" || lw == "," && k+1 < to && clauseBreak[d.toks[k+1].lw] {
				break // "urged voters to act, saying “…”": the quote is another cue's
			}
		}
	}
	s := d.toks[m].s
	if qi, ok := d.quoteAt[s]; ok {
		q := d.quotes[qi]
		end := d.contentEnd(to)
		if q.End > end {
			return q.Start, q.End
		}
		return q.Start, d.clauseEnd(m, to, end)
	}
	return s, d.clauseEnd(m, to, d.contentEnd(to))
}

// clauseEnd cuts content that starts at token m before a clause that is
// not part of what was said: ", but …", ", saying …", ", according to",
// "and vowed …" (a second cue of the same source).
func (d *doc) clauseEnd(m, to, end int) int {
	depth := 0
	for k := m + 1; k+1 < to && d.toks[k].s < end; k++ {
		lw := d.toks[k].lw
		if d.opensQuote(k) {
			depth++
		}
		if _, ok := d.quoteEnd[d.toks[k].e]; ok && depth > 0 && closesQuote(lw) {
			depth--
		}
		if depth > 0 {
			continue
		}
		next := d.toks[k+1].lw
		if lw == "," && clauseBreak[next] {
			return d.toks[k-1].e
		}
		if lw == "and" || lw == "but" {
			if _, ok := cueVerbs[next]; ok || learned.words[next] || cuePre[next] && k+2 < to && isCueWord(d.toks[k+2].lw) {
				if k-1 >= m {
					e := k - 1
					if d.toks[e].lw == "," {
						e--
					}
					if e >= m {
						return d.toks[e].e
					}
				}
			}
		}
	}
	return end
}

// clauseBreak words after a comma end the content of an attribution.
var clauseBreak = setOf("but", "though", "although", "while", "whereas", "saying", "adding", "noting", "according",
	"citing", "arguing", "insisting", "calling", "telling", "writing", "explaining", "suggesting", "warning")

// contentBefore returns the content ending before the source or cue at
// token a (after a comma or a closing mark): a quote closing there, else
// the sentence from its start.
func (d *doc) contentBefore(from, a int) (int, int, bool) {
	e := a - 1
	if e < from {
		// The quote may end the previous sentence: "“Q.” he said".
		if a > 0 {
			if qi, ok := d.quoteEnd[d.toks[a-1].e]; ok {
				q := d.quotes[qi]
				return q.Start, q.End, true
			}
		}
		return 0, 0, false
	}
	lw := d.toks[e].lw
	if lw == "," || closesQuote(lw) {
		if qi, ok := d.quoteEnd[d.toks[e].e]; ok {
			q := d.quotes[qi]
			return q.Start, q.End, true
		}
		if lw == "," && e > from {
			if qi, ok := d.quoteEnd[d.toks[e-1].e]; ok {
				q := d.quotes[qi]
				return q.Start, q.End, true
			}
		}
		if lw == "," {
			e--
		}
	} else {
		return 0, 0, false
	}
	if e < from {
		return 0, 0, false
	}
	s := from
	// A quote opening in an earlier sentence and closing in this one.
	for k := from; k <= e && k-from < 200; k++ {
		if isQuoteMark(d.toks[k].lw) {
			if qi, ok := d.quoteEnd[d.toks[k].e]; ok && d.quotes[qi].Start < d.toks[from].s {
				s = -1
				return d.quotes[qi].Start, d.toks[e].e, true
			}
			break
		}
	}
	return d.toks[s].s, d.toks[e].e, true
}

// kindOf classifies content: direct when it is one quotation, mixed when
// it holds one, else indirect.
func (d *doc) kindOf(cs, ce int) string {
	if _, ok := d.quoteAt[cs]; ok {
		if q := d.quotes[d.quoteAt[cs]]; q.End >= ce-1 {
			return "direct"
		}
		return "mixed"
	}
	for k := cs; k < ce && k < len(d.text); k++ {
		c := d.text[k]
		if c == '"' || (c == 0xE2 && k+2 < len(d.text) && d.text[k+1] == 0x80 && d.text[k+2] == 0x9C) {
			return "mixed"
		}
	}
	return "indirect"
}
