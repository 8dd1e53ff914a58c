package text_test

import (
	"bufio"
	"encoding/json"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/credence-news/credence/internal/text"
)

// newsPool holds real articles for the benchmarks; it is read from
// ../shared and never copied into the project.
const newsPool = "../../../shared/data/news/pool.jsonl"

var (
	poolOnce  sync.Once
	poolTexts []string
	poolBytes int64
	poolErr   error
)

func loadPool(b *testing.B) ([]string, int64) {
	b.Helper()
	poolOnce.Do(func() {
		f, err := os.Open(newsPool)
		if err != nil {
			poolErr = err
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				poolErr = err
				return
			}
			if a.Text != "" {
				poolTexts = append(poolTexts, a.Text)
				poolBytes += int64(len(a.Text))
			}
		}
		poolErr = sc.Err()
	})
	if poolErr != nil || len(poolTexts) == 0 {
		b.Skipf("news pool not available (%v); run from a checkout with ../shared", poolErr)
	}
	return poolTexts, poolBytes
}

// cpuMeter reports MB per CPU-second next to the wall-clock MB/s.
type cpuMeter struct {
	start time.Duration
	ok    bool
}

func startCPU() cpuMeter {
	t, ok := cpuTime()
	return cpuMeter{t, ok}
}

func (m cpuMeter) report(b *testing.B, bytes int64) {
	t, ok := cpuTime()
	if !ok || !m.ok || t <= m.start {
		return
	}
	b.ReportMetric(float64(bytes)*float64(b.N)/1e6/(t-m.start).Seconds(), "MB/cpu-s")
}

// BenchmarkTextCore runs tokenize + sentences + quotes + paragraphs over
// every article of the pool per iteration, reusing buffers as a batch
// analyser would.
func BenchmarkTextCore(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	var (
		toks  []text.Token
		sents []text.Span
		paras []text.Span
		qs    []text.QuoteSpan
	)
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			toks = text.AppendTokens(toks[:0], s)
			sents = text.AppendSentences(sents[:0], s)
			qs = text.AppendQuotes(qs[:0], s)
			paras = text.AppendParagraphs(paras[:0], s)
		}
	}
	m.report(b, n)
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkTextCoreAlloc is the same through the allocating API
// (Tokenize, Sentences, Quotes, Paragraphs), as analyze.Run calls it.
func BenchmarkTextCoreAlloc(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			text.Tokenize(s)
			text.Sentences(s)
			text.Quotes(s)
			text.Paragraphs(s)
		}
	}
	m.report(b, n)
}

func BenchmarkTokenize(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	var toks []text.Token
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			toks = text.AppendTokens(toks[:0], s)
		}
	}
	m.report(b, n)
}

func BenchmarkSentences(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	var sents []text.Span
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			sents = text.AppendSentences(sents[:0], s)
		}
	}
	m.report(b, n)
}

func BenchmarkQuotes(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	var qs []text.QuoteSpan
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			qs = text.AppendQuotes(qs[:0], s)
		}
	}
	m.report(b, n)
}

func BenchmarkParagraphs(b *testing.B) {
	texts, n := loadPool(b)
	b.SetBytes(n)
	b.ReportAllocs()
	var ps []text.Span
	m := startCPU()
	for b.Loop() {
		for _, s := range texts {
			ps = text.AppendParagraphs(ps[:0], s)
		}
	}
	m.report(b, n)
}
