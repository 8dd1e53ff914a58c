package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"unicode/utf8"
)

// loadJSONL reads JSON Lines: one object a line, streamed. A line that
// does not parse is reported with its number and skipped; blank lines are
// skipped silently.
func (l *loader) loadJSONL(origin string, br *bufio.Reader) error {
	var buf []byte
	lineNo, records := 0, 0
	for {
		line, err := readLine(br, &buf)
		if err != nil && err != io.EOF {
			// A damaged stream (truncated gzip, size cap): the partial
			// line is not worth a second message.
			l.fail(fmt.Sprintf("%s:%d", origin, lineNo+1), fmt.Errorf("%w; the rest of the file was not read", readError(err)))
			return nil
		}
		if len(line) > 0 {
			lineNo++
			if t := bytes.TrimSpace(line); len(t) > 0 {
				records++
				if stop := l.jsonRecord(fmt.Sprintf("%s:%d", origin, lineNo), t); stop != nil {
					return stop
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	if records == 0 {
		l.fail(origin, ErrEmpty)
	}
	return nil
}

// readLine reads up to and including the next newline, however long,
// using *buf when the line does not fit bufio's buffer. The result is
// valid until the next call.
func readLine(br *bufio.Reader, buf *[]byte) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return line, err
	}
	*buf = append((*buf)[:0], line...)
	for {
		line, err = br.ReadSlice('\n')
		*buf = append(*buf, line...)
		if err != bufio.ErrBufferFull {
			return *buf, err
		}
	}
}

// jsonRecord turns one JSON value into an Article and emits it, or
// reports why it cannot. It returns only fn's error.
func (l *loader) jsonRecord(origin string, raw []byte) error {
	a, err := articleFromJSON(raw, l.opts.Columns)
	if err != nil {
		l.fail(origin, err)
		return nil
	}
	a.Origin = origin
	return l.emit(a)
}

// articleFromJSON decodes one JSON object into an Article, reading bytes
// that are not valid UTF-8 as Windows-1252 (encoding/json would turn them
// into U+FFFD).
func articleFromJSON(raw []byte, columns map[string]string) (*Article, error) {
	var warnings []string
	if !utf8.Valid(raw) {
		s, _ := decodeBytes(raw)
		raw = []byte(s)
		warnings = append(warnings, warnWindows1252)
	}
	if len(raw) > 0 && raw[0] != '{' {
		if json.Valid(raw) {
			return nil, errors.New("not a JSON object")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("invalid JSON: %s", jsonErrText(err))
	}
	if obj == nil {
		return nil, errors.New("not a JSON object")
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(raw[off:])) > 0 {
		return nil, fmt.Errorf("invalid JSON: more data after the object at byte %d", off+1)
	}
	a := &Article{Warnings: warnings}
	folded := make(map[string]string, len(obj))
	for k := range obj {
		nk := normKey(k)
		if prev, ok := folded[nk]; !ok || k < prev { // deterministic on clashes
			folded[nk] = k
		}
	}
	for _, field := range Fields {
		key, ok := "", false
		if name, mapped := columns[field]; mapped {
			if _, ok = obj[name]; ok {
				key = name
			} else {
				key, ok = folded[normKey(name)]
			}
		} else {
			for _, alias := range aliases[field] {
				if key, ok = folded[alias]; ok {
					break
				}
			}
		}
		if !ok {
			continue
		}
		sep := ", "
		if field == "text" {
			sep = "\n\n"
		}
		v, err := jsonText(obj[key], sep)
		if err != nil {
			if field == "text" {
				return nil, fmt.Errorf("field %q: %w", key, err)
			}
			a.Warnings = append(a.Warnings, fmt.Sprintf("field %q ignored: %v", key, err))
			continue
		}
		setField(a, field, v)
	}
	if a.Text == "" {
		return nil, emptyTextError(a, obj, columns)
	}
	return a, nil
}

// emptyTextError says why a record has no text: an empty text field, or
// no text field at all (then listing the fields it has).
func emptyTextError(a *Article, obj map[string]any, columns map[string]string) error {
	name := ""
	if a.ID != "" {
		name = fmt.Sprintf(" (id %q)", a.ID)
	} else if a.Title != "" {
		name = fmt.Sprintf(" (title %q)", truncate(a.Title, 60))
	}
	if obj != nil {
		found := false
		if n, ok := columns["text"]; ok {
			_, found = obj[n]
			for k := range obj {
				found = found || normKey(k) == normKey(n)
			}
		} else {
			for k := range obj {
				for _, alias := range aliases["text"] {
					found = found || normKey(k) == alias
				}
			}
		}
		if !found {
			keys := make([]string, 0, len(obj))
			for k := range obj {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			want := "text field"
			if n, ok := columns["text"]; ok {
				want = fmt.Sprintf("field %q", n)
			}
			return fmt.Errorf("%w: no %s%s; fields are %s (map one with --columns text=NAME)", ErrEmptyText, want, name, quoteList(keys))
		}
	}
	return fmt.Errorf("%w%s", ErrEmptyText, name)
}

// truncate cuts s to at most n runes, marking the cut with "…".
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// jsonText renders a decoded JSON value as text: strings as they are,
// numbers and booleans literally ("label": 0 -> "0"), null as "", arrays
// joined with sep, and an object by its "name", "@value", "value" or
// "text" member (schema.org style {"@type": "Person", "name": ...}).
func jsonText(v any, sep string) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	case []any:
		var parts []string
		for _, e := range v {
			s, err := jsonText(e, sep)
			if err != nil {
				return "", err
			}
			if s != "" {
				parts = append(parts, s)
			}
		}
		return joinStrings(parts, sep), nil
	case map[string]any:
		for _, k := range []string{"name", "@value", "value", "text"} {
			if e, ok := v[k]; ok {
				return jsonText(e, sep)
			}
		}
		return "", errors.New("holds a JSON object with no name, value or text member")
	}
	return "", fmt.Errorf("unexpected JSON value %T", v)
}

func joinStrings(parts []string, sep string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	var b bytes.Buffer
	for i, p := range parts {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

// jsonErrText is a JSON error's message without encoding/json's "json: "
// prefix and Go type names.
func jsonErrText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (byte %d)", se.Error(), se.Offset)
	}
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON input"
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "expected a JSON object, found " + te.Value
	}
	return err.Error()
}

// lineTracker counts lines in what a json.Decoder reads, so records of a
// JSON array can be named by line.
type lineTracker struct {
	r    io.Reader
	off  int64   // bytes read so far
	nls  []int64 // offsets of newlines read and not yet passed by lineAt
	line int     // newlines passed by lineAt
}

func (t *lineTracker) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		t.nls = append(t.nls, t.off+int64(i+j))
		i += j + 1
	}
	t.off += int64(n)
	return n, err
}

