package article

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// loadHTML reads one HTML page whole and extracts its main text, title,
// byline, date and site name with go-readability (a port of Mozilla's
// Readability.js). The text keeps paragraphs apart with blank lines.
func (l *loader) loadHTML(origin string, br *bufio.Reader) error {
	b, err := io.ReadAll(br)
	if err != nil {
		l.fail(origin, readError(err))
		return nil
	}
	a, err := articleFromHTML(b)
	if err != nil {
		l.fail(origin, err)
		return nil
	}
	a.Origin = origin
	return l.emit(a)
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)`)

// htmlToUTF8 decodes an HTML page: valid UTF-8 stays as it is (pages
// often declare latin-1 and are UTF-8); otherwise the charset its <meta>
// names, else Windows-1252 with a warning.
func htmlToUTF8(b []byte) (string, []string) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
				return string(out), nil
			}
		}
	}
	s, _ := decodeBytes(b)
	return s, []string{warnWindows1252}
}

// articleFromHTML extracts the article in an HTML page.
func articleFromHTML(b []byte) (a *Article, err error) {
	defer func() {
		// go-readability is a large third-party parser: a panic on odd
		// markup must not take down a batch run.
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("HTML extraction failed: %v", r)
		}
	}()
	src, warnings := htmlToUTF8(b)
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("HTML: %w", err)
	}
	a = &Article{Warnings: warnings, URL: canonicalURL(doc)}
	fallbackTitle := ""
	if t := findElement(doc, "title"); t != nil {
		fallbackTitle = nodeText(t)
	}
	parser := readability.NewParser()
	ra, err := parser.ParseAndMutate(doc, nil)
	if err != nil {
		return nil, fmt.Errorf("HTML extraction: %w", err)
	}
	text := ""
	if ra.Node != nil {
		text = render.InnerText(ra.Node)
	}
	text = tidyRendered(text)
	if text == "" {
		// Readability found no main content (a short page, or one
		// with no article markup): fall back to the whole body.
		doc2, err := html.Parse(strings.NewReader(src))
		if err == nil {
			if body := findElement(doc2, "body"); body != nil {
				text = tidyRendered(render.InnerText(body))
			}
		}
		if text != "" {
			a.Warnings = append(a.Warnings, "no main article content found in the HTML page: used the whole page text")
		}
	}
	if text == "" {
		return nil, fmt.Errorf("%w: no text found in the HTML page", ErrEmptyText)
	}
	a.Text = text
	a.Title = cleanLine(ra.Title())
	if a.Title == "" {
		a.Title = cleanLine(fallbackTitle)
	}
	a.Author = cleanLine(trimBy(ra.Byline()))
	a.Text = dropBylineLine(a.Text, a.Author)
	a.Outlet = cleanLine(ra.SiteName())
	if t, err := ra.PublishedTime(); err == nil {
		a.Published = formatTime(t)
	} else if !errors.Is(err, readability.ErrTimestampMissing) {
		a.Warnings = append(a.Warnings, "published date not understood: "+err.Error())
	}
	return a, nil
}

// tidyRendered cleans rendered page text: control characters out, lines
// trimmed, at most one blank line between paragraphs.
func tidyRendered(s string) string {
	s = cleanText(s)
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for _, ln := range lines {
		ln = strings.TrimSpace(ln)
		if ln == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = 0
		b.WriteString(ln)
	}
	return b.String()
}

// dropBylineLine removes a first paragraph that only repeats the byline
// ("By Jane Doe") when the byline came from the page's metadata.
func dropBylineLine(text, author string) string {
	if author == "" {
		return text
	}
	first, rest, ok := strings.Cut(text, "\n")
	if !ok || !strings.EqualFold(trimBy(first), author) {
		return text
	}
	if rest = strings.TrimLeft(rest, "\n"); rest == "" {
		return text
	}
	return rest
}

// trimBy drops a leading "By " from a byline.
func trimBy(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return s[3:]
	}
	return s
}

// formatTime renders a date as RFC 3339, or just the day when the page
// gave no time of day.
func formatTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

// canonicalURL is the page's <link rel="canonical"> or og:url.
func canonicalURL(doc *html.Node) string {
	var canon, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && canon == "" {
					canon = attr(n, "href")
				}
			case "meta":
				if attr(n, "property") == "og:url" && og == "" {
					og = attr(n, "content")
				}
			case "body":
				return // metadata lives in <head>
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if canon != "" {
		return cleanLine(canon)
	}
	return cleanLine(og)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func findElement(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, tag); f != nil {
			return f
		}
	}
	return nil
}

func nodeText(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
