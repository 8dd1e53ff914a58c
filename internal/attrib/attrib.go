// Package attrib finds who said what: attributions (source, cue,
// content), the sources behind them, embedded social posts and entities.
package attrib

import "github.com/credence-news/credence/internal/article"

// Annotate fills an's attributions, sources, social posts and entities
// from its text, sentences and quotes. (Placeholder.)
func Annotate(an *article.Analysis) {}
