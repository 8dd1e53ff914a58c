// Package store keeps analysed articles: the Store interface every backend
// implements, and the types it takes and returns. The embedded SQLite
// backend is in store/sqlite; storetest holds the conformance suite every
// backend must pass.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/credence-news/credence/internal/article"
)

// ErrNotFound is returned by Get for an unknown id.
var ErrNotFound = errors.New("store: not found")

// ErrBadCursor is returned by List for a cursor it did not issue.
var ErrBadCursor = errors.New("store: invalid cursor")

// Item is one article to store: its analysis and what the corpus said of
// it (a label given by a dataset, never by the model).
type Item struct {
	Analysis *article.Analysis
	Label    string // label given with the input (reliable, unreliable, satire), if any
	Dataset  string
}

// PutResult tells what Put did with one item.
type PutResult struct {
	ID      string
	Created bool // false when an article with the same id was already stored
}

// Record is one stored article.
type Record struct {
	Summary
	Dataset string
	// Analysis is the credence.analysis/v1 JSON document as stored.
	Analysis json.RawMessage
}

// Decode parses the stored analysis.
func (r *Record) Decode() (*article.Analysis, error) {
	var an article.Analysis
	if err := json.Unmarshal(r.Analysis, &an); err != nil {
		return nil, fmt.Errorf("store: decode analysis %s: %w", r.ID, err)
	}
	return &an, nil
}

// Summary is what a list of articles shows of each.
type Summary struct {
	ID               string    `json:"id"`
	Title            string    `json:"title"`
	URL              string    `json:"url"`
	Outlet           string    `json:"outlet"`
	Author           string    `json:"author"`
	Published        string    `json:"published"`
	Words            int       `json:"words"`
	Label            string    `json:"label"`             // given with the input
	ReliabilityLabel string    `json:"reliability_label"` // the model's
	ReliabilityScore float64   `json:"reliability_score"`
	AnonymousShare   float64   `json:"anonymous_share"`
	Attributions     int       `json:"attributions"`
	Lead             string    `json:"lead"` // the first few hundred bytes of the text
	Stored           time.Time `json:"stored"`
}

// Query selects articles for List. Empty fields do not filter.
type Query struct {
	Text   string // full-text search over title and text (FTS5 syntax is escaped: words are ANDed)
	Outlet string // exact outlet
	Label  string // the model's reliability label, or the given label
	Limit  int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor string // from Page.Next
}

// Paging limits.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// Page is one page of List results, newest first.
type Page struct {
	Articles []Summary `json:"articles"`
	Next     string    `json:"next_cursor"` // empty on the last page
}

// SourceStat is one source across the corpus. Sources are grouped by
// case-folded name and type.
type SourceStat struct {
	Name         string `json:"name"`
	Type         string `json:"type"`
	Articles     int    `json:"articles"`
	Outlets      int    `json:"outlets"`
	Attributions int    `json:"attributions"`
	Mentions     int    `json:"mentions"`
}

// OutletStat is one outlet's sourcing across the corpus.
type OutletStat struct {
	Outlet                string  `json:"outlet"`
	Articles              int     `json:"articles"`
	Attributions          int     `json:"attributions"`
	AnonymousAttributions int     `json:"anonymous_attributions"`
	AnonymousShare        float64 `json:"anonymous_share"`
}

// SourceReport is the corpus-wide source statistics.
type SourceReport struct {
	Articles              int            `json:"articles"`
	Sources               int            `json:"sources"`
	Attributions          int            `json:"attributions"`
	AnonymousAttributions int            `json:"anonymous_attributions"`
	AnonymousShare        float64        `json:"anonymous_share"`
	ByType                map[string]int `json:"attributions_by_type"`
	Top                   []SourceStat   `json:"top_sources"`
	Outlets               []OutletStat   `json:"outlets"`
}

// SourceQuery selects what Sources reports.
type SourceQuery struct {
	Type  string // only sources of this type
	Limit int    // top sources; 0 means DefaultLimit, at most MaxLimit
}

// Stats is what the dashboard draws.
type Stats struct {
	Articles int `json:"articles"`
	// Reliability and Anonymous are histograms over [0,1] in Bins bins;
	// articles with no reliability score (model off) are not counted in
	// Reliability.
	Reliability []int          `json:"reliability_histogram"`
	Anonymous   []int          `json:"anonymous_share_histogram"`
	Labels      map[string]int `json:"reliability_labels"`
	Outlets     []OutletStat   `json:"outlets"`
}

// Bins is the number of histogram bins in Stats.
const Bins = 10

// Store keeps analysed articles. Implementations are safe for concurrent
// use.
type Store interface {
	// Put stores items in one transaction: all or none. An item whose id
	// (article.ContentID of its text) is already stored is left as it is.
	Put(ctx context.Context, items []Item) ([]PutResult, error)
	// Has reports which of ids are stored.
	Has(ctx context.Context, ids []string) (map[string]bool, error)
	// Get returns one article or ErrNotFound.
	Get(ctx context.Context, id string) (*Record, error)
	// List returns a page of articles matching q, newest first.
	List(ctx context.Context, q Query) (Page, error)
	// Sources reports source statistics over the whole corpus.
	Sources(ctx context.Context, q SourceQuery) (*SourceReport, error)
	// Stats reports what the dashboard shows.
	Stats(ctx context.Context) (*Stats, error)
	// Count is the number of stored articles.
	Count(ctx context.Context) (int, error)
	// Ping checks the store can answer.
	Ping(ctx context.Context) error
	Close() error
}

// IDOf is the id an article is stored under: the content hash of its
// normalized text (article.ContentID), whatever id its input gave it, so
// that the same text stored twice is one article.
func IDOf(an *article.Analysis) string {
	return article.ContentID(an.Article.Text)
}
