package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/model"
)

func init() {
	register(command{name: "train", summary: "train a reliability model on labelled articles", run: runTrain})
}

const trainAbout = `Train a reliability model (hashed word unigrams and bigrams plus the
sourcing signals, multinomial logistic regression with FTRL-proximal,
Platt calibration fitted on outlet-grouped held-out folds) on labelled
articles in JSONL, JSON, CSV or TSV files, and write it to --out.
Wire-service datelines and similar outlet tells are stripped before
features are made. The same data, flags and seed give the same bytes.
See docs/MODEL.md.`

// dataFlags are the flags that read labelled data (train, eval reliability).
type dataFlags struct {
	in         inputFlags
	data       stringList
	labelField string
	textField  string
	dropEmpty  bool
	labelMap   string
	signals    bool
	threads    int
}

// stringList is a repeatable flag that also splits on commas.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*s = append(*s, p)
		}
	}
	return nil
}

func (f *dataFlags) register(fs *flag.FlagSet) {
	f.in.register(fs)
	fs.Var(&f.data, "data", "labelled data file or directory (repeatable, or a comma list)")
	fs.StringVar(&f.labelField, "label-field", "", "the field/column holding the label (default: label and its usual aliases)")
	fs.StringVar(&f.textField, "text-field", "", "the field/column holding the article text (default: text and its usual aliases)")
	fs.BoolVar(&f.dropEmpty, "drop-empty-labels", true, "skip rows whose label is empty (counted on stderr); false makes them an error")
	fs.StringVar(&f.labelMap, "label-map", "", "rename labels, e.g. 0=reliable,1=unreliable (labels not named are kept as they are)")
	fs.BoolVar(&f.signals, "signals", true, "compute the sourcing signals (full analysis) for every article; false uses text only")
	fs.IntVar(&f.threads, "threads", 2, "worker goroutines (results do not depend on it)")
}

