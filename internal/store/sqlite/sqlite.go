// Package sqlite is the embedded Store: one SQLite database file (pure Go,
// modernc.org/sqlite) in WAL mode, with FTS5 full-text search over title
// and text and schema migrations recorded in the database itself.
package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
)

// FileName is the database file inside a data directory.
const FileName = "credence.db"

// DB is the SQLite Store. Writes go through one connection (SQLite allows
// one writer at a time; a single connection avoids busy retries), reads
// through a small pool that WAL lets run beside the writer.
type DB struct {
	path string
	w    *sql.DB
	r    *sql.DB
}

var _ store.Store = (*DB)(nil)

// OpenDir opens (creating it and the directory if needed) the database in
// data directory dir.
func OpenDir(ctx context.Context, dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	return Open(ctx, filepath.Join(dir, FileName))
}

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	dsn := func(txlock string) string {
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
			q.Add("_pragma", p)
		}
		if txlock != "" {
			q.Set("_txlock", txlock)
		}
		return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
	}
	w, err := sql.Open("sqlite", dsn("immediate"))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	db := &DB{path: path, w: w}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(""))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	n := 2 * runtime.NumCPU()
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	db.r = r
	return db, nil
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	errs = append(errs, db.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// Ping checks the database answers.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// IntegrityCheck runs PRAGMA integrity_check and returns an error unless
// SQLite reports "ok".
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.r.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return fmt.Errorf("store: integrity check: %w", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	if len(msgs) != 1 || msgs[0] != "ok" {
		return fmt.Errorf("store: integrity check: %s", strings.Join(msgs, "; "))
	}
	return nil
}

// SchemaVersion is the highest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.w.QueryRowContext(ctx, "SELECT COALESCE(MAX(version),0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

const leadBytes = 280

// Put stores items in one transaction.
func (db *DB) Put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	res := make([]store.PutResult, len(items))
	if len(items) == 0 {
		return res, nil
	}
	// Encode outside the transaction: it is the slow part and the
	// writer connection is shared.
	type row struct {
		an   *article.Analysis
		blob []byte
		m    metrics
	}
	rows := make([]row, len(items))
	for i, it := range items {
		if it.Analysis == nil {
			return nil, fmt.Errorf("store: put item %d: nil analysis", i)
		}
		an := *it.Analysis
		an.Article.ID = store.IDOf(&an)
		blob, err := json.Marshal(&an)
		if err != nil {
			return nil, fmt.Errorf("store: put %s: encode: %w", an.Article.ID, err)
		}
		rows[i] = row{an: &an, blob: blob, m: measure(&an)}
		res[i].ID = an.Article.ID
	}

	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: put: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op

	insArticle, err := tx.PrepareContext(ctx, `INSERT INTO articles
		(id, title, url, outlet, author, published, label, dataset, rel_label, rel_score,
		 anon_share, attributions, anon_attributions, words, lead, stored, analysis)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO NOTHING RETURNING seq`)
	if err != nil {
		return nil, fmt.Errorf("store: put: prepare: %w", err)
	}
	defer insArticle.Close()
	insFTS, err := tx.PrepareContext(ctx, `INSERT INTO articles_fts(rowid, title, body) VALUES (?,?,?)`)
	if err != nil {
		return nil, fmt.Errorf("store: put: prepare: %w", err)
	}
	defer insFTS.Close()
	insSource, err := tx.PrepareContext(ctx, `INSERT INTO sources
		(article_seq, key, name, type, affiliation, mentions, attributions) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return nil, fmt.Errorf("store: put: prepare: %w", err)
	}
	defer insSource.Close()
	insPost, err := tx.PrepareContext(ctx, `INSERT INTO social_posts
		(article_seq, platform, author, handle, date, text) VALUES (?,?,?,?,?,?)`)
	if err != nil {
		return nil, fmt.Errorf("store: put: prepare: %w", err)
	}
	defer insPost.Close()

	now := time.Now().UTC().UnixMilli()
	for i, r := range rows {
		a := r.an.Article
		var relScore any
		if r.an.Reliability.Label != "" || r.an.Reliability.Model != "" {
			relScore = r.an.Reliability.Score
		}
		var seq int64
		err := insArticle.QueryRowContext(ctx, a.ID, a.Title, a.URL, a.Outlet, a.Author, a.Published,
			items[i].Label, items[i].Dataset, r.an.Reliability.Label, relScore,
			r.m.anonShare, r.m.attributions, r.m.anonAttributions, a.Words, lead(a.Text), now, r.blob).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			continue // already stored
		}
		if err != nil {
			return nil, fmt.Errorf("store: put %s: %w", a.ID, err)
		}
		res[i].Created = true
		if _, err := insFTS.ExecContext(ctx, seq, a.Title, a.Text); err != nil {
			return nil, fmt.Errorf("store: put %s: index: %w", a.ID, err)
		}
		for _, s := range r.m.sources {
			if _, err := insSource.ExecContext(ctx, seq, s.key, s.Name, s.Type, s.Affiliation, s.Mentions, s.Attributions); err != nil {
				return nil, fmt.Errorf("store: put %s: source: %w", a.ID, err)
			}
		}
		for _, p := range r.an.SocialPosts {
			if _, err := insPost.ExecContext(ctx, seq, p.Platform, p.Author, p.Handle, p.Date, p.Text); err != nil {
				return nil, fmt.Errorf("store: put %s: social post: %w", a.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: put: commit: %w", err)
	}
	return res, nil
}

// metrics are the per-article numbers stored beside the analysis for
// filtering and the dashboard.
type metrics struct {
	attributions, anonAttributions int
	anonShare                      float64
	sources                        []keyedSource
}

type keyedSource struct {
	article.Source
	key string
}

func measure(an *article.Analysis) metrics {
	var m metrics
	m.attributions = len(an.Attributions)
	for _, at := range an.Attributions {
		if at.Source.Type == "anonymous" {
			m.anonAttributions++
		}
	}
	if v, ok := an.Signals["anonymous_share"]; ok {
		m.anonShare = v
	} else if m.attributions > 0 {
		m.anonShare = float64(m.anonAttributions) / float64(m.attributions)
	}
	// One row per distinct (name, type) in the article, so that corpus
	// counts of articles are right even if a stage repeats a source.
	seen := map[string]int{}
	for _, s := range an.Sources {
		key := sourceKey(s.Name)
		if key == "" {
			continue
		}
		k := key + "\x00" + s.Type
		if j, ok := seen[k]; ok {
			m.sources[j].Mentions += s.Mentions
			m.sources[j].Attributions += s.Attributions
			continue
		}
		seen[k] = len(m.sources)
		m.sources = append(m.sources, keyedSource{Source: s, key: key})
	}
	return m
}

// sourceKey folds case and spacing so that "Sarah Sanders" and
// "sarah  sanders" count as one source across articles.
func sourceKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

func lead(text string) string {
	s := strings.Join(strings.Fields(text[:min(len(text), 4*leadBytes)]), " ")
	if len(s) <= leadBytes {
		return s
	}
	cut := leadBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Has reports which ids are stored.
func (db *DB) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		part := ids[:n]
		ids = ids[n:]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		q := "SELECT id FROM articles WHERE id IN (?" + strings.Repeat(",?", len(part)-1) + ")"
		rows, err := db.r.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("store: has: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: has: %w", err)
			}
			out[id] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: has: %w", err)
		}
	}
	return out, nil
}

const summaryCols = `a.seq, a.id, a.title, a.url, a.outlet, a.author, a.published, a.words, a.label,
	a.rel_label, COALESCE(a.rel_score, 0), a.anon_share, a.attributions, a.lead, a.stored`

type scanner interface{ Scan(dest ...any) error }

func scanSummary(sc scanner, extra ...any) (store.Summary, int64, error) {
	var s store.Summary
	var seq, stored int64
	dest := append([]any{&seq, &s.ID, &s.Title, &s.URL, &s.Outlet, &s.Author, &s.Published, &s.Words, &s.Label,
		&s.ReliabilityLabel, &s.ReliabilityScore, &s.AnonymousShare, &s.Attributions, &s.Lead, &stored}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return s, 0, err
	}
	s.Stored = time.UnixMilli(stored).UTC()
	return s, seq, nil
}

// Get returns one article.
func (db *DB) Get(ctx context.Context, id string) (*store.Record, error) {
	var rec store.Record
	var blob []byte
	row := db.r.QueryRowContext(ctx, "SELECT "+summaryCols+", a.dataset, a.analysis FROM articles a WHERE a.id = ?", id)
	s, _, err := scanSummary(row, &rec.Dataset, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: get %s: %w", id, err)
	}
	rec.Summary = s
	rec.Analysis = blob
	return &rec, nil
}

// List returns a page of articles, newest first.
func (db *DB) List(ctx context.Context, q store.Query) (store.Page, error) {
	page := store.Page{Articles: []store.Summary{}}
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	var where []string
	var args []any
	from := "articles a"
	if strings.TrimSpace(q.Text) != "" {
		m := ftsQuery(q.Text)
		if m == "" {
			return page, nil // nothing searchable in the query
		}
		from = "articles a JOIN articles_fts f ON f.rowid = a.seq"
		where = append(where, "articles_fts MATCH ?")
		args = append(args, m)
	}
	if q.Outlet != "" {
		where = append(where, "a.outlet = ?")
		args = append(args, q.Outlet)
	}
	if q.Label != "" {
		where = append(where, "(a.rel_label = ? OR a.label = ?)")
		args = append(args, q.Label, q.Label)
	}
	if q.Cursor != "" {
		seq, err := decodeCursor(q.Cursor)
		if err != nil {
			return page, err
		}
		where = append(where, "a.seq < ?")
		args = append(args, seq)
	}
	sqlq := "SELECT " + summaryCols + " FROM " + from
	if len(where) > 0 {
		sqlq += " WHERE " + strings.Join(where, " AND ")
	}
	sqlq += " ORDER BY a.seq DESC LIMIT ?"
	args = append(args, limit+1)
	rows, err := db.r.QueryContext(ctx, sqlq, args...)
	if err != nil {
		return page, fmt.Errorf("store: list: %w", err)
	}
	defer rows.Close()
	var lastSeq int64
	for rows.Next() {
		s, seq, err := scanSummary(rows)
		if err != nil {
			return page, fmt.Errorf("store: list: %w", err)
		}
		if len(page.Articles) == limit {
			page.Next = encodeCursor(lastSeq)
			break
		}
		page.Articles = append(page.Articles, s)
		lastSeq = seq
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("store: list: %w", err)
	}
	return page, nil
}

// ftsQuery turns what a person typed into an FTS5 query: each word quoted
// (so operators and punctuation are literal) and all required; a word
// ending in * is a prefix.
func ftsQuery(s string) string {
	var terms []string
	for _, f := range strings.Fields(s) {
		prefix := strings.HasSuffix(f, "*")
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return ' '
		}, f)
		parts := strings.Fields(w)
		if len(parts) == 0 {
			continue
		}
		// "U.S." or "e-mail" become a phrase of their parts, which is
		// how the unicode61 tokenizer indexed them.
		t := `"` + strings.Join(parts, " ") + `"`
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	return strings.Join(terms, " ")
}

func encodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("s" + strconv.FormatInt(seq, 10)))
}

func decodeCursor(c string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 's' {
		return 0, store.ErrBadCursor
	}
	seq, err := strconv.ParseInt(string(b[1:]), 10, 64)
	if err != nil || seq <= 0 {
		return 0, store.ErrBadCursor
	}
	return seq, nil
}

// Count is the number of stored articles.
func (db *DB) Count(ctx context.Context) (int, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	return n, nil
}

// Sources reports corpus-wide source statistics.
func (db *DB) Sources(ctx context.Context, q store.SourceQuery) (*store.SourceReport, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	limit = min(limit, store.MaxLimit)
	rep := &store.SourceReport{ByType: map[string]int{}, Top: []store.SourceStat{}, Outlets: []store.OutletStat{}}
	err := db.r.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(attributions),0), COALESCE(SUM(anon_attributions),0) FROM articles`).
		Scan(&rep.Articles, &rep.Attributions, &rep.AnonymousAttributions)
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	if rep.Attributions > 0 {
		rep.AnonymousShare = float64(rep.AnonymousAttributions) / float64(rep.Attributions)
	}
	if err := db.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM sources GROUP BY key, type)`).Scan(&rep.Sources); err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT type, SUM(attributions) FROM sources GROUP BY type`)
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sources: %w", err)
		}
		rep.ByType[t] = n
	}
	rows.Close()

	var where string
	args := []any{}
	if q.Type != "" {
		where = "WHERE s.type = ?"
		args = append(args, q.Type)
	}
	args = append(args, limit)
	rows, err = db.r.QueryContext(ctx, `SELECT MIN(s.name), s.type, COUNT(DISTINCT s.article_seq),
		COUNT(DISTINCT NULLIF(a.outlet, '')), SUM(s.attributions), SUM(s.mentions)
		FROM sources s JOIN articles a ON a.seq = s.article_seq `+where+`
		GROUP BY s.key, s.type
		ORDER BY SUM(s.attributions) DESC, COUNT(DISTINCT s.article_seq) DESC, s.key LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	for rows.Next() {
		var s store.SourceStat
		if err := rows.Scan(&s.Name, &s.Type, &s.Articles, &s.Outlets, &s.Attributions, &s.Mentions); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sources: %w", err)
		}
		rep.Top = append(rep.Top, s)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, fmt.Errorf("store: sources: %w", err)
	}
	if rep.Outlets, err = db.outlets(ctx, 50); err != nil {
		return nil, err
	}
	return rep, nil
}

func (db *DB) outlets(ctx context.Context, limit int) ([]store.OutletStat, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT outlet, COUNT(*), SUM(attributions), SUM(anon_attributions)
		FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	defer rows.Close()
	out := []store.OutletStat{}
	for rows.Next() {
		var o store.OutletStat
		if err := rows.Scan(&o.Outlet, &o.Articles, &o.Attributions, &o.AnonymousAttributions); err != nil {
			return nil, fmt.Errorf("store: outlets: %w", err)
		}
		if o.Attributions > 0 {
			o.AnonymousShare = float64(o.AnonymousAttributions) / float64(o.Attributions)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: outlets: %w", err)
	}
	return out, nil
}

// Stats reports what the dashboard draws.
func (db *DB) Stats(ctx context.Context) (*store.Stats, error) {
	st := &store.Stats{
		Reliability: make([]int, store.Bins),
		Anonymous:   make([]int, store.Bins),
		Labels:      map[string]int{},
	}
	if err := db.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&st.Articles); err != nil {
		return nil, fmt.Errorf("store: stats: %w", err)
	}
	hist := func(q string, into []int) error {
		rows, err := db.r.QueryContext(ctx, q, store.Bins, store.Bins-1)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b, n int
			if err := rows.Scan(&b, &n); err != nil {
				return err
			}
			if b >= 0 && b < len(into) {
				into[b] += n
			}
		}
		return rows.Err()
	}
	if err := hist(`SELECT MIN(MAX(CAST(rel_score * ? AS INTEGER), 0), ?) AS b, COUNT(*) FROM articles
		WHERE rel_score IS NOT NULL GROUP BY b`, st.Reliability); err != nil {
		return nil, fmt.Errorf("store: stats: reliability: %w", err)
	}
	if err := hist(`SELECT MIN(MAX(CAST(anon_share * ? AS INTEGER), 0), ?) AS b, COUNT(*) FROM articles
		WHERE attributions > 0 GROUP BY b`, st.Anonymous); err != nil {
		return nil, fmt.Errorf("store: stats: anonymous share: %w", err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT rel_label, COUNT(*) FROM articles WHERE rel_label != '' GROUP BY rel_label`)
	if err != nil {
		return nil, fmt.Errorf("store: stats: labels: %w", err)
	}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: stats: labels: %w", err)
		}
		st.Labels[l] = n
	}
	rows.Close()
	if st.Outlets, err = db.outlets(ctx, 15); err != nil {
		return nil, err
	}
	return st, nil
}
