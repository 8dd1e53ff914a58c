package sqlite

import (
	"context"
	"fmt"
	"time"
)

// migration is one schema step. Steps are applied in order, each in its
// own transaction, and recorded in schema_migrations; a database whose
// recorded version is newer than the last step here is refused rather
// than misread.
type migration struct {
	version int
	name    string
	sql     string
}

var migrations = []migration{
	{1, "articles, full-text index, sources, social posts", `
CREATE TABLE articles (
	seq               INTEGER PRIMARY KEY AUTOINCREMENT,
	id                TEXT NOT NULL UNIQUE,
	title             TEXT NOT NULL,
	url               TEXT NOT NULL,
	outlet            TEXT NOT NULL,
	author            TEXT NOT NULL,
	published         TEXT NOT NULL,
	label             TEXT NOT NULL,
	dataset           TEXT NOT NULL,
	rel_label         TEXT NOT NULL,
	rel_score         REAL,
	anon_share        REAL NOT NULL,
	attributions      INTEGER NOT NULL,
	anon_attributions INTEGER NOT NULL,
	words             INTEGER NOT NULL,
	lead              TEXT NOT NULL,
	stored            INTEGER NOT NULL,
	analysis          BLOB NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet, seq);
CREATE INDEX articles_rel_label ON articles(rel_label, seq);
CREATE INDEX articles_label ON articles(label, seq);
-- Contentless: the text lives once, in the analysis; the index only
-- needs to find rowids (= articles.seq).
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, body, content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE sources (
	article_seq  INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	name         TEXT NOT NULL,
	type         TEXT NOT NULL,
	affiliation  TEXT NOT NULL,
	mentions     INTEGER NOT NULL,
	attributions INTEGER NOT NULL
);
CREATE INDEX sources_key ON sources(key, type);
CREATE INDEX sources_article ON sources(article_seq);
CREATE TABLE social_posts (
	article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
	platform    TEXT NOT NULL,
	author      TEXT NOT NULL,
	handle      TEXT NOT NULL,
	date        TEXT NOT NULL,
	text        TEXT NOT NULL
);
CREATE INDEX social_posts_article ON social_posts(article_seq);
`},
}

func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate %s: %w", db.path, err)
	}
	cur, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	last := migrations[len(migrations)-1].version
	if cur > last {
		return fmt.Errorf("store: %s has schema version %d, newer than this credence knows (%d): upgrade credence", db.path, cur, last)
	}
	for _, m := range migrations {
		if m.version <= cur {
			continue
		}
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("store: migrate to %d: %w", m.version, err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback() //nolint:errcheck // the exec error is the one to report
			return fmt.Errorf("store: migrate to %d (%s): %w", m.version, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied) VALUES (?,?,?)`,
			m.version, m.name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback() //nolint:errcheck // the exec error is the one to report
			return fmt.Errorf("store: migrate to %d: record: %w", m.version, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: migrate to %d: commit: %w", m.version, err)
		}
	}
	return nil
}
