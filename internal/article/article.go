// Package article holds the Article a loader produces, the Analysis every
// stage adds to, and the loaders that turn files in common formats into
// Articles.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Schema is the value of Analysis.Schema; see ../shared/DESIGN.md.
const Schema = "credence.analysis/v1"

// Article is one news article as a loader found it. Text is valid UTF-8.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Author    string `json:"author"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Label     string `json:"label,omitempty"`
	Dataset   string `json:"dataset,omitempty"`

	// Origin names where the article came from ("pool.jsonl:12") for
	// messages; it is not part of the analysis output.
	Origin string `json:"-"`
	// Warnings collects what the loader noticed (decoded from Windows-1252,
	// ...); analysis copies them into Analysis.Warnings.
	Warnings []string `json:"-"`
}

// ContentID is the article's identity for storage: a hash of its
// normalized text, so that the same text loaded twice has the same id.
func ContentID(text string) string {
	h := sha256.Sum256([]byte(NormalizeForID(text)))
	return hex.EncodeToString(h[:12])
}

// NormalizeForID folds the differences that do not make a different
// article: Unicode normalization form and runs of white space.
func NormalizeForID(text string) string {
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
