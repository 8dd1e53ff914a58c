package attrib

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// doc is one article prepared for extraction.
type doc struct {
	text   string
	toks   []tok
	sents  []article.Span
	paras  []article.Span
	sentTk [][2]int // token range [from,to) of each sentence
	quotes []article.Quote
	// quoteAt maps the byte offset of an opening mark to its quote, and
	// quoteEnd the offset just past a closing mark.
	quoteAt  map[int]int
	quoteEnd map[int]int
	used     []bool // token already a cue
	// cutSentences counts sentences too long to search whole (windows).
	cutSentences int
	// anonSent caches grantedAnonymity per sentence: 0 not yet looked at,
	// 1 no, 2 yes.
	anonSent []uint8
	extra    []cand  // second contents of a cue ("“X,” she said, “Y.”")
	tags     []uint8 // cue tagger labels per token; nil without a tagger
	// tagMargin is the tagger's cue-begin minus outside emission score
	// per token.
	tagMargin []float32
	// inQuote marks the tokens inside a closed quotation; nil when there
	// are none.
	inQuote []bool
}

// span is a half-open token range [a,b) into doc.toks; a == b is empty.
type span struct{ a, b int }

func (s span) empty() bool { return s.b <= s.a }

// cand is one attribution found, in token and byte terms.
type cand struct {
	kind        string
	src, cue    span
	cs, ce      int // content byte span
	srcInherits bool
	conf        float64
}

func newDoc(an *article.Analysis) *doc {
	t := an.Article.Text
	d := &doc{text: t, quotes: an.Quotes}
	d.sents = an.Sentences
	d.paras = an.Paragraphs
	if len(d.sents) == 0 && len(t) > 0 {
		d.sents = []article.Span{{Start: 0, End: len(t)}}
	}
	d.toks = make([]tok, 0, len(t)/5+8)
	for i, s := range d.sents {
		s.Start, s.End = clamp(s.Start, len(t)), clamp(s.End, len(t))
		if s.End < s.Start {
			s.End = s.Start
		}
		if i > 0 && s.Start < d.sents[i-1].End {
			s.Start = min(clamp(d.sents[i-1].End, len(t)), s.End)
		}
		from := len(d.toks)
		d.toks = tokenize(d.toks, t, s.Start, s.End)
		for k := from; k < len(d.toks); k++ {
			d.toks[k].sent = i
		}
		d.sentTk = append(d.sentTk, [2]int{from, len(d.toks)})
	}
	d.used = make([]bool, len(d.toks))
	if cueTagger != nil {
		d.tags, d.tagMargin = cueTagger.tag(d.text, d.toks)
	}
	d.quotes = appendTwoQuoteSpans(d.quotes[:len(d.quotes):len(d.quotes)], t)
	d.quoteAt = make(map[int]int, len(d.quotes))
	d.quoteEnd = make(map[int]int, len(d.quotes))
	for i, q := range d.quotes {
		if q.Depth != 0 || q.Start < 0 || q.End > len(t) || q.Start >= q.End || !marksPair(t, q) {
			continue
		}
		d.quoteAt[q.Start] = i
		d.quoteEnd[q.End] = i
		// PolNeAR never marks an attribution inside a quotation (0 of
		// 803 rule cues there on train were gold): the quoted speaker's
		// own reports are part of the content.
		k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= q.InnerStart })
		for ; k < len(d.toks) && d.toks[k].e <= q.InnerEnd; k++ {
			if d.inQuote == nil {
				d.inQuote = make([]bool, len(d.toks))
			}
			d.inQuote[k] = true
		}
	}
	return d
}

// appendTwoQuoteSpans adds quotations marked with doubled apostrophes
// (”like this”, the New York Times archive style), which the text
// core does not treat as quotes, pairing them within a paragraph and
// skipping any that overlap a known quote.
func appendTwoQuoteSpans(qs []article.Quote, t string) []article.Quote {
	n := len(qs)
	open := -1
	for i := 0; i+1 < len(t); i++ {
		switch {
		case t[i] == '\n' && i+1 < len(t) && t[i+1] == '\n':
			open = -1
		case t[i] == '\'' && t[i+1] == '\'':
			if open < 0 {
				open = i
			} else {
				q := article.Quote{Start: open, End: i + 2, InnerStart: open + 2, InnerEnd: i}
				overlap := false
				for _, o := range qs[:n] {
					if o.Start < q.End && q.Start < o.End {
						overlap = true
						break
					}
				}
				if !overlap {
					qs = append(qs, q)
				}
				open = -1
			}
			i++
		}
	}
	return qs
}

// marksPair reports whether a quote's opening and closing marks belong
// together (“ with ”, " with ", ‘ with ’); a straight mark closed by a
// curly one is a pairing error of the source text.
func marksPair(t string, q article.Quote) bool {
	if q.Unclosed {
		return false
	}
	o, _ := utf8.DecodeRuneInString(t[q.Start:])
	c, _ := utf8.DecodeLastRuneInString(t[:q.End])
	switch o {
	case '"':
		return c == '"'
	case '“', '”':
		return c == '”' || c == '“'
	case '‘', '’':
		return c == '’' || c == '‘'
	case '\'':
		return c == '\''
	}
	return true
}

func clamp(x, n int) int {
	if x < 0 {
		return 0
	}
	if x > n {
		return n
	}
	return x
}

// extract finds the attributions of d.
func (d *doc) extract() []cand {
	var out []cand
	for _, w := range d.windows() {
		from, to := w[0], w[1]
		var last *cand
		for i := from; i < to; i++ {
			t := d.toks[i]
			if t.punct || d.used[i] || d.inQuote != nil && d.inQuote[i] {
				continue
			}
			var c cand
			ok := false
			if t.lw == "according" && i+1 < to && d.toks[i+1].lw == "to" {
				c, ok = d.accordingTo(i, from, to)
			} else if nounCues[t.lw] && i+1 < to && (d.toks[i+1].lw == "from" || d.toks[i+1].lw == "by") {
				c, ok = d.nounFrom(i, to)
			} else if possNouns[t.lw] && i > from && i+2 < to && d.toks[i+1].lw == "that" {
				c, ok = d.possessiveNoun(i, from, to)
			} else if e, isCue := cueVerbs[t.lw]; isCue {
				c, ok = d.verbCue(i, e, from, to, last)
			} else if learned.words[t.lw] && !t.cap {
				c, ok = d.verbCue(i, cueEntry{lemma: t.lw, class: cueObject}, from, to, last)
			}
			if !ok && d.tags != nil && d.tags[i] == tagB && d.tagMargin[i] >= taggedMinMargin && !d.nonAttributive(i, from, to) {
				c, ok = d.taggedCue(i, from, to, last)
			}
			if k := d.ruleCueAhead(i, to); ok && c.conf <= taggedConf && k > i {
				// "have called for": when the tagger's cue starts with
				// the auxiliaries of a lexicon cue word, the rules' reading
				// of that word is taken if they accept it.
				var rc cand
				var rok bool
				if e, isCue := cueVerbs[d.toks[k].lw]; isCue {
					rc, rok = d.verbCue(k, e, from, to, last)
				} else {
					rc, rok = d.verbCue(k, cueEntry{lemma: d.toks[k].lw, class: cueObject}, from, to, last)
				}
				if rok && rc.cue.a == i {
					c = rc
				}
			}
			if !ok {
				continue
			}
			if vetoUntagged && d.tags != nil && !c.tagged(d.tags) {
				continue
			}
			if d.implicitSource(c.cue) {
				c.src = d.passiveAgent(c.cue, to)
			}
			for k := c.cue.a; k < c.cue.b; k++ {
				d.used[k] = true
			}
			out = append(out, c)
			last = &out[len(out)-1]
			i = c.cue.b - 1
		}
		if c, ok := d.colonCue(from, to); ok && (d.inQuote == nil || !d.inQuote[c.cue.a]) {
			out = append(out, c)
		}
	}
	out = append(out, d.dashQuotes()...)
	out = append(out, d.extra...)
	sort.SliceStable(out, func(i, j int) bool { return d.toks[out[i].cue.a].s < d.toks[out[j].cue.a].s })
	return d.dropNestedTagged(out)
}

