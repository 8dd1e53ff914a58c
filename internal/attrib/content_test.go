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
