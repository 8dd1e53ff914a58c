package article

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzLoad loads data from stdin in format and checks what every load
// promises: no panic, articles that pass checkArticle, errors that name
// their origin.
func fuzzLoad(t *testing.T, data []byte, opts LoadOptions) {
	opts.Stdin = bytes.NewReader(data)
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 1 << 20
	}
	err := Load("-", opts, func(a *Article) error {
		checkArticle(t, a)
		if !strings.HasPrefix(a.Origin, "stdin") {
			t.Errorf("origin %q", a.Origin)
		}
		return nil
	}, func(e *InputError) {
		if !strings.HasPrefix(e.Origin, "stdin") || e.Err == nil {
			t.Errorf("bad InputError %#v", e)
		}
		if !utf8.ValidString(e.Error()) {
			// Messages quote input (ids, titles): they must stay printable.
			t.Errorf("error message not valid UTF-8: %q", e.Error())
		}
	})
	if err != nil {
		t.Errorf("Load: %v", err)
	}
}

// seed adds the fixtures whose names match pattern, and extra strings.
func seed(f *testing.F, pattern string, extra ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", pattern))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

func FuzzLoadText(f *testing.F) {
	seed(f, "*.txt", "Title\n\nBody.", "\r\r\nx", "\xff\xfe\x00")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{Format: "txt"})
		fuzzLoad(t, data, LoadOptions{Format: "txt", TitleLine: true})
	})
}

func FuzzLoadJSONL(f *testing.F) {
	seed(f, "*.jsonl", `{"text": 1}`, `{"text": [1, {"name": "x"}, null]}`, "{\"text\":\"a\"}\n\xff", `{"text":"a"} x`)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{Format: "jsonl"})
	})
}

func FuzzLoadJSON(f *testing.F) {
	seed(f, "*.json", `[{"text": "a"}, 3, {"text": "b"}]`, `{"text":"a"}{"text":"b"}`, `]`, `[`, "[\n{\"body\":\"x\"},\n{\"x\":}]")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{Format: "json"})
	})
}

func FuzzLoadCSV(f *testing.F) {
	seed(f, "*.csv", "text\n\"a\"\"b\"\n", "title,text\n\"unterminated\n", "a,text\n1,2,3\n\"x\"y,z\n")
	seed(f, "*.tsv")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{Format: "csv"})
		fuzzLoad(t, data, LoadOptions{Format: "tsv"})
		fuzzLoad(t, data, LoadOptions{Format: "csv", Columns: map[string]string{"text": "b", "title": "a"}})
	})
}

func FuzzLoadHTML(f *testing.F) {
	seed(f, "*.html", "<html><body><p>a</p><p>b</p></body></html>", "<meta charset=shift_jis><p>\x82\xa0</p>", "<p>", "<pre>x\n\n\ny</pre>")
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{Format: "html"})
	})
}

// FuzzLoadDetect goes through detection: gzip, byte order marks, UTF-16
// guessing, binary checks and sniffing.
func FuzzLoadDetect(f *testing.F) {
	seed(f, "*")
	f.Add([]byte("\xfe\xff\x00{\x00}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, data, LoadOptions{})
	})
}

// FuzzGzip compresses data, optionally cuts the stream, and loads it: a
// damaged or tiny-capped gzip stream is an error, never a panic.
func FuzzGzip(f *testing.F) {
	seed(f, "articles.*")
	f.Add([]byte("plain text"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
		z := b.Bytes()
		fuzzLoad(t, z, LoadOptions{})
		fuzzLoad(t, z, LoadOptions{MaxBytes: int64(len(data)/2 + 1)})
		if len(data) > 0 {
			fuzzLoad(t, z[:int(data[0])%len(z)], LoadOptions{})
		}
	})
}

// FuzzDecode checks the text normalizers: valid UTF-8 out, no control
// characters but \n and \t, idempotent.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("caf\xe9 \x93q\x94\r\n\x00\u0085\ufeff"))
	f.Add([]byte("plain"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, fell := decodeBytes(data)
		if !utf8.ValidString(s) {
			t.Fatalf("decodeBytes(%q) = %q: invalid UTF-8", data, s)
		}
		if fell == utf8.Valid(data) {
			t.Fatalf("decodeBytes(%q): fellBack %v", data, fell)
		}
		c := cleanText(string(data))
		if !utf8.ValidString(c) || strings.ContainsRune(c, '\r') {
			t.Fatalf("cleanText(%q) = %q", data, c)
		}
		for _, r := range c {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfeff {
				t.Fatalf("cleanText(%q) kept %U", data, r)
			}
		}
		if cleanText(c) != c {
			t.Fatalf("cleanText not idempotent on %q", data)
		}
		if l := cleanLine(string(data)); strings.ContainsAny(l, "\n\t") || strings.TrimSpace(l) != l {
			t.Fatalf("cleanLine(%q) = %q", data, l)
		}
	})
}
