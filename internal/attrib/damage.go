package attrib

import (
	"strings"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/text"
)

// damageWarning describes text damage some corpora show: hyphenated
// words were dropped, leaving empty quotes (“ ”), empty parentheses
// (( )) and runs of spaces. It returns "" for clean text.
func damageWarning(t string, quotes []article.Quote) string {
	emptyQ := 0
	for _, q := range quotes {
		if q.InnerStart >= 0 && q.InnerEnd <= len(t) && q.InnerStart <= q.InnerEnd &&
			strings.TrimSpace(t[q.InnerStart:q.InnerEnd]) == "" {
			emptyQ++
		}
	}
	if len(quotes) == 0 {
		emptyQ = countEmpty(t, "“", "”") + countEmpty(t, "\"", "\"")
	}
	emptyP := countEmpty(t, "(", ")")
	runs := 0
	for i := 0; i+2 < len(t); i++ {
		if t[i] == ' ' && t[i+1] == ' ' && t[i+2] == ' ' {
			runs++
			for i < len(t) && t[i] == ' ' {
				i++
			}
		}
	}
	if emptyQ == 0 && emptyP == 0 && runs < 3 {
		return ""
	}
	var parts []string
	if emptyQ > 0 {
		parts = append(parts, text.Count(emptyQ, "empty quotation", "empty quotations")+" “ ”")
	}
	if emptyP > 0 {
		parts = append(parts, text.Count(emptyP, "empty parenthesis", "empty parentheses")+" ( )")
	}
	if runs > 0 {
		parts = append(parts, text.Count(runs, "run", "runs")+" of spaces")
	}
	return "damaged text: " + strings.Join(parts, ", ") + "; words (likely hyphenated ones) appear to be missing, so quotes and attributions near them may be incomplete"
}

// countEmpty counts an opening mark followed only by spaces and then the
// closing mark.
func countEmpty(t, open, close string) int {
	n := 0
	for i := 0; i < len(t); {
		j := strings.Index(t[i:], open)
		if j < 0 {
			break
		}
		k := i + j + len(open)
		m := k
		for m < len(t) && t[m] == ' ' {
			m++
		}
		if m > k && strings.HasPrefix(t[m:], close) {
			n++
			m += len(close)
		}
		i = max(m, k)
	}
	return n
}
