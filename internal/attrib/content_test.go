package attrib

import "testing"

func TestTrimUnpaired(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[The budget is balanced", "The budget is balanced"},
		{" ( the plan works ", "the plan works"},
		{"the plan works]", "the plan works"},
		{"the plan [to cut taxes] works", "the plan [to cut taxes] works"},
		{"(a) and (b)", "(a) and (b)"},
		{"[", ""},
		{"", ""},
	} {
		s, e := trimUnpaired(c.in, 0, len(c.in))
		if got := c.in[s:e]; got != c.want {
			t.Errorf("trimUnpaired(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHavingSaidThat: the rule holds even when the tagger marks
// "Having" as a cue start (the embedded tagger may or may not).
func TestHavingSaidThat(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Having said that, the plan works.", true},
		{"Having said that the plan works, he left.", false},
	} {
		d := &doc{text: c.text, toks: tokenize(nil, c.text, 0, len(c.text))}
		if got := d.nonAttributive(0, 0, len(d.toks)); got != c.want {
			t.Errorf("%q: nonAttributive at Having = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct{ in, iso, rest string }{
		{"June 8, 2017 more", "2017-06-08", " more"},
		{"Mar 3, 2018 at 5:00pm PST\n", "2018-03-03", "\n"},
		{"Sept. 12, 2016 at 10:12 AM EDT.", "2016-09-12", "."},
		{"Mar 3, 2018 at noon", "2018-03-03", " at noon"},
		{"Mar 3, 2017 at 4:05 and more", "2017-03-03", " and more"},
		{"Jan said so", "", "Jan said so"},
		{"March 40, 2017", "", "March 40, 2017"},
	} {
		iso, end := parseDate(c.in, 0)
		if iso != c.iso || c.in[end:] != c.rest {
			t.Errorf("parseDate(%q) = %q, rest %q; want %q, rest %q", c.in, iso, c.in[end:], c.iso, c.rest)
		}
	}
}
