package attrib

import (
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/article"
)

// anonHeads are nouns that, as the head of a source with no name
// attached, make it anonymous: "a senior administration official",
// "sources", "a Clinton aide". They are informants by their very noun.
var anonHeads = setOf("source", "sources", "official", "officials", "aide", "aides", "insider", "insiders",
	"adviser", "advisers", "advisor", "advisors", "staffer", "staffers", "operative", "operatives", "diplomat",
	"diplomats", "strategist", "strategists", "ally", "allies", "confidant", "confidants", "associate",
	"associates", "spokesperson", "spokesman", "spokeswoman", "prosecutor", "prosecutors")

// weakAnonHeads are nouns for people in general. They make a source
// anonymous only when it points at particular unnamed people ("a
// person familiar with", "two witnesses", "FBI agents"), not at people
// at large ("people think", "most experts agree", "the officer warned").
var weakAnonHeads = setOf("person", "people", "individual", "individuals", "someone", "witness", "witnesses",
	"employee", "employees", "investigator", "investigators", "officer", "officers", "lawmaker", "lawmakers",
	"member", "members", "friend", "friends", "executive", "executives", "agent", "agents", "analyst", "analysts",
	"expert", "experts", "representative", "representatives", "critics", "critic", "advocates", "advocate",
	"opponents", "opponent", "proponents", "proponent", "researchers", "researcher", "scientists", "scientist",
	"economists", "economist", "doctors", "doctor", "physicians", "physician", "observers", "observer",
	"scholars", "scholar", "historians", "historian")

// vagueHeads are the unnamed authorities of vague attribution, which
// credence flags like any unnamed source: "experts say", "critics
// argue", "scientists warn", "immigration advocates said"; unless a
// class is meant ("most experts agree", "many doctors").
var vagueHeads = setOf("expert", "experts", "analyst", "analysts", "critics", "advocates", "opponents", "proponents",
	"researchers", "scientists", "economists", "doctors", "physicians", "observers", "scholars", "historians")

// classWords opening a source speak of a whole class, whatever comes
// between them and the head: "many immigration advocates", "most Wall
// Street economists".
var classWords = setOf("most", "many", "all", "no", "any", "every")

// genericDets before a weak head speak of people at large.
var genericDets = setOf("most", "many", "all", "other", "these", "those", "the", "such", "no", "any")

// personNoun reports whether WordNet's first sense of the noun lw is a
// person (noun.person: "voters", "donor"). Capitalised alone at the
// start of a source, such a word is no name ("Voters think"). As a weak
// anonymous head ("a third donor said") it was tried and dropped: of
// 395 sources it newly typed anonymous on held-out pool articles,
// readers judged 165 anonymous (docs/ATTRIBUTION.md).
func personNoun(lw string) bool {
	w, ok := wnClass[lw]
	return ok && w.n[0] == wnNounPerson
}

// anonDets before a weak head single out particular unnamed people.
var anonDets = setOf("a", "an", "one", "two", "three", "four", "five", "six", "several", "multiple", "another",
	"some", "few", "numerous")

// anonMarks anywhere in a source say it is unnamed on purpose.
var anonMarks = setOf("unnamed", "anonymous", "unidentified", "familiar", "close", "senior", "knowledgeable",
	"briefed", "knowledge")

// docHeads make a source a document.
var docHeads = setOf("report", "reports", "poll", "polls", "survey", "surveys", "study", "studies", "statement",
	"letter", "memo", "document", "documents", "analysis", "filing", "transcript", "complaint", "lawsuit",
	"ruling", "data", "records", "email", "emails", "book", "article", "ad", "tweet", "post", "website",
	"release", "video", "research", "review", "audit", "investigation", "index", "census", "figures",
	"estimates", "chart", "graph", "guidelines", "order", "bill", "indictment", "affidavit", "editorial",
	"op-ed", "story", "piece", "column", "show", "findings", "paper", "footage", "clip", "map", "list")

// groupHeads are collective sources that are organizations in effect.
var groupHeads = setOf("democrats", "republicans", "campaign", "administration", "government", "police",
	"committee", "party", "agency", "department", "company", "group", "team", "court", "prosecutors",
	"authorities", "senate", "house", "congress", "ministry", "network", "newspaper", "paper", "outlet",
	"organization")

