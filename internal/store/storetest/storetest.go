// Package storetest is the conformance suite every store.Store must pass.
// A backend's test calls Run with a function that opens an empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

// Opener returns a new, empty store; Run closes it.
type Opener func(t *testing.T) store.Store

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"GetRoundTrip", testGetRoundTrip},
		{"Has", testHas},
		{"ListPaging", testListPaging},
		{"Search", testSearch},
		{"Filters", testFilters},
		{"Sources", testSources},
		{"Stats", testStats},
		{"ConcurrentPut", testConcurrentPut},
		{"Ping", testPing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

// Attr is a made-up attribution for Analysis.
type Attr struct {
	Source, Type string
}

// Analysis makes an analysis of a made-up article: text, outlet, the
// model's label and score (no verdict when label is ""), and one
// attribution (and source) per attr.
func Analysis(title, text, outlet, label string, score float64, attrs ...Attr) *article.Analysis {
	an := article.NewAnalysis(&article.Article{Title: title, Text: text, Outlet: outlet})
	an.Article.Words = len(text) / 6
	count := map[Attr]int{}
	for _, a := range attrs {
		an.Attributions = append(an.Attributions, article.Attribution{
			Kind:   "direct",
			Cue:    article.TextSpan{Text: "said"},
			Source: article.AttrSource{Text: a.Source, Entity: a.Source, Type: a.Type},
		})
		count[a]++
	}
	for _, a := range attrs {
		if n := count[a]; n > 0 {
			an.Sources = append(an.Sources, article.Source{Name: a.Source, Type: a.Type, Titles: []string{}, Aliases: []string{}, Mentions: n, Attributions: n})
			count[a] = 0
		}
	}
	if label != "" {
		an.Reliability = article.Reliability{Label: label, Score: score, Model: "test", Reasons: []article.Reason{{Feature: "f", Weight: 0.5}}}
	}
	an.SocialPosts = append(an.SocialPosts, article.SocialPost{Platform: "twitter", Handle: "@someone", Text: "a post"})
	return an
}

func put(t *testing.T, s store.Store, items ...store.Item) []store.PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), items)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if len(res) != len(items) {
		t.Fatalf("Put returned %d results for %d items", len(res), len(items))
	}
	return res
}

func count(t *testing.T, s store.Store) int {
	t.Helper()
	n, err := s.Count(context.Background())
	if err != nil {
		t.Fatalf("Count: %v", err)
	}
	return n
}

func testPutIdempotent(t *testing.T, s store.Store) {
	a := Analysis("One", "The mayor said the bridge would open in May.", "Daily", "", 0)
	res := put(t, s, store.Item{Analysis: a})
	if !res[0].Created || res[0].ID != article.ContentID(a.Article.Text) {
		t.Fatalf("first Put = %+v, want created with id %s", res[0], article.ContentID(a.Article.Text))
	}
	res = put(t, s, store.Item{Analysis: a})
	if res[0].Created {
		t.Errorf("second Put of the same article created it again")
	}
	// The same text with different white space and another id from its
	// input is the same article.
	b := Analysis("One again", "The mayor  said the bridge\nwould open in May. ", "Other", "", 0)
	b.Article.ID = "dataset-id-7"
	res = put(t, s, store.Item{Analysis: b})
	if res[0].Created || res[0].ID != article.ContentID(a.Article.Text) {
		t.Errorf("Put of a white-space variant = %+v, want existing id", res[0])
	}
	// Duplicates inside one batch.
	c := Analysis("Two", "Officials said nothing.", "", "", 0)
	res = put(t, s, store.Item{Analysis: c}, store.Item{Analysis: c})
	if !res[0].Created || res[1].Created {
		t.Errorf("batch with a duplicate = %+v, want created then not", res)
	}
	if n := count(t, s); n != 2 {
		t.Errorf("Count = %d, want 2", n)
	}
	if _, err := s.Put(context.Background(), []store.Item{{Analysis: nil}}); err == nil {
		t.Errorf("Put of a nil analysis: no error")
	}
	if n := count(t, s); n != 2 {
		t.Errorf("Count after failed Put = %d, want 2", n)
	}
	res, err := s.Put(context.Background(), nil)
	if err != nil || len(res) != 0 {
		t.Errorf("Put(nil) = %v, %v", res, err)
	}
}

func testGetRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	text := "A spokesman, who spoke on condition of anonymity, said \"<b>not</b> yet\". Ünïcödé ✓ text."
	a := Analysis("Title <i>", text, "Outlet & Co", "reliable", 0.75,
		Attr{"a spokesman", "anonymous"}, Attr{"Jane Roe", "person"}, Attr{"Jane Roe", "person"})
	a.Article.URL = "https://example.org/x"
	a.Article.Author = "Ann Author"
	a.Article.Published = "2024-01-02"
	a.Signals["anonymous_share"] = 1.0 / 3
	res := put(t, s, store.Item{Analysis: a, Label: "satire", Dataset: "made-up"})
	rec, err := s.Get(ctx, res[0].ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	got, err := rec.Decode()
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	want := *a
	want.Article.ID = res[0].ID
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, &want)
	}
	sum := rec.Summary
	if sum.ID != res[0].ID || sum.Title != "Title <i>" || sum.Outlet != "Outlet & Co" || sum.URL != a.Article.URL ||
		sum.Author != "Ann Author" || sum.Published != "2024-01-02" || sum.Label != "satire" ||
		sum.ReliabilityLabel != "reliable" || sum.ReliabilityScore != 0.75 || sum.Attributions != 3 ||
		sum.Words != a.Article.Words || rec.Dataset != "made-up" {
		t.Errorf("summary = %+v (dataset %q)", sum, rec.Dataset)
	}
	if d := sum.AnonymousShare - 1.0/3; d > 1e-9 || d < -1e-9 {
		t.Errorf("anonymous share = %v, want 1/3", sum.AnonymousShare)
	}
	if sum.Lead == "" || sum.Stored.IsZero() {
		t.Errorf("lead %q, stored %v: want set", sum.Lead, sum.Stored)
	}
	if _, err := s.Get(ctx, "0123456789abcdef01234567"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(unknown) error = %v, want ErrNotFound", err)
	}
	if _, err := s.Get(ctx, "' OR 1=1 --"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(injection) error = %v, want ErrNotFound", err)
	}
}

func testHas(t *testing.T, s store.Store) {
	var items []store.Item
	for i := range 3 {
		items = append(items, store.Item{Analysis: Analysis("", fmt.Sprintf("Article number %d.", i), "", "", 0)})
	}
	res := put(t, s, items...)
	ids := []string{res[0].ID, res[2].ID, "nope"}
	// Many ids, to cross any chunking of the query.
	for i := range 1200 {
		ids = append(ids, fmt.Sprintf("missing-%d", i))
	}
	has, err := s.Has(context.Background(), ids)
	if err != nil {
		t.Fatalf("Has: %v", err)
	}
	if len(has) != 2 || !has[res[0].ID] || !has[res[2].ID] {
		t.Errorf("Has = %v, want the two stored ids", has)
	}
}

func putN(t *testing.T, s store.Store, n int, mk func(i int) *article.Analysis) []string {
	t.Helper()
	var ids []string
	for i := range n {
		res := put(t, s, store.Item{Analysis: mk(i)})
		ids = append(ids, res[0].ID)
	}
	return ids
}

func testListPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	page, err := s.List(ctx, store.Query{})
	if err != nil || len(page.Articles) != 0 || page.Next != "" {
		t.Fatalf("List of empty store = %+v, %v", page, err)
	}
	ids := putN(t, s, 7, func(i int) *article.Analysis {
		return Analysis(fmt.Sprintf("T%d", i), fmt.Sprintf("Body of article %d.", i), "", "", 0)
	})
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatalf("paging does not end")
		}
		page, err := s.List(ctx, store.Query{Limit: 3, Cursor: cursor})
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		if len(page.Articles) > 3 {
			t.Fatalf("page of %d, limit 3", len(page.Articles))
		}
		for _, a := range page.Articles {
			got = append(got, a.ID)
		}
		if page.Next == "" {
			break
		}
		cursor = page.Next
	}
	var want []string
	for i := len(ids) - 1; i >= 0; i-- {
		want = append(want, ids[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paged ids = %v, want newest first %v", got, want)
	}
	page, err = s.List(ctx, store.Query{Limit: 7})
	if err != nil || len(page.Articles) != 7 || page.Next != "" {
		t.Errorf("List(limit=all) = %d articles, next %q, %v; want 7, no next", len(page.Articles), page.Next, err)
	}
	page, err = s.List(ctx, store.Query{Limit: 100000})
	if err != nil || len(page.Articles) != 7 {
		t.Errorf("List(huge limit) = %d, %v", len(page.Articles), err)
	}
	for _, bad := range []string{"garbage!", "eA", "cy0x"} {
		if _, err := s.List(ctx, store.Query{Cursor: bad}); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("List(cursor %q) error = %v, want ErrBadCursor", bad, err)
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	putN(t, s, 3, func(i int) *article.Analysis {
		texts := []string{
			"The senator said the pipeline would create jobs.",
			"Residents opposed the pipeline at a town hall meeting.",
			"A café in Zürich reopened after the flood, the owner said.",
		}
		titles := []string{"Jobs", "Town hall", "Flood"}
		return Analysis(titles[i], texts[i], "", "", 0)
	})
	cases := []struct {
		q    string
		want int
	}{
		{"pipeline", 2},
		{"PIPELINE jobs", 1},
		{"town", 1},   // title and text
		{"flood", 1},  // title
		{"zurich", 1}, // diacritics folded
		{"cafe", 1},
		{"pipe*", 2},
		{"nothing-here-at-all", 0},
		{`"unbalanced`, 0},
		{`pipeline AND OR NOT (`, 0},
		{`NEAR(pipeline jobs)`, 0},
		{"***", 0},
		{"senator's", 0},
	}
	for _, c := range cases {
		page, err := s.List(ctx, store.Query{Text: c.q})
		if err != nil {
			t.Errorf("search %q: %v", c.q, err)
			continue
		}
		if len(page.Articles) != c.want {
			t.Errorf("search %q: %d results, want %d", c.q, len(page.Articles), c.want)
		}
	}
	// Search pages like a plain list.
	page, err := s.List(ctx, store.Query{Text: "pipeline", Limit: 1})
	if err != nil || len(page.Articles) != 1 || page.Next == "" {
		t.Fatalf("search page 1 = %+v, %v", page, err)
	}
	page2, err := s.List(ctx, store.Query{Text: "pipeline", Limit: 1, Cursor: page.Next})
	if err != nil || len(page2.Articles) != 1 || page2.Articles[0].ID == page.Articles[0].ID {
		t.Errorf("search page 2 = %+v, %v", page2, err)
	}
}

func testFilters(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s,
		store.Item{Analysis: Analysis("", "First made-up text.", "Alpha", "reliable", 0.9)},
		store.Item{Analysis: Analysis("", "Second made-up text.", "Alpha", "unreliable", 0.2), Label: "satire"},
		store.Item{Analysis: Analysis("", "Third made-up text.", "Beta", "", 0)},
	)
	cases := []struct {
		q    store.Query
		want int
	}{
		{store.Query{Outlet: "Alpha"}, 2},
		{store.Query{Outlet: "alpha"}, 0},
		{store.Query{Outlet: "Beta"}, 1},
		{store.Query{Label: "reliable"}, 1},
		{store.Query{Label: "unreliable"}, 1},
		{store.Query{Label: "satire"}, 1},
		{store.Query{Outlet: "Alpha", Label: "unreliable", Text: "second"}, 1},
		{store.Query{Outlet: "Beta", Label: "reliable"}, 0},
	}
	for _, c := range cases {
		page, err := s.List(ctx, c.q)
		if err != nil {
			t.Errorf("List(%+v): %v", c.q, err)
			continue
		}
		if len(page.Articles) != c.want {
			t.Errorf("List(%+v) = %d articles, want %d", c.q, len(page.Articles), c.want)
		}
	}
}

func testSources(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s,
		store.Item{Analysis: Analysis("", "One.", "Alpha", "", 0, Attr{"Jane Roe", "person"}, Attr{"Jane Roe", "person"}, Attr{"officials", "anonymous"})},
		store.Item{Analysis: Analysis("", "Two.", "Beta", "", 0, Attr{"jane  roe", "person"}, Attr{"Acme Corp", "organization"})},
		store.Item{Analysis: Analysis("", "Three.", "Beta", "", 0)},
	)
	rep, err := s.Sources(ctx, store.SourceQuery{})
	if err != nil {
		t.Fatalf("Sources: %v", err)
	}
	if rep.Articles != 3 || rep.Attributions != 5 || rep.AnonymousAttributions != 1 || rep.Sources != 3 {
		t.Errorf("totals = %+v, want 3 articles, 5 attributions, 1 anonymous, 3 sources", rep)
	}
	if d := rep.AnonymousShare - 0.2; d > 1e-9 || d < -1e-9 {
		t.Errorf("anonymous share = %v, want 0.2", rep.AnonymousShare)
	}
	if len(rep.Top) != 3 {
		t.Fatalf("top = %+v, want 3 sources", rep.Top)
	}
	top := rep.Top[0]
	if top.Type != "person" || top.Articles != 2 || top.Outlets != 2 || top.Attributions != 3 {
		t.Errorf("top source = %+v, want Jane Roe: person, 2 articles, 2 outlets, 3 attributions", top)
	}
	if rep.ByType["person"] != 3 || rep.ByType["anonymous"] != 1 || rep.ByType["organization"] != 1 {
		t.Errorf("by type = %v", rep.ByType)
	}
	var beta *store.OutletStat
	for i := range rep.Outlets {
		if rep.Outlets[i].Outlet == "Beta" {
			beta = &rep.Outlets[i]
		}
	}
	if beta == nil || beta.Articles != 2 || beta.Attributions != 2 || beta.AnonymousAttributions != 0 {
		t.Errorf("outlet Beta = %+v", beta)
	}
	rep, err = s.Sources(ctx, store.SourceQuery{Type: "anonymous", Limit: 5})
	if err != nil || len(rep.Top) != 1 || rep.Top[0].Name != "officials" {
		t.Errorf("Sources(anonymous) = %+v, %v", rep, err)
	}
	rep, err = s.Sources(ctx, store.SourceQuery{Limit: 1})
	if err != nil || len(rep.Top) != 1 {
		t.Errorf("Sources(limit 1) = %d sources, %v", len(rep.Top), err)
	}
}

func testStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil || st.Articles != 0 || len(st.Reliability) != store.Bins || len(st.Anonymous) != store.Bins {
		t.Fatalf("Stats of empty store = %+v, %v", st, err)
	}
	put(t, s,
		store.Item{Analysis: Analysis("", "A.", "Alpha", "reliable", 0.95, Attr{"x", "anonymous"})},
		store.Item{Analysis: Analysis("", "B.", "Alpha", "unreliable", 0.05, Attr{"y", "person"})},
		store.Item{Analysis: Analysis("", "C.", "Beta", "reliable", 1.0)},
		store.Item{Analysis: Analysis("", "D.", "Beta", "", 0)},
	)
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if st.Articles != 4 {
		t.Errorf("articles = %d, want 4", st.Articles)
	}
	wantRel := make([]int, store.Bins)
	wantRel[0], wantRel[store.Bins-1] = 1, 2
	if !reflect.DeepEqual(st.Reliability, wantRel) {
		t.Errorf("reliability histogram = %v, want %v", st.Reliability, wantRel)
	}
	wantAnon := make([]int, store.Bins)
	wantAnon[0], wantAnon[store.Bins-1] = 1, 1
	if !reflect.DeepEqual(st.Anonymous, wantAnon) {
		t.Errorf("anonymous histogram = %v, want %v (only articles with attributions)", st.Anonymous, wantAnon)
	}
	if st.Labels["reliable"] != 2 || st.Labels["unreliable"] != 1 || len(st.Labels) != 2 {
		t.Errorf("labels = %v", st.Labels)
	}
	if len(st.Outlets) != 2 || st.Outlets[0].Articles != 2 {
		t.Errorf("outlets = %+v", st.Outlets)
	}
}

func testConcurrentPut(t *testing.T, s store.Store) {
	ctx := context.Background()
	var items []store.Item
	for i := range 40 {
		items = append(items, store.Item{Analysis: Analysis("", fmt.Sprintf("Concurrent article %d.", i), "", "", 0)})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every writer stores every item, in batches of 5, from a
			// different starting point; readers run alongside.
			for k := 0; k < len(items); k += 5 {
				j := (k + w*5) % len(items)
				if _, err := s.Put(ctx, items[j:j+5]); err != nil {
					errs <- err
					return
				}
				if _, err := s.List(ctx, store.Query{Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent: %v", err)
	}
	if n := count(t, s); n != len(items) {
		t.Errorf("Count = %d, want %d", n, len(items))
	}
}

func testPing(t *testing.T, s store.Store) {
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
