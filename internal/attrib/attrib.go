// Package attrib finds who said what: attributions (source, cue,
// content), the sources behind them, embedded social posts and entities.
//
// Extraction is rule based (see docs/ATTRIBUTION.md): a lexicon of cue
// verbs and phrases, the noun phrase before or after the cue as source,
// the clause after the cue or the quotation around it as content. All
// offsets are byte offsets into the article text.
package attrib

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/text"

	"github.com/credence-news/credence/internal/article"
)

// Annotate fills an's attributions, sources, social posts and entities
// from its text, sentences, paragraphs and quotes, and appends warnings
// about damaged text. It never panics on any input and every offset it
// writes lies within an.Article.Text.
func Annotate(an *article.Analysis) {
	loadModels()
	d := newDoc(an)
	posts := d.findPosts(an.Paragraphs)
	cands := d.extract()
	ms := d.findEntities()
	mentionAt := make(map[int]string, len(ms))
	for _, m := range ms {
		mentionAt[d.toks[m.a].s] = m.typ
	}
	var keep func([]uint32, article.Attribution) bool
	if r := cueRanker; r != nil {
		// An anonymous source's attribution is always listed: PolNeAR's
		// annotators often leave out the nested reports such sources
		// make ("multiple sources close to X found ..."), which the
		// reranker learns, but they are what a reader of credence most
		// needs to see.
		keep = func(fs []uint32, a article.Attribution) bool {
			return a.Source.Type == "anonymous" || r.Keep(fs, a.Source.End > a.Source.Start)
		}
	}
	all, kept := d.attributions(posts, cands, ms, keep)
	var social []article.Attribution
	for _, p := range posts {
		an.SocialPosts = append(an.SocialPosts, p.SocialPost)
		if p.Author == "" || p.textE <= p.textS || p.dashE <= p.dashS {
			continue
		}
		typ := "person"
		if mentionAt[p.nameS] == "organization" {
			typ = "organization"
		}
		social = append(social, article.Attribution{
			Kind:       "social",
			Cue:        article.TextSpan{Text: d.text[p.dashS:p.dashE], Start: p.dashS, End: p.dashE},
			Source:     article.AttrSource{Text: p.Author, Start: p.nameS, End: p.nameE, Entity: p.Author, Type: typ},
			Content:    article.TextSpan{Text: p.Text, Start: p.textS, End: p.textE},
			Confidence: 0.9,
		})
	}
	an.Attributions = append(append(an.Attributions, kept...), social...)
	// The reranker drops what PolNeAR would not mark as an attribution
	// exactly as found; the sourcing table still counts every rule
	// attribution (a nested "sources close to X found ..." is sourcing
	// even where PolNeAR leaves it out).
	an.Sources = buildSources(append(all, social...), ms, d)
	an.Entities = d.entityOutput(ms)
	if w := damageWarning(d.text, an.Quotes); w != "" {
		an.Warnings = append(an.Warnings, w)
	}
	if d.cutSentences > 0 {
		an.Warnings = append(an.Warnings, fmt.Sprintf("%s longer than %d tokens were searched for attributions in pieces; attributions that cross a piece boundary are missed", text.Count(d.cutSentences, "sentence", "sentences"), maxWindow))
	}
}

// attributions turns the candidates into attributions with typed
// sources: all of them, and those kept. With keep, each is given its
// reranker features and kept only when keep says so.
func (d *doc) attributions(posts []post, cands []cand, ms []mention, keep func([]uint32, article.Attribution) bool) (all, kept []article.Attribution) {
	var fs []uint32
	var ix candIndex
	if keep != nil {
		ix = d.indexCands(cands)
	}
	for i, c := range cands {
		cs0 := d.toks[c.cue.a].s
		skip := false
		for _, p := range nearPosts(posts, c.cs, c.ce, cs0) {
			// A cue inside a post signature is not an attribution, and
			// content stops where a signature starts.
			if cs0 >= p.dashS && cs0 < p.End {
				skip = true
			}
			if c.cs < p.dashS && c.ce > p.dashS && p.dashE > p.dashS {
				c.ce = p.dashS
			}
		}
		if skip {
			continue
		}
		if n := d.boilerplateAt(c.src.a, c.src.b); n > 0 && c.src.a+n < c.src.b {
			c.src.a += n // "Story Continued Below The Republican source said"
		}
		a, ok := d.attribution(c)
		if !ok {
			continue
		}
		r := d.resolveSource(c.src, ms)
		a.Source.Entity, a.Source.Type, a.Source.Affiliation = r.entity, r.typ, r.affiliation
		all = append(all, a)
		if keep != nil {
			fs = d.rankFeatures(fs[:0], cands, ix, i, a)
			if !keep(fs, a) {
				continue
			}
		}
		kept = append(kept, a)
	}
	return all, kept
}

// nearPosts returns the posts (sorted by position) whose signature may
// touch [cs,ce) or hold the cue at cue.
func nearPosts(posts []post, cs, ce, cue int) []post {
	lo, hi := min(cs, cue), max(ce, cue+1)
	i := sort.Search(len(posts), func(i int) bool { return posts[i].End > lo })
	j := i
	for j < len(posts) && posts[j].dashS < hi {
		j++
	}
	return posts[i:j]
}

// attribution converts a candidate into its output form; it refuses
// content without a letter or digit (the damaged empty quote “ ”).
func (d *doc) attribution(c cand) (article.Attribution, bool) {
	t := d.text
	cs, ce := trimUnpaired(t, c.cs, c.ce)
	if ce <= cs || c.cue.empty() || !hasWord(t[cs:ce]) {
		return article.Attribution{}, false
	}
	cue := d.textSpan(c.cue)
	a := article.Attribution{Kind: c.kind, Cue: cue, Content: article.TextSpan{Text: t[cs:ce], Start: cs, End: ce}, Confidence: c.conf}
	if !c.src.empty() {
		s := d.textSpan(c.src)
		a.Source = article.AttrSource{Text: s.Text, Start: s.Start, End: s.End, Type: "unknown"}
	}
	return a, true
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func (d *doc) textSpan(s span) article.TextSpan {
	st, en := d.toks[s.a].s, d.toks[s.b-1].e
	return article.TextSpan{Text: d.text[st:en], Start: st, End: en}
}

// trimUnpaired trims white space and a bracket or parenthesis whose
// partner lies outside [s, e) ("[President has confidence in X," from a
// bracketed embed).
func trimUnpaired(t string, s, e int) (int, int) {
	s, e = trimBytes(t, s, e)
	for _, p := range [...][2]byte{{'[', ']'}, {'(', ')'}} {
		if s < e && t[s] == p[0] && strings.IndexByte(t[s+1:e], p[1]) < 0 {
			s, e = trimBytes(t, s+1, e)
		}
		if s < e && t[e-1] == p[1] && strings.IndexByte(t[s:e-1], p[0]) < 0 {
			s, e = trimBytes(t, s, e-1)
		}
	}
	return s, e
}

// trimBytes trims white space off [s,e) of t.
func trimBytes(t string, s, e int) (int, int) {
	s, e = clamp(s, len(t)), clamp(e, len(t))
	for s < e {
		r, n := utf8.DecodeRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(t[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}