// resolved is an attribution source after typing and resolution.
type resolved struct {
	entity, typ, affiliation, title string
}

// resolveSource types the source span src and resolves it to an entity
// of the article.
func (d *doc) resolveSource(src span, ms []mention) resolved {
	if src.empty() {
		return resolved{typ: "unknown"}
	}
	text := d.text[d.toks[src.a].s:d.toks[src.b-1].e]
	if src.b-src.a == 1 {
		switch d.toks[src.a].lw {
		case "he", "she", "him", "her":
			if m := d.lastBefore(ms, src.a, "person", pronounGender(d.toks[src.a].lw)); m != nil {
				return resolved{entity: m.canonical, typ: "person", title: m.title}
			}
			return resolved{entity: text, typ: "person"}
		case "who", "which":
			if m := d.lastBefore(ms, src.a, "", genderUnknown); m != nil && m.b >= src.a-2 {
				return resolved{entity: m.canonical, typ: m.typ, title: m.title}
			}
			return resolved{entity: text, typ: "unknown"}
		case "i", "we", "they", "you", "it":
			return resolved{entity: text, typ: "unknown"}
		}
	}
	// "the press secretary": the person who carries that title.
	// The description must end in a title word: "the state" is not the
	// Secretary of State.
	if src.b-src.a >= 2 && d.toks[src.a].lw == "the" && !d.toks[src.a+1].cap && titleWords[d.toks[src.b-1].lw] {
		desc := strings.ToLower(d.text[d.toks[src.a+1].s:d.toks[src.b-1].e])
		first := sort.Search(len(ms), func(i int) bool { return ms[i].a >= src.a })
		for i := first - 1; i >= 0 && i >= first-200; i-- {
			m := &ms[i]
			if m.typ == "person" && m.title != "" && !m.former && titleFits(strings.ToLower(m.title), desc, true) {
				return resolved{entity: m.canonical, typ: "person", title: m.title}
			}
		}
	}
	// Mentions inside the source, and whether the source is anonymous.
	var person, org *mention
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].a >= src.a }); i < len(ms) && ms[i].a < src.b; i++ {
		m := &ms[i]
		if m.b > src.b || m.weak && m.b == m.a+1 && (anonHeads[d.toks[m.a].lw] || weakAnonHeads[d.toks[m.a].lw] || personNoun(d.toks[m.a].lw) ||
			m.a == src.a && m.b < src.b && commonNoun(d.toks[m.b])) {
			// "People familiar with ...", "Officials said", "Cybersecurity
			// experts say": a capital, not a name.
			continue
		}
		switch m.typ {
		case "person":
			if person == nil || person.weak && !m.weak {
				person = m
			}
		case "organization":
			if org == nil {
				org = m
			}
		}
	}
	docHead, group := false, false
	headEnd := src.b
	for k := src.a; k < src.b; k++ {
		lw := d.toks[k].lw
		if lw == "of" && k > src.a && k+1 < src.b && titleWords[d.toks[k-1].lw] && d.toks[k-1].cap &&
			(d.toks[k+1].cap || d.toks[k+1].lw == "the" && k+2 < src.b && d.toks[k+2].cap) {
			continue // "Secretary of State Mike Pompeo", "Secretary of the Navy ...": part of a title
		}
		if lw == "of" && k > src.a && quantifiersOnly(d.toks[src.a:k]) {
			continue // "two of the sources", "one of Trump's advisers"
		}
		// Where the head part ends: "officials who", "sources close to",
		// "people familiar with", "a source inside", a comma or a
		// preposition; never at the first word ("Close aides said").
		if k > src.a && (lw == "who" || lw == "," || lw == "inside" || lw == "within" || prepositions[lw] ||
			lw == "close" && k+1 < src.b && d.toks[k+1].lw == "to" || lw == "familiar" && k+1 < src.b && d.toks[k+1].lw == "with") {
			headEnd = k
			break
		}
	}
	for k := src.a; k < headEnd; k++ {
		lw := d.toks[k].lw
		switch {
		case docHeads[lw] && !d.toks[k].cap:
			docHead = true
		case groupHeads[lw]:
			group = true
		}
	}
	head, named := d.anonHead(src, headEnd, ms)
	if named != nil {
		person = named
	}
	if person != nil && person != named && person.a >= headEnd && !(d.toks[headEnd].lw == "," && person.a == headEnd+1) {
		person = nil // "sources close to Jeff Sessions", but not "his spokesman, Josh Earnest,"
	}
	aff := ""
	if org != nil {
		aff = d.text[d.toks[org.a].s:d.toks[org.b-1].e]
		if org.canonical != "" {
			aff = org.canonical
		}
	}
	switch {
	case head >= 0 && (person == nil || person.b <= head && !d.joined(person.b, head) || person.weak):
		// A name before the head is whom the source serves ("a Clinton
		// aide"); a name after it is the source's own ("adviser Jason
		// Miller", "his spokesman, Josh Earnest,").
		if a := d.affiliationOf(src, head, headEnd, ms, true); a != "" {
			aff = a
		}
		return resolved{entity: text, typ: "anonymous", affiliation: aff}
	case person != nil:
		// The organization before a possessive is the affiliation:
		// "CNN’s Jim Acosta".
		if org == nil || org.a > person.a {
			if org != nil && org.a > person.a {
				// "Butterfield, head of the Congressional Black Caucus".
				return resolved{entity: person.canonical, typ: "person", affiliation: aff, title: person.title}
			}
			aff = ""
		}
		return resolved{entity: person.canonical, typ: "person", affiliation: aff, title: person.title}
	case docHead:
		return resolved{entity: text, typ: "document", affiliation: aff}
	case org != nil:
		return resolved{entity: org.canonical, typ: "organization"}
	case group:
		return resolved{entity: text, typ: "organization"}
	case d.grantedAnonymity(src) && nounish(d.toks[max(headEnd, src.a+1)-1]):
		// "a city engineer, who spoke on condition of anonymity": the
		// sentence says the source is unnamed whatever its head noun.
		return resolved{entity: text, typ: "anonymous", affiliation: aff}
	}
	return resolved{entity: text, typ: "unknown", affiliation: aff}
}

