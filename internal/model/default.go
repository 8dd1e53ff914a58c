package model

import (
	_ "embed"
	"fmt"
	"sync"
)

// defaultModel is trained from ../shared/data/news/pool.jsonl by
// `make models` (see docs/MODEL.md).
//
//go:embed default.bin
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
	defaultErr  error
)

// Default returns the embedded default model, decoded once.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		if len(defaultModel) == 0 {
			defaultErr = fmt.Errorf("model: no default model embedded (run make models)")
			return
		}
		defaultM, defaultErr = Unmarshal(defaultModel)
		if defaultErr != nil {
			defaultErr = fmt.Errorf("model: embedded default: %w", defaultErr)
		}
	})
	return defaultM, defaultErr
}

// DefaultBytes is the embedded default model file.
func DefaultBytes() []byte { return defaultModel }
