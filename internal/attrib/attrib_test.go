package attrib_test

import (
	"context"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
)

func run(t testing.TB, text string) *article.Analysis {
	t.Helper()
	an, err := analyze.Run(context.Background(), &article.Article{Text: text}, analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return an
}

// want describes one attribution a fixture must produce; empty fields
// are not checked (affiliation "-" wants none). Source and Content match
// by containment, Cue exactly.
type want struct {
	kind, source, entity, typ, affiliation, cue, content string
}

func (w want) match(a article.Attribution) bool {
	return (w.kind == "" || a.Kind == w.kind) &&
		(w.source == "" || a.Source.Text == w.source) &&
		(w.entity == "" || a.Source.Entity == w.entity) &&
		(w.typ == "" || a.Source.Type == w.typ) &&
		(w.affiliation == "" || a.Source.Affiliation == w.affiliation || w.affiliation == "-" && a.Source.Affiliation == "") &&
		(w.cue == "" || a.Cue.Text == w.cue) &&
		(w.content == "" || strings.Contains(a.Content.Text, w.content))
}

// expectNone reports each attribution of an that bad accepts; name
// prefixes the messages.
func expectNone(t *testing.T, name string, an *article.Analysis, bad func(article.Attribution) bool) {
	t.Helper()
	for _, a := range an.Attributions {
		if bad(a) {
			t.Errorf("%sunwanted attribution: source %q, cue %q, content %q", name, a.Source.Text, a.Cue.Text, a.Content.Text)
		}
	}
}

// expectAttributions reports each want no attribution of an matches,
// listing what was found; name prefixes the messages.
func expectAttributions(t *testing.T, name string, an *article.Analysis, wants []want) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, a := range an.Attributions {
			if w.match(a) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%sno attribution like %+v in:", name, w)
			for _, a := range an.Attributions {
				t.Logf("  %s src=%q (%s %s %q) cue=%q content=%q", a.Kind, a.Source.Text, a.Source.Entity, a.Source.Type, a.Source.Affiliation, a.Cue.Text, a.Content.Text)
			}
		}
	}
}