// anonHead returns the token of src's head noun when it makes src
// anonymous, else -1. The head is the last word before headEnd (where
// "close to", "who", a comma or a preposition starts) or a word just
// before "and"/"or". A head noun followed by a name is that person's
// title, and the name is returned instead ("adviser Jo Lee",
// whatever names come before: "Lee campaign adviser Bo Park"), as is a
// name in an appositive. A vague authority ("experts") is anonymous
// unless a class is meant; a weak head ("people", "witnesses") needs
// something that singles out particular unnamed people: a determiner
// like "a" or "two", a mark like "familiar" or "senior", an
// organization or person it belongs to ("FBI agents"), or a sentence
// that grants anonymity.
func (d *doc) anonHead(src span, headEnd int, ms []mention) (int, *mention) {
	head := -1
	var named *mention
	for k := src.a; k < src.b && d.toks[k].lw != "who" && d.toks[k].lw != ","; k++ {
		t := d.toks[k]
		if t.cap && k != src.a || !anonHeads[t.lw] && !weakAnonHeads[t.lw] {
			continue
		}
		if m := d.mentionAt(ms, k+1, "person"); m != nil && !m.weak && m.b <= src.b {
			named = m // "adviser Jo Lee", "Friends of the River spokesman Bo Park"
			continue
		}
		if k < headEnd && (k+1 == headEnd || d.toks[k+1].lw == "and" || d.toks[k+1].lw == "or") &&
			(head < 0 || !anonHeads[d.toks[head].lw]) {
			head = k // an informant noun wins: "officials and lawyers"
		}
	}
	if named != nil && named.a > head {
		return -1, named
	}
	if named = d.appositiveName(src, headEnd, ms); named != nil {
		return -1, named // "another adviser, steel executive Dan Lee,"
	}
	if head >= 0 && head > src.a && d.toks[head-1].lw == "the" && (d.toks[head].lw == "person" || d.toks[head].lw == "individual") {
		return head, nil // "the person said": one particular person
	}
	if head < 0 || anonHeads[d.toks[head].lw] {
		return head, nil
	}
	if vagueHeads[d.toks[head].lw] && (head == src.a || !genericDets[d.toks[head-1].lw] && !classWords[d.toks[src.a].lw]) {
		return head, nil // "experts say", "Wall Street analysts said", not "most experts agree"
	}
	for k := src.a; k < src.b; k++ {
		if k < head && anonDets[d.toks[k].lw] || anonMarks[d.toks[k].lw] {
			return head, nil
		}
	}
	if d.affiliationOf(src, head, headEnd, ms, false) != "" {
		return head, nil // "FBI agents", "analysts at Acme Bank"
	}
	if d.grantedAnonymity(src) {
		return head, nil
	}
	return -1, nil
}

