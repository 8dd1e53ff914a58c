package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// PolNeARDoc is one article of a PolNeAR split with the attributions each
// of its annotators marked. Spans are byte offsets into Text.
type PolNeARDoc struct {
	Name       string
	Text       string
	Annotators []GoldSet
}

// GoldSet is one annotator's attributions of one article.
type GoldSet struct {
	Annotator    string
	Attributions []GoldAttribution
}

// GoldAttribution is one annotated attribution. Each part is a list of
// fragments because brat allows discontinuous spans; a part the
// annotator left out is nil.
type GoldAttribution struct {
	Source, Cue, Content []article.Span
}

// ReadPolNeAR reads a PolNeAR split: dir/text/NAME.txt and
// dir/attributions/NAME_ANNOTATOR.ann. Articles without any .ann file are
// skipped (there is nothing to score them against).
func ReadPolNeAR(dir string) ([]PolNeARDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("polnear %s: %w", dir, err)
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("polnear %s: no attributions/*.ann files", dir)
	}
	sort.Strings(anns)
	byName := map[string]*PolNeARDoc{}
	var order []string
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i < 0 {
			return nil, fmt.Errorf("polnear %s: no annotator suffix in name", ann)
		}
		name, annotator := base[:i], base[i+1:]
		d := byName[name]
		if d == nil {
			b, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
			if err != nil {
				return nil, fmt.Errorf("polnear: text for %s: %w", ann, err)
			}
			if !utf8.Valid(b) {
				return nil, fmt.Errorf("polnear: %s.txt: invalid UTF-8", name)
			}
			d = &PolNeARDoc{Name: name, Text: string(b)}
			byName[name] = d
			order = append(order, name)
		}
		f, err := os.Open(ann)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		atts, err := ParseBrat(f, d.Text)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("polnear: %s: %w", ann, err)
		}
		d.Annotators = append(d.Annotators, GoldSet{Annotator: annotator, Attributions: atts})
	}
	docs := make([]PolNeARDoc, 0, len(order))
	for _, n := range order {
		docs = append(docs, *byName[n])
	}
	return docs, nil
}

// ParseBrat reads brat standoff attributions whose offsets count code
// points of text, converting them to byte offsets.
func ParseBrat(r interface{ Read([]byte) (int, error) }, text string) ([]GoldAttribution, error) {
	// cp[i] is the byte offset of code point i; cp[n] = len(text).
	cp := make([]int, 0, len(text)+1)
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	spans := map[string][]article.Span{}
	type rel struct{ parts map[string][]string }
	var rels []rel
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Bytes()
		if len(l) == 0 {
			continue
		}
		fields := bytes.Split(l, []byte{'\t'})
		// A span's text may hold line breaks, so lines that do not start
		// with an annotation id continue the previous line's text.
		if !isBratID(fields[0]) {
			continue
		}
		switch l[0] {
		case 'T':
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: short T line", line)
			}
			_, locs, ok := strings.Cut(string(fields[1]), " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets", line)
			}
			var frags []article.Span
			for _, loc := range strings.Split(locs, ";") {
				a, b, ok := strings.Cut(loc, " ")
				if !ok {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, loc)
				}
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || s < 0 || e < s || e >= len(cp) {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, loc)
				}
				frags = append(frags, article.Span{Start: cp[s], End: cp[e]})
			}
			spans[string(fields[0])] = frags
		case 'E':
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: short E line", line)
			}
			rl := rel{parts: map[string][]string{}}
			for _, arg := range strings.Fields(string(fields[1])) {
				role, id, ok := strings.Cut(arg, ":")
				if !ok {
					continue
				}
				role = strings.TrimRightFunc(role, unicode.IsDigit)
				rl.parts[role] = append(rl.parts[role], id)
			}
			rels = append(rels, rl)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make([]GoldAttribution, 0, len(rels))
	for _, rl := range rels {
		collect := func(role string) []article.Span {
			var fr []article.Span
			for _, id := range rl.parts[role] {
				fr = append(fr, spans[id]...)
			}
			return normFrags(fr, text)
		}
		out = append(out, GoldAttribution{Source: collect("Source"), Cue: collect("Cue"), Content: collect("Content")})
	}
	return out, nil
}

