package attrib

import "strings"

// Grammatical gender of people, so that "she" is not resolved to the man
// mentioned last. An article tells it by honorifics ("Mrs. Clinton"),
// gendered titles ("Congresswoman Maxine Waters") or a common first name;
// a person it does not tell stays open to both pronouns.
const (
	genderUnknown byte = iota
	genderMale
	genderFemale
)

var maleTitles = setOf("mr.", "mr", "congressman", "chairman", "spokesman", "king", "prince", "sir", "lord",
	"father", "brother", "husband", "son", "businessman", "councilman", "assemblyman", "anchorman", "alderman",
	"duke", "emperor")

var femaleTitles = setOf("mrs.", "mrs", "ms.", "ms", "miss", "congresswoman", "chairwoman", "spokeswoman",
	"queen", "princess", "lady", "dame", "madam", "sister", "mother", "wife", "daughter", "businesswoman",
	"councilwoman", "assemblywoman", "anchorwoman", "duchess", "empress")

// Common first names in English-language news, kept short: names often
// given to both (Jordan, Taylor, Kelly, Alex, Chris, Sam) are left out.
var maleNames = setOf("aaron", "adam", "al", "alan", "albert", "alexander", "andrew", "anthony", "arthur",
	"barack", "ben", "benjamin", "bernie", "bill", "bob", "bobby", "brad", "brett", "brian", "bruce", "carl",
	"charles", "charlie", "christopher", "chuck", "cory", "dan", "daniel", "dave", "david", "dennis",
	"dick", "don", "donald", "doug", "douglas", "ed", "edward", "eric", "frank", "fred", "gary", "george",
	"greg", "gregory", "harry", "henry", "howard", "ian", "jack", "jacob", "james", "jason", "jeb", "jeff",
	"jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "john", "johnny", "jon", "jonathan", "joseph", "josh",
	"joshua", "juan", "keith", "ken", "kenneth", "kevin", "larry", "louis", "marco", "mark",
	"martin", "matt", "matthew", "michael", "mike", "mitch", "mitt", "newt", "nick", "nicholas",
	"patrick", "paul", "pete", "peter", "phil", "philip", "ralph", "rand", "randy", "ray", "reince", "richard",
	"rick", "rob", "robert", "roger", "ron", "ronald", "roy", "rudy", "russell", "ryan", "samuel",
	"scott", "sean", "sergei", "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "todd", "tom",
	"tony", "vladimir", "walter", "wayne", "william", "willie", "xi")

var femaleNames = setOf("alice", "alexandria", "amanda", "amy", "andrea", "angela", "ann", "anna", "anne",
	"barbara", "betsy", "betty", "beth", "carly", "carol", "caroline", "catherine", "chelsea", "christine",
	"claire", "cynthia", "deborah", "debbie", "diane", "donna", "doris", "dorothy", "elizabeth", "ellen", "emily",
	"emma", "erin", "gina", "hillary", "heather", "helen", "huma", "ivanka", "jane", "janet", "jennifer",
	"jessica", "jill", "joan", "joanne", "judith", "judy", "julia", "julie", "karen", "kate", "katherine",
	"kathleen", "kathy", "kellyanne", "kamala", "kirsten", "kirstjen", "laura", "lauren", "linda", "lisa",
	"liz", "lori", "margaret", "maria", "marie", "martha", "mary", "maxine", "megan", "megyn", "melania",
	"melissa", "michelle", "mia", "nancy", "nicole", "nikki", "olivia", "pamela", "patricia", "nina",
	"rachel", "rebecca", "rosa", "ruth", "sarah", "sandra", "sharon", "sheila", "stephanie", "susan", "susana",
	"teresa", "theresa", "tulsi", "valerie", "victoria", "virginia", "wendy", "zoe")

// mentionGender is what one person mention itself says of its gender.
func (d *doc) mentionGender(m *mention) byte {
	if m.title != "" {
		if f := strings.Fields(strings.ToLower(m.title)); len(f) > 0 {
			switch last := f[len(f)-1]; {
			case maleTitles[last]:
				return genderMale
			case femaleTitles[last]:
				return genderFemale
			}
		}
	}
	if m.titleOnly || m.b-m.a < 2 {
		return genderUnknown
	}
	switch first := d.toks[m.a].lw; {
	case maleNames[first]:
		return genderMale
	case femaleNames[first]:
		return genderFemale
	}
	return genderUnknown
}

// assignGenders gives every person mention the gender its canonical
// person's mentions agree on, or none when they say nothing or disagree.
func (d *doc) assignGenders(ms []mention) {
	by := map[string]byte{}
	clash := map[string]bool{}
	for i := range ms {
		m := &ms[i]
		if m.typ != "person" {
			continue
		}
		g := d.mentionGender(m)
		if g == genderUnknown {
			continue
		}
		if old, ok := by[m.canonical]; ok && old != g {
			clash[m.canonical] = true
		}
		by[m.canonical] = g
	}
	for i := range ms {
		m := &ms[i]
		if m.typ == "person" && !clash[m.canonical] {
			m.gender = by[m.canonical]
		}
	}
}

// pronounGender is the gender a personal pronoun asks for.
func pronounGender(lw string) byte {
	switch lw {
	case "he", "him", "his":
		return genderMale
	case "she", "her", "hers":
		return genderFemale
	}
	return genderUnknown
}
