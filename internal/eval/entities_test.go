package eval

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// conllu builds CoNLL-U lines from (word, start, end, tag) tuples;
// a nil tuple ends a sentence.
func conllu(toks ...[]any) string {
	var b strings.Builder
	n := 0
	for _, t := range toks {
		if t == nil {
			b.WriteString("\n")
			n = 0
			continue
		}
		n++
		b.WriteString(strings.Join([]string{strconv.Itoa(n), t[0].(string), t[0].(string), "_", "NNP", "_", "0", "root", "_",
			"Start=" + strconv.Itoa(t[1].(int)) + "|End=" + strconv.Itoa(t[2].(int)) + "|NER=" + t[3].(string)}, "\t"))
		b.WriteString("\n")
	}
	return b.String()
}

func TestParseCoNLLUEntities(t *testing.T) {
	// "Zoë Lee met IBM in Paris." with a two-byte ë: code points and
	// bytes part after it.
	text := "Zoë Lee met IBM in Paris. Paris Hilton"
	doc := conllu(
		[]any{"Zoë", 0, 3, "PERSON"}, []any{"Lee", 4, 7, "PERSON"}, []any{"met", 8, 11, "O"},
		[]any{"IBM", 12, 15, "ORGANIZATION"}, []any{"in", 16, 18, "O"}, []any{"Paris", 19, 24, "LOCATION"},
		[]any{".", 24, 25, "O"}, nil,
		[]any{"Paris", 26, 31, "PERSON"}, []any{"Hilton", 32, 38, "PERSON"},
	)
	ms, err := ParseCoNLLUEntities(strings.NewReader("# sent_id = 1\n"+doc), text)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ text, typ string }{{"Zoë Lee", "person"}, {"IBM", "organization"}, {"Paris", "place"}, {"Paris Hilton", "person"}}
	if len(ms) != len(want) {
		t.Fatalf("got %d mentions %+v, want %d", len(ms), ms, len(want))
	}
	for i, w := range want {
		if got := text[ms[i].Start:ms[i].End]; got != w.text || ms[i].Type != w.typ {
			t.Errorf("mention %d = %q %s, want %q %s", i, got, ms[i].Type, w.text, w.typ)
		}
	}
	for _, bad := range []string{
		"1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=0|End=99|NER=O\n",                                                    // outside the text
		"1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=4|End=2|NER=O\n",                                                     // backwards
		"1\tx\tx\t_\tNN\t_\t0\troot\n",                                                                             // columns
		"1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=a|End=2|NER=O\n",                                                     // number
		"1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=5|End=6|NER=O\n2\ty\ty\t_\tNN\t_\t0\troot\t_\tStart=0|End=1|NER=O\n", // out of order
	} {
		if _, err := ParseCoNLLUEntities(strings.NewReader(bad), text); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestScoreEntities(t *testing.T) {
	docs := []NERDoc{{Name: "a", Text: "Jo Lee met IBM in Paris.", Mentions: []NERMention{
		{0, 6, "person"}, {11, 14, "organization"}, {18, 23, "place"},
	}}}
	res := ScoreEntities(docs, func(string) ([]article.Entity, []article.Attribution) {
		return []article.Entity{
			{Start: 0, End: 6, Type: "person"},       // right
			{Start: 11, End: 14, Type: "person"},     // right span, wrong type
			{Start: 18, End: 23, Type: "place"},      // right
			{Start: 18, End: 23, Type: "place"},      // the same again: counted once
			{Start: 7, End: 10, Type: "date"},        // not scored
			{Start: 3, End: 6, Type: "organization"}, // wrong span
		}, nil
	})
	for _, c := range []struct {
		name string
		got  PRF
		want PRF
	}{
		{"person", res.Types["person"], PRF{P: 0.5, R: 1, F1: 0.6667}},
		{"organization", res.Types["organization"], PRF{P: 0, R: 0, F1: 0}},
		{"place", res.Types["place"], PRF{P: 1, R: 1, F1: 1}},
		{"all", res.All, PRF{P: 0.5, R: 0.6667, F1: 0.5714}},
		{"spans", res.Spans, PRF{P: 0.75, R: 1, F1: 0.8571}},
	} {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
}

func TestReadCoreNLPEntities(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "corenlp-conllu"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ReadCoreNLPEntities(dir); err == nil {
		t.Error("no error for a split without .conllu files")
	}
	write := func(p, s string) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("corenlp-conllu/a.conllu", conllu([]any{"IBM", 0, 3, "ORGANIZATION"}, []any{"fell", 4, 8, "O"}))
	if _, err := ReadCoreNLPEntities(dir); err == nil || !strings.Contains(err.Error(), "a.txt") {
		t.Errorf("missing text: err = %v", err)
	}
	write("text/a.txt", "IBM fell")
	docs, err := ReadCoreNLPEntities(dir)
	if err != nil || len(docs) != 1 || len(docs[0].Mentions) != 1 || docs[0].Name != "a" {
		t.Fatalf("docs = %+v, err = %v", docs, err)
	}
}

// FuzzParseCoNLLUEntities: any file against any text gives an error or
// mentions inside the text on character boundaries, never a panic.
func FuzzParseCoNLLUEntities(f *testing.F) {
	f.Add(conllu([]any{"Zoë", 0, 3, "PERSON"}, []any{"Lee", 4, 7, "PERSON"}), "Zoë Lee")
	f.Add("1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=0|End=1|NER=LOCATION\n\n# c\n", "x")
	f.Add("1\tx\tx\t_\tNN\t_\t0\troot\t_\tNER=PERSON|Start=|End=-1\n", "")
	f.Fuzz(func(t *testing.T, file, text string) {
		ms, err := ParseCoNLLUEntities(strings.NewReader(file), text)
		if err != nil {
			return
		}
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("mention [%d,%d) outside a text of %d bytes", m.Start, m.End, len(text))
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(at(text, m.Start)) || !utf8.RuneStart(at(text, m.End))) {
				t.Fatalf("mention [%d,%d) cuts a character", m.Start, m.End)
			}
		}
	})
}

