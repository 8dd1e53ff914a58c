//go:build unix

package analyze

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/credence-news/credence/internal/article"
)

const poolPath = "../../../shared/data/news/pool.jsonl"

// BenchmarkPool measures the whole analysis, from loading (JSON Lines
// decode) to signals, over ../shared/data/news/pool.jsonl. One op is the
// whole file; articles/s and MB/s are reported, by wall clock and by the
// process's CPU time (cpu-articles/s, cpu-MB/s), which stays meaningful
// when other work shares the machine. Run on one core with
//
//	go test -run XXX -bench Pool -cpu 1 -benchtime 3x ./internal/analyze/
func BenchmarkPool(b *testing.B) {
	st, err := os.Stat(poolPath)
	if err != nil {
		b.Skipf("%s absent: %v", poolPath, err)
	}
	ctx := context.Background()
	b.SetBytes(st.Size())
	b.ReportAllocs()
	n, bad := 0, 0
	cpu0 := cpuTime()
	for b.Loop() {
		err := article.Load(poolPath, article.LoadOptions{}, func(a *article.Article) error {
			if _, err := Run(ctx, a, Options{}); err != nil {
				return err
			}
			n++
			return nil
		}, func(*article.InputError) { bad++ }) // rows without text are skipped, as the CLI does

		if err != nil {
			b.Fatal(err)
		}
	}
	cpu := (cpuTime() - cpu0).Seconds()
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu > 0 {
		b.ReportMetric(float64(n)/cpu, "cpu-articles/s")
		b.ReportMetric(float64(st.Size())*float64(b.N)/cpu/1e6, "cpu-MB/s")
	}
	b.ReportMetric(float64(bad)/float64(b.N), "skipped/op")
}

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