func isBratID(b []byte) bool {
	if len(b) < 2 || b[0] != 'T' && b[0] != 'E' && b[0] != 'A' && b[0] != 'R' && b[0] != 'N' && b[0] != '#' {
		return false
	}
	for _, c := range b[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// normFrags sorts fragments, trims white space off each and drops empty ones.
func normFrags(fr []article.Span, text string) []article.Span {
	var out []article.Span
	for _, f := range fr {
		f = trimSpan(f, text)
		if f.End > f.Start {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func trimSpan(f article.Span, text string) article.Span {
	for f.Start < f.End {
		r, n := utf8.DecodeRuneInString(text[f.Start:f.End])
		if !unicode.IsSpace(r) {
			break
		}
		f.Start += n
	}
	for f.End > f.Start {
		r, n := utf8.DecodeLastRuneInString(text[f.Start:f.End])
		if !unicode.IsSpace(r) {
			break
		}
		f.End -= n
	}
	return f
}

// PRF is precision, recall and F1.
type PRF struct {
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
}

// PartScore scores one part both ways.
type PartScore struct {
	Exact   PRF `json:"exact"`
	Overlap PRF `json:"overlap"`
}

// AttributionResult is the `eval attribution` report (DESIGN.md).
type AttributionResult struct {
	Articles     int       `json:"articles"`
	Attributions int       `json:"attributions"`
	Source       PartScore `json:"source"`
	Cue          PartScore `json:"cue"`
	Content      PartScore `json:"content"`
	All          PartScore `json:"all"`
	Seconds      float64   `json:"seconds"`
}

// counts accumulates true positives (on each side), predictions and gold
// items; floats because multi-annotator articles contribute averages.
type counts struct{ tpP, tpG, pred, gold float64 }

func (c *counts) add(o counts, w float64) {
	c.tpP += o.tpP * w
	c.tpG += o.tpG * w
	c.pred += o.pred * w
	c.gold += o.gold * w
}

func (c counts) prf() PRF {
	var p, r, f float64
	if c.pred > 0 {
		p = c.tpP / c.pred
	}
	if c.gold > 0 {
		r = c.tpG / c.gold
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{P: round4(p), R: round4(r), F1: round4(f)}
}

func round4(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }

// Part names index the per-part counters.
const (
	partSource = iota
	partCue
	partContent
	partAll
	nParts
)

// DocScore holds one article's counts per part and mode (0 exact, 1
// overlap), averaged over its annotators.
type DocScore struct {
	c [nParts][2]counts
}

// Extractor returns the attributions found in text.
type Extractor func(text string) []article.Attribution

// ScoreAttributions runs extract on every document and scores it.
// An article annotated by k annotators is scored against each of them
// separately and its counts (true positives, predictions, gold items) are
// averaged with weight 1/k, so every article weighs the same whatever its
// number of annotators; precision and recall are then micro-averaged over
// all articles.
func ScoreAttributions(docs []PolNeARDoc, extract Extractor) AttributionResult {
	start := time.Now()
	var total DocScore
	res := AttributionResult{Articles: len(docs)}
	for _, d := range docs {
		pred := extract(d.Text)
		total.add(ScoreDoc(d, pred))
		for _, a := range d.Annotators {
			res.Attributions += len(a.Attributions)
		}
	}
	total.fill(&res)
	res.Seconds = time.Since(start).Seconds()
	return res
}

// Agreement scores the annotators of the articles that have several
// against each other: every ordered pair of annotators (one as
// prediction, the other as gold), each article weighing the same. It is
// the human reference for ScoreAttributions' numbers; precision and
// recall are equal by symmetry. Articles with one annotator are skipped
// and not counted.
func Agreement(docs []PolNeARDoc) AttributionResult {
	start := time.Now()
	var total DocScore
	var res AttributionResult
	for _, d := range docs {
		k := len(d.Annotators)
		if k < 2 {
			continue
		}
		res.Articles++
		w := 1 / float64(k*(k-1))
		for i, a := range d.Annotators {
			res.Attributions += len(a.Attributions)
			for j, g := range d.Annotators {
				if i != j {
					total.scoreAgainst(d.Text, g.Attributions, a.Attributions, w)
				}
			}
		}
	}
	total.fill(&res)
	res.Seconds = time.Since(start).Seconds()
	return res
}

func (ds *DocScore) add(o DocScore) {
	for p := range nParts {
		for m := range 2 {
			ds.c[p][m].add(o.c[p][m], 1)
		}
	}
}

func (ds *DocScore) fill(res *AttributionResult) {
	parts := []*PartScore{&res.Source, &res.Cue, &res.Content, &res.All}
	for p, ps := range parts {
		ps.Exact = ds.c[p][0].prf()
		ps.Overlap = ds.c[p][1].prf()
	}
}

// ScoreDoc scores one article's predicted attributions against each of
// its annotators and averages.
func ScoreDoc(d PolNeARDoc, pred []article.Attribution) DocScore {
	var ds DocScore
	if len(d.Annotators) == 0 {
		return ds
	}
	w := 1 / float64(len(d.Annotators))
	p := make([]GoldAttribution, 0, len(pred))
	for _, a := range pred {
		p = append(p, GoldAttribution{
			Source:  predFrags(a.Source.Start, a.Source.End, d.Text),
			Cue:     predFrags(a.Cue.Start, a.Cue.End, d.Text),
			Content: predFrags(a.Content.Start, a.Content.End, d.Text),
		})
	}
	for _, g := range d.Annotators {
		ds.scoreAgainst(d.Text, g.Attributions, p, w)
	}
	return ds
}

// scoreAgainst adds, with weight w, the scores of pred against gold.
func (ds *DocScore) scoreAgainst(text string, gold, pred []GoldAttribution, w float64) {
	for m := range 2 {
		match := exactMatch
		if m == 1 {
			match = func(a, b []article.Span) bool { return OverlapMatch(a, b, text) }
		}
		for part := range partAll {
			get := func(x GoldAttribution) []article.Span {
				switch part {
				case partSource:
					return x.Source
				case partCue:
					return x.Cue
				}
				return x.Content
			}
			ds.c[part][m].add(scorePart(dedupe(gold, get), dedupe(pred, get), match), w)
		}
		ds.c[partAll][m].add(scoreAll(gold, pred, match), w)
	}
}

func predFrags(s, e int, text string) []article.Span {
	if s < 0 || e > len(text) || e <= s {
		return nil
	}
	return normFrags([]article.Span{{Start: s, End: e}}, text)
}

// dedupe returns the distinct non-empty spans of one part: the same
// source span shared by two attributions counts once.
func dedupe(atts []GoldAttribution, get func(GoldAttribution) []article.Span) [][]article.Span {
	seen := map[string]bool{}
	var out [][]article.Span
	for _, a := range atts {
		fr := get(a)
		if len(fr) == 0 {
			continue
		}
		k := fmt.Sprint(fr)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, fr)
	}
	return out
}

// scorePart matches predicted and gold spans one to one, greedily in
// order, and counts both sides.
func scorePart(gold, pred [][]article.Span, match func(a, b []article.Span) bool) counts {
	c := counts{pred: float64(len(pred)), gold: float64(len(gold))}
	tp := pairGreedy(len(pred), len(gold),
		func(i, j int) bool { return exactMatch(pred[i], gold[j]) },
		func(i, j int) bool { return match(pred[i], gold[j]) })
	c.tpP, c.tpG = tp, tp
	return c
}

// pairGreedy pairs predictions with gold items one to one, in document
// order, first by exact, then by match: pairing exact spans first keeps
// an overlap count from falling below the exact one when a loose match
// would take the gold item an exact prediction later needs. It returns
// the number of pairs.
func pairGreedy(np, ng int, exact, match func(i, j int) bool) float64 {
	usedP, usedG := make([]bool, np), make([]bool, ng)
	n := 0
	for _, m := range []func(i, j int) bool{exact, match} {
		for i := range np {
			if usedP[i] {
				continue
			}
			for j := range ng {
				if !usedG[j] && m(i, j) {
					usedP[i], usedG[j] = true, true
					n++
					break
				}
			}
		}
	}
	return float64(n)
}

// scoreAll matches whole attributions: source, cue and content must all
// match. A part missing on both sides matches; missing on one does not.
func scoreAll(gold, pred []GoldAttribution, match func(a, b []article.Span) bool) counts {
	c := counts{pred: float64(len(pred)), gold: float64(len(gold))}
	with := func(match func(a, b []article.Span) bool) func(i, j int) bool {
		m := func(a, b []article.Span) bool {
			if len(a) == 0 || len(b) == 0 {
				return len(a) == 0 && len(b) == 0
			}
			return match(a, b)
		}
		return func(i, j int) bool {
			p, g := pred[i], gold[j]
			return m(p.Cue, g.Cue) && m(p.Source, g.Source) && m(p.Content, g.Content)
		}
	}
	tp := pairGreedy(len(pred), len(gold), with(exactMatch), with(match))
	c.tpP, c.tpG = tp, tp
	return c
}

// exactMatch: the same fragments after trimming white space. credence
// predicts contiguous spans, so a discontinuous gold part is never
// matched exactly.
func exactMatch(a, b []article.Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// OverlapMatch reports whether two parts share at least one token: their fragments
// intersect on a letter or digit.
func OverlapMatch(a, b []article.Span, text string) bool {
	for _, x := range a {
		for _, y := range b {
			s, e := max(x.Start, y.Start), min(x.End, y.End)
			for i := s; i < e; {
				r, n := utf8.DecodeRuneInString(text[i:e])
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					return true
				}
				i += n
			}
		}
	}
	return false
}

// AttributionDiff lists, for the first annotator of d, the gold
// attributions no prediction matches on all parts (overlap) and the
// predictions no gold attribution matches, as readable lines.
func AttributionDiff(d PolNeARDoc, pred []article.Attribution) (missed, spurious []string) {
	if len(d.Annotators) == 0 {
		return nil, nil
	}
	show := func(fr []article.Span) string {
		var b strings.Builder
		for i, f := range fr {
			if i > 0 {
				b.WriteString(" … ")
			}
			b.WriteString(d.Text[f.Start:f.End])
		}
		return strconv.Quote(b.String())
	}
	p := make([]GoldAttribution, 0, len(pred))
	for _, a := range pred {
		p = append(p, GoldAttribution{
			Source:  predFrags(a.Source.Start, a.Source.End, d.Text),
			Cue:     predFrags(a.Cue.Start, a.Cue.End, d.Text),
			Content: predFrags(a.Content.Start, a.Content.End, d.Text),
		})
	}
	line := func(a GoldAttribution) string {
		return fmt.Sprintf("src=%s cue=%s content=%s", show(a.Source), show(a.Cue), show(a.Content))
	}
	g := d.Annotators[0].Attributions
	eq := func(a, b GoldAttribution) bool {
		return exactMatch(a.Source, b.Source) && exactMatch(a.Cue, b.Cue) && OverlapMatch(a.Content, b.Content, d.Text)
	}
	for _, ga := range unmatched(g, p, eq) {
		missed = append(missed, line(ga))
	}
	for _, pa := range unmatched(p, g, eq) {
		spurious = append(spurious, line(pa))
	}
	return missed, spurious
}

// unmatched returns the attributions of xs that eq matches to none of ys.
func unmatched(xs, ys []GoldAttribution, eq func(a, b GoldAttribution) bool) []GoldAttribution {
	var out []GoldAttribution
	for _, x := range xs {
		found := false
		for _, y := range ys {
			if eq(x, y) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
