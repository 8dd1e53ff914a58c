package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/store"
	"github.com/credence-news/credence/internal/store/storetest"
)

// FuzzSearch checks that no query a person can type makes FTS5 fail:
// ftsQuery quotes everything, so List must answer without error.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"pipeline", `"unbalanced`, "a AND OR NOT (", "NEAR(a b)", "***", "col:word", "^start", "a -b", "x*y*", "\x00", "Zürich's café"} {
		f.Add(s)
	}
	db, err := OpenDir(context.Background(), f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Put(context.Background(), []store.Item{{Analysis: storetest.Analysis("Pipeline", "The senator said the pipeline would create jobs.", "", "", 0)}}); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if !utf8.ValidString(q) {
			return
		}
		if _, err := db.List(context.Background(), store.Query{Text: q, Limit: 5}); err != nil {
			t.Errorf("List(%q): %v (fts query %q)", q, err, ftsQuery(q))
		}
	})
}

// FuzzCursor checks that any cursor either decodes to a positive position
// or is refused with ErrBadCursor.
func FuzzCursor(f *testing.F) {
	for _, s := range []string{encodeCursor(1), encodeCursor(1 << 40), "", "eA", "cy0x", "!!!", strings.Repeat("A", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		seq, err := decodeCursor(c)
		if err != nil {
			if !errors.Is(err, store.ErrBadCursor) {
				t.Errorf("decodeCursor(%q) error %v, want ErrBadCursor", c, err)
			}
			return
		}
		if seq <= 0 {
			t.Errorf("decodeCursor(%q) = %d", c, seq)
		}
	})
}
