package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/store"
	"github.com/credence-news/credence/internal/store/sqlite"
)

func init() {
	register(command{name: "ingest", summary: "analyze articles and store them in the embedded database", run: runIngest})
}

const ingestAbout = `Analyze every article found in each FILE, DIR or - (standard input), in
the formats 'credence analyze' reads, and store them in the database in the
data directory (--data, else $CREDENCE_DATA, else ./credence-data). Articles
are analyzed on all cores and committed in batches; an article whose text
is already stored is skipped, so an interrupted ingest can simply be run
again. Ends with a summary; the exit status is 1 if any input failed.`

// ingestFailure is one input that was not stored.
type ingestFailure struct {
	origin, reason string
}

type ingestJob struct {
	a  *article.Article
	id string
}

type ingestResult struct {
	item   store.Item
	origin string
	err    error
}

func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "ingest", "FILE|DIR|- ...", ingestAbout)
	data := dataFlag(env, fs)
	workers := fs.Int("workers", runtime.NumCPU(), "articles analyzed at once")
	batch := fs.Int("batch", 200, "articles per database transaction")
	every := fs.Duration("progress-every", 5*time.Second, "interval of progress lines when standard error is not a terminal")
	quiet := fs.Bool("quiet", false, "no progress, only failures and the summary")
	var mf modelFlags
	mf.register(fs)
	var in inputFlags
	in.register(fs)
	paths, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(paths) == 0 {
		return usageErrorf(env, fs, "no input: give a FILE, a DIR or - for standard input")
	}
	if *workers < 1 || *batch < 1 {
		return usageErrorf(env, fs, "--workers and --batch must be at least 1")
	}
	if *every <= 0 {
		return usageErrorf(env, fs, "--progress-every must be positive")
	}
	opts, err := in.options(env)
	if err != nil {
		return usageErrorf(env, fs, "%v", err)
	}
	aopts, err := mf.analyzeOptions(env)
	if err != nil {
		return err
	}
	db, err := sqlite.OpenDir(ctx, *data)
	if err != nil {
		return err
	}
	defer db.Close()

	prog := &progress{w: env.Stderr, tty: env.StderrIsTerminal, every: *every, quiet: *quiet, start: time.Now()}
	// Count first when every input can be read twice, for the ETA.
	if !*quiet && !containsDash(paths) {
		total := 0
		for _, p := range paths {
			if err := article.Load(p, opts, func(*article.Article) error {
				total++
				return ctx.Err()
			}, func(*article.InputError) { total++ }); err != nil {
				return interrupted(env, err)
			}
		}
		prog.total = total
	}

	var (
		mu       sync.Mutex
		failures []ingestFailure
	)
	fail := func(origin, reason string) {
		mu.Lock()
		failures = append(failures, ingestFailure{origin, reason})
		mu.Unlock()
		prog.printf("credence: %s: %s\n", origin, reason)
	}

	// Cancelled when a commit fails, so the loader and workers stop too.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan ingestJob, 4**workers)
	results := make(chan ingestResult, 4**workers)
	loadErr := make(chan error, 1)
	var skipped int
	// The loader: reads inputs, drops texts stored before or seen
	// earlier in this run, hands the rest to the workers.
	go func() {
		defer close(jobs)
		seen := map[string]bool{}
		var err error
		for _, p := range paths {
			err = article.Load(p, opts, func(a *article.Article) error {
				if err := ctx.Err(); err != nil {
					return err
				}
				id := article.ContentID(a.Text)
				if seen[id] {
					prog.add(0, 1, 0)
					mu.Lock()
					skipped++
					mu.Unlock()
					return nil
				}
				seen[id] = true
				has, err := db.Has(ctx, []string{id})
				if err != nil {
					return err
				}
				if has[id] {
					prog.add(0, 1, 0)
					mu.Lock()
					skipped++
					mu.Unlock()
					return nil
				}
				select {
				case jobs <- ingestJob{a: a, id: id}:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}, func(e *article.InputError) {
				prog.add(0, 0, 1)
				fail(e.Origin, e.Err.Error())
			})
			if err != nil {
				break
			}
		}
		loadErr <- err
	}()
	// The workers: analysis is the CPU-bound stage.
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				an, err := analyze.Run(ctx, j.a, aopts)
				if err != nil {
					if ctx.Err() != nil {
						return // interrupted: not a failure of this input
					}
					results <- ingestResult{origin: j.a.Origin, err: err}
					continue
				}
				results <- ingestResult{item: store.Item{Analysis: an, Label: j.a.Label, Dataset: j.a.Dataset}, origin: j.a.Origin}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	// The writer: commits in batches, and on interruption commits what
	// was analyzed before stopping (with a context of its own, since ctx
	// is cancelled by then).
	var stored, dupStored int
	pending := make([]store.Item, 0, *batch)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		res, err := db.Put(context.WithoutCancel(ctx), pending)
		if err != nil {
			return err
		}
		n, d := 0, 0
		for _, r := range res {
			if r.Created {
				n++
			} else {
				d++
			}
		}
		stored += n
		dupStored += d
		prog.add(n, d, 0)
		pending = pending[:0]
		return nil
	}
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	var putErr error
loop:
	for {
		select {
		case r, ok := <-results:
			if !ok {
				break loop
			}
			if r.err != nil {
				prog.add(0, 0, 1)
				fail(r.origin, r.err.Error())
				continue
			}
			pending = append(pending, r.item)
			if len(pending) >= *batch {
				if putErr = flush(); putErr != nil {
					break loop
				}
			}
		case <-tick.C:
			// Commit a slow trickle too, so an interruption loses little.
			if putErr = flush(); putErr != nil {
				break loop
			}
			prog.draw(false)
		}
	}
	if putErr == nil {
		putErr = flush()
	}
	if putErr != nil {
		// Stop the loader and workers and wait for them, so nothing runs
		// or prints after the command returns.
		cancel()
		for range results {
		}
		prog.done()
		return fmt.Errorf("ingest: %w", putErr)
	}
	lerr := <-loadErr
	prog.draw(true)
	prog.done()

	skipped += dupStored
	elapsed := time.Since(prog.start)
	rate := float64(stored) / elapsed.Seconds()
	fmt.Fprintf(env.Stderr, "credence ingest: stored %d, skipped %d duplicates (already stored or repeated in the input), failed %d, in %s (%.1f articles/s) → %s\n",
		stored, skipped, len(failures), elapsed.Round(time.Millisecond), rate, db.Path())
	if len(failures) > 0 {
		fmt.Fprintf(env.Stderr, "failed:\n")
		for i, f := range failures {
			if i == 20 {
				fmt.Fprintf(env.Stderr, "  … and %d more (listed above)\n", len(failures)-20)
				break
			}
			fmt.Fprintf(env.Stderr, "  %s: %s\n", f.origin, f.reason)
		}
	}
	if lerr != nil || ctx.Err() != nil {
		if lerr == nil {
			lerr = ctx.Err()
		}
		return interrupted(env, lerr)
	}
	if len(failures) > 0 {
		return ErrReported
	}
	return nil
}

