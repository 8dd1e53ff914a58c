package attrib

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// mention is one entity mention found in the text, in token terms.
type mention struct {
	a, b      int    // tokens of the name itself (titles excluded)
	typ       string // person|organization|place|date
	title     string // "Attorney General" before a person
	canonical string
	iso       string // dates: YYYY-MM-DD when complete
	weak      bool   // a lone capitalised word that resolved to no full name
	titleOnly bool   // a title standing for a person named elsewhere: "the Attorney General"
	former    bool   // a holder no longer in office: "former President Barack Obama"
	gender    byte   // genderMale, genderFemale or genderUnknown (gender.go)
	shaky     bool   // a person run with a word the text also writes in lower case ("Ready for Trump")
	lexicon   bool   // a single word the learned name lexicon typed (names.go)
}

// titleWords end a title that stands before a person's name.
var titleWords = setOf("president", "secretary", "general", "advisor", "adviser", "senator", "sen.", "rep.",
	"representative", "gov.", "governor", "mr.", "mrs.", "ms.", "dr.", "judge", "justice", "speaker", "leader",
	"chairman", "chairwoman", "director", "mayor", "minister", "spokesman", "spokeswoman", "spokesperson",
	"ambassador", "candidate", "nominee", "chief", "officer", "commissioner", "congressman", "congresswoman",
	"prof.", "professor", "pope", "king", "queen", "prince", "princess", "lt.", "gen.", "col.", "sgt.", "capt.",
	"attorney", "correspondent", "reporter", "anchor", "host", "editor", "columnist", "economist", "analyst",
	"founder", "ceo", "potus", "flotus", "scotus", "chair", "pollster", "strategist", "vice", "deputy", "principal", "press", "rev.", "sheriff", "commander", "lawyer")

// orgWords make a capitalised name an organization.
var orgWords = setOf("department", "court", "committee", "house", "party", "news", "post", "times", "journal",
	"senate", "congress", "agency", "bureau", "council", "university", "institute", "foundation", "campaign",
	"association", "commission", "inc.", "corp.", "co.", "ltd.", "company", "network", "administration",
	"center", "centre", "group", "ministry", "office", "service", "services", "board", "caucus", "union",
	"league", "federation", "organization", "organisation", "coalition", "church", "bank", "fund", "press",
	"tribune", "herald", "gazette", "daily", "caller", "magazine", "review", "channel", "police", "army",
	"navy", "force", "guard", "school", "college", "hospital", "club", "society", "trust", "corporation",
	"reuters", "cnn", "fbi", "cia", "nsa", "dnc", "rnc", "gop", "msnbc", "nbc", "abc", "cbs", "pbs", "npr",
	"bbc", "epa", "irs", "nato", "un", "eu", "doj", "dhs", "pentagon", "kremlin", "politifact", "breitbart",
	"twitter", "facebook", "google", "instagram", "youtube", "legislature", "parliament", "assembly", "cabinet",
	"democrats", "republicans", "moveon", "ap", "whitehouse", "enquirer", "politico", "hill", "examiner")

// places is a small gazetteer of places news mentions most.
var places = setOf("america", "united states", "u.s.", "us", "usa", "washington", "new york", "california",
	"texas", "florida", "ohio", "michigan", "pennsylvania", "virginia", "iowa", "nevada", "arizona", "georgia",
	"north carolina", "wisconsin", "illinois", "chicago", "los angeles", "russia", "china", "mexico", "canada",
	"iran", "iraq", "syria", "israel", "europe", "ukraine", "germany", "france", "britain", "uk", "u.k.",
	"japan", "india", "korea", "north korea", "afghanistan", "pakistan", "cuba", "venezuela", "brazil",
	"london", "paris", "moscow", "beijing", "boston", "philadelphia", "miami", "new hampshire", "south carolina",
	"colorado", "minnesota", "missouri", "indiana", "kentucky", "tennessee", "alabama", "louisiana", "oregon",
	"massachusetts", "new jersey", "maryland", "connecticut", "utah", "kansas", "oklahoma", "arkansas",
	"mississippi", "nebraska", "idaho", "montana", "wyoming", "alaska", "hawaii", "maine", "vermont",
	"delaware", "west virginia", "new mexico", "south dakota", "north dakota", "rhode island", "d.c.",
	"manhattan", "brooklyn", "benghazi", "crimea", "turkey", "egypt", "libya", "saudi arabia", "africa", "asia",
	"new orleans", "atlanta", "detroit", "cleveland", "baltimore", "seattle", "denver", "houston", "dallas",
	"phoenix", "san francisco", "jerusalem", "gaza", "baghdad", "kabul", "tehran", "havana", "toronto")

