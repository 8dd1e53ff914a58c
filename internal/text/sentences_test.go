package text_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/text"
)

// seedArticle is the article credence was started from, in ../shared.
const seedArticle = "../../../shared/seeds/000_29c9cfc249d61c61.txt"

func sentenceTexts(s string) []string {
	var out []string
	for _, sp := range text.Sentences(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "It rained. We stayed in.", []string{"It rained.", "We stayed in."}},
		{"question and exclamation", "Why? Because! Fine.", []string{"Why?", "Because!", "Fine."}},
		{"titles", "Sen. Elizabeth Warren met Gov. Jerry Brown and Rep. Peter King. They talked.",
			[]string{"Sen. Elizabeth Warren met Gov. Jerry Brown and Rep. Peter King.", "They talked."}},
		{"more titles", "Dr. Smith, Mr. Jones, Gen. Joseph Votel and Lt. Gov. Dan Patrick came.",
			[]string{"Dr. Smith, Mr. Jones, Gen. Joseph Votel and Lt. Gov. Dan Patrick came."}},
		{"suffixes", "Martin Luther King Jr. was there. Acme Inc. sold it to Pitt & Co. It closed.",
			[]string{"Martin Luther King Jr. was there.", "Acme Inc. sold it to Pitt & Co.", "It closed."}},
		{"saint and street", "St. Louis is on 5th St. near here.", []string{"St. Louis is on 5th St. near here."}},
		{"U.S. inside", "The U.S. Senate voted. The U.S. military left.", []string{"The U.S. Senate voted.", "The U.S. military left."}},
		{"U.S. at end", "He lives in the U.S. He likes it.", []string{"He lives in the U.S.", "He likes it."}},
		{"spaced U. S.", "He was a U. S. Senator for years. Then he quit.", []string{"He was a U. S. Senator for years.", "Then he quit."}},
		{"U.S.A.", "I visited the U.S.A. last year.", []string{"I visited the U.S.A. last year."}},
		{"months", "On Jan. 5, 2017, and Sept. 11 they met. Nothing happened.",
			[]string{"On Jan. 5, 2017, and Sept. 11 they met.", "Nothing happened."}},
		{"initials", "Jonas E. Smith met J. R. R. Tolkien and George H.W. Bush. Done.",
			[]string{"Jonas E. Smith met J. R. R. Tolkien and George H.W. Bush.", "Done."}},
		{"initial after title", "Sen. J. Smith and Gen. H. R. McMaster met. Then they left.",
			[]string{"Sen. J. Smith and Gen. H. R. McMaster met.", "Then they left."}},
		{"versus", "Roe v. Wade and Das Volk vs. The State stand. Fine.", []string{"Roe v. Wade and Das Volk vs. The State stand.", "Fine."}},
		{"initial after lower-case word", "It was drafted by editor M. Stanton Evans. It passed.",
			[]string{"It was drafted by editor M. Stanton Evans.", "It passed."}},
		{"street", "The store on Main St. The owner said so. St. Louis and the St. Regis agree.",
			[]string{"The store on Main St.", "The owner said so.", "St. Louis and the St. Regis agree."}},
		{"day after time", "He arrived at 10:45 p.m. Friday and left. Fine.", []string{"He arrived at 10:45 p.m. Friday and left.", "Fine."}},
		{"time zone", "It airs from 6 a.m. to 9 a.m. Eastern. The caucuses ended at 10 p.m. EST. Cruz won.",
			[]string{"It airs from 6 a.m. to 9 a.m. Eastern.", "The caucuses ended at 10 p.m. EST.", "Cruz won."}},
		{"quote after abbreviation", "A statement said the U.S. “does not have the capacity.” It ended.",
			[]string{"A statement said the U.S. “does not have the capacity.”", "It ended."}},
		{"pronoun I", "You and I. Did you see Albert I. Jones?", []string{"You and I.", "Did you see Albert I. Jones?"}},
		{"money and decimals", "It cost $1.2 million. Shares rose 3.5 percent to $100.00. Good.",
			[]string{"It cost $1.2 million.", "Shares rose 3.5 percent to $100.00.", "Good."}},
		{"ellipsis inside", "I wasn’t sure ... well, it was fine.", []string{"I wasn’t sure ... well, it was fine."}},
		{"ellipsis at end", "I never meant that.... She left.", []string{"I never meant that....", "She left."}},
		{"quote ends sentence", "He said, “Go.” Then he left.", []string{"He said, “Go.”", "Then he left."}},
		{"quote comma", "“Go,” he said. “Now.”", []string{"“Go,” he said.", "“Now.”"}},
		{"question in quote", "“Why?” he asked. She shrugged.", []string{"“Why?” he asked.", "She shrugged."}},
		{"straight quotes", `He said, "This is great." She agreed.`, []string{`He said, "This is great."`, "She agreed."}},
		{"spaced closing quote", "She asked, ‘why?’ ” Lehrer said. Fine.", []string{"She asked, ‘why?’ ” Lehrer said.", "Fine."}},
		{"parenthesis", "He teaches (he worked as an engineer.) at a school. Yes.",
			[]string{"He teaches (he worked as an engineer.) at a school.", "Yes."}},
		{"paren sentence", "He won. (The vote was close.) Then he spoke.",
			[]string{"He won.", "(The vote was close.)", "Then he spoke."}},
		{"damaged domain", "They joined Example. org and others. Then more.", []string{"They joined Example. org and others.", "Then more."}},
		{"email and url", "Write to jane.doe@example.com. Or see www.example.com. Thanks.",
			[]string{"Write to jane.doe@example.com.", "Or see www.example.com.", "Thanks."}},
		{"run-on", "Hello world.Today is Tuesday.Mr. Smith came.", []string{"Hello world.", "Today is Tuesday.", "Mr. Smith came."}},
		{"numbered list", "1. The first item 2. The second item", []string{"1. The first item", "2. The second item"}},
		{"lettered list", "a) one b) two c) three", []string{"a) one", "b) two", "c) three"}},
		{"bullets", "• First point • Second point", []string{"• First point", "• Second point"}},
		{"title line", "Trump Wins\nThe president won. He spoke.", []string{"Trump Wins", "The president won.", "He spoke."}},
		{"blank line", "First paragraph\n\nSecond one.", []string{"First paragraph", "Second one."}},
		{"wrapped line", "It was a cold \nnight in the city.", []string{"It was a cold \nnight in the city."}},
		{"list lines", "features\ncontact manager\nevents", []string{"features", "contact manager", "events"}},
		{"dateline", "BIRMINGHAM, Ala. (Reuters) - Voters went to the polls. They voted.",
			[]string{"BIRMINGHAM, Ala. (Reuters) - Voters went to the polls.", "They voted."}},
		{"tweet signature", "Sanders tells reporters.  —   Jim Acosta (@Acosta) June 8, 2017,   Sanders said more.",
			[]string{"Sanders tells reporters.  —   Jim Acosta (@Acosta) June 8, 2017,", "Sanders said more."}},
		{"tweet signature no period", "We are proud #refugees pic.twitter.com/xyz — Alight Fund (@alightfund) Sept. 20, 2016 If there is more.",
			[]string{"We are proud #refugees pic.twitter.com/xyz — Alight Fund (@alightfund) Sept. 20, 2016", "If there is more."}},
		{"time", "At 5 a.m. Mr. Smith left. He came back at 6 P.M. Mr. Smith then slept.",
			[]string{"At 5 a.m. Mr. Smith left.", "He came back at 6 P.M.", "Mr. Smith then slept."}},
		{"numeric abbrev", "See p. 55 and No. 5. The answer was no. Rep. Smith agreed.",
			[]string{"See p. 55 and No. 5.", "The answer was no.", "Rep. Smith agreed."}},
		{"leading and trailing space", "  Hi there.  \n", []string{"Hi there."}},
		{"empty", "", nil},
		{"only space", " \n\t ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesSeed(t *testing.T) {
	b, err := os.ReadFile(seedArticle)
	if err != nil {
		t.Skipf("seed article not available (%v); run from a checkout with ../shared", err)
	}
	s := string(b)
	sents := sentenceTexts(s)
	for _, phrase := range []string{"U. S. Senator", "Sen. Elizabeth Warren", "Moveon. org"} {
		found := false
		for _, x := range sents {
			if strings.Contains(x, phrase) {
				found = true
			}
		}
		if !found {
			t.Errorf("no sentence contains %q whole: a break fell inside it", phrase)
		}
	}
	// Each tweet signature ends its tweet's sentence.
	signatures := 0
	for _, x := range sents {
		if strings.Contains(x, "(@Acosta)") {
			signatures++
			if !strings.HasSuffix(x, "2017,") {
				t.Errorf("tweet sentence does not end after its signature: %q", x)
			}
		}
	}
	if signatures != 2 {
		t.Errorf("found %d sentences with a tweet signature, want 2", signatures)
	}
	for _, sp := range text.Sentences(s) {
		if x := s[sp.Start:sp.End]; strings.TrimSpace(x) != x {
			t.Errorf("sentence has surrounding white space: %q", x)
		}
	}
}

func TestAppendSentencesNoAlloc(t *testing.T) {
	s := "Sen. Jo Lee said, “She’s not leaving town.” The U.S. Senate agreed. Then... nothing!"
	buf := make([]text.Span, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		buf = text.AppendSentences(buf[:0], s)
	})
	if allocs != 0 {
		t.Errorf("AppendSentences allocates %v times per run, want 0", allocs)
	}
}

func TestAbbrevLengthBound(t *testing.T) {
	// classifyAbbrev skips words longer than maxAbbrevLen; every listed
	// abbreviation must fit.
	for _, w := range text.AbbreviationsForTest() {
		if len(w) > text.MaxAbbrevLenForTest {
			t.Errorf("abbreviation %q is longer than maxAbbrevLen %d", w, text.MaxAbbrevLenForTest)
		}
	}
}
