package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/credence-news/credence/internal/eval"
)

func init() {
	registerEval(command{name: "segmentation", summary: "score the sentence segmenter on Golden Rules cases", run: runEvalSegmentation})
}

func runEvalSegmentation(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "eval segmentation", "--golden FILE", `Score the sentence segmenter on a Golden Rules file (JSON Lines of
{"id","rule","text","expected":[sentences],"pdf"}), such as
../shared/data/segmentation/golden-rules-en.jsonl. Cases that depend on PDF
line breaks are reported as not applicable.`)
	golden := fs.String("golden", "", "the Golden Rules JSONL file (required)")
	format := fs.String("format", "text", "output format: text or json")
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q", pos[0])
	}
	if *golden == "" {
		return usageErrorf(env, fs, "--golden FILE is required")
	}
	if *format != "text" && *format != "json" {
		return usageErrorf(env, fs, "--format %q: want text or json", *format)
	}
	f, err := os.Open(*golden)
	if err != nil {
		return fmt.Errorf("eval segmentation: %w", err)
	}
	defer f.Close()
	cases, err := eval.ReadSegmentationCases(f)
	if err != nil {
		return fmt.Errorf("eval segmentation: %s: %w", *golden, err)
	}
	res := eval.Segmentation(cases)
	if *format == "json" {
		enc := json.NewEncoder(env.Stdout)
		return enc.Encode(res)
	}
	for _, fl := range res.Failures {
		fmt.Fprintf(env.Stdout, "FAIL %d %s\n  text:     %q\n  expected: %s\n  got:      %s\n",
			fl.Case.ID, fl.Case.Rule, fl.Case.Text, quoteAll(fl.Case.Expected), quoteAll(fl.Got))
	}
	fmt.Fprintf(env.Stdout, "segmentation: %d/%d cases passed (%.1f%%), %d not applicable (pdf), %.3fs\n",
		res.Passed, res.Cases, 100*float64(res.Passed)/float64(max(1, res.Cases)), len(res.NotApplicable), res.Seconds)
	return nil
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