var months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan.": 1, "feb.": 2, "mar.": 3,
	"apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dec.": 12}

// capStop are capitalised words that do not start a name (sentence
// openers, pronouns, days as adverbs).
var capStop = setOf("the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "his", "her", "their",
	"its", "our", "my", "much", "many", "some", "however", "but", "and", "or", "so", "if", "when", "while",
	"after", "before", "as", "for", "with", "from", "by", "to", "of", "he", "she", "they", "it", "we", "i",
	"you", "there", "here", "what", "who", "why", "how", "where", "which", "not", "no", "yes", "all", "both",
	"one", "two", "three", "last", "next", "more", "most", "also", "even", "still", "now", "then", "because",
	"although", "though", "since", "until", "during", "about", "over", "under", "into", "according", "said",
	"says", "mr", "read", "follow", "click", "watch", "update", "just", "only", "every", "each", "any", "such",
	"other", "another", "few", "several", "unnamed", "anonymous", "like", "meanwhile", "despite", "among",
	"later", "earlier", "instead", "afterward", "afterwards", "finally", "indeed", "perhaps", "maybe",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
	"january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
	"december")

// placeEnds end the names of places: "Kansas City", "Easter Island",
// "Middle East", "National Mall".
var placeEnds = setOf("city", "island", "islands", "street", "avenue", "springs", "county", "mall", "east",
	"valley", "river", "beach", "coast", "heights", "mountains", "peninsula", "strait", "sea", "ocean",
	"canyon", "square", "boulevard", "airport", "borough", "township", "province", "region", "gulf")

// orgEnds end the names of organizations the keywords miss: "United
// Nations", "Crosscut Strategies", "super PACs", "USA Today".
var orgEnds = setOf("nations", "pacs", "pac", "strategies", "partners", "associates", "holdings", "industries",
	"systems", "technologies", "media", "communications", "consulting", "enterprises", "labs", "today",
	"forum", "program", "programme")

// notNames end capitalised runs that are neither people, organizations
// nor places: events, laws, days, peoples and adjectives of nations.
var notNames = setOf("day", "act", "plan", "amendment", "convention", "war", "debate",
	"summit", "grants", "treaty", "accord", "agreement", "doctrine", "era", "games",
	"olympics", "cup", "bowl", "award", "awards", "prize", "american", "americans", "european", "europeans",
	"african", "africans", "asian", "asians", "hispanic", "hispanics", "latino", "latinos", "muslim",
	"muslims", "christian", "christians", "jewish", "islamic", "cuban", "cubans", "mexican", "mexicans",
	"russian", "russians", "chinese", "iranian", "iranians", "syrian", "syrians", "iraqi", "iraqis",
	"israeli", "israelis", "palestinian", "palestinians", "british", "germans", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday")

// shouted reports whether w has a capital letter and no lower-case one.
func shouted(w string) bool {
	up := false
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return false
		case unicode.IsUpper(r):
			up = true
		}
	}
	return up
}