func TestAttributionFixtures(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		want []want
	}{
		{"speaker after quote", "“We will win,” she said.",
			[]want{{kind: "direct", source: "she", cue: "said", content: "“We will win,”"}}},
		{"speaker before quote", "Smith said, “We will win this race.”",
			[]want{{kind: "direct", source: "Smith", cue: "said", content: "We will win this race."}}},
		{"speaker inside quote", "“We will win,” Mary Jones said, “and we will win big.”",
			[]want{{kind: "direct", source: "Mary Jones", typ: "person", cue: "said", content: "We will win,"},
				{kind: "direct", source: "Mary Jones", cue: "said", content: "and we will win big."}}},
		{"inverted with appositive", "“Nothing has changed,” said John Smith, a spokesman for Acme Corp.",
			[]want{{kind: "direct", source: "John Smith, a spokesman for Acme Corp.", entity: "John Smith", typ: "person", cue: "said"}}},
		{"title of an office before the name", "Secretary of State Jo Lee said the talks would resume.",
			[]want{{source: "Secretary of State Jo Lee", entity: "Jo Lee", typ: "person", cue: "said"}}},
		{"insisted that", "The senator insisted that the bill would pass.",
			[]want{{kind: "indirect", source: "The senator", cue: "insisted", content: "that the bill would pass"}}},
		{"warned", "Economists warned that inflation would rise.",
			[]want{{source: "Economists", cue: "warned", content: "inflation would rise"}}},
		{"acknowledged with auxiliary", "The mayor has acknowledged that the budget is short.",
			[]want{{source: "The mayor", cue: "has acknowledged", content: "the budget is short"}}},
		{"denied", "The company denied that it had broken the law.",
			[]want{{source: "The company", cue: "denied", content: "it had broken the law"}}},
		{"tweeted with day", "Jane Roe tweeted Monday that the vote was rigged.",
			[]want{{source: "Jane Roe", cue: "tweeted Monday", content: "the vote was rigged"}}},
		{"day part in cue", "The governor said Tuesday night that taxes would rise.",
			[]want{{source: "The governor", cue: "said Tuesday night", content: "taxes would rise"}}},
		{"on day not in cue", "The governor said on Tuesday that taxes would rise.",
			[]want{{source: "The governor", cue: "said", content: "taxes would rise"}}},
		{"no subject found", "The mayor, who has long opposed the measure and voted against it twice, said that it would fail.",
			[]want{{cue: "said", content: "that it would fail"}}},
		{"adverb after cue", "The senator wrote sarcastically that the bill was perfect.",
			[]want{{source: "The senator", cue: "wrote sarcastically", content: "the bill was perfect"}}},
		{"adverb again after cue", "The mayor said again that the bridge would open.",
			[]want{{source: "The mayor", cue: "said again", content: "the bridge would open"}}},
		{"quote of the previous sentence", "“We will win this race.” He also said the plan would work.",
			[]want{{source: "He", cue: "also said", content: "the plan would work"}}},
		{"quote of the previous sentence, nothing after", "“We will win this race.” He said.",
			[]want{{source: "He", cue: "said", content: "We will win this race."}}},
		{"whole-sentence quote, then a clause", "Voters cheered. “This is all mine.” She also said the plan would work.",
			[]want{{source: "She", cue: "also said", content: "the plan would work"}}},
		{"recipient then a subject", "The senator told Fox News he would run again.",
			[]want{{source: "The senator", cue: "told", content: "he would run again"}}},
		{"clause after a cue with no subject found", "Mary Susan, clad in a red cape with blinking lights, said the convention could fail.",
			[]want{{cue: "said", content: "the convention could fail"}}},
		{"title in quotes before the source", "Speaking Sunday on “Face the Nation,” Senator Jane Roe said taxes would rise.",
			[]want{{source: "Senator Jane Roe", cue: "said", content: "taxes would rise"}}},
		{"colon, quote in the next paragraph", "“We won the first round.” Jane Roe declared:\n\n“We will not back down.”",
			[]want{{source: "Jane Roe", content: "We will not back down."}}},
		{"urged to, then saying a quote", "Ms. Roe urged voters to reject the plan, saying, “It is a trap.”",
			[]want{{source: "Ms. Roe", cue: "urged", content: "to reject the plan"}}},
		{"recipient then a contracted subject", "The senator told Fox News he’d run again.",
			[]want{{source: "The senator", cue: "told", content: "he’d run again"}}},
		{"verb after an inverted cue", "Gov. Jane Roe of Ohio, a Republican who has refused to endorse him, said the family deserved better.",
			[]want{{cue: "said", content: "the family deserved better"}}},
		{"phrase in commas before that", "Roe called him “a menace.” She also said, without evidence, that he was hiding money.",
			[]want{{source: "She", cue: "also said", content: "that he was hiding money"}}},
		{"particle about", "The mayor joked about moving the city hall to the beach.",
			[]want{{source: "The mayor", cue: "joked about", content: "moving the city hall"}}},
		{"told recipient", "Mr. Brown told reporters that the deal was dead.",
			[]want{{source: "Mr. Brown", cue: "told", content: "that the deal was dead"}}},
		{"according to trailing", "The economy grew 3 percent last year, according to the Commerce Department.",
			[]want{{kind: "according_to", source: "the Commerce Department", cue: "according to", content: "The economy grew 3 percent"}}},
		{"according to leading", "According to the report, the river flooded twice.",
			[]want{{kind: "according_to", source: "the report", typ: "document", cue: "According to", content: "the river flooded twice"}}},
		{"in a statement", "The company said in a statement that it would appeal.",
			[]want{{source: "The company", cue: "said in a statement", content: "it would appeal"}}},
		{"colon cue", "He said: “We are done here.”",
			[]want{{kind: "direct", source: "He", cue: "said:", content: "We are done here."}}},
		{"inverted indirect", "The talks have stalled, officials said.",
			[]want{{source: "officials", typ: "anonymous", cue: "said", content: "The talks have stalled"}}},
		{"mixed quote", "Mary Jones called the plan “a disaster for workers.”",
			[]want{{kind: "mixed", source: "Mary Jones", cue: "called", content: "a disaster"}}},
		{"nested", "The Post reported that officials said the deal was off.",
			[]want{{source: "The Post", cue: "reported", content: "officials said the deal was off"},
				{source: "officials", cue: "said", content: "the deal was off"}}},
		{"poll as source", "A new poll shows that voters favor the measure.",
			[]want{{source: "A new poll", typ: "document", cue: "shows", content: "voters favor the measure"}}},
		{"pronoun resolution", "Jane Doe arrived late. She said the meeting was canceled.",
			[]want{{source: "She", entity: "Jane Doe", typ: "person", cue: "said"}}},
		{"surname resolution", "Press Secretary Sarah Huckabee Sanders spoke Monday. Sanders said the meeting went well.",
			[]want{{source: "Sanders", entity: "Sarah Huckabee Sanders", typ: "person", cue: "said"}}},
		{"first and last name", "Sarah Huckabee Sanders spoke Monday. Sarah Sanders said the meeting went well.",
			[]want{{source: "Sarah Sanders", entity: "Sarah Huckabee Sanders", cue: "said"}}},
		{"title resolution", "Press Secretary Sarah Huckabee Sanders spoke Monday. The press secretary said talks went well.",
			[]want{{entity: "Sarah Huckabee Sanders", typ: "person", cue: "said"}}},
		{"possessive affiliation", "CNN’s Jim Acosta reported that the meeting was tense.",
			[]want{{entity: "Jim Acosta", typ: "person", affiliation: "CNN", cue: "reported"}}},
		{"anonymous with affiliation", "Unnamed Pentagon officials said the strike was planned for weeks.",
			[]want{{typ: "anonymous", affiliation: "Pentagon", cue: "said"}}},
		{"senior official", "A senior administration official said the talks had stalled.",
			[]want{{source: "A senior administration official", typ: "anonymous", cue: "said"}}},
		{"people familiar", "People familiar with the matter said the merger was off.",
			[]want{{source: "People familiar with the matter", typ: "anonymous", cue: "said"}}},
		{"granted anonymity", "A city engineer, who spoke on condition of anonymity, said the bridge was unsafe.",
			[]want{{source: "A city engineer, who spoke on condition of anonymity,", typ: "anonymous", cue: "said"}}},
		{"anonymity of another source", "Mayor Ana Ortiz said officials who spoke on condition of anonymity were wrong.",
			[]want{{source: "Mayor Ana Ortiz", typ: "person", cue: "said"}}},
		{"close to gives an affiliation", "Sources close to the governor said the deal was off.",
			[]want{{source: "Sources close to the governor", typ: "anonymous", affiliation: "the governor", cue: "said"}}},
		{"close to", "Multiple sources close to the governor said he would resign.",
			[]want{{source: "Multiple sources close to the governor", typ: "anonymous", affiliation: "the governor", cue: "said"}}},
		{"dash signature", "“Great food and friendly staff.” ― Jane Roe\n\nMore text follows here.",
			[]want{{kind: "direct", source: "Jane Roe", cue: "―", content: "Great food"}}},
		{"time phrase before cue", "Trump in recent weeks said that he would win the state.",
			[]want{{source: "Trump", cue: "said", content: "that he would win the state"}}},
		{"appositive then day", "The press secretary, Josh Earnest, on Tuesday said that the plan was dead.",
			[]want{{source: "The press secretary, Josh Earnest,", cue: "said", content: "the plan was dead"}}},
		{"title case headline", "Morton Blackwell Endorses Ted Cruz",
			[]want{{source: "Morton Blackwell", cue: "Endorses", content: "Ted Cruz"}}},
		{"prepositional phrase after cue", "Douglas Holtz-Eakin, an economist, said after the jobs report that growth was slow.",
			[]want{{source: "Douglas Holtz-Eakin, an economist,", cue: "said"}}},
		{"rumors from", "There were rumors from unnamed White House sources that the chief of staff would quit.",
			[]want{{source: "unnamed White House sources", typ: "anonymous", affiliation: "White House", content: "the chief of staff would quit"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			an := run(t, c.text)
			expectAttributions(t, "", an, c.want)
			checkOffsets(t, an)
		})
	}
}