// lineAt returns the 1-based line of byte offset off; offsets must not
// decrease from call to call.
func (t *lineTracker) lineAt(off int64) int {
	k := 0
	for k < len(t.nls) && t.nls[k] < off {
		k++
	}
	t.line += k
	t.nls = t.nls[k:]
	if len(t.nls) == 0 {
		t.nls = nil
	}
	return t.line + 1
}

// loadJSON reads a JSON document: one object, an array of objects
// (streamed element by element), or several top-level objects in a row.
// Records are named by the line they start on. A syntax error stops the
// file, since JSON cannot resynchronize; the records before it are kept.
func (l *loader) loadJSON(origin string, br *bufio.Reader) error {
	lt := &lineTracker{r: br}
	dec := json.NewDecoder(lt)
	records := 0
	at := func(off int64) string { return fmt.Sprintf("%s:%d", origin, lt.lineAt(off)) }
	// next is the offset of the next value: encoding/json's offsets in
	// errors do not count what Token consumed, so use the decoder's
	// position, moved past white space.
	next := func() int64 {
		off := dec.InputOffset()
		rest, _ := io.ReadAll(dec.Buffered())
		return off + int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n,")))
	}
	stop := func(err error) {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			l.fail(at(next()), fmt.Errorf("invalid JSON in the record starting on this line: %s; the rest of the file was not read", se.Error()))
		case err == io.ErrUnexpectedEOF:
			l.fail(at(next()), errors.New("invalid JSON: the input ends inside the record starting on this line"))
		default:
			l.fail(at(next()), readError(err))
		}
	}
	one := func() (bool, error) {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			stop(err)
			return false, nil
		}
		records++
		return true, l.jsonRecord(at(dec.InputOffset()-int64(len(raw))), raw)
	}
	for {
		tok, err := peekJSON(dec)
		if err == io.EOF {
			break
		}
		if err != nil {
			stop(err)
			return nil
		}
		if tok != '[' {
			ok, ferr := one()
			if ferr != nil || !ok {
				return ferr
			}
			continue
		}
		if _, err := dec.Token(); err != nil { // the '['
			stop(err)
			return nil
		}
		for dec.More() {
			ok, ferr := one()
			if ferr != nil || !ok {
				return ferr
			}
		}
		if _, err := dec.Token(); err != nil { // the ']'
			stop(err)
			return nil
		}
	}
	if records == 0 {
		l.fail(origin, fmt.Errorf("%w: no JSON objects", ErrEmpty))
	}
	return nil
}

// peekJSON returns the first byte of the decoder's next value without
// consuming it, or io.EOF at the end of the input.
func peekJSON(dec *json.Decoder) (byte, error) {
	if !dec.More() {
		// More is false at EOF, and also before a stray ']' or '}',
		// which Token reports as a syntax error.
		if _, err := dec.Token(); err != nil {
			return 0, err
		}
		return 0, errors.New("invalid JSON: unexpected closing bracket")
	}
	r := dec.Buffered()
	var b [1]byte
	for {
		if _, err := r.Read(b[:]); err != nil {
			return 0, nil // the value starts beyond the buffer: not an array
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return b[0], nil
	}
}
