package article

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
)

// Formats lists the values LoadOptions.Format accepts besides "" (detect).
var Formats = []string{"txt", "json", "jsonl", "csv", "tsv", "html"}

// formatByExt maps a file name's extension (after any .gz is removed) to
// a format, or "" when the extension says nothing.
func formatByExt(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return "txt"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson", ".jsonlines":
		return "jsonl"
	case ".csv":
		return "csv"
	case ".tsv", ".tab":
		return "tsv"
	case ".html", ".htm", ".xhtml", ".shtml":
		return "html"
	}
	return ""
}

// magic numbers of common binary files that end up next to articles.
var magics = []struct {
	prefix string
	what   string
}{
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"%PDF-", "PDF document"},
	{"PK\x03\x04", "ZIP archive"},
	{"PK\x05\x06", "ZIP archive"},
	{"\x7fELF", "ELF executable"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"\xfd7zXZ\x00", "xz archive"},
	{"7z\xbc\xaf\x27\x1c", "7z archive"},
	{"Rar!\x1a\x07", "RAR archive"},
	{"\x28\xb5\x2f\xfd", "zstd archive"},
	{"SQLite format 3\x00", "SQLite database"},
	{"\x00asm", "WebAssembly module"},
	{"\xca\xfe\xba\xbe", "Java class or Mach-O file"},
	{"\xcf\xfa\xed\xfe", "Mach-O executable"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office (OLE) document"},
	{"OggS", "Ogg media"},
	{"ID3", "MP3 audio"},
	{"RIFF", "RIFF media"},
	{"\x1a\x45\xdf\xa3", "Matroska/WebM media"},
	{"wOFF", "web font"},
	{"wOF2", "web font"},
}

// binaryKind reports whether sample (the start of an input, after gzip and
// any UTF-16 were undone) is binary: a known magic number, NUL bytes in
// more than 1% of it, or control characters in more than 10% of it. It
// returns a short description, or "" for text.
func binaryKind(sample []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(sample, []byte(m.prefix)) {
			return m.what
		}
	}
	if len(sample) >= 12 && string(sample[4:8]) == "ftyp" {
		return "MP4/QuickTime media"
	}
	if len(sample) == 0 {
		return ""
	}
	var nul, ctl int
	for _, c := range sample {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		case c == 0x7f:
			ctl++
		}
	}
	if nul*100 > len(sample) || nul > 0 && len(sample) < 100 || (nul+ctl)*10 > len(sample) {
		return "binary data"
	}
	return ""
}

// sniffFormat guesses the format of a text input from its first bytes.
// It is only asked when neither LoadOptions.Format nor the extension
// decides.
func sniffFormat(sample []byte, columns map[string]string) string {
	s := bytes.TrimLeft(sample, " \t\r\n")
	if len(s) == 0 {
		return "txt"
	}
	switch s[0] {
	case '[':
		if looksJSONArray(s) {
			return "json"
		}
	case '{':
		if isJSONLines(s) {
			return "jsonl"
		}
		return "json"
	case '<':
		if looksHTML(s) {
			return "html"
		}
	}
	if f := sniffDelimited(s, columns); f != "" {
		return f
	}
	return "txt"
}

// looksJSONArray: "[" then, after white space, an object, an array end or
// the end of the sample (a text starting "[Editor's note]" is not JSON).
func looksJSONArray(s []byte) bool {
	rest := bytes.TrimLeft(s[1:], " \t\r\n")
	return len(rest) == 0 || rest[0] == '{' || rest[0] == ']'
}

// isJSONLines reports whether s (starting with "{") holds one complete
// JSON object on its first line followed by more content: JSON Lines
// rather than one pretty-printed object. When the first line is longer
// than the sample it cannot tell and answers true if the line so far has
// no newline, since a pretty-printed object breaks its first line early.
func isJSONLines(s []byte) bool {
	nl := bytes.IndexByte(s, '\n')
	if nl < 0 {
		// One line so far: JSON Lines with a long first line, or a
		// one-line JSON file; both load the same way through JSONL.
		return true
	}
	return json.Valid(bytes.TrimSpace(s[:nl]))
}

// looksHTML reports whether s starts like an HTML document: a doctype, an
// <html>, <head> or <body> tag, possibly after an XML declaration or
// comments.
func looksHTML(s []byte) bool {
	for range 8 {
		s = bytes.TrimLeft(s, " \t\r\n")
		switch {
		case hasPrefixFold(s, "<!doctype html"), hasPrefixFold(s, "<html"),
			hasPrefixFold(s, "<head"), hasPrefixFold(s, "<body"), hasPrefixFold(s, "<meta charset"):
			return true
		case hasPrefixFold(s, "<!--"):
			end := bytes.Index(s, []byte("-->"))
			if end < 0 {
				return false
			}
			s = s[end+3:]
		case hasPrefixFold(s, "<?xml"):
			end := bytes.Index(s, []byte("?>"))
			if end < 0 {
				return false
			}
			s = s[end+2:]
		default:
			return false
		}
	}
	return false
}

// sniffDelimited reports "csv" or "tsv" when the first line of s is a
// header naming a text column (by alias or through columns), else "".
func sniffDelimited(s []byte, columns map[string]string) string {
	line := s
	if nl := bytes.IndexByte(s, '\n'); nl >= 0 {
		line = s[:nl]
	}
	line = bytes.TrimRight(line, "\r")
	for _, d := range []struct {
		sep    string
		format string
	}{{"\t", "tsv"}, {",", "csv"}} {
		if !bytes.Contains(line, []byte(d.sep)) {
			continue
		}
		names := strings.Split(string(line), d.sep)
		for i := range names {
			names[i] = strings.Trim(strings.TrimSpace(names[i]), `"`)
		}
		if _, ok := mapHeader(names, columns)["text"]; ok {
			return d.format
		}
	}
	return ""
}