// ruleCueAhead returns the lexicon cue word that the auxiliaries or
// adverbs from token i lead to ("have called for"), or i when there is
// none.
func (d *doc) ruleCueAhead(i, to int) int {
	k := i
	for k < to && (cuePre[d.toks[k].lw] || isCueAdverb(d.toks[k].lw)) && k-i < 4 {
		k++
	}
	if k == i || k >= to || d.toks[k].cap || !isCueWord(d.toks[k].lw) || d.inQuote != nil && d.inQuote[k] {
		return i
	}
	return k
}

// maxWindow is the most tokens one attribution is looked for in. Rules
// scan from a cue to the ends of its sentence, so a "sentence" of
// thousands of tokens (a text with no punctuation, or made to attack the
// server) would cost time and output quadratic in its length; such a
// sentence is searched in windows of this size instead. News sentences
// are far shorter.
const maxWindow = 250

// windows returns the token ranges extract searches: the sentences, with
// sentences over maxWindow tokens cut in windows of that size, which are
// counted in d.cutSentences.
func (d *doc) windows() [][2]int {
	ws := make([][2]int, 0, len(d.sentTk))
	for _, st := range d.sentTk {
		if st[1]-st[0] <= maxWindow {
			ws = append(ws, st)
			continue
		}
		d.cutSentences++
		for from := st[0]; from < st[1]; from += maxWindow {
			ws = append(ws, [2]int{from, min(from+maxWindow, st[1])})
		}
	}
	return ws
}

// dropNestedTagged drops cues found by the tagger alone that lie inside
// another attribution's content: on held-out PolNeAR train documents
// only 23% of them were gold cues, against 47% elsewhere.
func (d *doc) dropNestedTagged(cs []cand) []cand {
	out := cs[:0]
	for i, c := range cs {
		keep := true
		if c.conf <= taggedConf {
			s := d.toks[c.cue.a].s
			for j, o := range cs {
				if j != i && o.cs <= s && s < o.ce {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, c)
		}
	}
	return out
}

// dashQuotes finds quotations signed with a dash: "“…” ― Sonya Herridge"
// (reader comments, epigraphs). Tweet signatures, which carry a handle,
// are left to the social post finder.
func (d *doc) dashQuotes() []cand {
	var out []cand
	for _, q := range d.quotes {
		if q.Depth != 0 {
			continue
		}
		if _, ok := d.quoteAt[q.Start]; !ok {
			continue
		}
		k := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= q.End })
		if k+1 >= len(d.toks) || d.used[k] {
			continue
		}
		switch d.toks[k].lw {
		case "―", "—", "–", "-":
		default:
			continue
		}
		j := k + 1
		for j < len(d.toks) && d.toks[j].cap && !d.toks[j].punct && j-k <= 4 && d.toks[j].sent == d.toks[k+1].sent {
			j++
		}
		if j == k+1 || j < len(d.toks) && (d.toks[j].lw == "(" || d.toks[j].sent == d.toks[j-1].sent && !d.toks[j].punct) {
			continue
		}
		if strings.ContainsRune(d.text[q.End:d.toks[k].s], '\n') || hasWord(d.text[d.toks[k].e:d.toks[k+1].s]) {
			continue
		}
		out = append(out, cand{kind: "direct", src: span{k + 1, j}, cue: span{k, k + 1}, cs: q.Start, ce: q.End, conf: 0.7})
		d.used[k] = true
	}
	return out
}

// nounCues are nouns of saying that take their source with "from":
// "rumors from unnamed White House sources that …".
var nounCues = setOf("rumors", "rumours", "rumor", "reports", "report", "claims", "claim", "allegations",
	"word", "accounts", "leaks", "assurances", "warnings", "warning", "statements", "statement", "comments")

// possNouns are nouns of saying whose possessor is the source: "Trump’s
// claim that …", "his insistence that …".
var possNouns = setOf("claim", "claims", "assertion", "assertions", "contention", "insistence", "suggestion",
	"allegation", "allegations", "belief", "argument", "statement", "promise", "pledge", "warning", "prediction",
	"denial", "charge", "accusation", "admission", "view", "vow", "boast", "complaint", "explanation", "remark")

// possessiveNoun handles POSSESSOR’s NOUN that CONTENT.
func (d *doc) possessiveNoun(i, from, to int) (cand, bool) {
	p := d.toks[i-1].lw
	var src span
	switch {
	case p == "his" || p == "her" || p == "their" || p == "its":
		src = span{i - 1, i}
	case p == "'s" && i-1 > from:
		s := d.npBack(from, i-1)
		if s >= i-1 {
			return cand{}, false
		}
		src = span{s, i} // the possessive belongs to the source
	default:
		return cand{}, false
	}
	cs, ce := d.toks[i+1].s, d.clauseEnd(i+1, to, d.contentEnd(to))
	return cand{kind: "indirect", src: src, cue: span{i, i + 1}, cs: cs, ce: ce, conf: 0.6}, ce > cs
}

// nounFrom handles NOUN from SOURCE that CONTENT.
func (d *doc) nounFrom(i, to int) (cand, bool) {
	j := i + 2
	k := j
	for k < to && !d.toks[k].punct && d.toks[k].lw != "that" && k-j < 12 {
		k++
	}
	if k == j || k+1 >= to || d.toks[k].lw != "that" {
		return cand{}, false
	}
	return cand{kind: "indirect", src: span{j, k}, cue: span{i, i + 2}, cs: d.toks[k].s, ce: d.contentEnd(to), conf: 0.6}, true
}

// colonCue finds the headline pattern "Name: what they said".
func (d *doc) colonCue(from, to int) (cand, bool) {
	for from < to && isQuoteMark(d.toks[from].lw) {
		from++ // transcripts: "WALLACE: …
	}
	for i := from + 1; i < to && i <= from+8; i++ {
		if d.toks[i].lw != ":" {
			continue
		}
		quoted := i+1 < to && d.opensQuote(i+1)
		if i-from > 4 && !quoted {
			return cand{}, false
		}
		for k := from; k < i; k++ {
			t := d.toks[k]
			if t.punct || !t.cap && t.lw != "'s" && !(nameJoin[t.lw] && k > from) {
				return cand{}, false
			}
		}
		if colonLabels[d.toks[from].lw] || i+2 >= to || !nameLike(d.toks[i-1]) {
			return cand{}, false
		}
		// The content runs to the end of the paragraph: a transcript turn
		// or a headline.
		cs := d.toks[i+1].s
		ce := d.paraEnd(cs, d.contentEnd(to))
		if !d.saysSomething(i+1, ce) {
			return cand{}, false
		}
		return cand{kind: "indirect", src: span{from, i}, cue: span{i, i + 1}, cs: cs, ce: ce, conf: 0.6}, true
	}
	return cand{}, false
}

// saysSomething reports whether the text from token m to byte ce can be
// what a speaker said: two words or more and not a table row or a list
// of names ("Clinton: 547.", "Iowa: Tim Albrecht, Brad Anderson, …",
// "Twitter: @handle").
func (d *doc) saysSomething(m, ce int) bool {
	words, lower, commas := 0, 0, 0
	for k := m; k < len(d.toks) && d.toks[k].e <= ce; k++ {
		t := d.toks[k]
		switch {
		case t.lw == ",":
			commas++
		case t.punct || t.num:
		default:
			words++
			if !t.cap {
				lower++
			}
		}
	}
	return words >= 2 && (lower > 0 || commas < 2)
}

// nameLike reports whether t can end a speaker's name before a colon:
// a proper noun, a word the part-of-speech dictionary does not know, a
// plural ("Historians:") or a source noun ("Poll:", "Report:").
// "Wow:", "Revealed:", "Contributing:", "Delegate Update:" label a
// headline or a credit line, not a speaker (PolNeAR train marks few).
func nameLike(t tok) bool {
	c, ok := posTags[t.lw]
	return !ok || strings.Contains(c, "NNP") || strings.HasPrefix(c, "NNS") || docHeads[t.lw] || anonHeads[t.lw] || groupHeads[t.lw]
}

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

var colonLabels = setOf("update", "updated", "related", "note", "editor", "photo", "video", "watch", "read",
	"source", "sources", "warning", "breaking", "exclusive", "q", "a", "question", "answer", "see", "listen",
	"click", "follow", "contact", "email", "image", "caption", "credit", "transcript", "correction", "live",
	"analysis", "opinion", "the", "why", "how", "what", "who", "when", "where", "here", "this")

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