// singleSpaced returns s with its runs of white space as single spaces,
// without allocating when it has none to fold (names almost never do);
// any control or non-ASCII byte (a no-break space) takes the slow path.
func singleSpaced(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c >= utf8.RuneSelf || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// romanNumerals end names whose type the word before tells.
var romanNumerals = setOf("ii", "iii", "iv", "v", "vi", "vii", "viii")

// capsWords reports whether tokens [a, b) are all written in capitals
// and are all common words (a class other than proper noun in the
// part-of-speech dictionary): a heading, where acronyms ("CNN", "FBI")
// are proper nouns or unknown. Callers ask only for two words or more:
// a single one may be an acronym that is also a word ("ICE").
func (d *doc) capsWords(a, b int) bool {
	for k := a; k < b; k++ {
		if w := d.text[d.toks[k].s:d.toks[k].e]; len(w) < 2 || !shouted(w) {
			return false
		}
		c, ok := posTags[d.toks[k].lw]
		if _, alias := titleAliases[d.toks[k].lw]; alias || !ok || strings.HasPrefix(c, "NNP") {
			return false // "POTUS" is a title
		}
	}
	return true
}

// epithets stand before a person's full name without being part of it.
var epithets = setOf("republican", "democrat", "democratic", "independent", "libertarian", "conservative",
	"liberal", "progressive", "crooked", "lyin'", "lyin’", "sleepy", "little", "senior", "junior", "veteran",
	"billionaire", "candidate", "presumptive", "embattled", "outgoing", "incoming", "rival", "opponent",
	"challenger", "frontrunner", "front-runner", "fellow")

var mediaWords = setOf("caller", "post", "times", "journal", "news", "hill", "atlantic", "guardian", "economist",
	"tribune", "herald", "gazette", "examiner", "intercept", "beast", "blaze", "independent", "telegraph")

// nameJoin may stand inside an organization name.
var nameJoin = setOf("of", "for", "the", "&")

// findEntities finds people, organizations, places and dates: runs of
// capitalised tokens, split into title and name, typed by keywords,
// context and a small gazetteer.
func (d *doc) findEntities() []mention {
	var out []mention
	lowerSeen := make(map[string]bool, len(d.toks)/2)
	for _, t := range d.toks {
		if !t.punct && !t.cap {
			lowerSeen[t.lw] = true
		}
	}
	n := len(d.toks)
	for i := 0; i < n; i++ {
		t := d.toks[i]
		// Dates: "June 8, 2017", "June 8".
		if m, ok := months[t.lw]; ok && t.cap && i+1 < n && d.toks[i+1].num {
			day, err := strconv.Atoi(d.text[d.toks[i+1].s:d.toks[i+1].e])
			if err == nil && day >= 1 && day <= 31 {
				b := i + 2
				iso := ""
				if i+3 < n && d.toks[i+2].lw == "," && d.toks[i+3].num && d.toks[i+3].e-d.toks[i+3].s == 4 {
					y, _ := strconv.Atoi(d.text[d.toks[i+3].s:d.toks[i+3].e])
					b = i + 4
					iso = strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(day)
				}
				out = append(out, mention{a: i, b: b, typ: "date", iso: iso})
				i = b - 1
				continue
			}
		}
		if !t.cap || t.punct {
			continue
		}
		// A capitalised run, allowing "of", "and", "the" between capitals
		// (Department of Justice) and the possessive as a break.
		j := i + 1
		for j < n && d.toks[j].sent == t.sent {
			u := d.toks[j]
			if u.cap && !u.punct {
				j++
				continue
			}
			if nameJoin[u.lw] && j+1 < n && d.toks[j+1].cap && !d.toks[j+1].punct && u.lw != "and" {
				j += 2
				continue
			}
			// "Secretary of the Navy" (not "Morgan of the Sierra Club").
			if u.lw == "of" && titleWords[d.toks[j-1].lw] && j+2 < n && d.toks[j+1].lw == "the" && d.toks[j+2].cap && !d.toks[j+2].punct {
				j += 3
				continue
			}
			break
		}
		a := i
		first := i == d.sentTk[t.sent][0] || i > 0 && isQuoteMark(d.toks[i-1].lw)
		for a < j && capStop[d.toks[a].lw] {
			a++
		}
		if n := d.boilerplateAt(a, j); n > 0 {
			for a += n; a < j && capStop[d.toks[a].lw]; a++ {
			}
		}
		if a >= j || (first && a == i && j-a == 1 && lowerSeen[d.toks[a].lw]) {
			i = j - 1
			continue
		}
		// "Rival Hillary Clinton" opening a sentence: a word the text
		// also writes in lower case, before a first name, is not part
		// of the name.
		if w := d.toks[a].lw; first && a == i && j-a >= 3 && lowerSeen[w] && !titleWords[w] && !maleNames[w] && !femaleNames[w] &&
			(maleNames[d.toks[a+1].lw] || femaleNames[d.toks[a+1].lw]) {
			a++
		}
		ms := d.classifyRun(a, j)
		for k := range ms {
			ms[k].shaky = ms[k].typ == "person" && !ms[k].titleOnly && d.shakyName(ms[k], lowerSeen)
		}
		// "The Daily Caller", "The Hill": the article is part of a
		// publication's name.
		if len(ms) == 1 && ms[0].typ == "organization" && a > i && d.toks[a-1].lw == "the" && mediaWords[d.toks[j-1].lw] {
			ms[0].a = a - 1
		}
		out = append(out, ms...)
		i = j - 1
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].a < out[j].a })
	surnamesOfPeople(d, out)
	d.canonicalize(out)
	out = resolveTitles(out)
	d.assignGenders(out)
	return out
}

