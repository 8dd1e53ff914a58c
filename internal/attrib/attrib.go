// Package attrib finds who said what: attributions (source, cue,
// content), the sources behind them, embedded social posts and entities.
package attrib

import (
	"github.com/credence-news/credence/internal/article"
)

// Annotate fills an's attributions, sources, social posts and entities
// from its text, sentences and quotes, and appends warnings about
// damaged text. It never panics on any input and every offset it writes
// lies within an.Article.Text.
func Annotate(an *article.Analysis) {
	d := newDoc(an)
	cands := d.extract()
	for _, c := range cands {
		a, ok := d.attribution(c)
		if ok {
			an.Attributions = append(an.Attributions, a)
		}
	}
}

// attribution converts a candidate into its output form.
func (d *doc) attribution(c cand) (article.Attribution, bool) {
	t := d.text
	cs, ce := trimBytes(t, c.cs, c.ce)
	if ce <= cs || c.cue.empty() {
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

func (d *doc) textSpan(s span) article.TextSpan {
	st, en := d.toks[s.a].s, d.toks[s.b-1].e
	return article.TextSpan{Text: d.text[st:en], Start: st, End: en}
}

// trimBytes trims white space off [s,e) of t.
func trimBytes(t string, s, e int) (int, int) {
	s, e = clamp(s, len(t)), clamp(e, len(t))
	for s < e && (t[s] == ' ' || t[s] == '\n' || t[s] == '\t' || t[s] == '\r') {
		s++
	}
	for e > s && (t[e-1] == ' ' || t[e-1] == '\n' || t[e-1] == '\t' || t[e-1] == '\r') {
		e--
	}
	return s, e
}
