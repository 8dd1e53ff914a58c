package article

import (
	"sort"
	"strings"
)

// Fields are the article fields a record can fill, in output order.
var Fields = []string{"id", "title", "text", "author", "url", "outlet", "published", "label", "dataset"}

// aliases lists, for each article field, the column or key names that
// fill it when LoadOptions.Columns does not say otherwise, best first.
// Names are compared after normKey.
var aliases = map[string][]string{
	"id":        {"id", "articleid", "docid", "documentid", "uuid", "guid", "bodyid"},
	"title":     {"title", "headline", "heading", "articletitle"},
	"text":      {"text", "body", "content", "articlebody", "articletext", "bodytext", "fulltext", "maintext", "article", "story"},
	"author":    {"author", "authors", "byline", "creator", "writer"},
	"url":       {"url", "link", "uri", "articleurl", "sourceurl", "permalink"},
	"outlet":    {"outlet", "source", "site", "sitename", "publisher", "publication", "domain", "newssource"},
	"published": {"published", "date", "publishdate", "publisheddate", "publishedat", "datepublished", "pubdate", "publicationdate", "datetime", "timestamp"},
	"label":     {"label", "class", "verdict", "rating"},
	"dataset":   {"dataset", "corpus"},
}

// normKey folds a column or key name for alias matching: lower case, with
// spaces, underscores, hyphens and dots removed ("Body ID" -> "bodyid",
// "publish_date" -> "publishdate").
func normKey(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '_', '-', '.', '\t':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mapHeader decides which column fills each article field: the column
// named in columns (exact name first, then folded), else the best alias.
// It returns field -> column index; fields with no column are absent.
func mapHeader(names []string, columns map[string]string) map[string]int {
	exact := make(map[string]int, len(names))
	folded := make(map[string]int, len(names))
	for i := len(names) - 1; i >= 0; i-- { // first occurrence wins
		exact[strings.TrimPrefix(names[i], "\ufeff")] = i
		folded[normKey(names[i])] = i
	}
	m := make(map[string]int, len(Fields))
	used := make(map[int]bool)
	for field, name := range columns {
		if i, ok := exact[name]; ok {
			m[field], used[i] = i, true
		} else if i, ok := folded[normKey(name)]; ok {
			m[field], used[i] = i, true
		}
	}
	for _, field := range Fields {
		if _, ok := columns[field]; ok {
			continue // mapped explicitly, found or not
		}
		for _, alias := range aliases[field] {
			if i, ok := folded[alias]; ok && !used[i] {
				m[field], used[i] = i, true
				break
			}
		}
	}
	return m
}

// missingColumns lists, sorted, the fields that columns maps to a name
// mapHeader did not find.
func missingColumns(m map[string]int, columns map[string]string) []string {
	var miss []string
	for field, name := range columns {
		if _, ok := m[field]; !ok {
			miss = append(miss, field+"="+name)
		}
	}
	sort.Strings(miss)
	return miss
}

// setField stores v in the article field named field.
func setField(a *Article, field, v string) {
	switch field {
	case "id":
		a.ID = cleanLine(v)
	case "title":
		a.Title = cleanLine(v)
	case "text":
		a.Text = cleanBody(v)
	case "author":
		a.Author = cleanLine(v)
	case "url":
		a.URL = cleanLine(v)
	case "outlet":
		a.Outlet = cleanLine(v)
	case "published":
		a.Published = cleanLine(v)
	case "label":
		a.Label = cleanLine(v)
	case "dataset":
		a.Dataset = cleanLine(v)
	}
}

// quoteList renders names for a message: "id", "title", "label".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, ", ")
}