// pageBoilerplate are the words a web page puts between paragraphs;
// corpora that lost the line breaks run them into the next name ("Story
// Continued Below Johnson said").
var pageBoilerplate = [][]string{
	{"story", "continued", "below"}, {"story", "continues", "below"}, {"continue", "reading", "below"},
	{"advertisement"}, {"click", "here"},
}

// boilerplateAt returns how many tokens of page boilerplate open the
// capitalised run [a, j).
func (d *doc) boilerplateAt(a, j int) int {
	for _, p := range pageBoilerplate {
		if a+len(p) > j {
			continue
		}
		k := 0
		for k < len(p) && d.toks[a+k].lw == p[k] {
			k++
		}
		if k == len(p) {
			return k
		}
	}
	return 0
}

// surnamesOfPeople types as a person each single word the name lexicon
// typed otherwise that is the last word of a person's full name in the
// article: "Jordan" after "Rep. Ann Jordan", "Ford" after "Jo Ann
// Ford".
func surnamesOfPeople(d *doc, ms []mention) {
	var last map[string]bool
	for i := range ms {
		if m := &ms[i]; m.typ == "person" && m.b-m.a >= 2 {
			if last == nil {
				last = map[string]bool{}
			}
			last[d.toks[m.b-1].lw] = true
		}
	}
	for i := range ms {
		if m := &ms[i]; m.lexicon && last[d.toks[m.a].lw] {
			m.typ = "person"
		}
	}
}

// shakyName reports whether a person mention may not be a person at all:
// it has no listed first name, and its first word is usually a common
// word or one of its words is also written in lower case in the text
// ("Unlike Patriot", "Kent County Republican").
func (d *doc) shakyName(m mention, lowerSeen map[string]bool) bool {
	first := d.toks[m.a].lw
	if maleNames[first] || femaleNames[first] {
		return false
	}
	// A first word usually written in lower case ("Ready for Trump",
	// "Public Affairs"): first names are proper nouns.
	if c, ok := posTags[first]; ok && !strings.HasPrefix(c, "NNP") {
		return true
	}
	for k := m.a; k < m.b; k++ {
		if lowerSeen[d.toks[k].lw] {
			return true
		}
	}
	return false
}

// titleAliases are titles written as one word.
var titleAliases = map[string]string{"potus": "president", "flotus": "first lady"}

// pastHolder before a titled name says the title is no longer theirs.
var pastHolder = setOf("former", "ex", "late", "then")

// juniorTitle before the end of a longer title makes it another office:
// a Deputy Attorney General is not the Attorney General.
var juniorTitle = setOf("deputy", "vice", "assistant", "associate", "principal", "lieutenant", "under", "former")

// titleFits reports whether the lower-case title t names the office of
// a holder titled ot: the whole title, or its last words unless a junior
// word comes before them ("attorney general" is not "deputy attorney
// general"). A one-word tail counts only with oneWord ("the secretary"
// for "press secretary").
func titleFits(ot, t string, oneWord bool) bool {
	if ot == t {
		return true
	}
	if !oneWord && !strings.Contains(t, " ") || !strings.HasSuffix(ot, " "+t) {
		return false
	}
	head := strings.Fields(ot[:len(ot)-len(t)-1])
	return len(head) == 0 || !juniorTitle[head[len(head)-1]]
}