// loadLabelled reads every --data input, maps and filters labels and
// computes signals. It returns the examples, the number of failed inputs
// (already reported on stderr) and an error for bad flags or unreadable
// data.
func (f *dataFlags) loadLabelled(ctx context.Context, env *Env, fs *flag.FlagSet) ([]model.Example, int, error) {
	if len(f.data) == 0 {
		return nil, 0, usageErrorf(env, fs, "--data FILE is required")
	}
	if f.threads < 1 {
		return nil, 0, usageErrorf(env, fs, "--threads %d: must be at least 1", f.threads)
	}
	lmap := map[string]string{}
	if f.labelMap != "" {
		for _, kv := range strings.Split(f.labelMap, ",") {
			k, v, ok := strings.Cut(kv, "=")
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if !ok || k == "" || v == "" {
				return nil, 0, usageErrorf(env, fs, "--label-map: %q is not RAW=LABEL", kv)
			}
			lmap[k] = v
		}
	}
	opts, err := f.in.options(env)
	if err != nil {
		return nil, 0, usageErrorf(env, fs, "%v", err)
	}
	if f.labelField != "" || f.textField != "" {
		if opts.Columns == nil {
			opts.Columns = map[string]string{}
		}
		if f.labelField != "" {
			opts.Columns["label"] = f.labelField
		}
		if f.textField != "" {
			opts.Columns["text"] = f.textField
		}
	}
	var arts []*article.Article
	empty, noText, failed := 0, 0, 0
	var emptyErr error
	onErr := func(e *article.InputError) {
		// A labelled row without text is not a broken input for
		// training: skip it like an unlabelled one.
		if errors.Is(e, article.ErrEmptyText) {
			noText++
			return
		}
		failed++
		fmt.Fprintf(env.Stderr, "credence: %v\n", e)
	}
	keep := func(a *article.Article) error {
		a.Label = strings.TrimSpace(a.Label)
		if v, ok := lmap[a.Label]; ok {
			a.Label = v
		}
		if a.Label == "" {
			empty++
			if !f.dropEmpty && emptyErr == nil {
				emptyErr = fmt.Errorf("%s: empty label (use --drop-empty-labels or --label-field)", a.Origin)
			}
			return nil
		}
		arts = append(arts, a)
		return nil
	}
	for _, p := range f.data {
		if err := article.Load(p, opts, keep, onErr); err != nil {
			return nil, failed, err
		}
	}
	if noText > 0 {
		slog.Info("skipped records without text", "count", noText)
	}
	if emptyErr != nil {
		return nil, failed, emptyErr
	}
	if empty > 0 {
		slog.Info("dropped articles with an empty label", "count", empty)
	}
	if len(arts) == 0 {
		return nil, failed, fmt.Errorf("no labelled articles in %s", strings.Join(f.data, ", "))
	}
	ex := make([]model.Example, len(arts))
	var firstErr error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for t := range f.threads {
		wg.Go(func() {
			for i := t; i < len(arts); i += f.threads {
				a := arts[i]
				e := model.Example{
					Title: a.Title, Text: a.Text, Label: a.Label, Dataset: a.Dataset,
					Group: model.OutletKey(a.Outlet, a.URL, a.Dataset),
				}
				if f.signals {
					an, err := analyze.Run(ctx, a, analyze.Options{})
					if err != nil {
						mu.Lock()
						if firstErr == nil {
							firstErr = err
						}
						mu.Unlock()
						return
					}
					e.Signals = an.Signals
				}
				ex[i] = e
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, failed, firstErr
	}
	return ex, failed, nil
}

// trainFlags are the learner's flags (train, eval reliability --cv).
type trainFlags struct {
	epochs             int
	seed               uint64
	l1, l2, alpha      float64
	bigrams, title     bool
	buckets, minCount  int
	calibFolds, maxFts int
	clean              bool
	balance            bool
	name               string
}

func (t *trainFlags) register(fs *flag.FlagSet) {
	d := model.DefaultConfig()
	fs.IntVar(&t.epochs, "epochs", d.Epochs, "passes over the data")
	fs.Uint64Var(&t.seed, "seed", d.Seed, "shuffle seed (same seed and data give the same model)")
	fs.Float64Var(&t.l1, "l1", d.L1, "FTRL L1 regularization (prunes features)")
	fs.Float64Var(&t.l2, "l2", d.L2, "FTRL L2 regularization")
	fs.Float64Var(&t.alpha, "alpha", d.Alpha, "FTRL learning rate")
	fs.BoolVar(&t.bigrams, "bigrams", d.Bigrams, "add word bigrams to unigrams")
	fs.BoolVar(&t.title, "title-features", d.Title, "hash title words in their own namespace")
	fs.IntVar(&t.buckets, "buckets", int(d.Buckets), "size of the hashed feature space")
	fs.IntVar(&t.minCount, "min-count", d.MinCount, "ignore hashed features seen in fewer training documents")
	fs.IntVar(&t.calibFolds, "calib-folds", d.CalibFolds, "outlet-grouped folds for fitting the calibration (0: none)")
	fs.IntVar(&t.maxFts, "max-features", d.MaxFeatures, "keep at most this many hashed features (largest weights)")
	fs.BoolVar(&t.clean, "strip-tells", d.Clean, "strip wire-service datelines and other outlet tells before features")
	fs.BoolVar(&t.balance, "balance", d.Balance, "weigh classes equally (each example by n/(k*n_class))")
	fs.StringVar(&t.name, "name", d.Name, "the model's name, reported in analyses")
}

func (t *trainFlags) config(threads int) (model.Config, error) {
	c := model.DefaultConfig()
	if t.buckets < 16 || t.buckets > 1<<26 {
		return c, fmt.Errorf("--buckets %d: want 16..%d", t.buckets, 1<<26)
	}
	c.Epochs, c.Seed, c.L1, c.L2, c.Alpha = t.epochs, t.seed, t.l1, t.l2, t.alpha
	c.Bigrams, c.Title, c.Buckets, c.MinCount = t.bigrams, t.title, uint32(t.buckets), t.minCount
	c.CalibFolds, c.MaxFeatures, c.Clean, c.Name, c.Threads = t.calibFolds, t.maxFts, t.clean, t.name, threads
	c.Balance = t.balance
	if c.Epochs < 1 {
		return c, fmt.Errorf("--epochs %d: must be at least 1", c.Epochs)
	}
	if !(c.Alpha > 0) || c.L1 < 0 || c.L2 < 0 {
		return c, fmt.Errorf("--alpha must be positive, --l1 and --l2 non-negative")
	}
	return c, nil
}

func runTrain(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "train", "--data FILE [--out MODEL]", trainAbout)
	var df dataFlags
	df.register(fs)
	var tf trainFlags
	tf.register(fs)
	out := fs.String("out", "model.bin", "where to write the model")
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q (give data with --data)", pos[0])
	}
	cfg, err := tf.config(df.threads)
	if err != nil {
		return usageErrorf(env, fs, "%v", err)
	}
	start := time.Now()
	ex, failed, err := df.loadLabelled(ctx, env, fs)
	if err != nil {
		return err
	}
	loaded := time.Since(start)
	ds, err := model.Prepare(ex, cfg)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	m, err := ds.Fit(nil)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := m.WriteFile(*out); err != nil {
		return err
	}
	st, err := os.Stat(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "credence train: %d examples, labels %s, %d features kept, %d bytes -> %s (load+analyze %.1fs, total %.1fs, data sha256 %s…)\n",
		ds.Len(), strings.Join(ds.Labels(), ","), m.Features(), st.Size(), *out,
		loaded.Seconds(), time.Since(start).Seconds(), m.Header.DataSHA256[:12])
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "credence train: %d input(s) failed\n", failed)
		return ErrReported
	}
	return nil
}