// commonNoun reports whether t is usually a common noun ("experts"), not
// a pronoun ("Schiff himself") or a name.
func commonNoun(t tok) bool {
	c := posTags[t.lw]
	return !t.cap && strings.HasPrefix(c, "NN") && !strings.HasPrefix(c, "NNP")
}

// quantifiers open a partitive source: "two of the sources".
var quantifiers = setOf("one", "two", "three", "four", "five", "some", "many", "several", "most", "none", "all",
	"each", "any", "both", "either", "neither", "few", "a")

// quantifiersOnly reports whether ts are all quantifiers ("a few").
func quantifiersOnly(ts []tok) bool {
	for _, t := range ts {
		if !quantifiers[t.lw] {
			return false
		}
	}
	return true
}

// joined reports whether tokens [a, b) join a name to a head noun
// rather than modify it: "Trump and his allies" is Trump's, "Trump
// campaign officials" are anonymous.
func (d *doc) joined(a, b int) bool {
	for k := a; k < b; k++ {
		switch d.toks[k].lw {
		case "and", "or", "nor", ",", "his", "her", "their", "its":
			return true
		}
	}
	return false
}

// appositiveName returns the person an appositive after the head part
// names: the first full name after the first comma from headEnd, with
// no clause word before it.
func (d *doc) appositiveName(src span, headEnd int, ms []mention) *mention {
	// The comma may follow a prepositional phrase: "a spokeswoman for
	// Sen. Bob Lee, Ann Park,".
	c := headEnd
	for c < src.b && c-headEnd <= 8 && d.toks[c].lw != "," {
		if w := d.toks[c].lw; w == "who" || w == "which" || w == "that" {
			return nil
		}
		c++
	}
	if c >= src.b || d.toks[c].lw != "," {
		return nil
	}
	for k := c + 1; k < src.b && k-c <= 8; k++ {
		switch d.toks[k].lw {
		case "who", "which", "that", ",":
			return nil
		}
		if m := d.mentionAt(ms, k, "person"); m != nil && !m.weak && m.b <= src.b {
			return m
		}
	}
	return nil
}

// mentionAt returns the mention of type typ that starts at token k.
func (d *doc) mentionAt(ms []mention, k int, typ string) *mention {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].a >= k })
	if i < len(ms) && ms[i].a == k && ms[i].typ == typ {
		return &ms[i]
	}
	return nil
}