// resolveTitles gives each title-only mention the person who carries
// that title in the article, the nearest one before it, else the first
// after it ("Attorney General Jeff Sessions" ... "the Attorney General"),
// and drops the title-only mentions that match nobody. A one-word title
// must be the whole title ("President"); a longer one may end it ("the
// Press Secretary" for "White House Press Secretary Sarah Sanders").
func resolveTitles(ms []mention) []mention {
	holder := func(i int) *mention {
		t := strings.ToLower(ms[i].title)
		if a, ok := titleAliases[t]; ok {
			t = a
		}
		fits := func(o *mention) bool {
			if o.typ != "person" || o.titleOnly || o.former || o.title == "" {
				return false
			}
			return titleFits(strings.ToLower(o.title), t, false)
		}
		// Within 200 mentions either way, so that a text of titles alone
		// stays linear.
		for j := i - 1; j >= 0 && j >= i-200; j-- {
			if fits(&ms[j]) {
				return &ms[j]
			}
		}
		for j := i + 1; j < len(ms) && j <= i+200; j++ {
			if fits(&ms[j]) {
				return &ms[j]
			}
		}
		return nil
	}
	out := ms[:0]
	for i := range ms {
		m := ms[i]
		if m.titleOnly {
			h := holder(i)
			if h == nil {
				continue
			}
			m.canonical = h.canonical
		}
		out = append(out, m)
	}
	return out
}

func pad2(x int) string {
	if x < 10 {
		return "0" + strconv.Itoa(x)
	}
	return strconv.Itoa(x)
}

// classifyRun splits a capitalised run into title and name and types it.
func (d *doc) classifyRun(a, b int) []mention {
	// "Bernie Sanders of Vermont", "Sen. Ted Cruz of Texas": a person of
	// a place is two mentions. Places are at most three words, so only
	// the last few tokens are tried; the person needs a first name or a
	// title ("Boy Scouts of America" and "the Attorney General of Texas"
	// stay whole).
	for k := max(a+2, b-4); k < b-1; k++ {
		if d.toks[k].lw != "of" || !places[strings.ToLower(d.text[d.toks[k+1].s:d.toks[b-1].e])] {
			continue
		}
		left := d.classifyName(a, k)
		if len(left) > 0 && left[0].typ == "person" && !left[0].titleOnly &&
			(left[0].title != "" || maleNames[d.toks[left[0].a].lw] || femaleNames[d.toks[left[0].a].lw]) {
			return append(left, mention{a: k + 1, b: b, typ: "place"})
		}
		break
	}
	return d.classifyName(a, b)
}

