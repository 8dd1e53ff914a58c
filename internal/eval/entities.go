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

	"github.com/credence-news/credence/internal/article"
)

// NERDoc is one article with reference entity mentions: byte spans of
// Text typed person, organization or place.
type NERDoc struct {
	Name     string
	Text     string
	Mentions []NERMention
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
		ms, err := ParseCoNLLUEntities(r, string(text))
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("corenlp %s: %w", f, err)
		}
		docs = append(docs, NERDoc{Name: name, Text: string(text), Mentions: ms})
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
	cp := make([]int, 0, len(text)+1) // byte offset of each code point
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	var out []NERMention
	open := -1 // index in out of the run the previous token extends
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			open = -1 // a sentence ends
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d columns, want 10", line, len(f))
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
				return nil, fmt.Errorf("line %d: %s: %w", line, k, err)
			}
		}
		if s < 0 || e < s || e >= len(cp) {
			return nil, fmt.Errorf("line %d: offsets %d-%d outside the text (%d code points)", line, s, e, len(cp)-1)
		}
		bs, be := cp[s], cp[e]
		typ, scored := nerTypes[tag]
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
		return nil, err
	}
	return out, nil
}

// EntityResult is the output of eval entities: per type and overall,
// exact-span agreement with the reference mentions.
type EntityResult struct {
	Articles  int            `json:"articles"`
	Reference string         `json:"reference"`
	Types     map[string]PRF `json:"types"`
	All       PRF            `json:"all"`   // span and type agree
	Spans     PRF            `json:"spans"` // span agrees, whatever the types
	Seconds   float64        `json:"seconds"`
}

// EntityExtractor returns the entities of a text.
type EntityExtractor func(text string) []article.Entity

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
	for _, d := range docs {
		gold := map[[2]int]string{}
		for _, m := range d.Mentions {
			gold[[2]int{m.Start, m.End}] = m.Type
			byType[m.Type].gold++
			all.gold++
			spans.gold++
		}
		seen := map[[2]int]bool{}
		for _, e := range extract(d.Text) {
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
	}
	res := EntityResult{Articles: len(docs), Reference: "Stanford CoreNLP NER (silver)", Types: map[string]PRF{}}
	for t, c := range byType {
		res.Types[t] = c.prf()
	}
	res.All, res.Spans = all.prf(), spans.prf()
	res.Seconds = time.Since(start).Seconds()
	return res
}
