package model

import (
	"os"
	"syscall"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

const poolPath = "../../../shared/data/news/pool.jsonl"

// poolInputs reads up to n labelled pool articles, or skips.
func poolInputs(tb testing.TB, n int) []Input {
	tb.Helper()
	if _, err := os.Stat(poolPath); err != nil {
		tb.Skipf("pool not available at %s: %v", poolPath, err)
	}
	var in []Input
	err := article.Load(poolPath, article.LoadOptions{}, func(a *article.Article) error {
		if len(in) < n {
			in = append(in, Input{Title: a.Title, Text: a.Text})
		}
		return nil
	}, func(*article.InputError) {})
	if err != nil {
		tb.Fatal(err)
	}
	return in
}

// BenchmarkPredict measures the default model alone on one core, from
// raw title and text: outlet-tell stripping, tokenizing, hashing, the
// dot products and calibration are all included (the analysis pipeline
// that computes signals is not; signals are absent here). Articles are
// the first 1,000 of the pool (mean ~3 KB of text).
func BenchmarkPredict(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	in := poolInputs(b, 1000)
	bytes := 0
	for _, x := range in {
		bytes += len(x.Title) + len(x.Text)
	}
	var ps predictScratch
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.predict(&ps, in[i%len(in)], false, 0)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// On a shared machine wall time overstates the cost; the process's
	// CPU time (run with -cpu 1) is what one core spends.
	b.ReportMetric(float64(b.N)/(cpuSeconds()-cpu0), "articles/cpu-s")
	b.SetBytes(int64(bytes / len(in)))
}

// BenchmarkPredictExplain is BenchmarkPredict with reasons, as Score
// does.
func BenchmarkPredictExplain(b *testing.B) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	in := poolInputs(b, 1000)
	var ps predictScratch
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m.predict(&ps, in[i%len(in)], true, MaxReasons)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/(cpuSeconds()-cpu0), "articles/cpu-s")
}

// BenchmarkClean measures outlet-tell stripping alone.
func BenchmarkClean(b *testing.B) {
	in := poolInputs(b, 1000)
	for i := 0; b.Loop(); i++ {
		Clean(in[i%len(in)].Text)
	}
}

// cpuSeconds is the user+system CPU time of the process so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