// TestNegatives: texts with no attribution at all.
func TestNegatives(t *testing.T) {
	for _, text := range []string{
		"The said property was sold in 1999.",
		"That said, the plan has merit.",
		"Having said that, the plan has merit.",
		"He starred in “The Apprentice” for years.",
		"The so-called “experts” were wrong again.",
		"The New York Post ran the story on its front page.",
		"His tweets were deleted within the hour.",
		"She has been a state senator since 2010.",
	} {
		an := run(t, text)
		for _, a := range an.Attributions {
			t.Errorf("%q: unexpected attribution src=%q cue=%q content=%q", text, a.Source.Text, a.Cue.Text, a.Content.Text)
		}
	}
}

// TestHypotheticalRules: the rules do not take a cue after a modal, in
// a condition or with the generic "you" (the tagger may still).
func TestHypotheticalRules(t *testing.T) {
	for _, text := range []string{
		"Critics would argue that the plan costs too much.",
		"If the mayor says the budget is short, taxes will rise.",
		"You might say that the game was rigged.",
	} {
		for _, a := range run(t, text).Attributions {
			if a.Confidence > 0.4 {
				t.Errorf("%q: rule attribution src=%q cue=%q", text, a.Source.Text, a.Cue.Text)
			}
		}
	}
}

// TestColonLabels: a colon after a word that is not a name or a source
// noun labels a headline or a credit line.
func TestColonLabels(t *testing.T) {
	for _, c := range []struct {
		text, src string // src "" when no colon attribution is wanted
	}{
		{"Wow: The Senator Finally Answered Her Critics.\n\nShe spoke at length.", ""},
		{"Contributing: Jane Roe and John Doe.", ""},
		{"The count so far.\n\nRoe: 1,234.\n\nDoe: 567.", ""},
		{"The panel.\n\nOhio: Jane Roe, John Doe, Mary Major, Richard Miles.", ""},
		{"Poll: Voters Favor The Governor In Ohio.\n\nThe race is close.", "Poll"},
		{"Historians: The Deal Will Not Last.\n\nIt was signed in May.", "Historians"},
		{"Senator Jane Roe: We Will Not Back Down.\n\nShe spoke on Monday.", "Senator Jane Roe"},
	} {
		got := ""
		for _, a := range run(t, c.text).Attributions {
			if a.Cue.Text == ":" {
				got = a.Source.Text
			}
		}
		if got != c.src {
			t.Errorf("%q: colon source %q, want %q", c.text, got, c.src)
		}
	}
}

// TestRarelyCue: a word annotators seldom mark as a cue ("found") is a
// rule cue before a clause, not before an object.
func TestRarelyCue(t *testing.T) {
	rule := func(text string) string {
		for _, a := range run(t, text).Attributions {
			if a.Confidence > 0.4 {
				return a.Cue.Text
			}
		}
		return ""
	}
	if got := rule("The inspectors found that the documents were forged."); got != "found" {
		t.Errorf("before a clause: rule cue %q, want found", got)
	}
	if got := rule("The inspectors found the documents in a locked box."); got != "" {
		t.Errorf("before an object: rule cue %q, want none", got)
	}
	if got := rule("The inspectors found the whole claim ridiculous."); got != "found" {
		t.Errorf("before an object and its predicate: rule cue %q, want found", got)
	}
}

