// Command benchfasttext trains and tests Debian's fastText and credence on
// the same grouped splits of a labelled pool and prints a comparison
// table: accuracy and macro-F1 per split, training wall time and peak
// memory (from /usr/bin/time -v), predictions per second, and ratios.
// Both see the same text: title and body with outlet tells stripped by
// model.Clean, so neither can learn the Reuters dateline.
//
// Run it through scripts/bench-fasttext.sh. Split files are written to a
// temporary directory outside the repository and removed afterwards.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/article"
	"github.com/credence-news/credence/internal/model"
	"github.com/credence-news/credence/internal/text"
)

func main() {
	pool := flag.String("pool", "../shared/data/news/pool.jsonl", "labelled pool (JSONL)")
	credence := flag.String("credence", "credence", "credence binary")
	fasttext := flag.String("fasttext", "fasttext", "fastText binary")
	folds := flag.Int("folds", 5, "outlet-grouped folds")
	epochs := flag.Int("epochs", 10, "epochs for both")
	threads := flag.Int("threads", 2, "threads for both")
	keep := flag.Bool("keep", false, "keep the temporary split files")
	only := flag.String("only", "", "run only splits whose name contains this")
	flag.Parse()
	if err := run(*pool, *credence, *fasttext, *folds, *epochs, *threads, *keep, *only); err != nil {
		fmt.Fprintln(os.Stderr, "benchfasttext:", err)
		os.Exit(1)
	}
}

type row struct {
	a      *article.Article
	group  string
	ftText string
}

type result struct {
	acc, f1   float64
	trainSec  float64
	trainMB   float64
	predSec   float64
	predPerS  float64
	nTest     int
	trainHint string
}

