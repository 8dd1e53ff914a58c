package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// LoadOptions control how inputs become Articles.
type LoadOptions struct {
	// Format forces a format: "" (detect), txt, json, jsonl, csv, tsv, html.
	Format string
	// TitleLine takes the first non-empty line of a plain-text input as
	// its title and the rest as its text.
	TitleLine bool
	// Columns maps article fields to CSV/JSON field names, e.g.
	// {"text": "body", "title": "headline"}. Fields it does not name are
	// found by their usual names and aliases (see Fields).
	Columns map[string]string
	// MaxBytes caps one input file after decompression (and so every
	// record in it). Zero means DefaultMaxBytes.
	MaxBytes int64
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// DefaultMaxBytes is the default cap on one input.
const DefaultMaxBytes = 64 << 20

// Errors an InputError can wrap, for callers that treat some kinds of bad
// input differently (errors.Is).
var (
	// ErrEmpty: the input holds nothing but white space.
	ErrEmpty = errors.New("empty file")
	// ErrEmptyText: a record (JSON object, CSV row) has no text.
	ErrEmptyText = errors.New("empty text")
	// ErrBinary: the input is not text.
	ErrBinary = errors.New("binary content, not an article")
	// ErrTooBig: the input is over LoadOptions.MaxBytes.
	ErrTooBig = errors.New("over the size cap")
)

// InputError is a bad input: which file (and line or row) and why.
type InputError struct {
	Origin string // "file.csv:12" or "file.txt"
	Err    error
}

func (e *InputError) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// sizeError is ErrTooBig with the numbers a user needs.
type sizeError struct {
	what      string // "file", "decompressed input", "input"
	size, max int64  // size is 0 when unknown (a stream)
}

func (e *sizeError) Error() string {
	if e.size > 0 {
		return fmt.Sprintf("%s is %s, over the %s cap (--max-bytes)", e.what, humanBytes(e.size), capBytes(e.max))
	}
	return fmt.Sprintf("%s is over the %s cap (--max-bytes)", e.what, capBytes(e.max))
}

func (e *sizeError) Is(target error) bool { return target == ErrTooBig }

// binaryError is ErrBinary with what the content looks like.
type binaryError struct{ what string }

func (e *binaryError) Error() string {
	return "binary content (" + e.what + "), not an article"
}

func (e *binaryError) Is(target error) bool { return target == ErrBinary }

// humanBytes renders n as "80 MB", "512 KB" or "300 bytes" (powers of 1024).
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		if n%(1<<20) == 0 || n >= 10<<20 {
			return fmt.Sprintf("%d MB", n>>20)
		}
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// capBytes renders a cap exactly: "64 MB" when it is a whole number of
// MB or KB, else "1000000 bytes", so the user sees the value they set.
func capBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Load reads every article found at path (a file, a directory walked
// recursively in sorted order skipping hidden names, or "-" for Stdin)
// and calls fn for each, in input order, as it is read: large JSONL, JSON
// arrays and CSV files are streamed. Each Article's Origin names the
// file, with ":LINE" for JSON and JSON Lines and ":ROW" for CSV/TSV (the
// header is row 1).
//
// The format is LoadOptions.Format, else the extension (.txt, .json,
// .jsonl/.ndjson, .csv, .tsv, .html/.htm; a .gz suffix is removed first),
// else sniffed from the first 8 KB. Gzip is recognized by its magic
// number and decompressed under the MaxBytes cap. Byte order marks and
// UTF-16 are undone; bytes that are not valid UTF-8 are read as
// Windows-1252 (HTML: as its <meta charset>) and the article gets a
// warning. Line endings become \n; control characters other than \n and
// \t are removed.
//
// Records (JSON objects, CSV rows) fill the fields id, title, text,
// author, url, outlet, published, label and dataset by name or alias
// (body/content/articleBody for text, headline for title, source/site
// for outlet, date/publish_date for published, ...; see aliases), or as
// LoadOptions.Columns maps them. Numbers and booleans become strings.
//
// Bad inputs (unreadable, empty, binary, too big, a record that does not
// parse or has no text) are passed to onErr as *InputError and loading
// goes on with the next record or file. Load returns a non-nil error only
// when the options are invalid or fn returns one (Load then stops and
// returns fn's error as is).
func Load(path string, opts LoadOptions, fn func(*Article) error, onErr func(*InputError)) error {
	if err := opts.check(); err != nil {
		return err
	}
	l := &loader{opts: opts, max: opts.MaxBytes, fn: fn, onErr: onErr}
	if l.max <= 0 {
		l.max = DefaultMaxBytes
	}
	if path == "-" {
		if opts.Stdin == nil {
			l.fail("stdin", errors.New("no standard input"))
			return nil
		}
		return l.loadStream("stdin", "", opts.Stdin, -1)
	}
	fi, err := os.Stat(path)
	if err != nil {
		l.fail(path, unwrapPathError(err))
		return nil
	}
	if fi.IsDir() {
		return l.loadDir(path)
	}
	return l.loadFile(path, fi)
}

// check rejects options Load cannot follow.
func (o LoadOptions) check() error {
	if o.Format != "" {
		ok := false
		for _, f := range Formats {
			ok = ok || o.Format == f
		}
		if !ok {
			return fmt.Errorf("load: unknown format %q (want one of %s)", o.Format, strings.Join(Formats, ", "))
		}
	}
	for field, name := range o.Columns {
		if _, ok := aliases[field]; !ok {
			return fmt.Errorf("load: unknown article field %q in columns (want one of %s)", field, strings.Join(Fields, ", "))
		}
		if name == "" {
			return fmt.Errorf("load: columns: empty name for field %q", field)
		}
	}
	return nil
}

// unwrapPathError drops the *PathError's path, which the InputError's
// Origin already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

type loader struct {
	opts  LoadOptions
	max   int64
	fn    func(*Article) error
	onErr func(*InputError)

	// warnings found for the whole current file (UTF-16 without BOM),
	// added to each of its articles.
	fileWarnings []string
}

func (l *loader) fail(origin string, err error) {
	l.onErr(&InputError{Origin: origin, Err: err})
}

// emit hands one article to fn with the file's warnings added.
func (l *loader) emit(a *Article) error {
	if len(l.fileWarnings) > 0 {
		a.Warnings = append(append([]string(nil), l.fileWarnings...), a.Warnings...)
	}
	return l.fn(a)
}

func (l *loader) loadDir(root string) error {
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			l.fail(p, unwrapPathError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		fi, err := os.Stat(p) // follows a symlink to a file
		if err != nil {
			l.fail(p, unwrapPathError(err))
			return nil
		}
		if fi.IsDir() {
			return nil // a symlinked directory: not followed, no loops
		}
		n++
		return l.loadFile(p, fi)
	})
	if err != nil {
		return err
	}
	if n == 0 {
		l.fail(root, errors.New("directory holds no files"))
	}
	return nil
}

func (l *loader) loadFile(path string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() && fi.Size() > l.max {
		l.fail(path, &sizeError{what: "file", size: fi.Size(), max: l.max})
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		l.fail(path, unwrapPathError(err))
		return nil
	}
	defer f.Close()
	return l.loadStream(path, path, f, fi.Size())
}

// capReader returns a *sizeError once more than max bytes are read.
type capReader struct {
	r    io.Reader
	n    int64
	max  int64
	what string
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n > c.max {
		return 0, &sizeError{what: c.what, max: c.max}
	}
	if room := c.max - c.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n > c.max {
		return n - int(c.n-c.max), &sizeError{what: c.what, max: c.max}
	}
	return n, err
}

const (
	bufSize   = 64 << 10
	sniffSize = 8 << 10
)

// loadStream undoes gzip compression (by magic number: a .gz name without
// it is read as is) and goes on to loadDecoded with the inner name.
func (l *loader) loadStream(origin, name string, r io.Reader, size int64) error {
	what := "input"
	if size >= 0 {
		what = "file"
	}
	br := bufio.NewReaderSize(&capReader{r: r, max: l.max, what: what}, bufSize)
	head, err := br.Peek(2)
	if err != nil && err != io.EOF {
		l.fail(origin, readError(err))
		return nil
	}
	inner := name
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".gz" || ext == ".gzip" {
		inner = name[:len(name)-len(ext)]
	}
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			l.fail(origin, fmt.Errorf("gzip: %w", err))
			return nil
		}
		defer zr.Close()
		return l.loadDecoded(origin, inner, &capReader{r: zr, max: l.max, what: "decompressed input"}, true)
	}
	return l.loadDecoded(origin, inner, br, false)
}