// TestRuleOverTaggerAuxiliaries: a cue the tagger starts at an
// auxiliary before a lexicon word is read by the rules.
func TestRuleOverTaggerAuxiliaries(t *testing.T) {
	for _, c := range []struct{ text, cue string }{
		{"Senate Democrats have called for an inquiry into the deal.", "have called for"},
		{"The governor has also said that the bridge will open.", "has also said"},
	} {
		got := ""
		for _, a := range run(t, c.text).Attributions {
			if a.Confidence > 0.4 {
				got = a.Cue.Text
			}
		}
		if got != c.cue {
			t.Errorf("%q: rule cue %q, want %q", c.text, got, c.cue)
		}
	}
}

func TestDamagedText(t *testing.T) {
	an := run(t, "He called it the “ ” plan, and Sen. Jane Roe ( ) said “ ” to it.   Later   more.")
	if len(an.Warnings) == 0 || !strings.Contains(an.Warnings[0], "damaged") {
		t.Errorf("no damage warning: %q", an.Warnings)
	}
	for _, a := range an.Attributions {
		if strings.Trim(a.Content.Text, "“” ,.") == "" {
			t.Errorf("attribution with empty content: %+v", a)
		}
	}
	if clean := run(t, "Jane Roe said the vote was fair."); len(clean.Warnings) != 0 {
		t.Errorf("warning on clean text: %q", clean.Warnings)
	}
}

func TestSocialPosts(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       article.SocialPost
	}{
		{"twitter embed", "The mayor was upbeat. Great day in Ohio with the team! pic.twitter.com/AbC123 — Jane Doe (@janedoe) March 3, 2018 Then she left.",
			article.SocialPost{Platform: "twitter", Author: "Jane Doe", Handle: "@janedoe", Date: "2018-03-03", Text: "Great day in Ohio with the team! pic.twitter.com/AbC123"}},
		{"tweet paragraph of two sentences", "The mayor spoke.\n\nVote is off until next week. We will get this right. — Ana Ortiz (@MayorOrtiz) March 3, 2026\n\nThe council met.",
			article.SocialPost{Platform: "twitter", Author: "Ana Ortiz", Handle: "@MayorOrtiz", Date: "2026-03-03", Text: "Vote is off until next week. We will get this right."}},
		{"instagram", "She posted a photo.\n\nA post shared by Jane Doe (@jane.doe_) on Mar 3, 2018 at 5:00pm PST\n\nMore text.",
			article.SocialPost{Platform: "instagram", Author: "Jane Doe", Handle: "@jane", Date: "2018-03-03"}},
		{"bare pic link", "Look at this crowd pic.twitter.com/XyZ987",
			article.SocialPost{Platform: "twitter", Text: "Look at this crowd"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			an := run(t, c.text)
			if len(an.SocialPosts) != 1 {
				t.Fatalf("got %d posts: %+v", len(an.SocialPosts), an.SocialPosts)
			}
			p := an.SocialPosts[0]
			w := c.want
			if p.Platform != w.Platform || w.Author != "" && p.Author != w.Author || w.Handle != "" && !strings.HasPrefix(p.Handle, w.Handle) ||
				w.Date != "" && p.Date != w.Date || w.Text != "" && !strings.HasPrefix(p.Text, w.Text) {
				t.Errorf("got %+v, want %+v", p, w)
			}
			checkOffsets(t, an)
		})
	}
}

func TestEntities(t *testing.T) {
	an := run(t, "President Donald Trump met Attorney General Jeff Sessions at the White House on June 8, 2017. "+
		"Trump later flew to Florida. The Justice Department said Sessions would stay. The Daily Caller reported it, and the Caller was right.")
	want := map[string]string{
		"Donald Trump": "person", "Jeff Sessions": "person", "White House": "organization", "2017-06-08": "date",
		"Florida": "place", "Justice Department": "organization", "The Daily Caller": "organization",
	}
	got := map[string]string{}
	for _, e := range an.Entities {
		got[e.Canonical] = e.Type
		if e.Text == "Sessions" && e.Canonical != "Jeff Sessions" {
			t.Errorf("Sessions resolves to %q", e.Canonical)
		}
		if e.Text == "Caller" && e.Canonical != "The Daily Caller" {
			t.Errorf("the Caller resolves to %q", e.Canonical)
		}
	}
	for n, typ := range want {
		if got[n] != typ {
			t.Errorf("entity %q: type %q, want %q", n, got[n], typ)
		}
	}
	checkOffsets(t, an)
}

// TestEntityTypesByLastWord: the last word of a capitalised run types
// it when no keyword does.
func TestEntityTypesByLastWord(t *testing.T) {
	an := run(t, "On Labor Day, Jo Lee flew to Kansas City and then Virginia Beach and met the United Nations envoy. "+
		"A USA Today analysis found Many African Americans would vote. Pollster Ann Ruiz agreed.")
	got := map[string]string{}
	for _, e := range an.Entities {
		got[e.Text] = e.Type
	}
	for _, c := range []struct{ text, entity string }{
		{"Doris Day said the film was her favorite.", "Doris Day"},
		{"Mayor John Street said the budget was sound.", "John Street"},
		{"Secretary of the Navy Richard Spencer said the ships were ready.", "Richard Spencer"},
	} {
		expectAttributions(t, c.text+": ", run(t, c.text), []want{{entity: c.entity, typ: "person", cue: "said"}})
	}
	for text, want := range map[string]string{
		"Jo Lee": "person", "Kansas City": "place", "Virginia Beach": "place", "United Nations": "organization", "USA Today": "organization",
		"Ann Ruiz": "person", "Labor Day": "", "African Americans": "", "Many African Americans": "",
	} {
		if got[text] != want {
			t.Errorf("%q: type %q, want %q (entities %v)", text, got[text], want, got)
		}
	}
}