func run(pool, credence, fasttext string, folds, epochs, threads int, keep bool, only string) error {
	var rows []row
	err := article.Load(pool, article.LoadOptions{}, func(a *article.Article) error {
		if a.Label == "" {
			return nil
		}
		rows = append(rows, row{a: a, group: model.OutletKey(a.Outlet, a.URL, a.Dataset), ftText: ftLine(a)})
		return nil
	}, func(e *article.InputError) { slog.Debug("skip", "err", e) })
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "credence-bench-")
	if err != nil {
		return err
	}
	if !keep {
		defer os.RemoveAll(dir)
	}
	groups := make([]string, len(rows))
	datasets := make([]string, len(rows))
	for i, r := range rows {
		groups[i], datasets[i] = r.group, r.a.Dataset
	}
	var splits []model.Split
	for _, s := range model.LeaveOneOutSplits(datasets) {
		s.Name = "loo:" + s.Name
		splits = append(splits, s)
	}
	for _, s := range model.GroupedSplits(groups, folds) {
		s.Name = "outlet:" + s.Name
		splits = append(splits, s)
	}
	fmt.Printf("pool %s: %d labelled articles with text; %d splits; epochs %d, threads %d\n\n", pool, len(rows), len(splits), epochs, threads)
	fmt.Printf("| split | n test | fastText acc | fastText macro-F1 | credence acc | credence macro-F1 | fastText train s | credence train s | fastText peak MB | credence peak MB | fastText pred/s | credence pred/s |\n")
	fmt.Printf("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	var sumFT, sumCR result
	n := 0
	for _, sp := range splits {
		if only != "" && !strings.Contains(sp.Name, only) {
			continue
		}
		sd := filepath.Join(dir, strings.NewReplacer(":", "_", "/", "_").Replace(sp.Name))
		if err := os.MkdirAll(sd, 0o755); err != nil {
			return err
		}
		test := map[int]bool{}
		for _, t := range sp.Test {
			test[t] = true
		}
		if err := writeSplit(sd, rows, test); err != nil {
			return err
		}
		ft, err := runFastText(fasttext, sd, rows, sp.Test, epochs, threads)
		if err != nil {
			return fmt.Errorf("%s: fasttext: %w", sp.Name, err)
		}
		cr, err := runCredence(credence, sd, epochs, threads)
		if err != nil {
			return fmt.Errorf("%s: credence: %w", sp.Name, err)
		}
		fmt.Printf("| %s | %d | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f |\n",
			sp.Name, len(sp.Test), ft.acc, ft.f1, cr.acc, cr.f1, ft.trainSec, cr.trainSec, ft.trainMB, cr.trainMB, ft.predPerS, cr.predPerS)
		add(&sumFT, ft)
		add(&sumCR, cr)
		n++
	}
	if n == 0 {
		return fmt.Errorf("no split matched")
	}
	f := float64(n)
	fmt.Printf("| mean | | %.4f | %.4f | %.4f | %.4f | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f |\n",
		sumFT.acc/f, sumFT.f1/f, sumCR.acc/f, sumCR.f1/f, sumFT.trainSec/f, sumCR.trainSec/f, sumFT.trainMB/f, sumCR.trainMB/f, sumFT.predPerS/f, sumCR.predPerS/f)
	fmt.Printf("\nratios credence/fastText (means): macro-F1 %.3f, train time %.3f, peak memory %.3f, predictions/s %.3f\n",
		sumCR.f1/sumFT.f1, sumCR.trainSec/sumFT.trainSec, sumCR.trainMB/sumFT.trainMB, sumCR.predPerS/sumFT.predPerS)
	// Training on the whole pool, as `make models` does (fastText: the
	// same settings as in the splits).
	fd := filepath.Join(dir, "full")
	if err := os.MkdirAll(fd, 0o755); err != nil {
		return err
	}
	if err := writeSplit(fd, rows, map[int]bool{}); err != nil {
		return err
	}
	_, ftSec, ftMB, err := timed(fasttext, "supervised", "-input", filepath.Join(fd, "ft-train.txt"), "-output", filepath.Join(fd, "ft"),
		"-wordNgrams", "2", "-epoch", strconv.Itoa(epochs), "-thread", strconv.Itoa(threads), "-verbose", "0")
	if err != nil {
		return fmt.Errorf("full pool: fasttext: %w", err)
	}
	_, crSec, crMB, err := timed(credence, "train", "--data", filepath.Join(fd, "train.jsonl"), "--out", filepath.Join(fd, "credence.bin"),
		"--epochs", strconv.Itoa(epochs), "--threads", strconv.Itoa(threads))
	if err != nil {
		return fmt.Errorf("full pool: credence: %w", err)
	}
	fmt.Printf("\ntraining on the whole pool (%d articles): fastText %.1f s, %.0f MB peak; credence %.1f s, %.0f MB peak (ratios %.3f, %.3f)\n",
		len(rows), ftSec, ftMB, crSec, crMB, crSec/ftSec, crMB/ftMB)
	fmt.Printf("credence timings include loading JSONL and the full analysis (tokenizer, attribution, signals) of every article; fastText reads pre-tokenized lines.\n")
	return nil
}

func add(s *result, r result) {
	s.acc += r.acc
	s.f1 += r.f1
	s.trainSec += r.trainSec
	s.trainMB += r.trainMB
	s.predPerS += r.predPerS
}

