package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/credence-news/credence/internal/article"
)

// NERDoc is one article with reference entity mentions: byte spans of
// Text typed person, organization or place, and the subject pronouns
// ("he", "she") CoreNLP's coreference ties to a name.
type NERDoc struct {
	Name     string
	Text     string
	Mentions []NERMention
	Pronouns []PronounRef
}

// PronounRef is a pronoun and the words of the names in its
// coreference chain ("Hillary Clinton", "Clinton" -> hillary, clinton).
type PronounRef struct {
	Start, End int
	Names      []string
}

// NERMention is one reference mention.
type NERMention struct {
	Start, End int
	Type       string
}

// nerTypes maps CoreNLP's NER tags to credence's entity types; other
// tags (MISC, DATE, NUMBER, ...) are not scored.
var nerTypes = map[string]string{"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "place"}

// EntityTypes are the entity types ScoreEntities scores, in output order.
var EntityTypes = []string{"person", "organization", "place"}

// ReadCoreNLPEntities reads the articles of a PolNeAR split with the
// named entities Stanford CoreNLP found in them: dir/text/NAME.txt and
// dir/corenlp-conllu/NAME.conllu. These are machine annotations (silver):
// scoring against them measures agreement with CoreNLP, not accuracy.
// Articles without a .conllu file are skipped.
func ReadCoreNLPEntities(dir string) ([]NERDoc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "corenlp-conllu", "*.conllu"))
	if err != nil {
		return nil, fmt.Errorf("corenlp %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("corenlp %s: no corenlp-conllu/*.conllu files", dir)
	}
	sort.Strings(files)
	docs := make([]NERDoc, 0, len(files))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".conllu")
		text, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("corenlp %s: %w", dir, err)
		}
		r, err := os.Open(f)
		if err != nil {
			return nil, fmt.Errorf("corenlp %s: %w", dir, err)
		}
		ms, toks, err := parseCoNLLU(r, string(text), nerTypes)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("corenlp %s: %w", f, err)
		}
		d := NERDoc{Name: name, Text: string(text), Mentions: ms}
		cf := strings.TrimSuffix(f, ".conllu") + ".coref.tsv"
		if c, err := os.Open(cf); err == nil {
			d.Pronouns, err = ParseCoref(c, string(text), toks)
			c.Close()
			if err != nil {
				return nil, fmt.Errorf("corenlp %s: %w", cf, err)
			}
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// ParseCoNLLUEntities reads the tokens of a CoNLL-U file as PolNeAR
// writes them (column 10: Start=N|End=N|NER=TAG, offsets in code points
// of text) and returns the mentions: maximal runs of tokens of one
// sentence with the same scored tag, as byte spans of text. The words
// themselves are not compared with the text (CoreNLP rewrites quotes and
// brackets); a token whose offsets fall outside the text is an error.
func ParseCoNLLUEntities(r io.Reader, text string) ([]NERMention, error) {
	ms, _, err := parseCoNLLU(r, text, nerTypes)
	return ms, err
}

// ParseCoNLLUTagged is ParseCoNLLUEntities with the tags to keep and
// their names given: train-attrib counts MISC names too.
func ParseCoNLLUTagged(r io.Reader, text string, types map[string]string) ([]NERMention, error) {
	ms, _, err := parseCoNLLU(r, text, types)
	return ms, err
}

// parseCoNLLU also returns each sentence's token byte spans, which the
// coreference file refers to (sentence and token numbers from 1).
func parseCoNLLU(r io.Reader, text string, types map[string]string) ([]NERMention, [][][2]int, error) {
	cp := make([]int, 0, len(text)+1) // byte offset of each code point
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	var out []NERMention
	var sents [][][2]int
	inSent := false
	open := -1 // index in out of the run the previous token extends
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			open = -1 // a sentence ends
			inSent = false
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			return nil, nil, fmt.Errorf("line %d: %d columns, want 10", line, len(f))
		}
		var s, e int
		tag := ""
		for _, kv := range strings.Split(f[9], "|") {
			k, v, _ := strings.Cut(kv, "=")
			var err error
			switch k {
			case "Start":
				s, err = strconv.Atoi(v)
			case "End":
				e, err = strconv.Atoi(v)
			case "NER":
				tag = v
			}
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %s: %w", line, k, err)
			}
		}
		if s < 0 || e < s || e >= len(cp) {
			return nil, nil, fmt.Errorf("line %d: offsets %d-%d outside the text (%d code points)", line, s, e, len(cp)-1)
		}
		bs, be := cp[s], cp[e]
		if !inSent {
			sents = append(sents, nil)
			inSent = true
		}
		if cur := sents[len(sents)-1]; len(cur) > 0 && bs < cur[len(cur)-1][1] {
			return nil, nil, fmt.Errorf("line %d: token at %d starts before the previous one ends", line, s)
		}
		sents[len(sents)-1] = append(sents[len(sents)-1], [2]int{bs, be})
		typ, scored := types[tag]
		if !scored {
			open = -1
			continue
		}
		if open >= 0 && out[open].Type == typ {
			out[open].End = be
			continue
		}
		out = append(out, NERMention{Start: bs, End: be, Type: typ})
		open = len(out) - 1
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	return out, sents, nil
}

// ParseCoref reads a PolNeAR coreference file (chain, representative,
// sentence, start_token, end_token_exclusive, head_token, text; tokens
// numbered from 1 within sentences numbered from 1) against the token
// spans of its CoNLL-U file, and returns every "he" or "she" of a chain
// that also holds a name, with the lower-cased words of its names.
func ParseCoref(r io.Reader, text string, sents [][][2]int) ([]PronounRef, error) {
	type ment struct {
		start, end int
		text       string
	}
	chains := map[string][]ment{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if line == 1 && len(f) > 0 && f[0] == "chain" || len(f) == 1 && f[0] == "" {
			continue
		}
		if len(f) != 7 {
			return nil, fmt.Errorf("line %d: %d columns, want 7", line, len(f))
		}
		var n [3]int
		for i, v := range f[2:5] {
			x, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", line, err)
			}
			n[i] = x
		}
		si, a, b := n[0]-1, n[1]-1, n[2]-1
		if si < 0 || si >= len(sents) || a < 0 || b <= a || b > len(sents[si]) || sents[si][a][0] > sents[si][b-1][1] {
			return nil, fmt.Errorf("line %d: sentence %d tokens %d-%d outside the article", line, n[0], n[1], n[2])
		}
		if _, ok := chains[f[0]]; !ok {
			order = append(order, f[0])
		}
		chains[f[0]] = append(chains[f[0]], ment{sents[si][a][0], sents[si][b-1][1], text[sents[si][a][0]:sents[si][b-1][1]]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []PronounRef
	for _, id := range order {
		var names []string
		for _, m := range chains[id] {
			for _, w := range strings.Fields(m.text) {
				w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
				w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
				if r := []rune(w); len(r) > 1 && unicode.IsUpper(r[0]) && !pronounOrDet[strings.ToLower(w)] {
					names = append(names, strings.ToLower(w))
				}
			}
		}
		if len(names) == 0 {
			continue
		}
		for _, m := range chains[id] {
			if lw := strings.ToLower(m.text); lw == "he" || lw == "she" {
				out = append(out, PronounRef{Start: m.start, End: m.end, Names: names})
			}
		}
	}
	return out, nil
}

// pronounOrDet are capitalised sentence openers that are no names.
var pronounOrDet = map[string]bool{"he": true, "she": true, "his": true, "her": true, "him": true, "the": true,
	"a": true, "an": true, "this": true, "that": true, "i": true, "we": true, "they": true, "it": true, "mr.": true,
	"mrs.": true, "ms.": true, "dr.": true}

// EntityResult is the output of eval entities: per type and overall,
// exact-span agreement with the reference mentions.
type EntityResult struct {
	Articles  int            `json:"articles"`
	Reference string         `json:"reference"`
	Types     map[string]PRF `json:"types"`
	All       PRF            `json:"all"`   // span and type agree
	Spans     PRF            `json:"spans"` // span agrees, whatever the types
	Pronouns  PronounScore   `json:"pronoun_sources"`
	Seconds   float64        `json:"seconds"`
}

// PronounScore counts the attributions whose source is "he" or "she"
// that CoreNLP ties to a name, and the share credence resolves to a
// person whose last name is among that chain's name words.
type PronounScore struct {
	Sources int     `json:"sources"`
	Agree   float64 `json:"agree"`
}

// EntityExtractor returns the entities and attributions of a text.
type EntityExtractor func(text string) ([]article.Entity, []article.Attribution)

// ScoreEntities compares the person, organization and place mentions
// extract finds with the reference ones: a mention counts when its byte
// span is exactly a reference span (Spans) and, for the typed scores,
// of the same type. Counts are micro-averaged over all articles.
func ScoreEntities(docs []NERDoc, extract EntityExtractor) EntityResult {
	start := time.Now()
	byType := map[string]*counts{}
	for _, t := range EntityTypes {
		byType[t] = &counts{}
	}
	var all, spans counts
	pronouns, agree := 0, 0
	for _, d := range docs {
		ents, atts := extract(d.Text)
		gold := map[[2]int]string{}
		for _, m := range d.Mentions {
			if byType[m.Type] == nil {
				continue
			}
			gold[[2]int{m.Start, m.End}] = m.Type
			byType[m.Type].gold++
			all.gold++
			spans.gold++
		}
		seen := map[[2]int]bool{}
		for _, e := range ents {
			c, ok := byType[e.Type]
			k := [2]int{e.Start, e.End}
			if !ok || seen[k] {
				continue
			}
			seen[k] = true
			c.pred++
			all.pred++
			spans.pred++
			if g, hit := gold[k]; hit {
				spans.tpP++
				spans.tpG++
				if g == e.Type {
					c.tpP++
					c.tpG++
					all.tpP++
					all.tpG++
				}
			}
		}
		refs := map[[2]int][]string{}
		for _, p := range d.Pronouns {
			refs[[2]int{p.Start, p.End}] = p.Names
		}
		for _, a := range atts {
			names, ok := refs[[2]int{a.Source.Start, a.Source.End}]
			if !ok {
				continue
			}
			pronouns++
			delete(refs, [2]int{a.Source.Start, a.Source.End}) // a source shared by attributions counts once
			if f := strings.Fields(strings.ToLower(a.Source.Entity)); a.Source.Type == "person" && len(f) > 0 {
				for _, n := range names {
					if n == f[len(f)-1] {
						agree++
						break
					}
				}
			}
		}
	}
	res := EntityResult{Articles: len(docs), Reference: "Stanford CoreNLP NER and coreference (silver)", Types: map[string]PRF{}}
	res.Pronouns.Sources = pronouns
	if pronouns > 0 {
		res.Pronouns.Agree = round4(float64(agree) / float64(pronouns))
	}
	for t, c := range byType {
		res.Types[t] = c.prf()
	}
	res.All, res.Spans = all.prf(), spans.prf()
	res.Seconds = time.Since(start).Seconds()
	return res
}
