package article

import (
	"fmt"
	"io"
	"os"
)

// LoadOptions control how inputs become Articles.
type LoadOptions struct {
	// Format forces a format: "" (detect), txt, json, jsonl, csv, tsv, html.
	Format string
	// TitleLine takes the first line of a plain-text input as its title.
	TitleLine bool
	// Columns maps article fields to CSV/JSON field names, e.g.
	// {"text": "body", "title": "headline"}.
	Columns map[string]string
	// MaxBytes caps one input file (after decompression) or one record.
	// Zero means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// DefaultMaxBytes is the default cap on one input.
const DefaultMaxBytes = 64 << 20

// InputError is a bad input: which file (and line or row) and why.
type InputError struct {
	Origin string // "file.csv:12" or "file.txt"
	Err    error
}

func (e *InputError) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Load reads every article found at path (a file, a directory walked
// recursively, or "-" for Stdin) and calls fn for each. Bad inputs are
// passed to onErr as *InputError and loading goes on; Load returns a
// non-nil error only when fn does or when path cannot be read at all.
// (Placeholder: plain text only; replaced by the real loaders.)
func Load(path string, opts LoadOptions, fn func(*Article) error, onErr func(*InputError)) error {
	var b []byte
	var err error
	if path == "-" {
		b, err = io.ReadAll(opts.Stdin)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return fmt.Errorf("load %s: %w", path, err)
	}
	if len(b) == 0 {
		onErr(&InputError{Origin: path, Err: fmt.Errorf("empty input")})
		return nil
	}
	return fn(&Article{Text: string(b), Origin: path})
}
