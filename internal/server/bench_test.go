package server

import (
	"bufio"
	"encoding/json"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// poolArticle returns the first pool article of 5,000 to 6,250 bytes, or
// skips when ../shared is absent.
func poolArticle(b *testing.B) string {
	f, err := os.Open("../../../shared/data/news/pool.jsonl")
	if err != nil {
		b.Skipf("pool not available: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &rec) == nil && len(rec.Text) >= 5000 && len(rec.Text) <= 6250 {
			return rec.Text
		}
	}
	b.Skip("no 5 KB article in the pool")
	return ""
}

// BenchmarkAnalyzeEndpoint is POST /api/v1/analyze on a 5 KB article
// without the network: the server's share of the load test.
func BenchmarkAnalyzeEndpoint(b *testing.B) {
	text := poolArticle(b)
	s := newServer(&testing.T{}, nil)
	body, _ := json.Marshal(map[string]string{"text": text})
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		r := httptest.NewRequest("POST", "/api/v1/analyze", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.Handler().ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