// accordingTo handles "according to SOURCE, CONTENT" and "CONTENT,
// according to SOURCE".
func (d *doc) accordingTo(i, from, to int) (cand, bool) {
	c := cand{kind: "according_to", cue: span{i, i + 2}, conf: 0.9}
	// Source: the noun phrase after "to", up to punctuation or a clause word.
	j := i + 2
	k := d.postSourceEnd(j, to, 20, false)
	// Keep possessives and abbreviation periods; stop at a comma.
	if k == j {
		return cand{}, false
	}
	c.src = span{j, k}
	if i == from || d.toks[i-1].punct && d.toks[i-1].lw != "," || i == from+1 && leadDrop[d.toks[from].lw] {
		// Leading: content follows the comma after the source.
		m := k
		if m < to && d.toks[m].lw == "," {
			m++
		}
		if m >= to {
			return cand{}, false
		}
		c.cs, c.ce = d.toks[m].s, d.contentEnd(to)
	} else {
		// Trailing or medial: content is the clause before.
		e := i - 1
		if d.toks[e].lw == "," {
			e--
		}
		if e < from {
			return cand{}, false
		}
		s := d.clauseStart(from, e)
		c.cs, c.ce = d.toks[s].s, d.toks[e].e
		// "…, according to Dennis Ross, a former envoy.": an appositive
		// ending the sentence belongs to the source.
		if ae := d.finalAppositive(k, to); ae > k {
			c.src.b = ae
		} else if k < to && d.toks[k].lw == "," && k+1 < to && !d.toks[k+1].punct {
			// A clause continuing after the source belongs to the content too.
			c.ce = d.contentEnd(to)
		}
	}
	return c, c.ce > c.cs
}

// finalAppositive returns the end of an appositive that follows a
// source ending at token k and runs to the end of the sentence (", a
// former envoy."): it opens with a determiner and holds no verb. It
// returns k when there is none.
func (d *doc) finalAppositive(k, to int) int {
	if k+1 >= to || d.toks[k].lw != "," || !dets[d.toks[k+1].lw] && d.toks[k+1].lw != "another" {
		return k
	}
	m := k + 1
	for m < to && !d.toks[m].punct || m < to && appositivePunct(d.toks[m].lw) && m+1 < to && !d.toks[m+1].punct {
		if t := d.toks[m]; !t.cap && (finiteVerb(posTags[t.lw]) || isCueWord(t.lw) || clauseStop[t.lw]) {
			return k
		}
		m++
	}
	if m-k > 12 {
		return k
	}
	for n := m; n < to; n++ {
		if !d.toks[n].punct {
			return k // more words after: not the end of the sentence
		}
	}
	return m
}

// clauseStart returns the first token of the content clause ending at
// e: the sentence start, or a quote that opens in an earlier sentence.
func (d *doc) clauseStart(from, e int) int {
	return from
}

