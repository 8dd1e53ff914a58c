package text

// Abbreviation classes decide what a period after a known word means.
const (
	abNone = iota
	// abTitle precedes a name (Sen. Elizabeth Warren, Mt. Fuji): the
	// period never ends the sentence when a word follows.
	abTitle
	// abGeneral may end a sentence (Inc., Co., Jr., Jan., etc.): it does
	// when the next word is a typical sentence opener.
	abGeneral
	// abNumeric precedes a number (No. 5, p. 55, N°. 12).
	abNumeric
)

// Titles and prepositive abbreviations, matched case-sensitively.
var titleAbbrevs = []string{
	"Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Mmes", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs",
	"Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Lt", "Gen", "Col", "Maj", "Capt", "Cpt", "Cmdr",
	"Sgt", "Cpl", "Pvt", "Spc", "Adm", "Brig", "Cmdr", "Comdr", "Ens", "Pres", "Rev", "Revs",
	"Fr", "Hon", "Amb", "Atty", "Supt", "Insp", "Det", "Gens", "Mt", "Ft", "St", "Ste", "Msgr",
	"Pfc", "Asst", "Assoc", "Rt", "vs", "Vs",
}

// General abbreviations, matched case-insensitively unless listed in
// caseSensitiveAbbrevs.
var generalAbbrevs = []string{
	"jr", "sr", "inc", "co", "corp", "ltd", "llc", "plc", "bros", "cos", "assn", "dept", "univ", "ave",
	"blvd", "rd", "hwy", "etc", "al", "approx", "esp", "cf", "ca", "govt", "intl", "natl",
	"st", "ph", "mfg", "mgr", "div", "pct", "misc", "dept", "yr", "yrs", "min", "mins", "hr", "hrs",
	"oz", "lb", "lbs", "sq", "ft", "km", "mi", "ibid", "op", "seq", "viz", "ed", "eds", "repr",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
	// U.S. states in AP style.
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans",
	"ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore",
	"pa", "penn", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
}

// Abbreviations that are also ordinary lower-case words: only their
// capitalised form is an abbreviation ("Ill." but "he was ill.").
var caseSensitiveAbbrevs = map[string]bool{
	"ill": true, "miss": true, "mass": true, "wash": true, "mon": true, "sat": true, "wed": true,
	"mar": true, "jan": true, "del": true, "ind": true, "ore": true, "pa": true, "la": true,
	"min": true, "mins": true, "est": true, "ed": true, "op": true, "ca": true, "al": true,
	"div": true, "mi": true, "hr": true, "hrs": true, "yr": true, "yrs": true, "ft": true, "mo": true,
}

var numericAbbrevs = []string{
	"no", "nos", "nr", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "sec", "secs",
	"ch", "chap", "para", "n°", "nº", "no°", "tel", "ext", "par", "pt", "pts", "ref", "refs",
}

// maxAbbrevLen is the byte length of the longest listed abbreviation.
const maxAbbrevLen = 6

var abbrevClass = func() map[string]uint8 {
	m := make(map[string]uint8, 256)
	for _, w := range generalAbbrevs {
		m[w] = abGeneral
	}
	for _, w := range numericAbbrevs {
		m[w] = abNumeric
	}
	return m
}()

var titleClass = func() map[string]bool {
	m := make(map[string]bool, len(titleAbbrevs))
	for _, w := range titleAbbrevs {
		m[w] = true
	}
	return m
}()

// classifyAbbrev returns the class of the word w that precedes a period.
func classifyAbbrev(w string) uint8 {
	if w == "" || len(w) > maxAbbrevLen {
		return abNone // most sentence-final words: skip the map lookups
	}
	if titleClass[w] {
		return abTitle
	}
	var buf [16]byte
	lw, ok := lowerASCII(buf[:], w)
	if !ok {
		// Non-ASCII: N°, Nº.
		switch w {
		case "N°", "Nº", "n°", "nº":
			return abNumeric
		}
		return abNone
	}
	c := abbrevClass[string(lw)]
	if c == abNone {
		return abNone
	}
	if caseSensitiveAbbrevs[string(lw)] && !(w[0] >= 'A' && w[0] <= 'Z') {
		return abNone
	}
	return c
}

// sentenceStarters are words that, capitalised after an abbreviation,
// usually begin a new sentence ("... Pitt, Briggs & Co. It closed").
var sentenceStarters = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"A", "After", "Also", "An", "And", "As", "At", "Before", "Being", "But", "By", "Did", "During",
		"Each", "Even", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
		"It", "Its", "Last", "Later", "Meanwhile", "Millions", "More", "Most", "Many", "My", "No", "Not",
		"Now", "Of", "On", "Once", "One", "Our", "She", "Since", "So", "Some", "Still", "That", "The",
		"Their", "Then", "There", "These", "They", "This", "Those", "Thus", "To", "Today", "Under",
		"We", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "With", "Yet", "You",
		"Your", "Although", "Though", "According", "Asked", "Both", "Only", "Other", "Officials",
		"Despite", "Instead", "Indeed", "Is", "Are", "Was", "Were", "Do", "Does", "Has", "Have", "Can",
		"Anyone", "Everyone", "Nobody", "Nothing", "Every", "Another", "Such", "Just", "Police",
	} {
		m[w] = true
	}
	return m
}()

// timePrepositions open a time phrase that cannot stand alone as a
// sentence ("At 5 a.m. Mr. Smith went ...").
var timePrepositions = map[string]bool{
	"at": true, "by": true, "before": true, "after": true, "until": true, "till": true,
	"since": true, "from": true, "around": true, "about": true, "near": true, "on": true,
}
