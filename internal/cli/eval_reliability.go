package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/credence-news/credence/internal/model"
)

func init() {
	registerEval(command{name: "reliability", summary: "measure the reliability model on labelled articles (or cross-validate)", run: runEvalReliability})
}

const evalReliabilityAbout = `Measure a reliability model on labelled articles: accuracy, macro-F1,
ROC-AUC (one-vs-rest mean), log loss, expected calibration error (top
label, 10 bins; also before calibration), the confusion matrix and a
per-dataset breakdown. Without --cv or --leave-one-out it scores --model
(default: the embedded model) on --data. With --cv K --group-by
outlet|dataset it trains a fresh model on each of K grouped folds (no
outlet or dataset on both sides) and pools the held-out predictions;
with --leave-one-out dataset it holds out each dataset in turn. Training
flags (--epochs, --seed, ...) apply to those runs.`

func runEvalReliability(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval reliability", "[--model MODEL] --data FILE", evalReliabilityAbout)
	var df dataFlags
	df.register(fs)
	var tf trainFlags
	tf.register(fs)
	modelPath := fs.String("model", "", "model file (default: the embedded default model)")
	format := fs.String("format", "text", "output format: text or json")
	cv := fs.Int("cv", 0, "cross-validate with K grouped folds instead of scoring a model")
	groupBy := fs.String("group-by", "outlet", "grouping for --cv: outlet or dataset")
	loo := fs.String("leave-one-out", "", "hold out each value of this field in turn: dataset or outlet")
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q (give data with --data)", pos[0])
	}
	if *format != "text" && *format != "json" {
		return usageErrorf(env, fs, "--format %q: want text or json", *format)
	}
	if *groupBy != "outlet" && *groupBy != "dataset" {
		return usageErrorf(env, fs, "--group-by %q: want outlet or dataset", *groupBy)
	}
	if *loo != "" && *loo != "dataset" && *loo != "outlet" {
		return usageErrorf(env, fs, "--leave-one-out %q: want dataset or outlet", *loo)
	}
	if *cv != 0 && *loo != "" {
		return usageErrorf(env, fs, "--cv and --leave-one-out exclude each other")
	}
	if *cv < 0 || *cv == 1 {
		return usageErrorf(env, fs, "--cv %d: want at least 2 folds", *cv)
	}
	training := *cv > 0 || *loo != ""
	if training && *modelPath != "" {
		return usageErrorf(env, fs, "--model scores a fixed model; --cv and --leave-one-out train their own")
	}
	cfg, err := tf.config(df.threads)
	if err != nil {
		return usageErrorf(env, fs, "%v", err)
	}
	var m *model.Model
	if !training {
		if *modelPath != "" {
			m, err = model.LoadFile(*modelPath)
		} else {
			m, err = model.Default()
		}
		if err != nil {
			return err
		}
	}
	start := time.Now()
	ex, failed, err := df.loadLabelled(ctx, env, fs)
	if err != nil {
		return err
	}
	var rep model.Report
	if training {
		ds, err := model.Prepare(ex, cfg)
		if err != nil {
			return fmt.Errorf("eval reliability: %w", err)
		}
		var splits []model.Split
		var protocol string
		switch {
		case *cv > 0 && *groupBy == "outlet":
			splits = model.GroupedSplits(ds.Groups(), *cv)
			protocol = fmt.Sprintf("%d-fold cross-validation grouped by outlet", *cv)
		case *cv > 0:
			splits = model.GroupedSplits(ds.Datasets(), *cv)
			protocol = fmt.Sprintf("%d-fold cross-validation grouped by dataset", *cv)
		case *loo == "dataset":
			splits = model.LeaveOneOutSplits(ds.Datasets())
			protocol = "leave one dataset out"
		default:
			splits = model.LeaveOneOutSplits(ds.Groups())
			protocol = "leave one outlet out"
		}
		if len(splits) < 2 {
			return fmt.Errorf("eval reliability: the data has fewer than two groups to split on")
		}
		scored, err := ds.CrossValidate(splits)
		if err != nil {
			return fmt.Errorf("eval reliability: %w", err)
		}
		rep = model.Evaluate(ds.Labels(), scored)
		rep.Model = fmt.Sprintf("%s (trained per split: epochs %d, seed %d, l1 %g, l2 %g, alpha %g, bigrams %t)",
			cfg.Name, cfg.Epochs, cfg.Seed, cfg.L1, cfg.L2, cfg.Alpha, cfg.Bigrams)
		rep.Protocol = protocol
	} else {
		rep = scoreFixed(m, ex, df.threads)
		rep.Model = m.Header.Name
		rep.Protocol = "fixed model"
	}
	rep.Seconds = time.Since(start).Seconds()
	if *format == "json" {
		enc := json.NewEncoder(env.Stdout)
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write: %w", err)
		}
	} else {
		writeReliabilityText(env, rep)
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "credence eval reliability: %d input(s) failed\n", failed)
		return ErrReported
	}
	return nil
}

// scoreFixed predicts every example with m. Labels the model does not
// know are appended to its labels (it never predicts them).
func scoreFixed(m *model.Model, ex []model.Example, threads int) model.Report {
	labels := append([]string(nil), m.Labels()...)
	li := map[string]int{}
	for i, l := range labels {
		li[l] = i
	}
	for _, e := range ex {
		if _, ok := li[e.Label]; !ok {
			li[e.Label] = len(labels)
			labels = append(labels, e.Label)
		}
	}
	scored := make([]model.Scored, len(ex))
	var wg sync.WaitGroup
	for t := range max(1, threads) {
		wg.Go(func() {
			for i := t; i < len(ex); i += max(1, threads) {
				e := ex[i]
				p := m.Predict(model.Input{Title: e.Title, Text: e.Text, Signals: e.Signals}, false, 0)
				probs := make([]float64, len(labels))
				raw := make([]float64, len(labels))
				copy(probs, p.Probs)
				copy(raw, p.Raw)
				scored[i] = model.Scored{Y: li[e.Label], Probs: probs, Raw: raw, Dataset: e.Dataset}
			}
		})
	}
	wg.Wait()
	return model.Evaluate(labels, scored)
}

func writeReliabilityText(env *Env, r model.Report) {
	w := env.Stdout
	fmt.Fprintf(w, "reliability: %s, model %s\n", r.Protocol, r.Model)
	fmt.Fprintf(w, "n %d  accuracy %.4f  macro-F1 %.4f  AUC %.4f  log loss %.4f (uncalibrated %.4f)  ECE %.4f (uncalibrated %.4f)  %.1fs\n",
		r.N, r.Accuracy, r.MacroF1, float64(r.AUC), r.LogLoss, r.LogLossRaw, r.ECE, r.ECERaw, r.Seconds)
	fmt.Fprintf(w, "confusion (rows true, columns predicted): %s\n", strings.Join(r.Labels, ", "))
	for _, t := range r.Labels {
		var cells []string
		for _, p := range r.Labels {
			cells = append(cells, fmt.Sprintf("%6d", r.Confusion[t][p]))
		}
		fmt.Fprintf(w, "  %-12s %s\n", t, strings.Join(cells, " "))
	}
	for _, part := range []struct {
		title string
		m     map[string]model.SplitReport
	}{{"by dataset", r.ByDataset}, {"by split", r.Splits}} {
		if len(part.m) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s:\n", part.title)
		names := make([]string, 0, len(part.m))
		for n := range part.m {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			s := part.m[n]
			fmt.Fprintf(w, "  %-24s n %5d  accuracy %.4f  macro-F1 %.4f\n", n, s.N, s.Accuracy, s.MacroF1)
		}
	}
}