// TestEpithets: a party or an epithet before a full name is not part of
// the canonical name; a title is kept as a title.
func TestEpithets(t *testing.T) {
	for _, c := range []struct{ text, mention, canonical string }{
		{"Republican Donald Trump spoke. Trump said the race was close.", "Trump", "Donald Trump"},
		{"The rival camp waited. Rival Hillary Clinton spoke. Clinton said no.", "Clinton", "Hillary Clinton"},
		{"The president spoke. President Barack Obama left. Obama said no.", "Obama", "Barack Obama"},
	} {
		an := run(t, c.text)
		found := false
		for _, e := range an.Entities {
			if e.Text == c.mention {
				found = true
				if e.Canonical != c.canonical {
					t.Errorf("%q: %q resolves to %q, want %q", c.text, c.mention, e.Canonical, c.canonical)
				}
			}
		}
		if !found {
			t.Errorf("%q: no entity %q", c.text, c.mention)
		}
	}
}

// TestTitleMentions: a title standing alone is the person the article
// names with it, and nobody when no one carries it.
func TestTitleMentions(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       map[string]string // mention text -> canonical; "" = no entity
	}{
		{"title after the name", "Attorney General Jo Lee met reporters. The Attorney General said little.",
			map[string]string{"Attorney General": "Jo Lee"}},
		{"title before the name", "The President spoke first. Later, President Ann Ruiz left.",
			map[string]string{"President": "Ann Ruiz"}},
		{"one-word alias", "President Ann Ruiz called. POTUS was angry.", map[string]string{"POTUS": "Ann Ruiz"}},
		{"last words of a longer title", "White House Press Secretary Jo Lee spoke. The Press Secretary left.",
			map[string]string{"Press Secretary": "Jo Lee"}},
		{"nearest holder before", "President Ann Ruiz met President Bo Tam. The President left.",
			map[string]string{"President": "Bo Tam"}},
		{"nobody holds the title", "The President spoke to the Senate.", map[string]string{"President": ""}},
		{"a title of an office", "Chief of Staff Jo Lee spoke first. Then the Chief of Staff left.",
			map[string]string{"Jo Lee": "Jo Lee", "Chief of Staff": "Jo Lee", "of Staff Jo Lee": ""}},
		{"a longer office", "Secretary of Homeland Security Ann Ruiz arrived. The Secretary of Homeland Security spoke.",
			map[string]string{"Ann Ruiz": "Ann Ruiz", "Secretary of Homeland Security": "Ann Ruiz"}},
		{"a deputy does not hold the title", "Deputy Attorney General Rod Lee signed the memo. The Attorney General said little.",
			map[string]string{"Attorney General": ""}},
		{"a former holder does not", "President Ann Ruiz attacked former President Bo Tam. The President said no.",
			map[string]string{"President": "Ann Ruiz"}},
		{"a title word without the is a name", "Judge Bo Tam denied it. Judge said he did not recall.",
			map[string]string{"Judge": ""}},
		{"a title word opening a sentence", "General Jo Lee briefed Congress. General elections come in May.",
			map[string]string{"General": ""}},
		{"one word must be the whole title", "Vice President Jo Lee spoke. The President was away.",
			map[string]string{"President": ""}},
	} {
		an := run(t, c.text)
		got := map[string]string{}
		for _, e := range an.Entities {
			got[e.Text] = e.Canonical
		}
		for text, want := range c.want {
			if got[text] != want {
				t.Errorf("%s: %q resolves to %q, want %q (entities %+v)", c.name, text, got[text], want, an.Entities)
			}
		}
		checkOffsets(t, an)
	}
}

// TestLowerCaseTitleSources: "the press secretary" is the person with
// that title; "the state" is not the Secretary of State, and "the
// president" is not the Vice President.
func TestLowerCaseTitleSources(t *testing.T) {
	for _, c := range []struct {
		name, text, source, want, notEntity string
	}{
		{"press secretary", "White House Press Secretary Jo Lee spoke Monday. The press secretary said the talks would resume.",
			"The press secretary", "Jo Lee", ""},
		{"the state", "Secretary of State Jon Ruiz certified the count. The state said the count was final.",
			"The state", "", "Jon Ruiz"},
		{"a vice president is not the president", "Vice President Ann Tam arrived. The president said the plan would pass.",
			"The president", "", "Ann Tam"},
	} {
		an := run(t, c.text)
		if c.want != "" {
			expectAttributions(t, c.name+": ", an, []want{{source: c.source, entity: c.want, typ: "person"}})
		}
		if c.notEntity != "" {
			expectNone(t, c.name+": ", an, func(a article.Attribution) bool { return a.Source.Entity == c.notEntity && a.Source.Text == c.source })
		}
	}
}

