// Package signals computes article-level credibility signals from an
// analysis.
package signals

import "github.com/credence-news/credence/internal/article"

// Compute fills an.Signals. (Placeholder.)
func Compute(an *article.Analysis) {}
