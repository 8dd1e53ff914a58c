// Command segbench compares credence's sentence segmenter with a peer, the
// pure-Go Punkt segmenter github.com/neurosnap/sentences (the one the Go
// library prose uses), in one run: speed over the pool's article texts and
// passes on the Golden Rules. It is a module of its own so that the peer
// never becomes a dependency of credence.
//
//	cd scripts/segbench && go run . [-pool FILE] [-golden FILE] [-rounds N]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/eval"
	"github.com/neurosnap/sentences/english"
)

func main() {
	pool := flag.String("pool", "../../../shared/data/news/pool.jsonl", "JSONL file whose text fields are segmented")
	golden := flag.String("golden", "../../../shared/data/segmentation/golden-rules-en.jsonl", "Golden Rules JSONL file")
	rounds := flag.Int("rounds", 3, "passes over the pool per segmenter (the fastest is reported)")
	flag.Parse()
	if err := run(*pool, *golden, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "segbench:", err)
		os.Exit(1)
	}
}

func run(poolPath, goldenPath string, rounds int) error {
	texts, size, err := readTexts(poolPath)
	if err != nil {
		return err
	}
	cases, err := readCases(goldenPath)
	if err != nil {
		return err
	}
	punkt, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return fmt.Errorf("load punkt: %w", err)
	}
	segmenters := []struct {
		name string
		seg  func(string) []string
	}{
		{"credence internal/text", eval.SegmentSentences},
		{"neurosnap/sentences (Punkt)", func(s string) []string {
			var out []string
			for _, st := range punkt.Tokenize(s) {
				if t := strings.TrimSpace(st.Text); t != "" {
					out = append(out, t)
				}
			}
			return out
		}},
	}
	fmt.Printf("pool: %s (%d texts, %.1f MB); golden: %s (%d cases); fastest of %d rounds, one goroutine\n\n",
		poolPath, len(texts), float64(size)/1e6, goldenPath, len(cases), rounds)
	fmt.Println("| segmenter | MB/s | sentences in pool | golden rules passed |")
	fmt.Println("| --- | ---: | ---: | ---: |")
	var rates []float64
	for _, sg := range segmenters {
		best := time.Duration(1<<63 - 1)
		n := 0
		for range rounds {
			start := time.Now()
			n = 0
			for _, t := range texts {
				n += len(sg.seg(t))
			}
			best = min(best, time.Since(start))
		}
		rate := float64(size) / 1e6 / best.Seconds()
		rates = append(rates, rate)
		passed := 0
		for _, c := range cases {
			if !c.PDF && equal(sg.seg(c.Text), c.Expected) {
				passed++
			}
		}
		fmt.Printf("| %s | %.1f | %d | %d of %d |\n", sg.name, rate, n, passed, len(cases))
	}
	fmt.Printf("\nspeed ratio credence / Punkt: %.1fx\n", rates[0]/rates[1])
	return nil
}

// equal compares as eval does: runs of white space count as one space.
func equal(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if strings.Join(strings.Fields(got[i]), " ") != strings.Join(strings.Fields(want[i]), " ") {
			return false
		}
	}
	return true
}

func readTexts(path string) ([]string, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var texts []string
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, 0, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if rec.Text != "" {
			texts = append(texts, rec.Text)
			size += len(rec.Text)
		}
	}
	return texts, size, sc.Err()
}

func readCases(path string) ([]eval.SegmentationCase, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cases, err := eval.ReadSegmentationCases(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return cases, nil
}
