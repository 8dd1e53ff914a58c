package cli

import (
	"context"
	"errors"
	"sync"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
)

// analyzeOrdered analyzes the articles that load produces on workers
// goroutines and calls emit for each analysis in input order, so output
// is the same as a sequential run. At most 4*workers articles are in
// flight, whatever the input size.
func analyzeOrdered(ctx context.Context, workers int, aopts analyze.Options,
	load func(fn func(*article.Article) error) error, emit func(*article.Analysis) error) error {
	workers = max(1, workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		a   *article.Article
	}
	type result struct {
		seq int
		an  *article.Analysis
		err error
	}
	window := make(chan struct{}, 4*workers)
	jobs := make(chan job)
	results := make(chan result, 4*workers)
	errStop := errors.New("stopped")

	loadErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		seq := 0
		err := load(func(a *article.Article) error {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return errStop
			}
			select {
			case jobs <- job{seq, a}:
			case <-ctx.Done():
				return errStop
			}
			seq++
			return nil
		})
		if errors.Is(err, errStop) {
			err = nil
		}
		loadErr <- err
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				an, err := analyze.Run(ctx, j.a, aopts)
				results <- result{j.seq, an, err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := map[int]result{}
	next := 0
	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain so the workers can finish
		}
		pending[r.seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if p.err == nil {
				p.err = emit(p.an)
			}
			if p.err != nil {
				firstErr = p.err
				cancel()
				break
			}
		}
	}
	if err := <-loadErr; err != nil && firstErr == nil {
		firstErr = err
	}
	if firstErr == nil {
		firstErr = ctx.Err() // interrupted
	}
	return firstErr
}