// verbCue builds an attribution around a cue verb at token i.
func (d *doc) verbCue(i int, e cueEntry, from, to int, last *cand) (cand, bool) {
	t := d.toks[i]
	if refuted[t.lw] {
		return cand{}, false // the tagger may still take it
	}
	if t.cap && i > from && !(e.class == cueSay && d.toks[i-1].cap && (i+1 == to || d.toks[i+1].punct)) && !d.titleCase(from, to) {
		return cand{}, false // part of a name: "The New York Post"; but "…, Lindsey Graham Says."
	}
	// "Said Ellis: “…”"
	if t.cap && i == from && i+2 < to && t.lw == "said" {
		k := i + 1
		for k < to && !d.toks[k].punct && k-i < 6 {
			k++
		}
		if k < to && d.toks[k].lw == ":" && k+1 < to && k > i+1 {
			cs, ce := d.contentAfter(k+1, to)
			return cand{kind: d.kindOf(cs, ce), src: span{i + 1, k}, cue: span{i, i + 1}, cs: cs, ce: ce, conf: 0.7}, ce > cs
		}
	}
	if i > from {
		p := d.toks[i-1].lw
		if nonAttribPrev[p] && (e.lemma == "say" || p == "the" || p == "a" || p == "an" || p == "this" || p == "to") {
			return cand{}, false
		}
		if p == "'s" && !strings.HasSuffix(t.lw, "ing") {
			return cand{}, false // possessive: "Trump’s claimed"
		}
	}
	// "That said," and "Having said that,".
	if t.lw == "said" && i+1 < to && d.toks[i+1].lw == "," && i > from && d.toks[i-1].lw == "that" {
		return cand{}, false
	}
	// ", say, 10 percent": "say" meaning "for example".
	if t.lw == "say" && i > from && d.toks[i-1].lw == "," && i+1 < to && d.toks[i+1].lw == "," {
		return cand{}, false
	}
	ing := strings.HasSuffix(t.lw, "ing")
	// Cue: the verb with its auxiliaries and adverbs.
	a := i
	for a > from && (cuePre[d.toks[a-1].lw] || d.toks[a-1].lw == "'s" && ing || isCueAdverb(d.toks[a-1].lw) && !d.toks[a-1].cap) && !d.used[a-1] {
		a--
	}
	// Passive ("was revealed", "is expected") has no source before it.
	for k := a; k < i; k++ {
		switch d.toks[k].lw {
		case "was", "were", "is", "are", "been", "be", "being":
			if !ing {
				return cand{}, false
			}
		}
	}
	b := i + 1
	if b+2 < to && d.toks[b].lw == "in" && (d.toks[b+1].lw == "a" || d.toks[b+1].lw == "an") &&
		(d.toks[b+2].lw == "statement" || d.toks[b+2].lw == "op-ed" || d.toks[b+2].lw == "email") {
		b += 3
	} else if b < to && d.toks[b].lw == "out" && strings.HasPrefix(e.lemma, "point") {
		b++
	}
	paired := b < to && learned.pairs[t.lw+" "+d.toks[b].lw]
	if paired || b < to && b == i+1 && cueParticles[d.toks[b].lw] {
		b++ // "called for", "pointed to", "joked about"
	}
	// An adverb right after the cue belongs to it ("said recently",
	// "wrote sarcastically", "said again"), as one before it does.
	if b < to && (isCueAdverb(d.toks[b].lw) || postAdverbs[d.toks[b].lw]) && !d.toks[b].cap {
		b++
	}
	// A bare day right after the cue belongs to it: PolNeAR train
	// annotators took it in 67 of 120 uses ("said Tuesday", "said
	// Tuesday night"), but left "on Tuesday" out (35 of 41).
	if b < to && dayWords[d.toks[b].lw] {
		b++
		if b < to && dayParts[d.toks[b].lw] {
			b++
		}
	}
	next := b
	colon := next < to && d.toks[next].lw == ":"
	if colon {
		b = next + 1 // "said:", "said Monday:"
		next = b
	}
	c := cand{kind: "indirect", cue: span{a, b}, conf: 0.7}
	// Participle after a comma ("..., adding that ...") shares the
	// subject of the main clause.
	participle := ing && a > from && (d.toks[a-1].lw == "," || adverbialPreps[d.toks[a-1].lw] && a-1 > from && !d.toks[a-2].punct)
	var src span
	switch {
	case participle:
		src = d.coordSubject(from, a-1, last)
		c.srcInherits = true
	case ing && e.class != cueSay:
		return cand{}, false
	case a > from && d.toks[a-1].lw == "and" && !d.used[a-1]:
		// "Merrill says … and said she would": the same subject.
		src = d.coordSubject(from, a-1, last)
		c.srcInherits = true
	default:
		src = d.sourceBefore(from, a)
	}
	if d.hypothetical(a, i, src) {
		return cand{}, false
	}
	// A cue verb with its content plainly after it ("that", a quote, a
	// colon) is a cue even when no subject is found before it ("Gov.
	// Jane Roe (R-OH), said “…”"); the tagger may mark a source.
	orphan := src.empty() && !participle && d.contentOpens(next, to)
	if orphan && d.tags != nil {
		src = d.taggedSource(a, b, from, to)
	}
	if !src.empty() || participle || orphan {
		c.src = src
		m := next
		if e.class == cueTell && !colon {
			m = d.skipRecipient(m, to)
		}
		// "“X,” she said, “Y.”": X is the content, and Y a second one.
		if !participle && src.a > 0 {
			// A quote that is a whole sentence is the content only when
			// nothing follows the cue: "“X.” He said." but not "“X.” He
			// also said the plan works."
			if qi := d.quoteBefore(src.a); qi >= 0 && !colon && d.commaThat(m, to) < 0 && !((d.endsSentence(qi) || d.titleQuote(qi)) && m < to && !d.toks[m].punct) {
				q := d.quotes[qi]
				c.cs, c.ce = q.Start, q.End
				c.kind = "direct"
				// "This is “roughly the same advantage,” X said": the
				// words before a quote opening mid-sentence are content too.
				if st := d.toks[from].s; q.Start > st && !d.toks[from].punct {
					if sq := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= q.Start }); sq > from && sq-from < 20 &&
						!hasCueBetween(d, from, sq) {
						c.cs = st
						c.kind = "mixed"
					}
				}
				// "“X,” she said, “Y.”": one content running over both quotes.
				if m+1 < to && d.toks[m].lw == "," && d.opensQuote(m+1) {
					q2 := d.quotes[d.quoteAt[d.toks[m+1].s]]
					c.ce = q2.End
				}
				return c, true
			}
		}
		// What follows decides where the content is.
		after := m < to
		if after {
			lw := d.toks[m].lw
			switch {
			case colon, lw == "that", isQuoteMark(lw) && d.opensQuote(m):
			case lw == "," && d.commaThat(m, to) > m:
				// "said, without evidence, that …"
				m = d.commaThat(m, to)
			case lw == ",":
				after = m+1 < to && isQuoteMark(d.toks[m+1].lw) && d.opensQuote(m+1)
				// ", advisers to Mr. Obama say, the president has …": a
				// parenthetical cue; the content is the clause after it.
				if !after && m+1 < to && !d.toks[m+1].punct && !participle && src.a > from && d.toks[src.a-1].lw == "," &&
					!clauseBreak[d.toks[m+1].lw] && !strings.HasSuffix(d.toks[m+1].lw, "ing") {
					after = true
				}
				if after {
					m++
				}
			case d.toks[m].punct:
				after = false
			default:
				// A bare clause after the cue, unless the source follows a
				// comma or a closing quote ("“Q,” she said of the plan").
				if qi := d.quoteBefore(max(src.a, 1)); !participle && src.a > 0 && qi >= 0 && !d.endsSentence(qi) && !d.titleQuote(qi) {
					after = false
				}
			}
		}
		if !after && colon && m >= to && to < len(d.toks) && d.opensQuote(to) {
			// "He declared:" with the quote in the next paragraph.
			q := d.quotes[d.quoteAt[d.toks[to].s]]
			c.cs, c.ce = q.Start, q.End
			c.kind = "direct"
			return c, true
		}
		if !after {
			if participle || orphan && src.empty() {
				return cand{}, false
			}
			if cs, ce, ok := d.contentBefore(from, src.a); ok {
				c.cs, c.ce = cs, ce
				c.kind = d.kindOf(cs, ce)
				return c, true
			}
			return cand{}, false
		}
		if (e.class == cueWeak || rarelyCue(t.lw) && !paired && !d.smallClause(m, to)) && !colon && !d.clauseFollows(m, to) {
			return cand{}, false
		}
		c.cs, c.ce = d.contentAfter(m, to)
		c.kind = d.kindOf(c.cs, c.ce)
		return c, c.ce > c.cs
	}
	if e.class == cueWeak || e.class == cueObject {
		return cand{}, false
	}
	// CONTENT, CUE SOURCE: "…, said Smith."
	if a <= from || !(d.toks[a-1].lw == "," || closesQuote(d.toks[a-1].lw)) {
		return cand{}, false
	}
	b = next
	if b < to && prepositions[d.toks[b].lw] {
		return cand{}, false // "…, said after the jobs report that …" is not "said Smith"
	}
	k := d.postSourceEnd(b, to, 10, true)
	if k == b {
		return cand{}, false
	}
	// "Jane Roe, a local teacher, said the school will close": a clause
	// after the cue (a source would end at punctuation), so the cue has
	// no subject found and the clause is its content.
	if (k < to && (!d.toks[k].punct || d.opensQuote(k)) || d.verbIn(b, k)) && d.toks[a-1].lw == "," && (e.class == cueSay || e.class == cueTell) {
		if d.tags != nil {
			c.src = d.taggedSource(a, b, from, to)
		}
		m := b
		if e.class == cueTell {
			m = d.skipRecipient(m, to)
		}
		if m >= to {
			return cand{}, false
		}
		c.cs, c.ce = d.contentAfter(m, to)
		c.kind = d.kindOf(c.cs, c.ce)
		return c, c.ce > c.cs
	}
	// "…, said he did not know" or "…, said that given …": a clause
	// follows the cue, and the source (an appositive before it that the
	// rules missed) is left out rather than guessed.
	clause := d.toks[b].lw == "that" || k < to && !d.toks[k].punct && (pronouns[d.toks[b].lw] && k == b+1 || verbStop[d.toks[k].lw]) ||
		subjPronouns[d.toks[b].lw] && b+1 < to && !d.toks[b+1].punct
	// "…, said Leonard Burman, director of the center."
	if !clause && k+1 < to && d.toks[k].lw == "," && !d.toks[k+1].punct && !opensParticiple(d.toks[k+1]) && !clauseBreak[d.toks[k+1].lw] {
		m := k + 1
		keepComma := false
		for m < to && !(d.toks[m].punct && d.toks[m].lw != "," && d.toks[m].lw != "'s") && m-b < 30 {
			if d.toks[m].lw == "," && m+1 < to && (isQuoteMark(d.toks[m+1].lw) ||
				opensParticiple(d.toks[m+1]) || clauseBreak[d.toks[m+1].lw]) {
				// PolNeAR keeps the comma closing an appositive before a
				// participle: "said Jo Lee, a pollster, citing …".
				keepComma = opensParticiple(d.toks[m+1])
				break
			}
			m++
		}
		if m-k > 1 && d.toks[m-1].lw != "," {
			k = m
			if keepComma {
				k++
			}
		}
	}
	if !clause {
		c.src = span{b, k}
	}
	cs, ce, ok := d.contentBefore(from, a)
	if !ok {
		return cand{}, false
	}
	c.cs, c.ce = cs, ce
	c.kind = d.kindOf(cs, ce)
	return c, true
}

// rarelyCue reports whether annotators marked lw as a cue in under
// rarelyCueRate of its occurrences ("found", "reports", "named"): such a
// word is a cue only before a clause or a quote, like a weak cue.
func rarelyCue(lw string) bool {
	r, ok := learned.rate[lw]
	return ok && r < rarelyCueRate
}

// rarelyCueRate: 0.5, 0.6, 0.65, 0.7 and 0.8 tried on 4-fold
// cross-validation over PolNeAR train; 0.6 to 0.7 did best.
var rarelyCueRate = 0.65

// smallClause reports whether the words from m to the next punctuation
// end in an adjective, an object with its predicate: "found the claim
// ridiculous", "deemed it unworkable".
func (d *doc) smallClause(m, to int) bool {
	k := m
	for k < to && !d.toks[k].punct && k-m < 15 {
		k++
	}
	if k-m < 2 {
		return false
	}
	c := posTags[d.toks[k-1].lw]
	return strings.HasPrefix(c, "JJ")
}

