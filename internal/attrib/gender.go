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
var maleNames = setOf(
	"aaron", "adam", "ajit", "al", "alan", "albert", "alexander", "andre", "andrew", "anthony", "antonin",
	"arthur", "ashton", "barack", "barry", "ben", "benjamin", "bernard", "bernie", "beto", "bill", "bob",
	"bobby", "boris", "brad", "bret", "brett", "brian", "bruce", "bryan", "calvin", "carl", "carlos", "chad",
	"charles", "charlie", "christopher", "chuck", "clarence", "cliff", "cody", "colin", "cory", "craig",
	"curtis", "dale", "dan", "daniel", "dante", "darrell", "darren", "dave", "david", "dennis", "derek",
	"devin", "dick", "don", "donald", "donnie", "doug", "douglas", "dwight", "earl", "ed", "edward", "elijah",
	"elliott", "emmanuel", "eric", "ernest", "eugene", "evan", "floyd", "francis", "frank", "franklin", "fred",
	"fredrick", "gabriel", "garrett", "gary", "gavin", "george", "gerald", "glenn", "gordon", "greg", "gregg",
	"gregory", "hank", "harold", "harry", "henry", "herbert", "herman", "howard", "hugh", "ian", "isaac",
	"ivan", "jack", "jacob", "jake", "james", "jared", "jason", "jay", "jeb", "jeff", "jeffrey", "jeremiah",
	"jeremy", "jerome", "jerry", "jesse", "jim", "jimmie", "jimmy", "joe", "joel", "john", "johnny", "jon",
	"jonathan", "jorge", "jose", "joseph", "josh", "joshua", "juan", "keith", "ken", "kenneth", "kevin", "kirk",
	"kurt", "lamar", "lance", "larry", "leon", "lloyd", "louis", "luis", "lyndon", "malcolm", "marco", "marcus",
	"mario", "mark", "martin", "marvin", "matt", "matthew", "maurice", "max", "mehmet", "michael",
	"miguel", "mike", "mitch", "mitchell", "mitt", "mohamed", "mohammed", "muhammad", "nathan", "neil",
	"nelson", "newt", "nicholas", "nick", "norman", "oliver", "omar", "orrin", "oscar", "otis", "patrick",
	"paul", "pedro", "percy", "pete", "peter", "phil", "philip", "preston", "rahm", "raj", "ralph", "rand",
	"randall", "randy", "ray", "raymond", "reggie", "reginald", "reince", "rex", "ricardo", "richard", "rick",
	"rob", "robert", "rodney", "rodrigo", "roger", "roland", "ron", "ronald", "rory", "roscoe", "ross", "roy",
	"rudy", "rupert", "russell", "ryan", "samuel", "scott", "sean", "sergei", "seth", "shaun", "sherrod",
	"sidney", "sonny", "spiro", "stanley", "stephen", "steve", "steven", "strom", "stuart", "ted", "terence",
	"thomas", "tim", "timothy", "todd", "tom", "tony", "trent", "trey", "troy", "tucker", "tyler", "vernon",
	"victor", "vincent", "vladimir", "wade", "wallace", "walter", "ward", "warren", "wayne", "wesley", "wilbur",
	"william", "willie", "wolf", "xi", "zachary")

var femaleNames = setOf(
	"alexandria", "alice", "alicia", "amanda", "amy", "andrea", "angela", "angelique", "ann", "anna", "anne",
	"ayanna", "barbara", "beth", "betsy", "betty", "carly", "carol", "caroline", "carolyn", "catherine",
	"chelsea", "cheryl", "christine", "claire", "condoleezza", "cynthia", "debbie", "deborah", "debra", "diane",
	"dianne", "donna", "doris", "dorothy", "elaine", "eleanor", "elena", "elise", "elizabeth", "ellen", "emily",
	"emma", "erin", "gina", "gloria", "gwen", "hannah", "heather", "helen", "hillary", "huma", "ilhan", "irene",
	"ivanka", "jacqueline", "jane", "janet", "jeanne", "jennifer", "jessica", "jill", "joan", "joanne",
	"joyce", "judith", "judy", "julia", "julie", "kamala", "karen", "kate", "katherine", "kathleen", "kathy",
	"katie", "kay", "kellyanne", "kirsten", "kirstjen", "kristen", "kristin", "laura", "lauren",
	"linda", "lisa", "liz", "loretta", "lori", "lucy", "madeleine", "margaret", "maria", "marianne", "marie",
	"marilyn", "marsha", "martha", "mary", "maureen", "maxine", "megan", "megyn", "melania", "melezia",
	"melissa", "mia", "michele", "michelle", "mitzi", "monica", "nadia", "nancy", "naomi", "nicole", "nikki",
	"nina", "nora", "olivia", "pamela", "patricia", "patty", "paula", "peggy", "rachel", "rashida", "rebecca",
	"rhonda", "roberta", "rosa", "rose", "ruth", "sally", "samantha", "sandra", "sarah", "sharon", "sheila",
	"shirley", "sonia", "sophie", "stacey", "stephanie", "susan", "susana", "suzanne", "sylvia", "tammy",
	"tara", "teresa", "theresa", "tiffany", "tina", "tulsi", "ursula", "valerie", "vanessa",
	"victoria", "virginia", "wendy", "whitney", "yvonne", "zoe")

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