// ftLine is the fastText view of an article: the cleaned title and text,
// tokenized by credence's tokenizer, lower-cased, one line.
func ftLine(a *article.Article) string {
	var b strings.Builder
	for _, s := range []string{model.Clean(a.Title), model.Clean(a.Text)} {
		for _, t := range text.Tokenize(s) {
			w := strings.ToLower(s[t.Start:t.End])
			w = strings.Join(strings.Fields(w), "_")
			if w == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
	}
	return b.String()
}

func writeSplit(dir string, rows []row, test map[int]bool) error {
	files := map[string]*bufio.Writer{}
	var closers []*os.File
	for _, name := range []string{"train.jsonl", "test.jsonl", "ft-train.txt", "ft-test.txt"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		closers = append(closers, f)
		files[name] = bufio.NewWriter(f)
	}
	for i, r := range rows {
		side := "train"
		if test[i] {
			side = "test"
		}
		rec := map[string]string{
			"id": r.a.ID, "title": r.a.Title, "text": r.a.Text, "label": r.a.Label,
			"dataset": r.a.Dataset, "outlet": r.a.Outlet, "url": r.a.URL,
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		files[side+".jsonl"].Write(b)
		files[side+".jsonl"].WriteByte('\n')
		fmt.Fprintf(files["ft-"+side+".txt"], "__label__%s %s\n", r.a.Label, r.ftText)
	}
	for i, name := range []string{"train.jsonl", "test.jsonl", "ft-train.txt", "ft-test.txt"} {
		if err := files[name].Flush(); err != nil {
			return err
		}
		if err := closers[i].Close(); err != nil {
			return err
		}
	}
	return nil
}

var (
	reWall = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
	reRSS  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
)

// timed runs a command under /usr/bin/time -v and returns stdout, wall
// seconds and peak RSS in MB.
func timed(name string, args ...string) ([]byte, float64, float64, error) {
	cmd := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, 0, 0, fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, tail(errb.String()))
	}
	m := reWall.FindStringSubmatch(errb.String())
	r := reRSS.FindStringSubmatch(errb.String())
	if m == nil || r == nil {
		return nil, 0, 0, fmt.Errorf("no /usr/bin/time output for %s", name)
	}
	h, _ := strconv.ParseFloat("0"+m[1], 64)
	mi, _ := strconv.ParseFloat(m[2], 64)
	s, _ := strconv.ParseFloat(m[3], 64)
	kb, _ := strconv.ParseFloat(r[1], 64)
	return out.Bytes(), h*3600 + mi*60 + s, kb / 1024, nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

func runFastText(ft, dir string, rows []row, testIdx []int, epochs, threads int) (result, error) {
	var r result
	_, sec, mb, err := timed(ft, "supervised", "-input", filepath.Join(dir, "ft-train.txt"), "-output", filepath.Join(dir, "ft"),
		"-wordNgrams", "2", "-epoch", strconv.Itoa(epochs), "-thread", strconv.Itoa(threads), "-verbose", "0")
	if err != nil {
		return r, err
	}
	r.trainSec, r.trainMB = sec, mb
	start := time.Now()
	out, psec, _, err := timed(ft, "predict", filepath.Join(dir, "ft.bin"), filepath.Join(dir, "ft-test.txt"))
	if err != nil {
		return r, err
	}
	_ = start
	r.predSec = psec
	preds := strings.Fields(string(out))
	if len(preds) != len(testIdx) {
		return r, fmt.Errorf("fasttext predicted %d lines for %d articles", len(preds), len(testIdx))
	}
	labels := map[string]int{}
	id := func(l string) int {
		if _, ok := labels[l]; !ok {
			labels[l] = len(labels)
		}
		return labels[l]
	}
	y := make([]int, len(testIdx))
	p := make([]int, len(testIdx))
	for j, i := range testIdx {
		y[j] = id(rows[i].a.Label)
		p[j] = id(strings.TrimPrefix(preds[j], "__label__"))
	}
	r.acc, r.f1 = model.Accuracy(y, p), model.MacroF1(y, p)
	r.nTest = len(testIdx)
	r.predPerS = float64(len(testIdx)) / psec
	return r, nil
}

func runCredence(cr, dir string, epochs, threads int) (result, error) {
	var r result
	mpath := filepath.Join(dir, "credence.bin")
	_, sec, mb, err := timed(cr, "train", "--data", filepath.Join(dir, "train.jsonl"), "--out", mpath,
		"--epochs", strconv.Itoa(epochs), "--threads", strconv.Itoa(threads))
	if err != nil {
		return r, err
	}
	r.trainSec, r.trainMB = sec, mb
	out, psec, _, err := timed(cr, "eval", "reliability", "--model", mpath, "--data", filepath.Join(dir, "test.jsonl"),
		"--format", "json", "--threads", "1")
	if err != nil {
		return r, err
	}
	var rep model.Report
	if err := json.Unmarshal(out, &rep); err != nil {
		return r, fmt.Errorf("eval output: %w", err)
	}
	r.acc, r.f1, r.nTest = rep.Accuracy, rep.MacroF1, rep.N
	r.predSec = psec
	r.predPerS = float64(rep.N) / psec
	return r, nil
}