// verbIn reports whether tokens [a, b) hold a lower-case word that is
// usually a finite verb or a modal: a clause, not a name.
func (d *doc) verbIn(a, b int) bool {
	for k := a; k < b; k++ {
		t := d.toks[k]
		if t.cap || t.punct {
			continue
		}
		if c := posTags[t.lw]; strings.HasPrefix(c, "VBD") || strings.HasPrefix(c, "VBZ") || strings.HasPrefix(c, "VBP") || strings.HasPrefix(c, "MD") {
			return true
		}
	}
	return false
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

// hypothetical reports whether the rule cue [a, i] with source src is
// not a report of something said: a modal before the verb ("would
// say", "may argue"), a condition ("if he says"), or the generic "you"
// ("you might say"). PolNeAR train annotators marked under 20% of these.
func (d *doc) hypothetical(a, i int, src span) bool {
	for k := a; k < i; k++ {
		if modals[d.toks[k].lw] {
			return true
		}
	}
	if src.empty() {
		return false
	}
	if src.b-src.a == 1 && d.toks[src.a].lw == "you" {
		return true
	}
	return src.a > 0 && (d.toks[src.a-1].lw == "if" || d.toks[src.a-1].lw == "unless")
}

var modals = setOf("would", "will", "could", "may", "might", "should", "can", "must")

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

// hasCueBetween reports whether a cue word lies in tokens [a,b).
func hasCueBetween(d *doc, a, b int) bool {
	for k := a; k < b; k++ {
		if isCueWord(d.toks[k].lw) || d.toks[k].lw == ":" {
			return true
		}
	}
	return false
}

// taggedConf is the confidence of a cue found by the tagger alone.
const taggedConf = 0.4

// taggedMinMargin is the emission margin (cue-begin over outside) a cue
// the tagger alone finds needs. No threshold did best both on a held-out
// quarter of PolNeAR train (tagger trained on the rest) and on dev.
var taggedMinMargin float32 = -1e30

// vetoUntagged drops rule cues the tagger marks as outside every cue.
var vetoUntagged = false

// tagged reports whether the tagger marks any token of c's cue.
func (c cand) tagged(tags []uint8) bool {
	for k := c.cue.a; k < c.cue.b && k < len(tags); k++ {
		if tags[k] != tagO {
			return true
		}
	}
	return false
}

// nonAttributive reports the explicit negatives for a cue word at i:
// "the said property", "That said,", "Having said that,", ", say, 10",
// "to say", and a capitalised word inside a name.
func (d *doc) nonAttributive(i, from, to int) bool {
	t := d.toks[i]
	if t.cap && i > from && !d.titleCase(from, to) {
		return true
	}
	if i > from {
		p := d.toks[i-1].lw
		if dets[p] || p == "having" || p == "to" || p == "'s" {
			return true
		}
		if p == "that" && i+1 < to && d.toks[i+1].lw == "," {
			return true
		}
	}
	return t.lw == "say" && i > from && d.toks[i-1].lw == "," && i+1 < to && d.toks[i+1].lw == ","
}

// taggedCue builds an attribution around a cue the tagger found at
// tokens [i, j): the source before it, the content after it (or before,
// for "…, X added").
func (d *doc) taggedCue(i, from, to int, last *cand) (cand, bool) {
	j := i + 1
	for j < to && d.tags[j] == tagI {
		j++
	}
	if d.toks[i].punct {
		return cand{}, false
	}
	// "physicians respect", "story suggests": nouns before the verb of a
	// tagged cue belong to the source.
	for i+1 < j && nounish(d.toks[i]) && hasVerb(d.toks[i+1:j]) {
		i++
	}
	// "has been a state senator": a copula with a predicate noun is a
	// description, not a cue.
	for k := i; k+1 < j; k++ {
		switch d.toks[k].lw {
		case "is", "was", "are", "were", "be", "been", "being":
			if dets[d.toks[k+1].lw] {
				return cand{}, false
			}
		}
	}
	c := cand{kind: "indirect", cue: span{i, j}, conf: taggedConf}
	src := d.sourceBefore(from, i)
	if src.empty() && i > from && (d.toks[i-1].lw == "and" || d.toks[i-1].lw == "but") {
		if last != nil {
			src = last.src // "… but has called for"
		}
	}
	if src.empty() && i > from+1 && adverbialPreps[d.toks[i-1].lw] && strings.HasSuffix(d.toks[i].lw, "ing") {
		src = d.subjectOfSentence(from, i-1) // "charged him after determining"
	}
	if src.empty() && i > from && d.toks[i-1].lw == "," && last != nil {
		src = last.src
	}
	if src.empty() {
		src = d.taggedSource(i, j, from, to)
	}
	c.src = src
	if j >= to || d.toks[j].punct && !d.opensQuote(j) && d.toks[j].lw != ":" {
		if src.empty() {
			return cand{}, false
		}
		// Content before a tagged cue only when it is a quotation:
		// "“…,” she recalled", not "Having said that, the plan has merit".
		cs, ce, ok := d.contentBefore(from, src.a)
		if _, isQuote := d.quoteAt[cs]; ok && isQuote {
			c.cs, c.ce = cs, ce
		} else if j+1 < to && d.toks[j].lw == "," && !d.toks[j+1].punct {
			// "He believes, for example, that …": the clause after the
			// comma (61% of such tagged cues were gold on held-out train).
			c.cs, c.ce = d.contentAfter(j+1, to)
		} else {
			return cand{}, false
		}
	} else {
		m := j
		if d.toks[m].lw == ":" {
			m++
			c.cue.b = m // "continued:", as rule cues end
		}
		if m >= to {
			return cand{}, false
		}
		c.cs, c.ce = d.contentAfter(m, to)
	}
	c.kind = d.kindOf(c.cs, c.ce)
	// "starred in “The Apprentice”": a title in quotes is not speech.
	if qi, ok := d.quoteAt[c.cs]; ok && isTitleLike(d.text[d.quotes[qi].InnerStart:d.quotes[qi].InnerEnd]) {
		return cand{}, false
	}
	return c, c.ce > c.cs
}

// titleCase reports whether the sentence [from, to) is a headline in
// title case ("Morton Blackwell Endorses Ted Cruz"): at least three words
// of four letters or more, nearly all capitalised. Its capitalised cue
// words are then verbs, not parts of names.
func (d *doc) titleCase(from, to int) bool {
	n, c := 0, 0
	for k := from; k < to; k++ {
		t := d.toks[k]
		if t.punct || t.num || len(t.lw) < 4 {
			continue
		}
		n++
		if t.cap {
			c++
		}
	}
	return n >= 3 && c*10 >= n*9
}

var (
	timeNouns   = setOf("week", "weeks", "month", "months", "year", "years", "day", "days", "night", "morning", "afternoon", "evening", "weekend")
	timeOpeners = setOf("in", "last", "this", "over", "during", "earlier", "past", "next", "that", "on")
)

// nounish reports whether the usual tag of t is a noun, pronoun or
// determiner.
func nounish(t tok) bool {
	c, ok := posTags[t.lw]
	return ok && (strings.HasPrefix(c, "NN") || strings.HasPrefix(c, "PRP") && !strings.HasPrefix(c, "PRP$") || c == "DT")
}

// hasVerb reports whether one of ts is usually a verb or modal.
func hasVerb(ts []tok) bool {
	for _, t := range ts {
		if c := posTags[t.lw]; strings.HasPrefix(c, "VB") || strings.HasPrefix(c, "MD") {
			return true
		}
	}
	return false
}

// refuted are lexicon cue words the PolNeAR train annotators marked in
// under a quarter of the rules' uses (pledged 86 uses, 21% exact; "did
// not respond", "add", "endorse" under 20%): PolNeAR does not see
// pledges or non-responses as attributions.
var refuted = setOf("pledged", "respond", "add", "endorse")

// taggedSource returns the source span the tagger marks nearest to the
// cue [i, j) in its sentence, before it (up to 12 tokens back) or else
// right after it; empty when there is none.
func (d *doc) taggedSource(i, j, from, to int) span {
	for k := i - 1; k >= from && i-k <= 12; k-- {
		if d.tags[k] == tagB || d.tags[k] == tagI {
			break
		}
		if d.tags[k] == tagIS || d.tags[k] == tagBS {
			e := k + 1
			for k > from && d.tags[k] == tagIS {
				k--
			}
			if d.tags[k] != tagBS {
				return span{}
			}
			return span{k, e}
		}
	}
	if j < to && d.tags[j] == tagBS {
		e := j + 1
		for e < to && d.tags[e] == tagIS {
			e++
		}
		return span{j, e}
	}
	return span{}
}

// isTitleLike reports whether quoted text looks like a title or a scare
// quote: one to six words, every word of four letters or more
// capitalised, or a single word.
func isTitleLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	if len(f) == 1 {
		return true
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 4 && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// opensQuote reports whether token m opens a known quotation.
func (d *doc) opensQuote(m int) bool {
	_, ok := d.quoteAt[d.toks[m].s]
	return ok
}

func closesQuote(lw string) bool { return lw == "”" || lw == "\"" || lw == "’" || lw == "'" }

// cueParticles right after a cue verb belong to the cue whatever the
// verb ("joked about", "lays out", "brushed off", "agreed with"): PolNeAR train
// annotators took them in most uses after rule cues.
var cueParticles = setOf("about", "out", "off", "with")

// postAdverbs are adverbs without -ly that belong to the cue they follow
// ("said again", "wrote later"): the guidelines keep the verb group,
// adverbs included, together.
var postAdverbs = setOf("later", "again", "then", "only", "once", "first", "too", "instead", "afterward", "afterwards", "often", "previously")

// dayParts may follow a day in a cue: "said Tuesday night".
var dayParts = setOf("night", "morning", "afternoon", "evening")

var dayWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
	"yesterday", "tonight")

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

var clauseSubjects = setOf("he", "she", "they", "we", "i")

// isSubject reports whether lw is a subject pronoun, alone or contracted
// ("he’d", "they're").
func isSubject(lw string) bool {
	if i := strings.IndexAny(lw, "'’"); i > 0 {
		lw = lw[:i]
	}
	return clauseSubjects[lw]
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

func isCueWord(lw string) bool {
	_, ok := cueVerbs[lw]
	return ok || learned.words[lw]
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

// sourceBefore finds the noun phrase that ends just before the cue at
// token a, or an empty span.
func (d *doc) sourceBefore(from, a int) span {
	e := a
	// Time expressions between source and cue: "Trump on Sunday said".
	for e > from && timeWords[d.toks[e-1].lw] && (!d.toks[e-1].cap || dayWords[d.toks[e-1].lw]) && e-1 > from {
		e--
	}
	// "Trump in recent weeks said", "A CNN/ORC poll last month found".
	if e-2 > from && timeNouns[d.toks[e-1].lw] {
		st := -1
		for k := e - 2; k > from && e-k <= 5 && !d.toks[k].punct && (!d.toks[k].cap || dayWords[d.toks[k].lw]); k-- {
			if timeOpeners[d.toks[k].lw] {
				st = k
			}
		}
		if st > from && !d.toks[st-1].punct {
			e = st
		}
	}
	// "A poll released Wednesday found", "a Times/CBS poll last week
	// showed": PolNeAR keeps the date of a document in its source.
	if e < a && e > from && docDated[d.toks[e-1].lw] {
		e = a
	}
	// After a comma the time phrase follows an appositive source:
	// "the press secretary, Josh Earnest, on Tuesday said".
	if e < a && (e == from || d.toks[e-1].punct && d.toks[e-1].lw != ",") {
		e = a
	}
	// ", at a later press gaggle," between source and cue.
	if e-3 > from && d.toks[e-1].lw == "," {
		for k := e - 3; k > from && e-k < 24; k-- {
			if d.toks[k].lw == "," {
				if (prepositions[d.toks[k+1].lw] || opensParticiple(d.toks[k+1])) && !d.toks[k-1].punct && !inclusive[d.toks[k+1].lw] {
					e = k
				}
				break
			}
			if d.toks[k].punct && !isQuoteMark(d.toks[k].lw) {
				break
			}
		}
	}
	// ", however," between source and cue.
	if e-3 >= from && d.toks[e-1].lw == "," && d.toks[e-3].lw == "," && !d.toks[e-2].punct && !d.toks[e-2].cap && !d.toks[e-2].num {
		e -= 3
	}
	if e <= from {
		return span{}
	}
	// Between dashes: "The three scholars -- Mr. Tribe, Ms. Epstein and
	// Mr. Amar -- agreed".
	if isDash(d.toks[e-1].lw) && e-2 > from {
		k := e - 2
		if isDash(d.toks[k].lw) {
			k-- // "--" in two tokens
		}
		for ; k > from && e-k < 30; k-- {
			if isDash(d.toks[k].lw) {
				if isDash(d.toks[k-1].lw) {
					k--
				}
				if s1 := d.npBack(from, k); s1 < k && (s1 == from || d.toks[s1-1].punct || leadDrop[d.toks[s1-1].lw]) {
					return span{s1, e}
				}
				break
			}
			if d.toks[k].punct && d.toks[k].lw != "," && !appositivePunct(d.toks[k].lw) {
				break
			}
		}
		return span{}
	}
	// Appositive: "Scott Pruitt, the attorney general of Oklahoma, said".
	if d.toks[e-1].lw == "," && e-2 > from {
		if s1, e1 := d.leadingAppositive(from, e); s1 >= 0 {
			return span{s1, e1}
		}
		if s2 := d.npBack(from, e-1); s2 > from+1 && s2 < e-1 && d.toks[s2-1].lw == "," {
			if s1 := d.npBack(from, s2-1); s1 < s2-1 && (d.toks[s1].cap || dets[d.toks[s1].lw]) && (s1 == from || d.toks[s1-1].punct || leadDrop[d.toks[s1-1].lw]) {
				return span{s1, e}
			}
		}
		// "Sen. Jack Reed (D-R.I.), said": a party tag before the comma.
		if d.toks[e-2].lw == ")" {
			if s1 := d.npBack(from, e-1); s1 < e-2 && (s1 == from || d.toks[s1-1].punct || leadDrop[d.toks[s1-1].lw]) {
				return span{s1, e}
			}
		}
		return span{}
	}
	s := d.npBack(from, e)
	if s >= e {
		return span{}
	}
	return span{s, e}
}

// postSourceEnd returns the end of a source that follows its cue at
// token b: a noun phrase of up to limit words, with a parenthesis ("Rep.
// Jo Lee (D-Va.)"), a slash or ampersand inside ("a CNN/ORC poll") and
// a conjunction joining two nouns ("their friends and advisers"); with
// occasion, it stops before a day or "in a statement".
func (d *doc) postSourceEnd(b, to, limit int, occasion bool) int {
	k := b
	for k < to && k-b < limit {
		t := d.toks[k]
		switch {
		case t.lw == "(" && k > b:
			m := k + 1
			for m < to && m-k < 8 && d.toks[m].lw != ")" && d.toks[m].lw != "(" {
				m++
			}
			if m >= to || d.toks[m].lw != ")" {
				return k
			}
			k = m + 1
			continue
		case (t.lw == "/" || t.lw == "&") && k > b && k+1 < to && !d.toks[k+1].punct:
		case t.lw == "and" && k > b && k+1 < to:
			n := d.toks[k+1]
			if n.punct || isCueWord(n.lw) || verbStop[n.lw] || pronouns[n.lw] || clauseStop[n.lw] || !n.cap && strings.HasPrefix(posTags[n.lw], "VB") {
				return k
			}
		case t.punct || clauseStop[t.lw] && k > b:
			return k
		case occasion && k > b && (dayWords[t.lw] || (t.lw == "in" || t.lw == "on") && k+1 < to && mediumOpeners[d.toks[k+1].lw]):
			// "said Jo Lee on Friday", "said Jo Lee in a statement": the
			// occasion is not part of the source.
			return k
		}
		k++
	}
	return k
}

// mediumOpeners open the occasion or medium of a statement after "in" or
// "on" ("in a statement", "on Friday", "in his speech").
var mediumOpeners = setOf("a", "an", "his", "her", "their", "its", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "twitter", "facebook")

// verbStop are the clause words of clauseStop that are verbs: after one
// a postposed "source" is the subject of a clause.
var verbStop = setOf("is", "was", "are", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will",
	"would", "can", "could", "should", "may", "might", "must")

// docDated are words after which a date belongs to the source: the
// participle of a publication or a document noun.
var docDated = setOf("released", "published", "conducted", "issued", "filed", "out", "poll", "polls", "survey",
	"surveys", "report", "reports", "study", "article", "ad", "analysis", "memo", "letter", "document", "documents")

// inclusive words open a phrase that names members of the source
// ("Several candidates, including Jo Lee and Al Kim, said"), which
// PolNeAR keeps in the source.
var inclusive = setOf("including", "like", "among", "especially", "particularly", "notably")

// opensParticiple reports whether t opens a participial phrase ("speaking",
// "angered by"): such a phrase between a source and its cue is not part
// of the source.
func opensParticiple(t tok) bool {
	if t.cap || t.punct {
		return false
	}
	if ingTitles[t.lw] {
		return false
	}
	if strings.HasSuffix(t.lw, "ing") && len(t.lw) > 5 {
		return true
	}
	c := posTags[t.lw]
	return c == "VBN" || c == "VBG"
}

// ingTitles are -ing words that open titles, not participial phrases
// ("acting political director", "ranking member").
var ingTitles = setOf("acting", "leading", "managing", "founding", "ranking", "governing", "presiding", "outgoing",
	"incoming", "visiting", "sitting", "retiring", "ruling", "reigning", "longstanding", "consulting", "supervising",
	"polling", "winning", "losing", "starring", "touring")

func isDash(lw string) bool {
	return lw == "—" || lw == "--" || lw == "–" || lw == "―" || lw == "-"
}

// appositivePunct may appear inside a noun phrase or appositive.
func appositivePunct(lw string) bool {
	return lw == "'s" || lw == "(" || lw == ")" || lw == "-" || lw == "/" || lw == "."
}

// leadingAppositive returns the span of a source that opens the sentence
// with a name and an appositive running to the comma before the cue at e
// ("Jane Roe, a farmer who voted for Bill Clinton, said", "Jo Lee, a
// teacher from Sumter, South Carolina, says"), or -1. The appositive
// must not open with a preposition or participle ("Trump, speaking in
// Iowa, said" keeps only the name); a cue word in it must be inside a
// relative clause, which the source then stops before.
func (d *doc) leadingAppositive(from, e int) (int, int) {
	st := from
	for st < e && (leadDrop[d.toks[st].lw] || st > from && d.toks[st].lw == "," && leadDrop[d.toks[st-1].lw]) {
		st++ // "Still, Tad Devine, a senior adviser to Mr. Sanders, said"
	}
	// "In October, Mrs. Clinton, the nominee, proposed", "Alarmed by the
	// unrest, Senator Reid, …, said": an opening phrase and its comma are
	// not part of the source.
	if st < e && (prepositions[d.toks[st].lw] || dayWords[d.toks[st].lw] || opensParticiple(tok{lw: d.toks[st].lw})) {
		k := st + 1
		for k < e && d.toks[k].lw != "," && k-st < 10 {
			k++
		}
		if k < e && d.toks[k].lw == "," {
			st = k + 1
		}
	}
	// "“…,” Trent Lott, who led the Senate, told lawmakers": a quotation
	// opening the sentence is the content.
	if st < e && d.opensQuote(st) {
		q := d.quotes[d.quoteAt[d.toks[st].s]]
		k := st
		for k < e && d.toks[k].e <= q.End {
			k++
		}
		if k < e && d.toks[k].lw == "," {
			k++
		}
		st = k
	}
	if e-st > 40 || st >= e || !d.toks[st].cap {
		return -1, 0
	}
	c := -1
	for k := st; k < e-1; k++ {
		t := d.toks[k]
		if t.lw == "," {
			c = k
			break
		}
		if t.punct && !appositivePunct(t.lw) {
			return -1, 0
		}
	}
	if c <= st || c+1 >= e-1 || d.npBack(st, c) != st {
		return -1, 0
	}
	if nx := d.toks[c+1]; (prepositions[nx.lw] || opensParticiple(nx)) && !inclusive[nx.lw] {
		return -1, 0
	}
	rel := -1
	for k := c + 1; k < e-1; k++ {
		t := d.toks[k]
		if t.punct && t.lw != "," && !appositivePunct(t.lw) {
			return -1, 0
		}
		if rel < 0 && (t.lw == "who" || t.lw == "which" || t.lw == "whose" || t.lw == "whom") {
			rel = k
		}
		if !t.cap && isCueWord(t.lw) {
			// "Mr. Lee, who estimated that …, said": a relative clause
			// holding a cue of its own is left out of the source.
			if rel < 0 {
				return -1, 0
			}
			end := rel
			if d.toks[end-1].lw == "," {
				end--
			}
			return st, end
		}
	}
	return st, e
}

// npBack returns the start of the noun phrase ending at token e
// (exclusive); e when there is none.
func (d *doc) npBack(from, e int) int {
	if e <= from {
		return e
	}
	// A parenthesis after a name: "Rep. Gwen Moore (D-Wis.)".
	paren := e
	if d.toks[e-1].lw == ")" {
		k := e - 2
		for k > from && d.toks[k].lw != "(" && e-k < 10 {
			k--
		}
		if k > from && d.toks[k].lw == "(" {
			e = k
		}
	}
	last := d.toks[e-1]
	if (last.lw == "who" || last.lw == "which") && paren == e {
		return e - 1 // "an architect who said": the relative pronoun is the source
	}
	if last.punct || clauseStop[last.lw] || dets[last.lw] && last.lw != "one" && last.lw != "both" && last.lw != "all" {
		return paren
	}
	// "regain the initiative by pledging": a noun phrase does not end
	// with a preposition.
	if paren == e && prepositions[last.lw] && !last.cap {
		return e
	}
	// Walk back over the noun phrase.
	s := e - 1
	for s > from {
		p := d.toks[s-1]
		if p.punct && p.lw != "/" && !d.innerPunct(s-1) {
			break
		}
		if p.lw == "to" && s-2 >= from && (d.toks[s-2].lw == "close" || d.toks[s-2].lw == "closest") {
			s -= 2 // "sources close to the Attorney General"
			continue
		}
		if clauseStop[p.lw] {
			// "Mr. Grassley and Mr. Leahy", "federal and state officials".
			// "the head of the delegation to the forum", "ties to both
			// Clintons": "to" between a noun and a noun phrase.
			if p.lw == "to" && s-2 >= from && !d.toks[s-2].cap && strings.HasPrefix(posTags[d.toks[s-2].lw], "NN") &&
				(dets[d.toks[s].lw] || d.toks[s].cap) {
				s--
				continue
			}
			if p.lw == "than" && s-2 >= from && comparatives[d.toks[s-2].lw] {
				s -= 2 // "More than half of voters"
				continue
			}
			if (p.lw == "and" || p.lw == "or" || p.lw == "nor") && s-2 >= from && (!d.toks[s-2].punct || d.toks[s-2].lw == ")") {
				// "Federal and state officials", "RT and its defenders":
				// a short phrase before "and" that opens the clause.
				if q := d.conjunctBack(from, s-1); q < s-1 {
					s = q
					continue
				}
			}
			break
		}
		if _, isCue := cueVerbs[p.lw]; isCue && !p.cap {
			break
		}
		// "the kind of jurist many Republicans fear", "the report cheered
		// Democrats hoping": a noun before a determiner, or a finite verb,
		// ends the noun phrase.
		if !p.cap && (dets[d.toks[s].lw] && strings.HasPrefix(posTags[p.lw], "NN") || isFiniteOnly(posTags[p.lw]) && !d.relativeBefore(from, s-1)) {
			break
		}
		s--
		if e-s > 12 {
			break
		}
	}
	// "the way they say", "any fees he reported": a pronoun right before
	// the cue is the whole subject of a relative clause.
	if subjPronouns[d.toks[e-1].lw] && paren == e {
		return e - 1
	}
	// "…, whose husband said": the relative word belongs to the source.
	if s > from && d.toks[s-1].lw == "whose" && s < e {
		return s - 1
	}
	// "people who have battled threats say": an auxiliary right after the
	// relative pronoun belongs to the relative clause.
	if s-2 > from && verbStop[d.toks[s-1].lw] && d.toks[s-2].lw == "who" && s < e {
		s--
	}
	// Relative clause: NP who … CUE.
	if s > from && d.toks[s-1].lw == "who" && s-1 > from && !d.toks[s-2].punct {
		h := s - 1
		for h > from && !d.toks[h-1].punct && !clauseStop[d.toks[h-1].lw] && s-h < 6 {
			h--
		}
		if h < s-1 && e-h <= 16 {
			s = h
		}
	}
	for s < e && leadDrop[d.toks[s].lw] {
		s++
	}
	if s >= e {
		return paren
	}
	if e-s > 12 || prepositions[d.toks[s].lw] {
		// Too long for a subject, or an opening phrase ("In a statement
		// Friday the group said"): keep the last capitalised run.
		k := e - 1
		if !d.toks[k].cap {
			return paren
		}
		for k > s && (d.toks[k-1].cap || d.toks[k-1].lw == "'s") && !(k-1 == s && prepositions[d.toks[s].lw]) {
			k--
		}
		s = k
	}
	return s
}

var subjPronouns = setOf("he", "she", "they", "we", "i", "you", "it")

// comparatives open a quantity before "than": "More than half of voters".
var comparatives = setOf("more", "less", "fewer", "greater", "larger", "smaller", "rather")

// innerPunct reports whether the punctuation token k belongs inside a
// noun phrase: the apostrophe of a plural possessive ("Sanders’ aides")
// or a thousands separator ("21,000 people"), both written without
// spaces.
func (d *doc) innerPunct(k int) bool {
	if k == 0 || k+1 >= len(d.toks) {
		return false
	}
	p, l, r := d.toks[k], d.toks[k-1], d.toks[k+1]
	switch p.lw {
	case "'", "’":
		return l.e == p.s && strings.HasSuffix(l.lw, "s") && r.s > p.e && !r.punct
	case ",":
		return l.num && r.num && l.e == p.s && p.e == r.s
	}
	return false
}

// implicitSource reports whether PolNeAR annotators leave the source of
// a cue implicit: "seemed", "appears" (105 of 115 such cues on train had
// no source) and agentless passives ("is expected", "was asked": 132 of
// 156), but not states of mind ("are concerned", "is convinced").
func (d *doc) implicitSource(cue span) bool {
	be := false
	for k := cue.a; k < cue.b; k++ {
		lw := d.toks[k].lw
		switch {
		case raisingVerbs[lw]:
			return true
		case lw == "is" || lw == "are" || lw == "was" || lw == "were" || lw == "be" || lw == "been" || lw == "being":
			be = true
		case be && !mentalStates[lw] && strings.HasPrefix(posTags[lw], "VB") && (strings.HasSuffix(lw, "ed") || strings.HasSuffix(lw, "wn") || strings.HasSuffix(lw, "en")):
			return true
		}
	}
	return false
}

// passiveAgent returns the agent of a passive cue ("was supported by
// majorities of voters", "was first reported by The Post"), the source
// PolNeAR marks; empty when there is none.
func (d *doc) passiveAgent(cue span, to int) span {
	b := cue.b
	if d.toks[b-1].lw != "by" {
		if b >= to || d.toks[b].lw != "by" {
			return span{}
		}
		b++
	}
	if b >= to {
		return span{}
	}
	k := d.postSourceEnd(b, to, 12, true)
	for m := b + 1; m < k; m++ {
		if lw := d.toks[m].lw; lw != "of" && prepositions[lw] || opensParticiple(d.toks[m]) {
			k = m // "by several groups for saying"
		}
	}
	if k == b {
		return span{}
	}
	return span{b, k}
}

var raisingVerbs = setOf("seem", "seems", "seemed", "seeming", "appear", "appears", "appeared", "appearing")

// mentalStates are participles that describe their subject's state of
// mind, which PolNeAR treats as the source ("Democrats are concerned").
var mentalStates = setOf("concerned", "convinced", "worried", "shocked", "thrilled", "outraged", "focused", "mystified",
	"assured", "undecided", "united", "quoted", "pleased", "disappointed", "frustrated", "surprised", "alarmed",
	"troubled", "angered", "encouraged", "determined", "committed", "opposed", "interested", "divided", "disturbed",
	"dismayed", "relieved", "satisfied", "tired", "prepared", "inclined", "excited", "delighted", "confused", "upset",
	"intrigued", "impressed", "offended", "obsessed", "fixated", "resigned", "unconvinced")

// conjunctBack returns the start of the first conjunct of a coordinated
// subject whose "and" is token c ("Mr. Grassley and Mr. Leahy", "as
// Gov. Martin O’Malley (D) and Mike Huckabee (R) announced"): a phrase of
// up to eight words, without a verb, that opens the clause (sentence
// start, punctuation, an opening word or a subordinating conjunction);
// c when there is none.
func (d *doc) conjunctBack(from, c int) int {
	q := c
	for q > from && c-q < 8 {
		pt := d.toks[q-1]
		if pt.lw == ")" {
			k := q - 2
			for k > from && d.toks[k].lw != "(" && q-k < 8 {
				k--
			}
			if k <= from || d.toks[k].lw != "(" {
				break
			}
			q = k
			continue
		}
		if pt.punct || clauseStop[pt.lw] || isCueWord(pt.lw) || !pt.cap && strings.HasPrefix(posTags[pt.lw], "VB") {
			break
		}
		q--
	}
	if q < c && (q == from || d.toks[q-1].punct || leadDrop[d.toks[q-1].lw] || subordinators[d.toks[q-1].lw]) {
		return q
	}
	return c
}

// subordinators open a clause whose subject may follow them.
var subordinators = setOf("as", "while", "after", "because", "since", "where", "when", "that", "if", "though",
	"although", "before", "until", "whether", "once", "unless")

var prepositions = setOf("in", "on", "at", "during", "after", "before", "for", "with", "from", "by", "of", "to",
	"into", "over", "under", "about", "against", "between", "through", "like", "among", "within", "without",
	"amid", "despite", "following", "speaking", "asked", "writing")

// coordSubject returns the source of a cue coordinated with an earlier
// verb by the conjunction at token c ("Merrill says … and said she
// would", "He endorsed Clinton but told reporters"): the source of the
// previous attribution in the sentence, else the subject of the sentence.
func (d *doc) coordSubject(from, c int, last *cand) span {
	if last != nil && !last.src.empty() {
		return last.src
	}
	return d.subjectOfSentence(from, c)
}

// subjectOfSentence guesses the subject of a sentence for a participial
// or coordinated cue: the noun phrase at the start of the sentence, up to
// its first verb-like word.
func (d *doc) subjectOfSentence(from, e int) span {
	s := from
	// A dateline: "ORLANDO, Fla. (Reuters) - President Obama …".
	for k := s; k < e && k-s < 10; k++ {
		if lw := d.toks[k].lw; lw == "-" || lw == "—" || lw == "―" || lw == "–" {
			if k > s && k+1 < e && isUpperWord(d.text[d.toks[s].s:d.toks[s].e]) {
				s = k + 1
			}
			break
		}
	}
	for s < e && leadDrop[d.toks[s].lw] {
		s++
	}
	// An opening phrase: "In March, Senate Democrats …", "Speaking in
	// Ohio, Trump …", "A month later, he …".
	if s < e && (prepositions[d.toks[s].lw] || dayWords[d.toks[s].lw] || opensParticiple(tok{lw: d.toks[s].lw}) || d.timeOpener(s, e)) {
		k := s
		for k < e && d.toks[k].lw != "," && k-s < 12 {
			k++
		}
		if k < e && d.toks[k].lw == "," {
			s = k + 1
		}
	}
	k := s
	for k < e && k-s < 10 {
		t := d.toks[k]
		if t.punct && t.lw != "'s" || clauseStop[t.lw] || cuePre[t.lw] || learned.words[t.lw] {
			break
		}
		if _, ok := cueVerbs[t.lw]; ok && !t.cap {
			break
		}
		if k > s && !t.cap && strings.HasSuffix(t.lw, "ed") && (d.toks[k-1].cap || pronouns[d.toks[k-1].lw]) {
			break
		}
		// "Romney went on the attack, saying": the first finite verb
		// ends the subject, and so does a day ("The campaign on Monday").
		if k > s && (!t.cap && finiteVerb(posTags[t.lw]) || dayWords[t.lw] || t.lw == "on" && k+1 < e && dayWords[d.toks[k+1].lw]) {
			break
		}
		k++
	}
	// "Mr. Manafort, citing …": a short phrase without a verb running to
	// the comma is the subject itself.
	if k == s || k == e && (k-s > 6 || !d.toks[s].cap && !dets[d.toks[s].lw] && !pronouns[d.toks[s].lw]) {
		return span{}
	}
	return span{s, k}
}

// adverbialPreps open an adverbial participle whose subject is that of
// the main clause ("He provoked critics by calling them liars").
var adverbialPreps = setOf("by", "after", "before", "while", "without", "upon", "when", "since")

// relativeBefore reports whether the verb at k belongs to a relative
// clause: "who" (or "that", "which") at most two words before it ("one
// official who spoke with Sessions told").
func (d *doc) relativeBefore(from, k int) bool {
	for j := k - 1; j >= from && k-j <= 2; j-- {
		switch d.toks[j].lw {
		case "who", "that", "which":
			return true
		}
		if d.toks[j].punct {
			return false
		}
	}
	return false
}

// isFiniteOnly reports whether a part-of-speech class is usually a
// finite verb, which cannot stand inside a subject ("officials elected"
// is rarer than "elected officials", whose class starts with VBN).
func isFiniteOnly(c string) bool {
	return c == "VBD" || c == "VBZ" || c == "VBP" || c == "VBZ|NNS" || c == "VBD|VBN" || c == "MD"
}

// finiteVerb reports whether a part-of-speech class (posdict) is
// usually a finite verb or a modal.
func finiteVerb(c string) bool {
	return strings.HasPrefix(c, "VBD") || strings.HasPrefix(c, "VBZ") || strings.HasPrefix(c, "VBP") || strings.HasPrefix(c, "MD")
}

// timeOpener reports whether the clause at s opens with a time phrase
// ending in "later", "earlier" or "ago" before a comma ("A month later,").
func (d *doc) timeOpener(s, e int) bool {
	for k := s; k < e && k-s < 5; k++ {
		switch d.toks[k].lw {
		case "later", "earlier", "ago":
			return k+1 < e && d.toks[k+1].lw == ","
		}
		if d.toks[k].punct {
			return false
		}
	}
	return false
}

// isUpperWord reports whether w has letters and all are upper case.
func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
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
