package server

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

// segment is a run of article text with one highlight (or none). Text is
// escaped by html/template like everything else.
type segment struct {
	Text  string
	Class string // "" for plain text
	Href  string // the attribution or post it belongs to
	Tip   string // hover text: source, cue, content
}

// Highlight roles, in priority order: where spans overlap, the higher
// one colours the text (a source inside another attribution's content
// shows as a source).
const (
	roleNone uint8 = iota
	rolePost
	roleContent
	roleCue
	roleSource
)

var roleClass = [...]string{"", "r-post", "r-content", "r-cue", "r-source"}

// maxHighlightBytes bounds the per-byte work; longer texts are shown
// without highlights (their analysis is still listed).
const maxHighlightBytes = 4 << 20

// sourceType returns a known source type for CSS classes.
func sourceType(t string) string {
	switch t {
	case "person", "organization", "anonymous", "document":
		return t
	}
	return "unknown"
}

// validSpan reports whether [start,end) is a non-empty span of text on
// UTF-8 boundaries. Spans come from stages still being written; a bad one
// is skipped rather than trusted.
func validSpan(text string, start, end int) bool {
	if start < 0 || end > len(text) || start >= end {
		return false
	}
	if !utf8.RuneStart(text[start]) {
		return false
	}
	return end == len(text) || utf8.RuneStart(text[end])
}

// segments cuts the article text into runs, each marked with the
// highest-priority role covering it and the attribution it belongs to.
func segments(an *article.Analysis) []segment {
	text := an.Article.Text
	if len(text) == 0 {
		return nil
	}
	if len(text) > maxHighlightBytes {
		return []segment{{Text: text}}
	}
	role := make([]uint8, len(text))
	owner := make([]int32, len(text))
	mark := func(start, end int, r uint8, who int32) {
		if !validSpan(text, start, end) {
			return
		}
		for i := start; i < end; i++ {
			if r > role[i] {
				role[i], owner[i] = r, who
			}
		}
	}
	for i, p := range an.SocialPosts {
		mark(p.Start, p.End, rolePost, int32(i))
	}
	for i, a := range an.Attributions {
		mark(a.Content.Start, a.Content.End, roleContent, int32(i))
		mark(a.Cue.Start, a.Cue.End, roleCue, int32(i))
		mark(a.Source.Start, a.Source.End, roleSource, int32(i))
	}
	var segs []segment
	start := 0
	for i := 1; i <= len(text); i++ {
		if i < len(text) && role[i] == role[start] && owner[i] == owner[start] {
			continue
		}
		// Runs end where a role or owner changes, which is always a span
		// boundary, and spans are on rune boundaries: runs are valid UTF-8.
		seg := segment{Text: text[start:i]}
		if r := role[start]; r != roleNone {
			who := int(owner[start])
			if r == rolePost {
				p := an.SocialPosts[who]
				seg.Class = "hl " + roleClass[r]
				seg.Href = fmt.Sprintf("#post-%d", who+1)
				seg.Tip = fmt.Sprintf("Social post · %s %s %s", p.Platform, p.Author, p.Handle)
			} else {
				a := an.Attributions[who]
				seg.Class = "hl " + roleClass[r] + " t-" + sourceType(a.Source.Type)
				seg.Href = fmt.Sprintf("#attr-%d", who+1)
				seg.Tip = attributionTip(a)
			}
		}
		segs = append(segs, seg)
		start = i
	}
	return segs
}

func attributionTip(a article.Attribution) string {
	src := a.Source.Text
	if a.Source.Entity != "" && a.Source.Entity != a.Source.Text {
		src += " → " + a.Source.Entity
	}
	return fmt.Sprintf("Source: %s (%s)\nCue: %s\nContent: %s", src, sourceType(a.Source.Type), a.Cue.Text, clip(a.Content.Text, 240))
}

// clip shortens s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// chart is an inline SVG bar chart laid out by the server.
type chart struct {
	Title, Desc string
	W, H        int
	Bars        []bar
	Axis        []tick
	Empty       bool
}

type bar struct {
	X, Y, W, H float64
	Label      string
	LX, LY     float64 // label position
	Value      string
	VX, VY     float64 // value position
	Class      string
}

type tick struct {
	X, Y  float64
	Label string
}

