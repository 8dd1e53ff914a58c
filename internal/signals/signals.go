// Package signals computes article-level credibility signals from an
// analysis: how the article is sourced (named, anonymous, attributed),
// how much it quotes, how much it hedges or repeats rumor, how loaded its
// language and its title are. Every signal is documented in Docs and in
// docs/ATTRIBUTION.md.
package signals

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// Doc describes one signal.
type Doc struct {
	Name, Help string
}

// Docs lists every signal Compute sets, in output order.
var Docs = []Doc{
	{"named_sources", "distinct named sources (people and organizations) with at least one attribution"},
	{"named_person_sources", "distinct named people with at least one attribution"},
	{"anonymous_sources", "distinct anonymous sources (\"a senior official\", \"people familiar with the matter\")"},
	{"document_sources", "distinct documents, polls and reports cited as sources"},
	{"anonymous_share", "anonymous_sources / (named_sources + anonymous_sources); 0 when there are none"},
	{"attributions", "number of attributions found"},
	{"attributed_share", "share of sentences that hold an attribution's cue or content"},
	{"direct_quote_share", "share of attributions whose content is a direct quotation"},
	{"quotes_per_1k_words", "quotations (non-empty) per 1,000 words"},
	{"unattributed_quote_share", "share of quotations that no attribution covers"},
	{"hedges_per_1k_words", "hedging terms per 1,000 words (reportedly, allegedly, might, could, apparently, ...)"},
	{"rumor_terms_per_1k_words", "rumor and speculation terms per 1,000 words (rumor, speculation, supposed, insinuation, unconfirmed, ...)"},
	{"loaded_terms_per_1k_words", "loaded or emotive terms per 1,000 words (shocking, disgraceful, destroy, leftist, ...)"},
	{"exclamations_per_1k_words", "exclamation marks in the body per 1,000 words"},
	{"title_exclamations", "exclamation marks in the title"},
	{"title_caps_share", "share of the title's words (two letters or more) written in capitals"},
	{"title_question", "1 when the title ends with a question mark"},
	{"social_posts", "embedded social media posts"},
	{"words", "words in the body"},
}

var hedges = set("reportedly", "allegedly", "alleged", "apparently", "might", "may", "could", "possibly",
	"perhaps", "likely", "unlikely", "probably", "seemingly", "seems", "seem", "seemed", "appears", "appear",
	"appeared", "suggests", "suggest", "suggested", "purportedly", "purported", "presumably", "arguably",
	"supposedly", "believed", "claimed", "claims", "unclear", "uncertain", "unverified", "maybe")

var rumors = set("rumor", "rumors", "rumored", "rumour", "rumours", "rumoured", "speculation", "speculate",
	"speculated", "speculating", "supposed", "insinuation", "insinuations", "unconfirmed", "hearsay", "gossip",
	"whispers", "whispered", "buzz", "conspiracy", "leaked", "leak", "leaks", "unsubstantiated", "innuendo")

var loaded = set("shocking", "shocked", "outrageous", "outrage", "disgraceful", "disgusting", "despicable",
	"destroy", "destroys", "destroyed", "slams", "slammed", "blasts", "blasted", "rips", "ripped", "epic",
	"insane", "crazy", "evil", "corrupt", "crooked", "traitor", "treason", "leftist", "leftists", "libtard",
	"libtards", "radical", "radicals", "thug", "thugs", "hysterical", "hysteria", "lunatic", "idiot", "idiots",
	"moron", "stupid", "pathetic", "disaster", "catastrophe", "horrifying", "terrifying", "bombshell",
	"explosive", "stunning", "unbelievable", "mainstream", "propaganda", "elite", "elites", "globalist",
	"globalists", "regime", "sheeple", "hoax", "fake", "lies", "liar", "liars", "ire", "agitation", "smear",
	"hit", "witch", "meltdown", "humiliated", "humiliating", "savage", "brutal", "vicious", "tyranny", "tyrant")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Compute fills an.Signals from the rest of the analysis.