// checkOffsets asserts every span lies in the text and matches its text.
func checkOffsets(t testing.TB, an *article.Analysis) {
	t.Helper()
	n := len(an.Article.Text)
	ok := func(what string, s, e int, txt string) {
		if s < 0 || e > n || s > e {
			t.Fatalf("%s [%d,%d) out of bounds (len %d)", what, s, e, n)
		}
		if txt != "" && an.Article.Text[s:e] != txt {
			t.Fatalf("%s [%d,%d) text %q != %q", what, s, e, an.Article.Text[s:e], txt)
		}
	}
	for _, a := range an.Attributions {
		ok("cue", a.Cue.Start, a.Cue.End, a.Cue.Text)
		ok("source", a.Source.Start, a.Source.End, a.Source.Text)
		ok("content", a.Content.Start, a.Content.End, a.Content.Text)
		if a.Content.Text == "" {
			t.Fatalf("empty content: %+v", a)
		}
	}
	for _, p := range an.SocialPosts {
		ok("post", p.Start, p.End, "")
	}
	for _, e := range an.Entities {
		ok("entity", e.Start, e.End, e.Text)
	}
}

// TestNoAttributionInsideQuote: PolNeAR does not mark the reports a
// quoted speaker makes, so a cue inside a quotation starts nothing.
func TestNoAttributionInsideQuote(t *testing.T) {
	an := run(t, "“When he said no, the whole team left the room,” Smith said.")
	if len(an.Attributions) != 1 || an.Attributions[0].Source.Text != "Smith" {
		for _, a := range an.Attributions {
			t.Logf("src=%q cue=%q content=%q", a.Source.Text, a.Cue.Text, a.Content.Text)
		}
		t.Fatalf("want only Smith's attribution, got %d", len(an.Attributions))
	}
}

// TestLongSentenceBounded checks that a sentence of thousands of tokens
// (no punctuation, or an attack on the server) is searched in windows:
// the output grows linearly with the input, not with its square, and a
// warning says so.
func TestLongSentenceBounded(t *testing.T) {
	contents := func(n int) int {
		an := run(t, strings.Repeat("x said ", n))
		checkOffsets(t, an)
		found := false
		for _, w := range an.Warnings {
			found = found || strings.Contains(w, "in pieces")
		}
		if !found {
			t.Errorf("n=%d: no warning about the long sentence: %q", n, an.Warnings)
		}
		total := 0
		for _, a := range an.Attributions {
			total += len(a.Content.Text)
		}
		return total
	}
	small, large := contents(2500), contents(10000)
	if large > 5*small {
		t.Errorf("4x the input gave %.1fx the attribution contents (%d -> %d bytes): not linear", float64(large)/float64(small), small, large)
	}
}

// TestRecallFamilies: cue families found by rules of their own, each
// with a look-alike that is not a cue.
func TestRecallFamilies(t *testing.T) {
	noRanker(t)
	for _, c := range []struct {
		name, text string
		want       []want
		notCue     string // a cue text no attribution may have
	}{
		{"records show", "Campaign finance records show that the group raised two million dollars.",
			[]want{{source: "Campaign finance records", cue: "show", content: "the group raised"}}, ""},
		{"a show is not a cue", "The network canceled the show after its ratings fell.", nil, "show"},
		{"opening poll", "In a CBS News poll released Monday, half of the voters backed the plan.",
			[]want{{source: "a CBS News poll released Monday", cue: "In", content: "half of the voters backed the plan"}}, ""},
		{"opening phrase without a poll", "In a town that voted for him, the mood was grim.", nil, "In"},
		{"raising verb with a subject", "The senator appeared to back the plan on Monday.",
			[]want{{source: "", cue: "appeared", content: "The senator appeared to back the plan"}}, ""},
		{"appearing before an audience", "The band appeared to a sold-out crowd in Ohio.", nil, "appeared"},
		{"appearing to people", "The senator appeared to reporters outside the Capitol on Monday.", nil, "appeared"},
		{"appearing to a pronoun", "The senator appeared to them tired and angry.", nil, "appeared"},
		{"appearing to an adjective", "The band appeared to thunderous applause in Ohio.", nil, "appeared"},
		{"poll after an opening conjunction", "But in a CBS News poll released Monday, half of the voters backed the plan.",
			[]want{{source: "a CBS News poll released Monday", cue: "in", content: "half of the voters backed the plan"}}, ""},
		{"poll with a relative clause", "In a poll that Gallup released Monday, half of the voters backed the plan.",
			[]want{{source: "a poll that Gallup released Monday", cue: "In", content: "half of the voters backed the plan"}}, ""},
		{"raising verb before a verb tagged adjective or preposition", "The senator appeared to like the plan on Monday.",
			[]want{{cue: "appeared", content: "The senator appeared to like the plan"}}, ""},
		{"poll word inside a clause", "In a district where polls close early, turnout was low.", nil, "In"},
		{"poll verb inside a clause", "In a town that polls strongly for Democrats, the mood was grim.", nil, "In"},
		{"tagged cue after a quantifier", "Many fear that the governor will feed insecurity in the region.",
			[]want{{source: "Many", cue: "fear"}}, ""},
		{"a word after an article is a noun", "The fear grew across the region.", nil, "fear"},
		{"single quoted word after a tagged cue", "“Quiet,” he demanded, as the crowd booed.",
			[]want{{source: "he", cue: "demanded"}}, ""},
	} {
		an := run(t, c.text)
		expectAttributions(t, c.name+": ", an, c.want)
		if c.notCue != "" {
			expectNone(t, c.name+": ", an, func(a article.Attribution) bool { return a.Cue.Text == c.notCue })
		}
	}
}