// classifyName types the capitalised run [a, b) as a whole.
func (d *doc) classifyName(a, b int) []mention {
	name := d.text[d.toks[a].s:d.toks[b-1].e]
	lname := strings.ToLower(name)
	if places[lname] {
		return []mention{{a: a, b: b, typ: "place"}}
	}
	if b-a >= 2 && d.capsWords(a, b) {
		return nil // "FULL TEXT", "SNEAK PEEK": a shouted heading, not a name
	}
	t0 := d.lastTitle(a, b)
	office := d.officeTitle(t0, b)
	// The last word often tells what a capitalised run is: "Colorado
	// Springs", "United Nations", "Labor Day", "African Americans"; not
	// after a title ("Mayor John Street"), and a first name keeps a
	// person from the event and people words ("Doris Day") but not from
	// places ("Virginia Beach").
	if t0 < a {
		f := d.toks[a].lw
		e := b
		if b-a >= 3 && romanNumerals[d.toks[b-1].lw] {
			e = b - 1 // "World War II" is typed by "War", "John Paul II" by "Paul"
		}
		switch lastw := d.toks[e-1].lw; {
		case placeEnds[lastw] && e-a >= 2:
			return []mention{{a: a, b: b, typ: "place"}}
		case lastw == "state" && e-a >= 2 && places[strings.ToLower(d.text[d.toks[a].s:d.toks[e-2].e])]:
			return []mention{{a: a, b: b, typ: "place"}} // "Washington State"
		case orgEnds[lastw] || lastw == "state" && e-a >= 2:
			return []mention{{a: a, b: b, typ: "organization"}} // "Islamic State"
		case notNames[lastw] && !maleNames[f] && !femaleNames[f]:
			return nil
		}
	}
	last := d.toks[b-1].lw
	// The office of an "of" title is not an organization of the run:
	// "Secretary of the Navy Richard Spencer".
	tEnd := t0
	if t0 >= a && t0 < b-1 && !office {
		tEnd = d.titleOf(t0, b)
	}
	// Organization by keyword anywhere or an acronym.
	for k := a; k < b && !office; k++ {
		if k > t0 && k <= tEnd {
			continue
		}
		if orgWords[d.toks[k].lw] && !(titleWords[d.toks[k].lw] && k < b-1) {
			// "White House Press Secretary Sarah Sanders": a title with an
			// organization inside, then a person.
			if t := d.lastTitle(a, b); t > k && t < b-1 {
				break
			}
			return []mention{{a: a, b: b, typ: "organization"}}
		}
	}
	if t := t0; t >= a && t < b-1 && !office {
		t = tEnd
		if d.toks[t+1].lw == "of" {
			// "the Attorney General of Texas": an office of a place,
			// held by nobody the run names.
			if t+2 < b && places[strings.ToLower(d.text[d.toks[t+2].s:d.toks[b-1].e])] {
				return []mention{{a: t + 2, b: b, typ: "place"}}
			}
			return nil
		}
		m := mention{a: t + 1, b: b, typ: "person", title: d.text[d.toks[a].s:d.toks[t].e]}
		if a > 0 && pastHolder[d.toks[a-1].lw] {
			m.former = true
		}
		out := []mention{m}
		// An organization inside the title: "White House Press Secretary".
		for k := a; k < t; k++ {
			if d.toks[k].lw == "white" && d.toks[k+1].lw == "house" {
				out = append(out, mention{a: k, b: k + 2, typ: "organization"})
			}
		}
		return out
	}
	if titleWords[last] || office {
		// "the Attorney General", "the Chief of Staff", "POTUS": a person if the article names
		// who holds the title (resolveTitles), else dropped. Without
		// "the" a title word is a name ("Judge said", Mark Judge) or a
		// sentence opener ("General elections").
		if _, alias := titleAliases[lname]; alias || a > 0 && d.toks[a-1].lw == "the" {
			return []mention{{a: a, b: b, typ: "person", title: name, titleOnly: true}}
		}
		return nil
	}
	if isAcronym(d.text[d.toks[a].s:d.toks[b-1].e]) {
		return []mention{{a: a, b: b, typ: "organization"}}
	}
	// Followed by 's and a person: "CNN’s Jim Acosta" — an organization.
	if b+1 < len(d.toks) && d.toks[b].lw == "'s" && d.toks[b+1].cap && b-a <= 4 {
		if c := d.toks[b+1].lw; !orgWords[c] && !titleWords[c] && b+2 < len(d.toks) && d.toks[b+2].cap {
			return []mention{{a: a, b: b, typ: "organization"}}
		}
	}
	// A name CoreNLP typed as an organization or a place in PolNeAR
	// train: "Planned Parenthood", "San Bernardino", "Orlando". A single
	// word may still be the surname of a person the article names ("Jim
	// Jordan"): findEntities gives it back to that person.
	if t := learnedNames[singleSpaced(lname)]; t == "organization" || t == "place" {
		return []mention{{a: a, b: b, typ: t, lexicon: b-a == 1}}
	}
	// "Republican Donald Trump", "Crooked Hillary Clinton": a party or
	// an epithet before a full name is not part of it.
	if b-a >= 3 && b-a <= 5 && epithets[d.toks[a].lw] {
		a++
	}
	if b-a >= 2 && b-a <= 4 {
		return []mention{{a: a, b: b, typ: "person"}}
	}
	if b-a == 1 {
		return []mention{{a: a, b: b, typ: "person"}} // a surname; resolved or dropped later
	}
	return []mention{{a: a, b: b, typ: "organization"}}
}

// officeWords name what an "of" title is of: "Secretary of State",
// "Chief of Staff", "Director of National Intelligence".
var officeWords = setOf("state", "defense", "defence", "staff", "commerce", "labor", "education", "energy",
	"agriculture", "transportation", "treasury", "interior", "justice", "homeland", "security", "health",
	"human", "services", "housing", "urban", "development", "veterans", "affairs", "national", "intelligence",
	"investigation", "police", "the", "army", "navy", "air", "force", "naval", "operations", "communications",
	"policy", "public", "foreign", "war", "finance")

