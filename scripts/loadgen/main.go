// Command loadgen is a small, bounded HTTP load generator for credence's
// API, for loopback only. It keeps -c requests in flight for -d and
// reports throughput, latency percentiles and errors.
//
//	go run ./scripts/loadgen -base http://127.0.0.1:8080 -mode analyze \
//	    -jsonl ../shared/data/news/pool.jsonl -size 5000 -c 16 -d 10s
//	go run ./scripts/loadgen -base http://127.0.0.1:8080 -mode get -jsonl ... -c 32 -d 10s
//
// Mode analyze POSTs {"text": ARTICLE} to /api/v1/analyze. Mode get stores
// the articles once (POST /api/v1/articles) and then GETs
// /api/v1/articles/{id}. The articles are the first -n in -jsonl whose
// text is between -size and 1.25×-size bytes (requests rotate over them),
// or the text of -text.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run() error {
	base := flag.String("base", "http://127.0.0.1:8080", "server base URL (loopback only)")
	mode := flag.String("mode", "analyze", "analyze or get")
	jsonl := flag.String("jsonl", "", "JSON Lines file to take the article from (field \"text\")")
	textFile := flag.String("text", "", "plain-text file holding the article (instead of -jsonl)")
	size := flag.Int("size", 5000, "with -jsonl: minimum article size in bytes")
	count := flag.Int("n", 20, "with -jsonl: how many different articles to rotate over")
	conc := flag.Int("c", 16, "requests in flight")
	dur := flag.Duration("d", 10*time.Second, "test duration (at most 60s)")
	warm := flag.Duration("warmup", time.Second, "warm-up before measuring")
	token := flag.String("token", os.Getenv("CREDENCE_API_TOKEN"), "API token for the store request")
	md := flag.Bool("md", false, "print a Markdown table row")
	flag.Parse()
	if *dur <= 0 || *dur > time.Minute || *conc < 1 || *conc > 512 {
		return errors.New("-d must be in (0, 60s] and -c in [1, 512]")
	}
	u, err := url.Parse(*base)
	if err != nil {
		return err
	}
	if err := loopbackOnly(u.Hostname()); err != nil {
		return err
	}
	texts, err := articles(*jsonl, *textFile, *size, *count)
	if err != nil {
		return err
	}
	var bodies [][]byte
	total := 0
	for _, t := range texts {
		b, _ := json.Marshal(map[string]string{"text": t})
		bodies = append(bodies, b)
		total += len(b)
	}
	var next atomic.Uint64
	pick := func() int { return int(next.Add(1) % uint64(len(bodies))) }
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc, DisableCompression: true},
	}

	var newReq func() (*http.Request, error)
	switch *mode {
	case "analyze":
		newReq = func() (*http.Request, error) {
			r, err := http.NewRequest(http.MethodPost, *base+"/api/v1/analyze", bytes.NewReader(bodies[pick()]))
			if err == nil {
				r.Header.Set("Content-Type", "application/json")
			}
			return r, err
		}
	case "get":
		var targets []string
		for _, body := range bodies {
			r, _ := http.NewRequest(http.MethodPost, *base+"/api/v1/articles", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			if *token != "" {
				r.Header.Set("Authorization", "Bearer "+*token)
			}
			resp, err := client.Do(r)
			if err != nil {
				return fmt.Errorf("store an article: %w", err)
			}
			var res struct{ ID string }
			err = json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
			if err != nil || res.ID == "" || resp.StatusCode >= 300 {
				return fmt.Errorf("store an article: status %d, %v", resp.StatusCode, err)
			}
			targets = append(targets, *base+"/api/v1/articles/"+res.ID)
		}
		newReq = func() (*http.Request, error) { return http.NewRequest(http.MethodGet, targets[pick()], nil) }
	default:
		return fmt.Errorf("-mode %q: want analyze or get", *mode)
	}

	// Warm up (connections, caches), then measure.
	if *warm > 0 {
		hammer(client, newReq, *conc, *warm)
	}
	st := hammer(client, newReq, *conc, *dur)
	lat := st.latencies
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	rate := float64(len(lat)) / st.elapsed.Seconds()
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	if *md {
		fmt.Printf("| %s | %d × %d B | %d | %s | %d | %.0f | %s | %s | %s | %s | %d |\n", *mode, len(bodies), total/len(bodies), *conc, st.elapsed.Round(time.Millisecond),
			len(lat), rate, ms(pct(.5)), ms(pct(.9)), ms(pct(.99)), ms(pct(1)), st.errors)
		return nil
	}
	fmt.Printf("mode %s, %d articles of %d bytes on average, %d in flight, %s\n", *mode, len(bodies), total/len(bodies), *conc, st.elapsed.Round(time.Millisecond))
	fmt.Printf("requests %d  (%.0f req/s)  errors %d\n", len(lat), rate, st.errors)
	fmt.Printf("latency ms: p50 %s  p90 %s  p99 %s  max %s\n", ms(pct(.5)), ms(pct(.9)), ms(pct(.99)), ms(pct(1)))
	if st.firstErr != "" {
		fmt.Printf("first error: %s\n", st.firstErr)
	}
	return nil
}

type stats struct {
	latencies []time.Duration // successful requests
	errors    int64
	firstErr  string
	elapsed   time.Duration
}

// hammer keeps conc requests in flight for d.
func hammer(client *http.Client, newReq func() (*http.Request, error), conc int, d time.Duration) stats {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var (
		mu       sync.Mutex
		all      []time.Duration
		errs     atomic.Int64
		firstErr atomic.Value
		wg       sync.WaitGroup
	)
	start := time.Now()
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil {
				req, err := newReq()
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					return
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				el := time.Since(t0)
				if err != nil || resp.StatusCode >= 300 {
					if ctx.Err() == nil || err == nil {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, fmt.Sprintf("status %d %v", resp.StatusCode, err))
					}
					continue
				}
				mine = append(mine, el)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	st := stats{latencies: all, errors: errs.Load(), elapsed: time.Since(start)}
	if v, ok := firstErr.Load().(string); ok {
		st.firstErr = v
	}
	return st
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(host string) error {
	ips, err := net.LookupIP(host)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", host, err)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s resolves to %s: loadgen only targets loopback addresses", host, ip)
		}
	}
	return nil
}

func articles(jsonl, textFile string, size, n int) ([]string, error) {
	if textFile != "" {
		b, err := os.ReadFile(textFile)
		return []string{string(b)}, err
	}
	if jsonl == "" {
		return nil, errors.New("give -jsonl FILE or -text FILE")
	}
	f, err := os.Open(jsonl)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []string
	for sc.Scan() && len(out) < max(n, 1) {
		var rec struct{ Text string }
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		if len(rec.Text) >= size && len(rec.Text) <= size+size/4 {
			out = append(out, rec.Text)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no article of %d to %d bytes", jsonl, size, size+size/4)
	}
	return out, nil
}
