package attrib

import (
	"strings"
	"unicode"
)

// Source spans: the noun phrase before a cue, after it, or implied.

// finalAppositive returns the end of an appositive that follows a
// source ending at token k and runs to the end of the sentence (", a
// former envoy."): it opens with a determiner and holds no verb. It
// returns k when there is none.
func (d *doc) finalAppositive(k, to int) int {
	if k+1 >= to || d.toks[k].lw != "," || !dets[d.toks[k+1].lw] {
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
		case t.punct || clauseStop[t.lw] && k > b && !(t.lw == "to" && d.toks[k-1].lw == "close"):
			return k // "people close to the governor" goes on
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

// openerParticiple is opensParticiple for a word that may be capitalised
// because it opens the sentence ("Speaking in Iowa, ..."): a capitalised
// word counts only when the part-of-speech dictionary knows it as a
// participle, so "Browning", "Manning" or "Beijing" stay names.
func openerParticiple(t tok) bool {
	if !t.cap {
		return opensParticiple(t)
	}
	if t.punct || ingTitles[t.lw] {
		return false
	}
	c, _, _ := strings.Cut(posTags[t.lw], "|")
	return c == "VBG" || c == "VBN"
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
	if st < e && (prepositions[d.toks[st].lw] || dayWords[d.toks[st].lw] || openerParticiple(d.toks[st])) {
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
	for k := cue.a; k < b; k++ {
		if raisingVerbs[d.toks[k].lw] {
			return span{} // "seemed unimpressed by the plan": not a passive
		}
	}
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
			break
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
		if isDash(d.toks[k].lw) {
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
	if s < e && (prepositions[d.toks[s].lw] || dayWords[d.toks[s].lw] || openerParticiple(d.toks[s]) || d.timeOpener(s, e)) {
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
