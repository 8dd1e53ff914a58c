package attrib

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// The text model files (cue lexicon, part-of-speech dictionary) share one
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