// TestPronounGender: "she" and "he" skip the last person when the
// article says that person is of the other gender, and take the last
// person when it says nothing.
func TestPronounGender(t *testing.T) {
	for _, c := range []struct {
		name, text, source, entity string
	}{
		{"she skips a man", "Mary Jones met John Smith on Monday. She said the plan would pass.", "She", "Mary Jones"},
		{"he skips a woman", "John Smith met Mary Jones on Monday. He said the plan would pass.", "He", "John Smith"},
		{"a gendered title", "Congresswoman Pat Lee met Congressman Kim Tam. She said the plan would pass.", "She", "Pat Lee"},
		{"the surname carries the gender", "Mary Jones spoke. Later Jones met John Smith. She said the plan would pass.", "She", "Mary Jones"},
		{"nothing said: the last person", "Pat Lee met Kim Tam. She said the plan would pass.", "She", "Kim Tam"},
		{"an unlisted first name keeps he", "Ted Cruz spoke first. Then Lindsey Graham took the stage. He said the bill was dead.",
			"He", "Lindsey Graham"},
		{"a named woman just before a capitalised run", "Hillary Clinton spoke about Pell Grants on Monday. She said the plan would pass.",
			"She", "Hillary Clinton"},
		{"a named woman sentences back", "Mary Jones spoke first. The room was full. The hall was cold. The crowd cheered. Pat Lee came in. She said the plan would pass.",
			"She", "Pat Lee"},
	} {
		an := run(t, c.text)
		expectAttributions(t, c.name+": ", an, []want{{source: c.source, entity: c.entity, typ: "person"}})
	}
}

// TestAnonymousTyping checks which unnamed sources are anonymous, on
// invented sentences.
func TestAnonymousTyping(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       want
	}{
		{"strong head bare plural", "The deal is off, aides said.", want{source: "aides", typ: "anonymous"}},
		{"weak head with a determiner", "A person familiar with the talks said the deal was off.", want{typ: "anonymous"}},
		{"weak head with a number", "Two witnesses told police that the car sped away.", want{source: "Two witnesses", typ: "anonymous"}},
		{"weak head with an organization", "FBI agents said the suspect had fled.", want{source: "FBI agents", typ: "anonymous", affiliation: "FBI"}},
		{"people at large", "Many people think the plan will fail.", want{source: "Many people", typ: "unknown"}},
		{"bare people", "People believe that the plan will fail.", want{source: "People", typ: "unknown"}},
		{"the officer", "The officer warned that the road was closed.", want{source: "The officer", typ: "unknown"}},
		{"experts at large", "Most experts agree that the plan will fail.", want{source: "Most experts", typ: "unknown"}},
		{"bare experts", "Experts say that the plan will fail.", want{source: "Experts", typ: "anonymous"}},
		{"some experts", "Some experts say that the plan will fail.", want{source: "Some experts", typ: "anonymous"}},
		{"head before a name", "Campaign spokesman Josh Earnest said the deal was off.", want{entity: "Josh Earnest", typ: "person"}},
		{"names before the title", "Former mayor and top Lee adviser Bo Park said the deal was off.", want{entity: "Bo Park", typ: "person"}},
		{"appositive name", "His spokesman, Josh Earnest, said the deal was off.", want{entity: "Josh Earnest", typ: "person"}},
		{"modifier name", "Hillary Clinton spoke. A Clinton aide said the deal was off.", want{source: "A Clinton aide", typ: "anonymous", affiliation: "Hillary Clinton"}},
		{"spokesman for", "A spokesman for Acme Corp. said the deal was off.", want{typ: "anonymous", affiliation: "Acme Corp."}},
		{"spokesperson for the campaign", "A spokesperson for the Trump campaign said the deal was off.", want{typ: "anonymous", affiliation: "Trump campaign"}},
		{"analysts at", "Analysts at Acme Bank said the deal was off.", want{typ: "anonymous", affiliation: "Acme Bank"}},
		{"head is not the last noun", "Two witness reports say the car sped away.", want{source: "Two witness reports", typ: "document"}},
		{"a name and its allies", "Donald Trump and his allies said the deal was off.", want{entity: "Donald Trump", typ: "person"}},
		{"name with a no-break space", "Planned\u00a0Parenthood said the deal was off.", want{typ: "organization"}},
		{"page boilerplate before a name", "Sam Johnson spoke. Story Continued Below Johnson said the deal was off.", want{entity: "Sam Johnson", typ: "person"}},
		{"name after a title of an organization", "Friends of the River spokesman Bo Park said the deal was off.", want{entity: "Bo Park", typ: "person"}},
		{"partitive", "Two of the sources said the deal was off.", want{source: "Two of the sources", typ: "anonymous"}},
		{"partitive with a possessor", "Jane Roe spoke. One of Jane Roe's senior advisers said the deal was off.", want{typ: "anonymous", affiliation: "Jane Roe"}},
		{"source inside", "A source inside the department said the deal was off.", want{source: "A source inside the department", typ: "anonymous"}},
		{"the person", "The person said the deal was off.", want{source: "The person", typ: "anonymous"}},
		{"topic before experts", "Cybersecurity experts say the deal was off.", want{source: "Cybersecurity experts", typ: "anonymous"}},
		{"appositive name after a title", "Another adviser, steel executive Dan Lee, said the deal was off.", want{entity: "Dan Lee", typ: "person"}},
		{"affiliation after a title", "Two aides to Rep. Jo Hale said the deal was off.", want{typ: "anonymous", affiliation: "Jo Hale"}},
		{"boilerplate before a source", "Sam Lee spoke. Story Continued Below The Republican source said the deal was off.", want{source: "The Republican source", typ: "anonymous"}},
		{"name and organisation words", "Jo Lee spoke. A Jo Lee transition team official said the deal was off.", want{typ: "anonymous", affiliation: "Jo Lee transition team"}},
		{"capitalised modifier", "U.S. intelligence analysts said the deal was off.", want{typ: "anonymous", affiliation: "U.S. intelligence"}},
		{"nationality", "An Iraqi official said the deal was off.", want{typ: "anonymous", affiliation: "Iraqi"}},
		{"capital by position", "Legal experts said the deal was off.", want{source: "Legal experts", typ: "anonymous", affiliation: "-"}},
		{"a person noun at large", "Voters think that the deal was off.", want{source: "Voters", typ: "unknown"}},
		{"critics", "Its critics said the deal was off.", want{source: "Its critics", typ: "anonymous"}},
		{"prosecutors", "Prosecutors said the deal was off.", want{source: "Prosecutors", typ: "anonymous"}},
		{"advocates", "Immigration advocates said the deal was off.", want{source: "Immigration advocates", typ: "anonymous"}},
		{"one economist", "One economist said the deal was off.", want{source: "One economist", typ: "anonymous"}},
		{"many doctors", "Many doctors say that the deal was off.", want{source: "Many doctors", typ: "unknown"}},
		{"a class with a modifier", "Many immigration advocates say that the deal was off.", want{source: "Many immigration advocates", typ: "unknown"}},
		{"close to a title the article names", "Attorney General Jo Lee spoke. Sources close to the Attorney General said the deal was off.", want{typ: "anonymous", affiliation: "Jo Lee"}},
		{"head word opening the text", "Close aides said on condition of anonymity that the plan failed.", want{source: "Close aides", typ: "anonymous"}},
		{"a lone surname before a pronoun", "Schiff himself said the deal was off.", want{entity: "Schiff", typ: "person"}},
		{"appositive after a prepositional phrase", "A spokeswoman for Sen. Bob Lee, Ann Park, said the deal was off.", want{entity: "Ann Park", typ: "person"}},
		{"an acronym that is a word", "ICE agents said the raid was legal.", want{source: "ICE agents", typ: "anonymous", affiliation: "ICE"}},
		{"nested report of an anonymous source", "The Ledger's Jo Lee reported Monday that several sources close to the mayor found the rumor of his exit absurd.", want{source: "several sources close to the mayor", typ: "anonymous", cue: "found"}},
		{"the public is no source", "The American people believe that the deal was off.", want{source: "The American people", typ: "unknown"}},
		{"friend with a name", "Her longtime friend, Jo Lee, said the deal was off.", want{entity: "Jo Lee", typ: "person"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			an := run(t, c.text)
			expectAttributions(t, "", an, []want{c.want})
		})
	}
}