// interrupted reports a stop by signal plainly; anything else is an error.
func interrupted(env *Env, err error) error {
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, "credence ingest: interrupted; what was committed is kept, run the same command again to go on")
		return ErrReported
	}
	return fmt.Errorf("ingest: %w", err)
}

func containsDash(paths []string) bool {
	for _, p := range paths {
		if p == "-" {
			return true
		}
	}
	return false
}

// progress shows how far ingest is: a redrawn bar on a terminal, a plain
// line every so often otherwise.
type progress struct {
	w     io.Writer
	tty   bool
	quiet bool
	every time.Duration
	start time.Time
	total int // 0 when unknown

	mu                      sync.Mutex
	stored, skipped, failed int
	lastLine                time.Time
	drawn                   bool // a bar is on the screen
}

func (p *progress) add(stored, skipped, failed int) {
	p.mu.Lock()
	p.stored += stored
	p.skipped += skipped
	p.failed += failed
	p.mu.Unlock()
}

// printf prints a message above the bar.
func (p *progress) printf(format string, a ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
	fmt.Fprintf(p.w, format, a...)
}

func (p *progress) draw(final bool) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !p.tty && !final && now.Sub(p.lastLine) < p.every {
		return
	}
	p.lastLine = now
	done := p.stored + p.skipped + p.failed
	el := now.Sub(p.start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(done) / el
	}
	var b strings.Builder
	if p.total > 0 {
		frac := min(float64(done)/float64(p.total), 1)
		if p.tty {
			const width = 30
			n := int(frac * width)
			b.WriteString("[" + strings.Repeat("█", n) + strings.Repeat("░", width-n) + "] ")
		}
		fmt.Fprintf(&b, "%d/%d %3.0f%%", done, p.total, 100*frac)
	} else {
		fmt.Fprintf(&b, "%d articles", done)
	}
	fmt.Fprintf(&b, " · %.0f/s · stored %d, skipped %d, failed %d", rate, p.stored, p.skipped, p.failed)
	if p.total > 0 && rate > 0 && done < p.total {
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second))
		fmt.Fprintf(&b, " · ETA %s", eta.Round(time.Second))
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", b.String())
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "progress: %s\n", b.String())
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}
