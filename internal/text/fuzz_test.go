package text_test

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/text"
)

// fuzzSeeds are invented snippets exercising each construction.
var fuzzSeeds = []string{
	"",
	"Hello World. My name is Jonas.",
	"Sen. Jo Lee met the U. S. Senator at Example. org on Jan. 5.",
	"He said, “Go.” Then “Stay,” she said. ‘No,’ he said.",
	"reporters.  —   Jim Acosta (@Acosta) June 8, 2017,   Sanders said.",
	"1.) one 2.) two • 9. three ⁃10. four a. five b. six",
	"It cost $1.2 million's worth, 10%, 1,000 or 3.5. See https://x.com/a?b=(c). Mail a.b@c.org.",
	"that.... She left. . . . Next ... more … end. . . .”",
	"“First.\n\n“Second.\n\n“Third,” he said.\n\nAfter 'em ’n’ rock ’90s Jones’ don't.",
	"Title\nline two\n\n\r\n  para \"unclosed\n",
	"bad \xff\xfe utf8 “\xe2\x80 ” \xc2",
	"“ ” ' \" ‘ ’ « » ( ) [ ] . ! ? — – -- ...",
}

func checkSpans(t *testing.T, s string, what string, spans []text.Span, nonOverlap bool) {
	t.Helper()
	prev := 0
	for i, sp := range spans {
		if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
			t.Fatalf("%s %d: bad span [%d,%d) in %d bytes", what, i, sp.Start, sp.End, len(s))
		}
		if nonOverlap && sp.Start < prev {
			t.Fatalf("%s %d: [%d,%d) overlaps or precedes the previous span ending at %d", what, i, sp.Start, sp.End, prev)
		}
		if x := s[sp.Start:sp.End]; strings.TrimSpace(x) != x && utf8.ValidString(x) {
			t.Fatalf("%s %d: untrimmed %q", what, i, x)
		}
		prev = sp.End
	}
}

// nonSpaceBytes counts the bytes of s outside white space runes (the
// segmenter also treats zero-width spaces as space).
func nonSpaceBytes(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsSpace(r) || r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF) || (r == utf8.RuneError && w == 1) {
			n += w
		}
		i += w
	}
	return n
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for i, tk := range text.Tokenize(s) {
			if tk.Start < prev || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("token %d: bad span [%d,%d) after %d in %d bytes", i, tk.Start, tk.End, prev, len(s))
			}
			if tk.Kind > text.Hashtag {
				t.Fatalf("token %d: bad kind %d", i, tk.Kind)
			}
			prev = tk.End
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sents := text.Sentences(s)
		checkSpans(t, s, "sentence", sents, true)
		// Every non-space byte belongs to some sentence.
		covered := 0
		for _, sp := range sents {
			covered += nonSpaceBytes(s[sp.Start:sp.End])
		}
		if want := nonSpaceBytes(s); covered != want {
			t.Fatalf("sentences cover %d non-space bytes, text has %d", covered, want)
		}
	})
}

func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		qs := text.Quotes(s)
		for i, q := range qs {
			if !(0 <= q.Start && q.Start < q.InnerStart && q.InnerStart <= q.InnerEnd && q.InnerEnd <= q.End && q.End <= len(s)) {
				t.Fatalf("quote %d: bad offsets %+v in %d bytes", i, q, len(s))
			}
			if q.Depth < 0 {
				t.Fatalf("quote %d: negative depth", i)
			}
			if i > 0 && q.Start < qs[i-1].Start {
				t.Fatalf("quote %d: not ordered by start", i)
			}
			if i > 0 && q.Depth == 0 && q.Start < qs[i-1].End && qs[i-1].Depth == 0 {
				t.Fatalf("quote %d: depth-0 quotes overlap: %+v %+v", i, qs[i-1], q)
			}
		}
	})
}

func FuzzParagraphs(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, "paragraph", text.Paragraphs(s), true)
	})
}

// TestLinearTime runs every stage over long adversarial inputs; a
// quadratic path would take minutes here instead of milliseconds.
func TestLinearTime(t *testing.T) {
	const n = 200_000
	inputs := map[string]string{
		"dotted run-on":    strings.Repeat("a.Bc", n/4),
		"initials":         strings.Repeat("A. ", n/3),
		"no spaces":        strings.Repeat("x", n),
		"dots":             strings.Repeat(".", n),
		"spaced dots":      strings.Repeat(". ", n/2),
		"blank lines":      "x" + strings.Repeat("\n \n", n/3) + "y",
		"open quotes":      strings.Repeat("“a ", n/4),
		"straight quotes":  strings.Repeat("\"a. ", n/4),
		"apostrophes":      strings.Repeat(" 'em", n/4),
		"times":            "At " + strings.Repeat("5 a.m. X ", n/9),
		"list":             "1. a " + strings.Repeat("b ", n/2),
		"hyphens":          strings.Repeat("- ", n/2),
		"emails":           strings.Repeat("a@", n/2),
		"urls":             strings.Repeat("a/b.", n/4),
		"invalid utf8":     strings.Repeat("\xe2\x80", n/2),
		"tweet signatures": strings.Repeat("— A (@b) June 8, 2017, ", n/23),
	}
	for name, s := range inputs {
		start := time.Now()
		text.Tokenize(s)
		text.Sentences(s)
		text.Quotes(s)
		text.Paragraphs(s)
		t.Logf("%s: %v", name, time.Since(start))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v for %d bytes: not linear", name, d, len(s))
		}
	}
}
