package attrib_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

// The seed article and its golden checklist live in ../shared (never
// copied into the project).
const sharedDir = "../../../shared"

type goldAttribution struct {
	Kind            string `json:"kind"`
	Source          string `json:"source"`
	ResolvesTo      string `json:"resolves_to"`
	SourceType      string `json:"source_type"`
	Affiliation     string `json:"affiliation"`
	Cue             string `json:"cue"`
	ContentContains string `json:"content_contains"`
}

type goldSeed struct {
	Article     string `json:"article"`
	SocialPosts struct {
		Required []article.SocialPost `json:"required"`
	} `json:"social_posts"`
	Attributions struct {
		Required []goldAttribution `json:"required"`
		Optional []goldAttribution `json:"optional"`
	} `json:"attributions"`
	Sources struct {
		RequiredNamed      []string          `json:"required_named"`
		RequiredAnonymous  []string          `json:"required_anonymous"`
		RequiredTitles     map[string]string `json:"required_titles"`
		RequiredSameEntity [][]string        `json:"required_same_entity"`
	} `json:"sources"`
	Entities struct {
		RequiredPeople        []string   `json:"required_people"`
		RequiredOrganizations []string   `json:"required_organizations"`
		OptionalSameEntity    [][]string `json:"optional_same_entity"`
		RequiredDates         []string   `json:"required_dates"`
	} `json:"entities"`
	Signals struct {
		Expected struct {
			Terms []string `json:"hedging_or_rumor_terms_present"`
		} `json:"expected"`
	} `json:"signals"`
}

func (g goldAttribution) match(a article.Attribution) bool {
	has := func(s, sub string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(sub)) }
	return a.Kind == g.Kind &&
		(has(a.Source.Text, g.Source) || has(a.Source.Entity, g.Source)) &&
		(g.ResolvesTo == "" || a.Source.Entity == g.ResolvesTo) &&
		a.Source.Type == g.SourceType &&
		(g.Affiliation == "" || has(a.Source.Affiliation, g.Affiliation)) &&
		(g.Cue == "" || has(a.Cue.Text, g.Cue)) &&
		has(a.Content.Text, g.ContentContains)
}

// TestSeedGolden checks every required item of the seed article's golden
// checklist and logs which optional ones are found.
func TestSeedGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir, "golden", "seed-article.json"))
	if err != nil {
		t.Skipf("golden seed checklist absent (%v); skipping", err)
	}
	var g goldSeed
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("golden: %v", err)
	}
	txt, err := os.ReadFile(filepath.Join(sharedDir, g.Article))
	if err != nil {
		t.Skipf("seed article absent (%v); skipping", err)
	}
	an := run(t, string(txt))
	checkOffsets(t, an)

	for _, w := range g.SocialPosts.Required {
		found := false
		for _, p := range an.SocialPosts {
			if p.Platform == w.Platform && p.Author == w.Author && p.Handle == w.Handle && p.Date == w.Date && p.Text == w.Text {
				found = true
			}
		}
		if !found {
			t.Errorf("social post not found: %+v (have %+v)", w, an.SocialPosts)
		}
	}
	for _, w := range g.Attributions.Required {
		if !anyAttribution(an, w) {
			t.Errorf("required attribution not found: %+v", w)
		}
	}
	for _, w := range g.Attributions.Optional {
		t.Logf("optional attribution %q %q found: %v", w.Source, w.Cue, anyAttribution(an, w))
	}
	source := func(name, typ string, contains bool) *article.Source {
		for i, s := range an.Sources {
			if s.Type == typ && (s.Name == name || contains && strings.Contains(s.Name, name)) {
				return &an.Sources[i]
			}
		}
		return nil
	}
	for _, n := range g.Sources.RequiredNamed {
		if source(n, "person", false) == nil && source(n, "organization", false) == nil {
			t.Errorf("named source %q not found", n)
		}
	}
	for _, n := range g.Sources.RequiredAnonymous {
		if source(n, "anonymous", true) == nil {
			t.Errorf("anonymous source %q not found", n)
		}
	}
	for n, title := range g.Sources.RequiredTitles {
		s := source(n, "person", false)
		if s == nil || !contains(s.Titles, title) {
			t.Errorf("source %q lacks title %q: %+v", n, title, s)
		}
	}
	canon := func(name string) map[string]bool {
		out := map[string]bool{}
		for _, e := range an.Entities {
			if norm(e.Text) == norm(name) {
				out[e.Canonical] = true
			}
		}
		return out
	}
	sameEntity := func(names []string) bool {
		var common map[string]bool
		for _, n := range names {
			c := canon(n)
			if common == nil {
				common = c
				continue
			}
			for k := range common {
				if !c[k] {
					delete(common, k)
				}
			}
		}
		return len(common) > 0
	}
	for _, names := range g.Sources.RequiredSameEntity {
		if !sameEntity(names) {
			t.Errorf("not one entity: %q", names)
		}
	}
	for _, names := range g.Entities.OptionalSameEntity {
		t.Logf("optional same entity %q: %v", names, sameEntity(names))
	}
	entity := func(canonical, typ string) bool {
		for _, e := range an.Entities {
			if e.Type == typ && (e.Canonical == canonical || typ == "date" && e.Text == canonical) {
				return true
			}
		}
		return false
	}
	for _, n := range g.Entities.RequiredPeople {
		if !entity(n, "person") {
			t.Errorf("person %q not found", n)
		}
	}
	for _, n := range g.Entities.RequiredOrganizations {
		if !entity(n, "organization") {
			t.Errorf("organization %q not found", n)
		}
	}
	for _, n := range g.Entities.RequiredDates {
		if !entity(n, "date") {
			t.Errorf("date %q not found", n)
		}
	}
	if an.Signals["named_person_sources"] < 3 || an.Signals["anonymous_sources"] < 3 || an.Signals["social_posts"] != 2 {
		t.Errorf("signals: %v", an.Signals)
	}
	if an.Signals["hedges_per_1k_words"] == 0 || an.Signals["rumor_terms_per_1k_words"] == 0 {
		t.Errorf("hedging/rumor terms %q not counted: %v", g.Signals.Expected.Terms, an.Signals)
	}
	damage := false
	for _, w := range an.Warnings {
		if strings.Contains(w, "“ ”") && strings.Contains(w, "( )") {
			damage = true
		}
	}
	t.Logf("optional damage warning on “ ” and ( ): %v", damage)
}

func anyAttribution(an *article.Analysis, w goldAttribution) bool {
	for _, a := range an.Attributions {
		if w.match(a) {
			return true
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// norm folds case and a leading article: "the Caller" is "Caller".
func norm(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "the ")
}
