package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/store"
	"github.com/credence-news/credence/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := OpenDir(context.Background(), t.TempDir())
		if err != nil {
			t.Fatalf("OpenDir: %v", err)
		}
		return db
	})
}

func TestMigrationsRecordedAndReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := OpenDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(ctx, []store.Item{{Analysis: storetest.Analysis("t", "Some text.", "", "", 0)}}); err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != migrations[len(migrations)-1].version {
		t.Fatalf("SchemaVersion = %d, %v", v, err)
	}
	var mode string
	if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening applies nothing twice and keeps the data.
	db, err = Open(ctx, filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.Count(ctx); err != nil || n != 1 {
		t.Errorf("Count after reopen = %d, %v", n, err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	// A database from a newer credence is refused.
	if _, err := db.w.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (999, 'future', '')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := OpenDir(ctx, dir); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("open of a newer schema: err = %v, want refusal", err)
	}
}

func TestFTSQuery(t *testing.T) {
	cases := map[string]string{
		"pipeline":      `"pipeline"`,
		"a b":           `"a" "b"`,
		`"x" OR y`:      `"x" "OR" "y"`,
		"pipe*":         `"pipe"*`,
		"U.S.":          `"U S"`,
		"***":           ``,
		"NEAR(a b)":     `"NEAR a" "b"`,
		"  ":            ``,
		"Zürich's café": `"Zürich s" "café"`,
	}
	for in, want := range cases {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkPutBatch(b *testing.B) {
	ctx := context.Background()
	db, err := OpenDir(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	body := strings.Repeat("The official said the council would vote on the plan next week. ", 60)
	n := 0
	for b.Loop() {
		items := make([]store.Item, 64)
		for i := range items {
			n++
			items[i] = store.Item{Analysis: storetest.Analysis("t", fmt.Sprintf("%d %s", n, body), "Outlet", "reliable", 0.7,
				storetest.Attr{Source: "The official", Type: "person"})}
		}
		if _, err := db.Put(ctx, items); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkGet(b *testing.B) {
	ctx := context.Background()
	db, err := OpenDir(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	res, err := db.Put(ctx, []store.Item{{Analysis: storetest.Analysis("t", strings.Repeat("Words and more words. ", 250), "", "", 0)}})
	if err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := db.Get(ctx, res[0].ID); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
