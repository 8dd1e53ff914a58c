package cli

import (
	"flag"
	"fmt"

	"github.com/credence-news/credence/internal/analyze"
	"github.com/credence-news/credence/internal/model"
)

// modelFlags are the reliability-model flags of analyze, serve and
// ingest.
type modelFlags struct {
	path string
	off  bool
}

func (f *modelFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.path, "model", "", "reliability model file (default: the embedded default model)")
	fs.BoolVar(&f.off, "no-reliability", false, "leave the reliability verdict empty (no model is loaded)")
}

// analyzeOptions loads the model. Without --model, a missing or broken
// embedded model is reported and the service runs without verdicts
// rather than not at all.
func (f *modelFlags) analyzeOptions(env *Env) (analyze.Options, error) {
	var opts analyze.Options
	if f.off {
		return opts, nil
	}
	if f.path != "" {
		m, err := model.LoadFile(f.path)
		if err != nil {
			return opts, err
		}
		opts.Scorer = m
		return opts, nil
	}
	m, err := model.Default()
	if err != nil {
		fmt.Fprintf(env.Stderr, "credence: warning: %v; reliability verdicts are off\n", err)
		return opts, nil
	}
	opts.Scorer = m
	return opts, nil
}