func TestParseCoref(t *testing.T) {
	text := "Jo Lee spoke. She said Mr. Lee’s plan works. He agreed."
	conll := conllu([]any{"Jo", 0, 2, "PERSON"}, []any{"Lee", 3, 6, "PERSON"}, []any{"spoke", 7, 12, "O"}, []any{".", 12, 13, "O"}, nil,
		[]any{"She", 14, 17, "O"}, []any{"said", 18, 22, "O"}, []any{"Mr.", 23, 26, "O"}, []any{"Lee", 27, 30, "PERSON"},
		[]any{"’s", 30, 32, "O"}, []any{"plan", 33, 37, "O"}, []any{"works", 38, 43, "O"}, []any{".", 43, 44, "O"}, nil,
		[]any{"He", 45, 47, "O"}, []any{"agreed", 48, 54, "O"}, []any{".", 54, 55, "O"})
	_, sents, err := parseCoNLLU(strings.NewReader(conll), text, nerTypes)
	if err != nil || len(sents) != 3 {
		t.Fatalf("sentences %d, err %v", len(sents), err)
	}
	coref := "chain\trepresentative\tsentence\tstart_token\tend_token_exclusive\thead_token\ttext\n" +
		"0\t1\t1\t1\t3\t2\tJo Lee\n0\t0\t2\t1\t2\t1\tShe\n" + // a name and "She"
		"1\t1\t2\t3\t6\t4\tMr. Lee ’s\n" + // a name alone
		"2\t1\t3\t1\t2\t1\tHe\n" // a pronoun with no name: skipped
	refs, err := ParseCoref(strings.NewReader(coref), text, sents)
	if err != nil {
		t.Fatal(err)
	}
	if len(refs) != 1 || text[refs[0].Start:refs[0].End] != "She" || strings.Join(refs[0].Names, " ") != "jo lee" {
		t.Fatalf("refs = %+v", refs)
	}
	for _, bad := range []string{
		"0\t1\t9\t1\t2\t1\tx\n", // no such sentence
		"0\t1\t1\t3\t2\t1\tx\n", // backwards
		"0\t1\t1\t1\t9\t1\tx\n", // past the sentence
		"0\t1\tx\t1\t2\t1\tx\n", // not a number
		"0\t1\t1\t1\n",          // columns
	} {
		if _, err := ParseCoref(strings.NewReader(bad), text, sents); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzParseCoref: any coreference file gives an error or pronoun spans
// inside the text, never a panic.
func FuzzParseCoref(f *testing.F) {
	text := "Jo Lee spoke. She agreed."
	sents := [][][2]int{{{0, 2}, {3, 6}, {7, 12}, {12, 13}}, {{14, 17}, {18, 24}, {24, 25}}}
	f.Add("0\t1\t1\t1\t3\t2\tJo Lee\n0\t0\t2\t1\t2\t1\tShe\n")
	f.Add("chain\tx\n\n0\t1\t2\t2\t1\t1\tShe\n")
	f.Fuzz(func(t *testing.T, coref string) {
		refs, err := ParseCoref(strings.NewReader(coref), text, sents)
		if err != nil {
			return
		}
		for _, r := range refs {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End {
				t.Fatalf("pronoun [%d,%d) outside the text", r.Start, r.End)
			}
		}
	})
}

// FuzzCoNLLUThenCoref: a CoNLL-U file and a coreference file read
// together, as ReadCoreNLPEntities does, give an error or spans inside
// the text, never a panic.
func FuzzCoNLLUThenCoref(f *testing.F) {
	f.Add(conllu([]any{"Jo", 0, 2, "PERSON"}, []any{"said", 3, 7, "O"}, nil, []any{"She", 9, 12, "O"}), "0\t1\t1\t1\t2\t1\tJo\n0\t0\t2\t1\t2\t1\tShe\n", "Jo said. She")
	f.Add("1\tx\tx\t_\tNN\t_\t0\troot\t_\tStart=5|End=6|NER=O\n2\ty\ty\t_\tNN\t_\t0\troot\t_\tStart=0|End=1|NER=O\n", "0\t1\t1\t1\t3\t1\tx\n", "abcdefgh")
	f.Fuzz(func(t *testing.T, conll, coref, text string) {
		ms, sents, err := parseCoNLLU(strings.NewReader(conll), text, nerTypes)
		if err != nil {
			return
		}
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start > m.End {
				t.Fatalf("mention [%d,%d) outside a text of %d bytes", m.Start, m.End, len(text))
			}
		}
		refs, err := ParseCoref(strings.NewReader(coref), text, sents)
		if err != nil {
			return
		}
		for _, r := range refs {
			if r.Start < 0 || r.End > len(text) || r.Start > r.End {
				t.Fatalf("pronoun [%d,%d) outside the text", r.Start, r.End)
			}
		}
	})
}

// TestReadCoreNLPDev checks that every CoreNLP file of PolNeAR dev parses
// against its text and that the reference scored against itself is
// perfect.
func TestReadCoreNLPDev(t *testing.T) {
	dir := "../../../shared/data/polnear/dev"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/data/polnear/dev absent; skipping the CoreNLP check")
	}
	docs, err := ReadCoreNLPEntities(dir)
	if err != nil {
		t.Fatal(err)
	}
	mentions, pronouns := 0, 0
	for _, d := range docs {
		mentions += len(d.Mentions)
		pronouns += len(d.Pronouns)
	}
	if len(docs) < 80 || mentions < 1000 || pronouns < 100 {
		t.Fatalf("%d articles, %d mentions, %d pronouns: too few", len(docs), mentions, pronouns)
	}
	by := map[string]NERDoc{}
	for _, d := range docs {
		by[d.Text] = d
	}
	res := ScoreEntities(docs, func(text string) ([]article.Entity, []article.Attribution) {
		var es []article.Entity
		for _, m := range by[text].Mentions {
			es = append(es, article.Entity{Start: m.Start, End: m.End, Type: m.Type})
		}
		return es, nil
	})
	if res.All.F1 != 1 || res.Spans.F1 != 1 {
		t.Errorf("reference against itself: all %+v, spans %+v", res.All, res.Spans)
	}
}