// affiliationOf returns whom an anonymous source with its head at token
// head belongs to: a name before the head ("a Clinton aide", "Trump
// campaign officials"), a name after one of affPreps ("a spokesman for
// the Trump campaign", "analysts at Acme Bank", "aides to Rep. Jo
// Heck"), or what it is close to. A lower-case group word after
// the name stays with it ("Trump campaign").
func (d *doc) affiliationOf(src span, head, headEnd int, ms []mention, modifiers bool) string {
	// A name and the organisation words after it, up to lim: "Trump
	// transition team", "Hillary Clinton campaign".
	name := func(m *mention, lim int) string {
		e := m.b
		for e < lim && orgNouns[d.toks[e].lw] && !d.toks[e].cap {
			e++
		}
		if e > m.b {
			return d.text[d.toks[m.a].s:d.toks[e-1].e]
		}
		if m.canonical != "" {
			return m.canonical
		}
		return d.text[d.toks[m.a].s:d.toks[m.b-1].e]
	}
	// A lone capitalised word opening the source may be any word
	// ("Multiple sources"); further in, it is a name ("a Clinton aide").
	named := func(m *mention) bool {
		return (m.typ == "person" || m.typ == "organization") && !(m.weak && m.a == src.a)
	}
	for i := sort.Search(len(ms), func(i int) bool { return ms[i].a >= src.a }); i < len(ms) && ms[i].b <= head; i++ {
		if named(&ms[i]) {
			return name(&ms[i], head)
		}
	}
	if headEnd == head+1 && headEnd+1 < src.b && affPreps[d.toks[headEnd].lw] {
		k := headEnd + 1
		if d.toks[k].lw == "the" && k+1 < src.b {
			k++
		}
		// A title may come before the name: "aides to Rep. Jo Hale".
		for n := k; n < src.b && n-k <= 4 && d.toks[n].cap; n++ {
			i := sort.Search(len(ms), func(i int) bool { return ms[i].a >= n })
			if i < len(ms) && ms[i].a == n && ms[i].b <= src.b && named(&ms[i]) {
				return name(&ms[i], src.b)
			}
		}
	}
	if a := d.affiliationAfter(src, headEnd, ms); a != "" || !modifiers {
		return a
	}
	// Capitalised modifiers that are no entity: "U.S. intelligence
	// analysts", "Turkish defense ministry sources", "an Iraqi official".
	for k := src.a; k < head; k++ {
		t := d.toks[k]
		if !t.cap || t.punct || dets[t.lw] || anonMarks[t.lw] {
			continue
		}
		if k == src.a && !isAcronym(d.text[t.s:t.e]) {
			continue // "Legal experts", "Today officials": a capital by position
		}
		e := k + 1
		for e < head && (d.toks[e].cap && !d.toks[e].punct || orgNouns[d.toks[e].lw]) {
			e++
		}
		return d.text[t.s:d.toks[e-1].e]
	}
	return ""
}

// orgNouns may follow a name in an affiliation.
var orgNouns = setOf("campaign", "administration", "government", "police", "committee", "party", "agency",
	"department", "team", "transition", "intelligence", "military", "security", "defense", "ministry",
	"embassy", "council", "office", "leadership", "staff", "foundation", "organization", "company", "court",
	"law", "enforcement", "navy", "army")

// affPreps introduce whom an unnamed source works for ("aides to",
// "officials in the Trump administration").
var affPreps = setOf("for", "at", "with", "within", "from", "of", "to", "in")

// anonymityPhrases are what a sentence says of a source that is granted
// anonymity, in lower case.
var anonymityPhrases = []string{
	"condition of anonymity", "on background", "spoke anonymously", "speaking anonymously",
	"requested anonymity", "asked for anonymity", "granted anonymity",
	"asked not to be named", "asked not to be identified", "declined to be named", "declined to be identified",
	"not authorized to speak", "not authorized to discuss", "not authorized to comment",
}

// grantedAnonymity reports whether the sentence holding src says that its
// source is not named ("who spoke on condition of anonymity", "speaking on
// background"). Only sources of no other type ask: a named person, a
// document or an organization in the same sentence is not made anonymous.
// Each sentence is read once (anonSent) however many sources it holds.
func (d *doc) grantedAnonymity(src span) bool {
	i := d.toks[src.a].sent
	if i < 0 || i >= len(d.sents) {
		return false
	}
	if d.anonSent == nil {
		d.anonSent = make([]uint8, len(d.sents))
	}
	if d.anonSent[i] == 0 {
		d.anonSent[i] = 1
		low := strings.ToLower(d.text[d.sents[i].Start:d.sents[i].End])
		for _, p := range anonymityPhrases {
			if strings.Contains(low, p) {
				d.anonSent[i] = 2
				break
			}
		}
	}
	return d.anonSent[i] == 2
}

// affiliationAfter returns what an anonymous source is close to:
// "sources close to the Attorney General". What a source is familiar
// with ("people familiar with the talks") is what it knows, not whom it
// belongs to, so it gives no affiliation.
func (d *doc) affiliationAfter(src span, headEnd int, ms []mention) string {
	if headEnd >= src.b || d.toks[headEnd].lw != "close" {
		return ""
	}
	for k := headEnd; k < src.b; k++ {
		if d.toks[k].lw != "to" || k+1 >= src.b {
			continue
		}
		// "close to the Attorney General": the person who holds the
		// title, when the article names one.
		n := k + 1
		if d.toks[n].lw == "the" && n+1 < src.b {
			n++
		}
		if m := d.mentionAt(ms, n, "person"); m != nil && m.b == src.b && m.canonical != "" && !m.weak {
			return m.canonical
		}
		return d.text[d.toks[k+1].s:d.toks[src.b-1].e]
	}
	return ""
}