// readError words a read error: a size cap or gzip error as is, anything
// else as a read error.
func readError(err error) error {
	var se *sizeError
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("gzip: the compressed data is truncated (%w)", err)
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return fmt.Errorf("gzip: %w", err)
	}
	return fmt.Errorf("read: %w", err)
}

// loadDecoded handles byte order marks and UTF-16, rejects empty and
// binary input, picks the format and calls its loader.
func (l *loader) loadDecoded(origin, name string, r io.Reader, gzipped bool) error {
	l.fileWarnings = nil
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, bufSize)
	}
	sample, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		l.fail(origin, readError(err))
		return nil
	}
	atEOF := err == io.EOF
	if gzipped && len(sample) >= 2 && sample[0] == 0x1f && sample[1] == 0x8b {
		l.fail(origin, errors.New("gzip inside gzip is not supported"))
		return nil
	}
	utf16 := ""
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		br.Discard(len(bomUTF8))
		sample = sample[len(bomUTF8):]
	case bytes.HasPrefix(sample, bomUTF16LE):
		utf16 = "utf-16le"
	case bytes.HasPrefix(sample, bomUTF16BE):
		utf16 = "utf-16be"
	default:
		if g := utf16Guess(sample); g != "" {
			utf16 = g
			l.fileWarnings = append(l.fileWarnings, "decoded from "+strings.ToUpper(g)+": input had no byte order mark")
		}
	}
	if utf16 != "" {
		order := unicode.LittleEndian
		if utf16 == "utf-16be" {
			order = unicode.BigEndian
		}
		// UseBOM: a BOM, when present, is removed (and wins).
		dec := unicode.UTF16(order, unicode.UseBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), bufSize)
		sample, err = br.Peek(sniffSize)
		if err != nil && err != io.EOF {
			l.fail(origin, readError(err))
			return nil
		}
		atEOF = err == io.EOF
	}
	if len(bytes.TrimSpace(sample)) == 0 && atEOF {
		l.fail(origin, ErrEmpty)
		return nil
	}
	if kind := binaryKind(sample); kind != "" {
		l.fail(origin, &binaryError{what: kind})
		return nil
	}
	format := l.opts.Format
	if format == "" {
		format = formatByExt(name)
		switch format {
		case "":
			format = sniffFormat(sample, l.opts.Columns)
		case "json", "jsonl":
			// The extension says JSON; the content says which kind.
			if s := bytes.TrimLeft(sample, " \t\r\n"); len(s) > 0 {
				if s[0] == '[' {
					format = "json"
				} else if s[0] == '{' {
					format = "json"
					if isJSONLines(s) {
						format = "jsonl"
					}
				}
			}
		}
	}
	switch format {
	case "txt":
		return l.loadText(origin, br)
	case "json":
		return l.loadJSON(origin, br)
	case "jsonl":
		return l.loadJSONL(origin, br)
	case "csv":
		return l.loadCSV(origin, br, ',')
	case "tsv":
		return l.loadCSV(origin, br, '\t')
	case "html":
		return l.loadHTML(origin, br)
	}
	return fmt.Errorf("load: unknown format %q", format)
}