// TestEntityRuns covers capitalised runs that are not one person:
// a person of a place, shouted headings, Roman numerals, "State".
func TestEntityRuns(t *testing.T) {
	an := run(t, "FULL TEXT: Sen. Bernie Sanders of Vermont spoke to the FBI about World War II. "+
		"Sanders said the Islamic State was weak. Washington State voted on Super Tuesday. Pope John Paul II prayed in San Bernardino.")
	got := map[string]string{}
	canon := map[string]string{}
	for _, e := range an.Entities {
		got[e.Text] = e.Type
		canon[e.Text] = e.Canonical
	}
	for text, want := range map[string]string{
		"FULL TEXT": "", "Bernie Sanders": "person", "Vermont": "place", "Bernie Sanders of Vermont": "", "FBI": "organization",
		"World War II": "", "Islamic State": "organization", "Washington State": "place", "Super Tuesday": "", "John Paul II": "person",
		"San Bernardino": "place", // from the learned name lexicon
	} {
		if got[text] != want {
			t.Errorf("%q: type %q, want %q (entities %v)", text, got[text], want, got)
		}
	}
	for _, c := range []struct{ text, entity, typ string }{
		// A surname the name lexicon would type otherwise stays the person's.
		{"Rep. Ann Jordan spoke on Monday. Jordan said the plan failed.", "Ann Jordan", "person"},
		// An office of a place is no person named "of Texas".
		{"Attorney General Jo Lee spoke. The Attorney General of Texas said the plan failed.", "The Attorney General of Texas", "unknown"},
		{"Boy Scouts of America said the plan failed.", "Boy Scouts of America", ""},
		{"Story Continued Below The Republican source said the plan failed.", "The Republican source", "anonymous"},
	} {
		expectAttributions(t, c.text+": ", run(t, c.text), []want{{entity: c.entity, typ: c.typ, cue: "said"}})
	}
	if canon["Sanders"] != "Bernie Sanders" {
		t.Errorf("Sanders resolves to %q, want Bernie Sanders", canon["Sanders"])
	}
}