// lastBefore returns the last mention of type typ (any when "") that
// ends before token a, skipping people of the other gender than g.
func (d *doc) lastBefore(ms []mention, a int, typ string, g byte) *mention {
	first := sort.Search(len(ms), func(i int) bool { return ms[i].a >= a })
	var open *mention // the nearest shaky name of unknown gender
	for i := first - 1; i >= 0 && i >= first-500; i-- {
		m := &ms[i]
		if m.b > a || m.weak || g != genderUnknown && m.gender != genderUnknown && m.gender != g {
			continue
		}
		if !(typ == "" && (m.typ == "person" || m.typ == "organization") || m.typ == typ) {
			continue
		}
		if open != nil && d.toks[open.a].sent-d.toks[m.a].sent > 2 {
			return open
		}
		if g == genderUnknown || m.gender == g {
			return m
		}
		// A person of unknown gender is taken, unless it is a shaky name
		// (a capitalised run typed person by mistake: "Pell Grants"): then
		// a person of the right gender or a firm name within two more
		// sentences is. A name merely missing from the first-name lists
		// ("Lindsey Graham") keeps "he" from the man named before.
		if !m.shaky {
			return m
		}
		if open == nil {
			open = m
		}
	}
	return open
}

// MinConfidence is the confidence an attribution needs to make a source
// and to be shown to people; below it are the tagger's guesses, kept in
// the JSON for recall.
const MinConfidence = 0.5

// buildSources aggregates the attributions' sources into distinct
// sources with their aliases, titles and counts.
func buildSources(atts []article.Attribution, ms []mention, d *doc) []article.Source {
	type agg struct {
		src     article.Source
		aliases map[string]bool
		titles  map[string]bool
		order   int
	}
	by := map[string]*agg{}
	for i, a := range atts {
		// Only confident attributions make sources: those of the tagger
		// alone (confidence 0.4) stay in the attribution list but do not
		// count as the article's sourcing.
		if a.Source.Entity == "" || a.Confidence < MinConfidence {
			continue
		}
		key := a.Source.Type + "\x00" + strings.ToLower(a.Source.Entity)
		g := by[key]
		if g == nil {
			g = &agg{src: article.Source{Name: a.Source.Entity, Type: a.Source.Type, Affiliation: a.Source.Affiliation,
				Titles: []string{}, Aliases: []string{}}, aliases: map[string]bool{}, titles: map[string]bool{}, order: i}
			by[key] = g
		}
		g.src.Attributions++
		if g.src.Affiliation == "" {
			g.src.Affiliation = a.Source.Affiliation
		}
		if a.Source.Text != "" && a.Source.Text != g.src.Name {
			g.aliases[a.Source.Text] = true
		}
	}
	byCanon := map[string][]int{}
	for i, m := range ms {
		if m.typ == "person" || m.typ == "organization" {
			k := m.typ + "\x00" + strings.ToLower(m.canonical)
			byCanon[k] = append(byCanon[k], i)
		}
	}
	for key, g := range by {
		if g.src.Type != "person" && g.src.Type != "organization" {
			g.src.Mentions = g.src.Attributions
			continue
		}
		for _, i := range byCanon[key] {
			m := ms[i]
			g.src.Mentions++
			if t := d.text[d.toks[m.a].s:d.toks[m.b-1].e]; t != g.src.Name {
				g.aliases[t] = true
			}
			if m.title != "" {
				g.titles[m.title] = true
			}
		}
		if g.src.Mentions == 0 {
			g.src.Mentions = g.src.Attributions
		}
	}
	out := make([]*agg, 0, len(by))
	for _, g := range by {
		for a := range g.aliases {
			g.src.Aliases = append(g.src.Aliases, a)
		}
		for t := range g.titles {
			g.src.Titles = append(g.src.Titles, t)
		}
		sort.Strings(g.src.Aliases)
		sort.Strings(g.src.Titles)
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	res := make([]article.Source, len(out))
	for i, g := range out {
		res[i] = g.src
	}
	return res
}
