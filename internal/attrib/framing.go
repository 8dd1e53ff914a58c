package attrib

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The text model files (cue lexicon, part-of-speech dictionary, name lexicon) share one
// frame: a format line, a note, the body's SHA-256, "---", then the body.

// frame wraps body in the header of a text model file.
func frame(format, note string, body []byte) []byte {
	sum := sha256.Sum256(body)
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s\nnote\t%s\nsha256\t%s\n---\n", format, note, hex.EncodeToString(sum[:]))
	out.Write(body)
	return out.Bytes()
}

// unframe checks b's format line and checksum and returns its note and
// body; what names the file in errors ("cue model").
func unframe(what, format string, b []byte) (note string, body []byte, err error) {
	head, body, ok := bytes.Cut(b, []byte("\n---\n"))
	if !ok {
		return "", nil, fmt.Errorf("%s: no header separator", what)
	}
	lines := strings.Split(string(head), "\n")
	if len(lines) < 3 || lines[0] != format {
		return "", nil, fmt.Errorf("%s: not a %s file", what, format)
	}
	var sum string
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, "\t")
		switch k {
		case "note":
			note = v
		case "sha256":
			sum = v
		}
	}
	got := sha256.Sum256(body)
	if sum != hex.EncodeToString(got[:]) {
		return "", nil, errors.New(what + ": checksum mismatch")
	}
	return note, body, nil
}

// marshalTable frames a "key TAB value" table, one line per key, sorted:
// the body of the part-of-speech dictionary and the name lexicon.
func marshalTable(format, note string, m map[string]string) []byte {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var body bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&body, "%s\t%s\n", k, m[k])
	}
	return frame(format, note, body.Bytes())
}

// parseTable reads a table written by marshalTable, checking format and
// checksum, and each line with valid (which says what a line must be
// when it refuses one); foreign or corrupt input is an error, never a
// panic.
func parseTable(what, format string, b []byte, valid func(k, v string) (bool, string)) (string, map[string]string, error) {
	note, body, err := unframe(what, format, b)
	if err != nil {
		return "", nil, err
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for n := 1; sc.Scan(); n++ {
		k, v, _ := strings.Cut(sc.Text(), "\t")
		if ok, want := valid(k, v); !ok {
			return "", nil, fmt.Errorf("%s: line %d: want %s", what, n, want)
		}
		m[k] = v
	}
	if err := sc.Err(); err != nil {
		return "", nil, fmt.Errorf("%s: %w", what, err)
	}
	return note, m, nil
}