// histogramChart draws counts over [0,1] in len(counts) bins.
func histogramChart(title, desc string, counts []int, class string) chart {
	const w, h, left, right, top, bottom = 360.0, 190.0, 10.0, 14.0, 18.0, 26.0
	c := chart{Title: title, Desc: desc, W: int(w), H: int(h)}
	max := 0
	for _, n := range counts {
		max = int(math.Max(float64(max), float64(n)))
	}
	c.Empty = max == 0
	n := len(counts)
	if n == 0 {
		return c
	}
	bw := (w - left - right) / float64(n)
	for i, v := range counts {
		bh := 0.0
		if max > 0 {
			bh = (h - top - bottom) * float64(v) / float64(max)
		}
		x := left + float64(i)*bw
		b := bar{X: x + 1, Y: h - bottom - bh, W: bw - 2, H: bh, Class: class,
			Label: fmt.Sprintf("%.1f–%.1f: %d", float64(i)/float64(n), float64(i+1)/float64(n), v)}
		if v > 0 {
			b.Value = fmt.Sprint(v)
			b.VX, b.VY = x+bw/2, h-bottom-bh-4
		}
		c.Bars = append(c.Bars, b)
	}
	for i := 0; i <= n; i += 2 {
		c.Axis = append(c.Axis, tick{X: left + float64(i)*bw, Y: h - bottom + 16, Label: fmt.Sprintf("%.1f", float64(i)/float64(n))})
	}
	return c
}

// barsChart draws labelled horizontal bars, largest first as given.
func barsChart(title, desc string, labels []string, values []int, classes []string) chart {
	const w, row, labelW, top = 360.0, 22.0, 140.0, 4.0
	c := chart{Title: title, Desc: desc, W: int(w), H: int(top + row*float64(max(len(values), 1)) + 4)}
	maxV := 0
	for _, v := range values {
		maxV = max(maxV, v)
	}
	c.Empty = maxV == 0
	for i, v := range values {
		bw := 0.0
		if maxV > 0 {
			bw = (w - labelW - 40) * float64(v) / float64(maxV)
		}
		y := top + float64(i)*row
		b := bar{X: labelW, Y: y + 3, W: bw, H: row - 6, Label: clip(labels[i], 22), LX: labelW - 6, LY: y + row/2 + 4,
			Value: fmt.Sprint(v), VX: labelW + bw + 4, VY: y + row/2 + 4}
		if i < len(classes) {
			b.Class = classes[i]
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// dashboardCharts lays out the four dashboard charts.
func dashboardCharts(st *store.Stats, src *store.SourceReport) []chart {
	charts := []chart{
		histogramChart("Reliability score", "Articles by the model's probability that they are reliable (0 to 1).", st.Reliability, "c-rel"),
		histogramChart("Anonymous share", "Articles with attributions, by the share of them credited to anonymous sources.", st.Anonymous, "c-anon"),
	}
	var labels []string
	var values []int
	var classes []string
	for _, s := range src.Top[:min(len(src.Top), 10)] {
		labels = append(labels, s.Name)
		values = append(values, s.Attributions)
		classes = append(classes, "t-"+sourceType(s.Type))
	}
	charts = append(charts, barsChart("Top sources", "Sources credited with the most attributions across the corpus, coloured by type.", labels, values, classes))
	labels, values, classes = nil, nil, nil
	for _, o := range st.Outlets[:min(len(st.Outlets), 10)] {
		name := o.Outlet
		if name == "" {
			name = "(no outlet)"
		}
		labels = append(labels, name)
		values = append(values, o.Articles)
		classes = append(classes, "c-outlet")
	}
	charts = append(charts, barsChart("Articles per outlet", "Stored articles by outlet.", labels, values, classes))
	return charts
}

// reasonView is one reason of the verdict, with its bar.
type reasonView struct {
	Feature  string
	Weight   float64
	Positive bool
	BarW     float64 // 0..100
}

func reasonViews(r article.Reliability) []reasonView {
	rs := append([]article.Reason(nil), r.Reasons...)
	sort.SliceStable(rs, func(i, j int) bool { return math.Abs(rs[i].Weight) > math.Abs(rs[j].Weight) })
	maxW := 0.0
	for _, x := range rs {
		maxW = math.Max(maxW, math.Abs(x.Weight))
	}
	out := make([]reasonView, 0, len(rs))
	for _, x := range rs {
		v := reasonView{Feature: x.Feature, Weight: x.Weight, Positive: x.Weight >= 0}
		if maxW > 0 && !math.IsNaN(x.Weight) {
			v.BarW = 100 * math.Abs(x.Weight) / maxW
		}
		out = append(out, v)
	}
	return out
}

type signalView struct {
	Name  string
	Value string
}

func signalViews(s article.Signals) []signalView {
	names := make([]string, 0, len(s))
	for k := range s {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]signalView, 0, len(names))
	for _, k := range names {
		v := s[k]
		txt := fmt.Sprintf("%.3g", v)
		if v == math.Trunc(v) && math.Abs(v) < 1e9 {
			txt = fmt.Sprintf("%d", int64(v))
		}
		out = append(out, signalView{Name: strings.ReplaceAll(k, "_", " "), Value: txt})
	}
	return out
}
