package attrib_test

import "testing"

// TestSourceBoundaries checks where sources begin and end (PolNeAR
// conventions), on invented sentences.
func TestSourceBoundaries(t *testing.T) {
	for _, c := range []struct {
		name string
		text string
		want []want
		// notSource is a source text no attribution may have.
		notSource string
	}{
		{"coordinated subject after a subordinator", "As Jane Roe and Sen. John Doe warned that the plan would fail, markets fell.",
			[]want{{source: "Jane Roe and Sen. John Doe", cue: "warned"}}, ""},
		{"coordinated subject with party tags", "Gov. Ann Lee (D) and Gov. Bob Ray (R) announced that they would quit.",
			[]want{{source: "Gov. Ann Lee (D) and Gov. Bob Ray (R)", cue: "announced"}}, ""},
		{"no coordination across a verb", "The mayor visited Ohio and Jane Roe said the trip went well.",
			[]want{{source: "Jane Roe", cue: "said"}}, ""},
		{"coordinated tagged cue shares the source", "Jane Roe said the bill was flawed but has called for more hearings on the budget.",
			[]want{{source: "Jane Roe", cue: "said"}, {source: "Jane Roe", content: "more hearings"}}, ""},
		{"appositive with a relative clause", "Jane Roe, a farmer who voted for Bill Clinton, said the plan was fair.",
			[]want{{source: "Jane Roe, a farmer who voted for Bill Clinton,", cue: "said"}}, ""},
		{"appositive with a place", "Jo Lee, a teacher from Sumter, South Carolina, says the schools need money.",
			[]want{{source: "Jo Lee, a teacher from Sumter, South Carolina,", cue: "says"}}, ""},
		{"participial phrase is not the source", "Jane Roe, speaking at a rally in Ohio, said the plan was fair.",
			[]want{{source: "Jane Roe", cue: "said"}}, ""},
		{"postposed source before a participle", "“The deal is done,” said Jane Roe, referring to the merger.",
			[]want{{source: "Jane Roe", cue: "said"}}, ""},
		{"postposed appositive before a concession", "“The deal is done,” said Jane Roe, a lawyer for the firm, though she gave no details.",
			[]want{{source: "Jane Roe, a lawyer for the firm", cue: "said"}}, ""},
		{"a clause after the cue is not a postposed source", "81-year-old Jane Roe, a farmer, said he was wrong about the vote.",
			nil, "he"},
		{"postposed appositive keeps its comma before a participle", "“We are done,” said Jo Lee, a pollster for the party, citing the results.",
			[]want{{source: "Jo Lee, a pollster for the party,", cue: "said"}}, ""},
		{"postposed source with a party tag", "“We are done,” said Rep. Jo Lee (D-Va.) on Friday.",
			[]want{{source: "Rep. Jo Lee (D-Va.)", cue: "said"}}, ""},
		{"according to two nouns", "Turnout fell, according to exit polls conducted for newspapers and television networks.",
			[]want{{source: "exit polls conducted for newspapers and television networks", cue: "according to"}}, ""},
		{"according to a slashed poll", "Turnout fell, according to a CNN/ORC poll.",
			[]want{{source: "a CNN/ORC poll", cue: "according to"}}, ""},
		{"participle after a subject and its verb", "Jane Roe went on the attack, saying the plan would fail.",
			[]want{{source: "Jane Roe", cue: "saying"}}, ""},
		{"participle after a bare subject", "Mr. Lee, citing the polls, said the race was close.",
			[]want{{source: "Mr. Lee", cue: "citing"}}, ""},
		{"place with a state in the appositive", "Jo Lee, a delegate from Houston, Texas, said the vote was fair.",
			[]want{{source: "Jo Lee, a delegate from Houston, Texas,", cue: "said"}}, ""},
		{"title before the name", "“We are done,” the White House spokesman, Josh Earnest, said.",
			[]want{{source: "the White House spokesman, Josh Earnest,", cue: "said"}}, ""},
		{"appositive after an opening word", "Still, Tad Devine, a senior adviser to Mr. Sanders, said on Tuesday that the race was open.",
			[]want{{source: "Tad Devine, a senior adviser to Mr. Sanders,", cue: "said"}}, ""},
		{"plural possessive", "Sanders’ aides say the race is open.",
			[]want{{source: "Sanders’ aides", cue: "say"}}, ""},
		{"neither nor", "Neither Jane Roe nor Bob Smith acknowledged that the race was open.",
			[]want{{source: "Neither Jane Roe nor Bob Smith", cue: "acknowledged"}}, ""},
		{"more than a share", "More than half of voters said the race was open.",
			[]want{{source: "More than half of voters", cue: "said"}}, ""},
		{"whose", "We met Jo Lee, whose husband said the race was open.",
			[]want{{source: "whose husband", cue: "said"}}, ""},
		{"pronoun subject of a relative clause", "Voters liked the way they said it, and the plan she promised was fair.",
			[]want{{source: "she", cue: "promised"}}, ""},
		{"opening phrase before an appositive source", "In October, Jane Roe, the party's nominee, proposed that taxes rise.",
			[]want{{source: "Jane Roe, the party's nominee,", cue: "proposed"}}, ""},
		{"capitalised preposition opening the sentence", "In a statement Jane Roe said the plan was fair.",
			[]want{{source: "Jane Roe", cue: "said"}}, ""},
		{"raising verb", "The senator seemed to believe that the bill would pass.",
			nil, "The senator"},
		{"agentless passive", "The governor is expected to announce that she will run.",
			nil, "The governor"},
		{"agent of a passive", "The senator was criticized by several groups for saying that the bill was a disaster.",
			[]want{{source: "several groups"}}, "The senator"},
		{"title opening with acting", "Jo Lee, acting director of the group, said the response was weak.",
			[]want{{source: "Jo Lee, acting director of the group,", cue: "said"}}, ""},
		{"relative clause holding a cue", "Mr. Lee, who estimated that a third of workers agreed, said he voted for Mr. Obama.",
			[]want{{source: "Mr. Lee", cue: "said"}}, ""},
		{"appositive after an opening quotation", "“We are done,” Jo Lee, who was majority leader under Bush, told lawmakers on a visit.",
			[]want{{source: "Jo Lee, who was majority leader under Bush,", cue: "told"}}, ""},
		{"pronoun clause after the cue is not a postposed source", "81-year-old Jane Roe, a farmer, said he recoiled.",
			nil, "he recoiled"},
		{"adverbial participle after by", "Jane Roe tried to regain the initiative by pledging that she would cut taxes.",
			[]want{{source: "Jane Roe", cue: "pledging"}}, "the initiative by"},
		{"postposed appositive with a relative clause", "“We are done,” said Jo Lee, a pollster, who has advised the party for years.",
			[]want{{source: "Jo Lee, a pollster, who has advised the party for years", cue: "said"}}, ""},
		{"long participial phrase is not the source", "Jane Roe, celebrating a victory in the primary in her home state of Vermont on Tuesday, said she would win.",
			[]want{{source: "Jane Roe", cue: "said"}}, ""},
		{"object relative clause", "It is the kind of plan many economists say will fail.",
			[]want{{source: "many economists", cue: "say"}}, ""},
		{"participle adjective stays in the subject", "The elected officials said the plan was fair.",
			[]want{{source: "The elected officials", cue: "said"}}, ""},
		{"dateline before a participle's subject", "ORLANDO, Fla. (Reuters) - Jane Roe met the families on Thursday, saying the city would heal.",
			[]want{{source: "Jane Roe", cue: "saying"}}, ""},
		{"time opener before a participle's subject", "A month later, Jane Roe visited the border, saying the wall would work.",
			[]want{{source: "Jane Roe", cue: "saying"}}, ""},
		{"age in an appositive", "Jo Lee, 66, said the plan was fair.",
			[]want{{source: "Jo Lee, 66,", cue: "said"}}, ""},
		{"including in an appositive", "Several candidates, including Jo Lee and Al Kim, said the plan was fair.",
			[]want{{source: "Several candidates, including Jo Lee and Al Kim,", cue: "said"}}, ""},
		{"date of a document", "A poll released Wednesday found that voters were split.",
			[]want{{source: "A poll released Wednesday", cue: "found"}}, ""},
		{"date after a person is not the source", "Jo Lee on Sunday said that voters were split.",
			[]want{{source: "Jo Lee", cue: "said"}}, ""},
		{"relative clause with an auxiliary", "People who have battled online threats say the law is weak.",
			[]want{{source: "People who have battled online threats", cue: "say"}}, ""},
		{"to between nouns", "The head of the delegation to the forum said the talks were useful.",
			[]want{{source: "The head of the delegation to the forum", cue: "said"}}, ""},
		{"day and part of day between source and cue", "Jo Lee on Thursday evening said the vote was fair.",
			[]want{{source: "Jo Lee", cue: "said"}}, ""},
		{"day ends the subject of a participle", "The campaign on Monday sued the party, saying the vote was rigged.",
			[]want{{source: "The campaign", cue: "saying"}}, ""},
		{"according to with an appositive at the end", "The talks failed, according to Dennis Ross, another former American envoy.",
			[]want{{source: "Dennis Ross, another former American envoy", cue: "according to"}}, ""},
		{"according to a long source", "Turnout rose, according to early results of exit polls conducted for the Associated Press and television networks by Edison Research.",
			[]want{{source: "early results of exit polls conducted for the Associated Press and television networks by Edison Research", cue: "according to"}}, ""},
		{"appositive between dashes", "The three scholars -- Mr. Tribe, Ms. Epstein and Mr. Amar -- agreed that the law was void.",
			[]want{{source: "The three scholars -- Mr. Tribe, Ms. Epstein and Mr. Amar --", cue: "agreed"}}, ""},
		{"party tag before a comma", "Sen. Jack Reed (D-R.I.), said the plan was fair.",
			[]want{{source: "Sen. Jack Reed (D-R.I.),", cue: "said"}}, ""},
		{"participle after an implicit-source cue", "Jo Lee seemed unimpressed by the plan, telling reporters that it would fail.",
			[]want{{source: "Jo Lee", cue: "telling"}}, ""},
		{"quotation inside a participial phrase", "Mr. Lee, citing “the magic of the campaign,” told reporters that he would win.",
			[]want{{source: "Mr. Lee", cue: "citing"}}, ""},
		{"occasion after a postposed source", "The plan will fail, said Jo Lee on Friday.",
			[]want{{source: "Jo Lee", cue: "said", content: "The plan will fail"}}, ""},
		{"medium after a postposed source", "The plan will fail, said Jo Lee in a statement.",
			[]want{{source: "Jo Lee", cue: "said", content: "The plan will fail"}}, ""},
		{"adverb opening the content", "He said only Congress can act.",
			[]want{{cue: "said", content: "only Congress can act"}}, ""},
		{"ordinal opening the content", "She said first responders were late.",
			[]want{{cue: "said", content: "first responders were late"}}, ""},
		{"adverb before that joins the cue", "He said recently that the plan failed.",
			[]want{{cue: "said recently", content: "that the plan failed"}}, ""},
		{"off the record is not a particle", "He said off the record that the plan failed.",
			[]want{{cue: "said"}}, ""},
		{"a name ending in -ing opens the sentence", "Browning, the mayor, met families, saying the city would heal.",
			[]want{{source: "Browning", cue: "saying"}}, ""},
		{"you after the recipient opens the content", "The agency told lawmakers you could not win.",
			[]want{{cue: "told", content: "you could not win"}}, ""},
		{"a quoted term after a seldom-marked cue", "Trump defended what he called the “travel ban” in a speech.",
			[]want{{source: "he", cue: "called"}}, ""},
		{"a colon cue leaves a quote that has its own cue", "Jo Lee declared:\n\n“We will win,” she said.",
			[]want{{source: "she", cue: "said"}}, "Jo Lee"},
	} {
		an := run(t, c.text)
		for _, w := range c.want {
			found := false
			for _, a := range an.Attributions {
				if w.match(a) {
					found = true
					break
				}
			}
			if !found {
				var got []string
				for _, a := range an.Attributions {
					got = append(got, a.Source.Text+" | "+a.Cue.Text+" | "+a.Content.Text)
				}
				t.Errorf("%s: want %+v, got %q", c.name, w, got)
			}
		}
		for _, a := range an.Attributions {
			if c.notSource != "" && a.Source.Text == c.notSource {
				t.Errorf("%s: unwanted source %q (cue %q)", c.name, a.Source.Text, a.Cue.Text)
			}
		}
	}
}
