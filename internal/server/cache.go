package server

import (
	"container/list"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/credence-news/credence/internal/store"
)

// bodyCache keeps the encoded GET /api/v1/articles/{id} responses of
// recently read articles. Stored articles never change (the id is the
// hash of the text and a second store of the same text is a no-op), so
// an entry never goes stale; the cache is bounded in bytes.
type bodyCache struct {
	mu    sync.Mutex
	max   int
	size  int
	ll    *list.List
	items map[string]*list.Element
}

type cacheEntry struct {
	key  string
	body []byte
}

func newBodyCache(maxBytes int) *bodyCache {
	return &bodyCache{max: maxBytes, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *bodyCache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry).body, true
	}
	return nil, false
}

func (c *bodyCache) put(key string, body []byte) {
	if c == nil || len(body) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; ok {
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key, body})
	c.size += len(body)
	for c.size > c.max {
		e := c.ll.Back()
		ent := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.items, ent.key)
		c.size -= len(ent.body)
	}
}

// reportCache keeps the corpus-wide reports (sources, stats) for a short
// while: they aggregate the whole corpus, and a dashboard does not need
// them fresher than a few seconds. A store through this server clears it.
type reportCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]reportEntry
}

type reportEntry struct {
	v    any
	made time.Time
}

func newReportCache(ttl time.Duration) *reportCache {
	return &reportCache{ttl: ttl, entries: map[string]reportEntry{}}
}

// get returns the cached value for key or computes it with fn.
func (c *reportCache) get(key string, fn func() (any, error)) (any, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && time.Since(e.made) < c.ttl {
		return e.v, nil
	}
	v, err := fn()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) > 256 {
		clear(c.entries)
	}
	c.entries[key] = reportEntry{v, time.Now()}
	c.mu.Unlock()
	return v, nil
}

func (c *reportCache) clear() {
	c.mu.Lock()
	clear(c.entries)
	c.mu.Unlock()
}

func (s *Server) sourceReport(ctx context.Context, q store.SourceQuery) (*store.SourceReport, error) {
	v, err := s.reports.get(fmt.Sprintf("sources\x00%s\x00%d", q.Type, q.Limit), func() (any, error) {
		return s.store.Sources(ctx, q)
	})
	if err != nil {
		return nil, err
	}
	return v.(*store.SourceReport), nil
}

func (s *Server) stats(ctx context.Context) (*store.Stats, error) {
	v, err := s.reports.get("stats", func() (any, error) { return s.store.Stats(ctx) })
	if err != nil {
		return nil, err
	}
	return v.(*store.Stats), nil
}
