// Package report renders an analysis for people: the plain-text report
// of `credence analyze --format text`.
package report

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/attrib"
	"github.com/credence-news/credence/internal/text"
)

// Quote marks put around quoted spans in the sentence listing.
const (
	quoteOpen  = "«"
	quoteClose = "»"
)

// Text writes the readable report of an: title and counts, the numbered
// sentences with quoted spans marked and the attributions found in each,
// then sources, social posts, signals, reliability and warnings.
func Text(w io.Writer, an *article.Analysis) error {
	ew := &errWriter{w: w}
	a := an.Article
	title := a.Title
	if title == "" {
		title = "(untitled)"
	}
	ew.printf("%s\n%s\n", title, strings.Repeat("=", min(72, max(8, len([]rune(title))))))
	meta := []string{"id " + a.ID}
	for _, kv := range [][2]string{{"by", a.Author}, {"outlet", a.Outlet}, {"published", a.Published}, {"url", a.URL}} {
		if kv[1] != "" {
			meta = append(meta, kv[0]+" "+kv[1])
		}
	}
	ew.printf("%s\n", strings.Join(meta, " · "))
	ew.printf("%s · %s · %s · %s · %s\n\n", text.Count(a.Words, "word", "words"),
		text.Count(len(an.Sentences), "sentence", "sentences"), text.Count(len(an.Paragraphs), "paragraph", "paragraphs"),
		text.Count(len(an.Quotes), "quote", "quotes"), text.Count(len(an.Attributions)-lowConfidence(an), "attribution", "attributions"))

	writeSentences(ew, an)
	writeSources(ew, an)
	writePosts(ew, an)
	writeSignals(ew, an)
	writeReliability(ew, an)
	if len(an.Warnings) > 0 {
		ew.printf("Warnings\n")
		for _, m := range an.Warnings {
			ew.printf("  ! %s\n", m)
		}
		ew.printf("\n")
	}
	return ew.err
}

func writeSentences(ew *errWriter, an *article.Analysis) {
	s := an.Article.Text
	width := len(fmt.Sprint(len(an.Sentences)))
	for i, sp := range an.Sentences {
		ew.printf("%*d  %s\n", width, i+1, oneLine(markQuotes(s, sp, an.Quotes)))
		for j, at := range an.Attributions {
			if at.Confidence < attrib.MinConfidence {
				continue
			}
			if at.Cue.Start < sp.Start || at.Cue.Start >= sp.End {
				if !(at.Cue.Text == "" && at.Content.Start >= sp.Start && at.Content.Start < sp.End) {
					continue
				}
			}
			ew.printf("%*s  ↳ A%d %s: %s\n", width, "", j+1, at.Kind, describeAttribution(at))
		}
	}
	if n := lowConfidence(an); n > 0 {
		ew.printf("(%s not shown; --format json lists them with their confidence)\n", text.Count(n, "low-confidence attribution", "low-confidence attributions"))
	}
	ew.printf("\n")
}

func lowConfidence(an *article.Analysis) int {
	n := 0
	for _, at := range an.Attributions {
		if at.Confidence < attrib.MinConfidence {
			n++
		}
	}
	return n
}

// markQuotes returns the sentence text with every quote that starts in it
// wrapped in « ».
func markQuotes(s string, sp article.Span, quotes []article.Quote) string {
	var b strings.Builder
	type mark struct {
		at   int
		text string
	}
	var marks []mark
	for _, q := range quotes {
		if q.Start >= sp.Start && q.Start < sp.End {
			marks = append(marks, mark{q.Start, quoteOpen})
			if q.End <= sp.End {
				marks = append(marks, mark{q.End, quoteClose})
			}
		} else if q.End > sp.Start && q.End <= sp.End {
			marks = append(marks, mark{q.End, quoteClose})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].at < marks[j].at })
	pos := sp.Start
	for _, m := range marks {
		b.WriteString(s[pos:m.at])
		b.WriteString(m.text)
		pos = m.at
	}
	b.WriteString(s[pos:sp.End])
	return b.String()
}

func describeAttribution(at article.Attribution) string {
	src := at.Source.Text
	if src == "" {
		src = "(no source)"
	}
	var detail []string
	if at.Source.Entity != "" && at.Source.Entity != at.Source.Text {
		detail = append(detail, "= "+at.Source.Entity)
	}
	if at.Source.Type != "" {
		detail = append(detail, at.Source.Type)
	}
	if at.Source.Affiliation != "" {
		detail = append(detail, at.Source.Affiliation)
	}
	if len(detail) > 0 {
		src += " (" + strings.Join(detail, ", ") + ")"
	}
	cue := at.Cue.Text
	if cue == "" {
		cue = "—"
	}
	return fmt.Sprintf("%s ‹%s› “%s”", src, oneLine(cue), clip(oneLine(at.Content.Text), 100))
}

func writeSources(ew *errWriter, an *article.Analysis) {
	if len(an.Sources) == 0 {
		return
	}
	ew.printf("Sources\n")
	rows := [][]string{{"name", "type", "affiliation", "titles", "attributions"}}
	for _, src := range an.Sources {
		rows = append(rows, []string{src.Name, src.Type, src.Affiliation, strings.Join(src.Titles, "; "), fmt.Sprint(src.Attributions)})
	}
	table(ew, rows)
	ew.printf("\n")
}

func writePosts(ew *errWriter, an *article.Analysis) {
	if len(an.SocialPosts) == 0 {
		return
	}
	ew.printf("Social posts\n")
	for i, p := range an.SocialPosts {
		ew.printf("  P%d %s %s %s %s\n     “%s”\n", i+1, p.Platform, p.Author, p.Handle, p.Date, clip(oneLine(p.Text), 200))
	}
	ew.printf("\n")
}

func writeSignals(ew *errWriter, an *article.Analysis) {
	if len(an.Signals) == 0 {
		return
	}
	ew.printf("Signals\n")
	names := make([]string, 0, len(an.Signals))
	for k := range an.Signals {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := an.Signals[k]
		if v == math.Trunc(v) {
			ew.printf("  %-28s %d\n", k, int64(v))
		} else {
			ew.printf("  %-28s %.3f\n", k, v)
		}
	}
	ew.printf("\n")
}

func writeReliability(ew *errWriter, an *article.Analysis) {
	r := an.Reliability
	if r.Label == "" {
		return
	}
	ew.printf("Reliability: %s (score %.2f, model %s)\n", r.Label, r.Score, r.Model)
	for _, rs := range r.Reasons {
		ew.printf("  %+.3f  %s\n", rs.Weight, rs.Feature)
	}
	ew.printf("\n")
}

func table(ew *errWriter, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(" ")
		for i, c := range r {
			b.WriteString(" ")
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))+1))
			}
		}
		ew.printf("%s\n", b.String())
	}
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// errWriter keeps the first write error so the report code stays linear.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}
