package signals

import (
	"testing"

	"github.com/credence-news/credence/internal/article"
)

func TestCompute(t *testing.T) {
	a := &article.Article{Title: "SHOCKING Truth Revealed!!", Text: "Officials reportedly said the plan might fail. Rumors and speculation spread! A disgraceful mess."}
	an := article.NewAnalysis(a)
	an.Article.Words = 15
	an.Sentences = []article.Span{{Start: 0, End: 46}, {Start: 47, End: 80}, {Start: 81, End: 97}}
	an.Sources = []article.Source{
		{Name: "Jane Roe", Type: "person", Attributions: 2},
		{Name: "Acme", Type: "organization", Attributions: 1},
		{Name: "a senior official", Type: "anonymous", Attributions: 1},
		{Name: "a poll", Type: "document", Attributions: 1},
		{Name: "Unused", Type: "person"},
	}
	an.Attributions = []article.Attribution{{Kind: "direct", Cue: article.TextSpan{Start: 21, End: 25}, Content: article.TextSpan{Start: 26, End: 45}}}
	an.SocialPosts = []article.SocialPost{{Platform: "twitter"}}
	Compute(an)
	want := map[string]float64{
		"named_sources": 2, "named_person_sources": 1, "anonymous_sources": 1, "document_sources": 1,
		"anonymous_share": 0.3333, "attributions": 1, "attributed_share": 0.3333, "direct_quote_share": 1,
		"hedges_per_1k_words": 133.3333, "rumor_terms_per_1k_words": 133.3333, "loaded_terms_per_1k_words": 66.6667,
		"title_exclamations": 2, "title_caps_share": 0.3333, "title_question": 0, "social_posts": 1, "words": 15,
		"exclamations_per_1k_words": 66.6667, "quotes_per_1k_words": 0,
	}
	for k, v := range want {
		if got, ok := an.Signals[k]; !ok || got != v {
			t.Errorf("%s = %v (set %v), want %v", k, got, ok, v)
		}
	}
	for _, d := range Docs {
		if _, ok := an.Signals[d.Name]; !ok {
			t.Errorf("documented signal %s not set", d.Name)
		}
	}
	if len(an.Signals) != len(Docs) {
		t.Errorf("%d signals set, %d documented", len(an.Signals), len(Docs))
	}
}

func TestComputeEmpty(t *testing.T) {
	an := article.NewAnalysis(&article.Article{})
	Compute(an)
	for k, v := range an.Signals {
		if v != 0 {
			t.Errorf("%s = %v on an empty article", k, v)
		}
	}
}
