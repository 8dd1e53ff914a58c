package text_test

import (
	"os"
	"testing"

	"github.com/credence-news/credence/internal/eval"
)

// goldenRules is the Golden Rules sentence-boundary set in ../shared.
const goldenRules = "../../../shared/data/segmentation/golden-rules-en.jsonl"

func TestGoldenRules(t *testing.T) {
	f, err := os.Open(goldenRules)
	if err != nil {
		t.Skipf("golden rules not available (%v); run from a checkout with ../shared", err)
	}
	defer f.Close()
	cases, err := eval.ReadSegmentationCases(f)
	if err != nil {
		t.Fatalf("read %s: %v", goldenRules, err)
	}
	res := eval.Segmentation(cases)
	for _, fl := range res.Failures {
		t.Logf("case %d (%s):\n  text: %q\n  want: %q\n  got:  %q", fl.Case.ID, fl.Case.Rule, fl.Case.Text, fl.Case.Expected, fl.Got)
	}
	t.Logf("golden rules: %d/%d passed, failed %v, not applicable %v", res.Passed, res.Cases, res.Failed, res.NotApplicable)
	if res.Passed < 50 {
		t.Errorf("golden rules: %d passed, want at least 50 (failed: %v)", res.Passed, res.Failed)
	}
}