// titleOf extends the title ending at token t over "of" and the office
// it names, leaving at least one token of the name before b: in
// "Secretary of State Mike Pompeo" the name is "Mike Pompeo", not "of
// State Mike Pompeo".
func (d *doc) titleOf(t, b int) int {
	if t+2 >= b || d.toks[t+1].lw != "of" {
		return t
	}
	k := t + 2
	for k < b-1 && officeWords[d.toks[k].lw] {
		k++
	}
	if k == t+2 {
		return t
	}
	return k - 1
}

// officeTitle reports whether the run ending at b, whose last title word
// is t (lastTitle; -1 for none), is a title and the office it is of,
// with no name after: "Chief of Staff", "Secretary of Homeland Security".
func (d *doc) officeTitle(t, b int) bool {
	if t < 0 || t+2 >= b || d.toks[t+1].lw != "of" {
		return false
	}
	for k := t + 2; k < b; k++ {
		if !officeWords[d.toks[k].lw] {
			return false
		}
	}
	return true
}

// lastTitle returns the index of the last title word in [a,b), or -1.
func (d *doc) lastTitle(a, b int) int {
	t := -1
	for k := a; k < b; k++ {
		if titleWords[d.toks[k].lw] {
			t = k
		}
	}
	return t
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c == '.') {
			return false
		}
	}
	return true
}

// canonicalize gives each mention its canonical name within the article:
// a surname or first-and-last name resolves to the longest full name
// that contains it; "the Caller" to "The Daily Caller".
func (d *doc) canonicalize(ms []mention) {
	for i := range ms {
		m := &ms[i]
		m.canonical = d.text[d.toks[m.a].s:d.toks[m.b-1].e]
		if m.typ == "date" && m.iso != "" {
			m.canonical = m.iso
		}
	}
	// Full names: group mentions by type and last word, so each mention
	// is compared only with the few that could be its long form.
	byLast := map[string][]int{}
	for i := range ms {
		m := &ms[i]
		if (m.typ == "person" || m.typ == "organization") && !m.titleOnly {
			k := m.typ + "\x00" + d.toks[m.b-1].lw
			if len(byLast[k]) < 64 {
				byLast[k] = append(byLast[k], i)
			}
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.typ != "person" && m.typ != "organization" || m.titleOnly {
			continue
		}
		best := ""
		bestLen := m.b - m.a
		for _, j := range byLast[m.typ+"\x00"+d.toks[m.b-1].lw] {
			o := &ms[j]
			if o.b-o.a <= bestLen {
				continue
			}
			if d.nameContains(o, m) {
				best = d.text[d.toks[o.a].s:d.toks[o.b-1].e]
				bestLen = o.b - o.a
			}
		}
		if best != "" {
			m.canonical = best
		}
	}
	// A lone capitalised word typed person that resolved to no full name
	// is weak: "Muslim", "Russian". It still types a source ("Issa said")
	// but is not listed as an entity nor used for pronouns.
	for i := range ms {
		m := &ms[i]
		if m.typ == "person" && !m.titleOnly && m.b-m.a == 1 && m.canonical == d.text[d.toks[m.a].s:d.toks[m.a].e] {
			m.weak = true
		}
	}
}

// nameContains reports whether the short name m is a form of the long
// name o: same last token and every other token of m in o.
func (d *doc) nameContains(o, m *mention) bool {
	if d.toks[o.b-1].lw != d.toks[m.b-1].lw {
		return false
	}
	for k := m.a; k < m.b-1; k++ {
		found := false
		for l := o.a; l < o.b-1; l++ {
			if d.toks[l].lw == d.toks[k].lw {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// entityOutput converts mentions to the output form.
func (d *doc) entityOutput(ms []mention) []article.Entity {
	out := make([]article.Entity, 0, len(ms))
	for _, m := range ms {
		if m.weak {
			continue
		}
		s, e := d.toks[m.a].s, d.toks[m.b-1].e
		out = append(out, article.Entity{Text: d.text[s:e], Type: m.typ, Canonical: m.canonical, Start: s, End: e})
	}
	return out
}
