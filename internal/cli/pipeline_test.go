package cli

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
)

func loadN(n int) func(fn func(*article.Article) error) error {
	return func(fn func(*article.Article) error) error {
		for i := range n {
			if err := fn(&article.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Article %d said something. Mayor Ortiz said so.", i)}); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestAnalyzeOrderedKeepsOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7} {
		var got []string
		err := analyzeOrdered(context.Background(), workers, analyze.Options{}, loadN(100), func(an *article.Analysis) error {
			got = append(got, an.Article.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 100 {
			t.Fatalf("workers=%d: %d analyses, want 100", workers, len(got))
		}
		for i, id := range got {
			if id != fmt.Sprint(i) {
				t.Fatalf("workers=%d: position %d has article %s", workers, i, id)
			}
		}
	}
}

func TestAnalyzeOrderedStops(t *testing.T) {
	boom := errors.New("disk full")
	n := 0
	err := analyzeOrdered(context.Background(), 2, analyze.Options{}, loadN(1000), func(*article.Analysis) error {
		n++
		if n == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || n != 10 {
		t.Fatalf("err = %v after %d emits, want %v after 10", err, n, boom)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = analyzeOrdered(ctx, 2, analyze.Options{}, loadN(1000), func(*article.Analysis) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: err = %v", err)
	}

	loadErr := errors.New("unreadable")
	err = analyzeOrdered(context.Background(), 2, analyze.Options{}, func(fn func(*article.Article) error) error { return loadErr },
		func(*article.Analysis) error { return nil })
	if !errors.Is(err, loadErr) {
		t.Fatalf("load error: err = %v", err)
	}
}