func Compute(an *article.Analysis) {
	s := an.Signals
	if s == nil {
		s = article.Signals{}
		an.Signals = s
	}
	var named, persons, anon, docs int
	for _, src := range an.Sources {
		if src.Attributions == 0 {
			continue
		}
		switch src.Type {
		case "person":
			named++
			persons++
		case "organization":
			named++
		case "anonymous":
			anon++
		case "document":
			docs++
		}
	}
	s["named_sources"] = float64(named)
	s["named_person_sources"] = float64(persons)
	s["anonymous_sources"] = float64(anon)
	s["document_sources"] = float64(docs)
	s["anonymous_share"] = ratio(anon, named+anon)
	s["attributions"] = float64(len(an.Attributions))

	text := an.Article.Text
	hedge, rumor, load, words, excl := countTerms(text)
	if an.Article.Words > 0 {
		words = an.Article.Words
	}
	s["words"] = float64(words)
	s["hedges_per_1k_words"] = per1k(hedge, words)
	s["rumor_terms_per_1k_words"] = per1k(rumor, words)
	s["loaded_terms_per_1k_words"] = per1k(load, words)
	s["exclamations_per_1k_words"] = per1k(excl, words)

	// Attributed sentences: a sentence holding a cue or overlapping content.
	sentHit := make([]bool, len(an.Sentences))
	for _, a := range an.Attributions {
		markOverlaps(an.Sentences, a.Cue.Start, a.Cue.End, sentHit)
		markOverlaps(an.Sentences, a.Content.Start, a.Content.End, sentHit)
	}
	attributed := 0
	for _, h := range sentHit {
		if h {
			attributed++
		}
	}
	s["attributed_share"] = ratio(attributed, len(an.Sentences))
	direct := 0
	for _, a := range an.Attributions {
		if a.Kind == "direct" {
			direct++
		}
	}
	s["direct_quote_share"] = ratio(direct, len(an.Attributions))

	quoteSpans := make([]article.Span, 0, len(an.Quotes))
	for _, q := range an.Quotes {
		if q.Depth != 0 || q.InnerStart < 0 || q.InnerEnd > len(text) || q.InnerStart >= q.InnerEnd ||
			strings.TrimSpace(text[q.InnerStart:q.InnerEnd]) == "" {
			continue
		}
		quoteSpans = append(quoteSpans, article.Span{Start: q.Start, End: q.End})
	}
	sort.Slice(quoteSpans, func(i, j int) bool { return quoteSpans[i].Start < quoteSpans[j].Start })
	quoteHit := make([]bool, len(quoteSpans))
	for _, a := range an.Attributions {
		markOverlaps(quoteSpans, a.Content.Start, a.Content.End, quoteHit)
	}
	quotes, unattributed := len(quoteSpans), 0
	for _, h := range quoteHit {
		if !h {
			unattributed++
		}
	}
	s["quotes_per_1k_words"] = per1k(quotes, words)
	s["unattributed_quote_share"] = ratio(unattributed, quotes)

	title := an.Article.Title
	s["title_exclamations"] = float64(strings.Count(title, "!"))
	s["title_caps_share"] = capsShare(title)
	if strings.HasSuffix(strings.TrimSpace(title), "?") {
		s["title_question"] = 1
	} else {
		s["title_question"] = 0
	}
	s["social_posts"] = float64(len(an.SocialPosts))
}

// markOverlaps sets hit[i] for every span of spans (sorted by start, not
// overlapping each other) that overlaps [s,e), by binary search.
func markOverlaps(spans []article.Span, s, e int, hit []bool) {
	if e <= s {
		return
	}
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > s })
	for ; i < len(spans) && spans[i].Start < e; i++ {
		hit[i] = true
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return round(float64(a) / float64(b))
}

func per1k(n, words int) float64 {
	if words == 0 {
		return 0
	}
	return round(1000 * float64(n) / float64(words))
}

func round(x float64) float64 { return math.Round(x*10000) / 10000 }

// countTerms scans the text once: words in each lexicon, words, and
// exclamation marks. Words are ASCII-folded in a reused buffer so the
// scan does not allocate per word.
func countTerms(t string) (hedge, rumor, load, words, excl int) {
	buf := make([]byte, 0, 32)
	for i := 0; i < len(t); {
		c := t[i]
		if c == '!' {
			excl++
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(t[i:])
		}
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		buf = buf[:0]
		j := i
		for j < len(t) {
			r2, n2 := rune(t[j]), 1
			if t[j] >= utf8.RuneSelf {
				r2, n2 = utf8.DecodeRuneInString(t[j:])
			}
			if !unicode.IsLetter(r2) && r2 != '\'' && r2 != '’' {
				break
			}
			if r2 < utf8.RuneSelf {
				b := byte(r2)
				if b >= 'A' && b <= 'Z' {
					b += 'a' - 'A'
				}
				buf = append(buf, b)
			}
			j += n2
		}
		words++
		if hedges[string(buf)] {
			hedge++
		}
		if rumors[string(buf)] {
			rumor++
		}
		if loaded[string(buf)] {
			load++
		}
		i = j
	}
	return
}

// capsShare is the share of title words of two letters or more written
// entirely in capitals.
func capsShare(title string) float64 {
	n, caps := 0, 0
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) < 2 {
			continue
		}
		n++
		if strings.ToUpper(w) == w {
			caps++
		}
	}
	return ratio(caps, n)
}
