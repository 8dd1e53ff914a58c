package server

import (
	"container/list"
	"sync"
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
