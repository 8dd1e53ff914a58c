package article

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

// loaded is what one Load call produced.
type loaded struct {
	arts []*Article
	errs []*InputError
}

func (r loaded) origins() []string {
	var o []string
	for _, a := range r.arts {
		o = append(o, a.Origin)
	}
	return o
}

func (r loaded) errStrings() []string {
	var s []string
	for _, e := range r.errs {
		s = append(s, e.Error())
	}
	return s
}

func load(t testing.TB, path string, opts LoadOptions) loaded {
	t.Helper()
	var r loaded
	err := Load(path, opts, func(a *Article) error {
		r.arts = append(r.arts, a)
		return nil
	}, func(e *InputError) { r.errs = append(r.errs, e) })
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	for _, a := range r.arts {
		checkArticle(t, a)
	}
	return r
}

// checkArticle asserts what every loaded article promises: a name, a
// non-empty valid UTF-8 text with no control characters but \n and \t,
// no \r, nothing to trim.
func checkArticle(t testing.TB, a *Article) {
	t.Helper()
	if a.Origin == "" {
		t.Errorf("article with no Origin: %+v", a)
	}
	if a.Text == "" {
		t.Errorf("%s: empty text", a.Origin)
	}
	for name, s := range map[string]string{"text": a.Text, "title": a.Title, "author": a.Author, "id": a.ID, "url": a.URL, "outlet": a.Outlet, "published": a.Published, "label": a.Label} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: %s is not valid UTF-8: %q", a.Origin, name, s)
		}
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfeff {
				t.Errorf("%s: %s holds control character %U", a.Origin, name, r)
				break
			}
		}
		if strings.TrimSpace(s) != s {
			t.Errorf("%s: %s not trimmed: %q", a.Origin, name, s)
		}
		if name != "text" && strings.ContainsAny(s, "\n\t") {
			t.Errorf("%s: one-line field %s holds a newline or tab: %q", a.Origin, name, s)
		}
	}
}

func td(name string) string { return filepath.Join("testdata", name) }

func TestLoadFixtures(t *testing.T) {
	tests := []struct {
		path     string
		opts     LoadOptions
		origins  []string
		errs     []string // each a substring of the matching error, in order
		errorsIs []error  // optional: errors.Is targets, in order
	}{
		{path: "article.txt", origins: []string{"article.txt"}},
		{path: "articles.csv", origins: []string{"articles.csv:2", "articles.csv:3", "articles.csv:4"}},
		{path: "articles.tsv", origins: []string{"articles.tsv:2"}},
		{path: "articles.jsonl", origins: []string{"articles.jsonl:1", "articles.jsonl:2", "articles.jsonl:4"}},
		{path: "articles.jsonl.gz", origins: []string{"articles.jsonl.gz:1", "articles.jsonl.gz:2", "articles.jsonl.gz:4"}},
		{path: "array.json", origins: []string{"array.json:2", "array.json:3"}},
		{path: "single.json", origins: []string{"single.json:1"}},
		{path: "page.html", origins: []string{"page.html"}},
		{path: "page.html.gz", origins: []string{"page.html.gz"}},
		{path: "latin1.html", origins: []string{"latin1.html"}},
		{path: "noext.gz", origins: []string{"noext.gz:2", "noext.gz:3", "noext.gz:4"}},
		{path: "cp1252.txt", origins: []string{"cp1252.txt"}},
		{path: "utf16.txt", origins: []string{"utf16.txt"}},
		{path: "dir", origins: []string{"dir/a.txt", "dir/sub/b.jsonl:1", "dir/sub/b.jsonl:2", "dir/sub/c.csv:2"}},
		{
			path:     "bad.jsonl",
			origins:  []string{"bad.jsonl:1", "bad.jsonl:4"},
			errs:     []string{"bad.jsonl:2: invalid JSON: unexpected end of JSON input", `bad.jsonl:3: empty text (id "b3")`, "bad.jsonl:5: not a JSON object", `bad.jsonl:6: empty text: no text field (id "b6"); fields are "headline", "id"`},
			errorsIs: []error{nil, ErrEmptyText, nil, ErrEmptyText},
		},
		{
			path:    "broken.csv",
			origins: []string{"broken.csv:2", "broken.csv:5"},
			errs: []string{
				"broken.csv:3: 5 fields, the header has 4; row skipped",
				`broken.csv:4: line 4, column 29: bare " in non-quoted-field; row skipped`,
				`broken.csv:6: empty text (id "5")`,
				"broken.csv:7: unterminated quoted field: the quote opened on line 7 runs to the end of the file (line 8)",
			},
		},
		{path: "nocolumn.csv", errs: []string{`nocolumn.csv: no text column in the CSV header; the columns are "id", "headline", "verdict" (map one with --columns text=NAME)`}},
		{path: "empty.txt", errs: []string{"empty.txt: empty file"}, errorsIs: []error{ErrEmpty}},
		{path: "blank.txt", errs: []string{"blank.txt: empty file"}, errorsIs: []error{ErrEmpty}},
		{path: "binary.png", errs: []string{"binary.png: binary content (PNG image), not an article"}, errorsIs: []error{ErrBinary}},
		{path: "noext", errs: []string{"noext: binary content (binary data), not an article"}, errorsIs: []error{ErrBinary}},
		{path: "bomb.txt.gz", opts: LoadOptions{MaxBytes: 1 << 20}, errs: []string{"bomb.txt.gz: decompressed input is over the 1 MB cap (--max-bytes)"}, errorsIs: []error{ErrTooBig}},
		{path: "bomb.txt.gz", origins: []string{"bomb.txt.gz"}},
		{path: "missing.txt", errs: []string{"missing.txt: stat: no such file or directory"}, errorsIs: []error{os.ErrNotExist}},
		// Forced formats.
		{path: "articles.csv", opts: LoadOptions{Format: "txt"}, origins: []string{"articles.csv"}},
		{path: "nocolumn.csv", opts: LoadOptions{Columns: map[string]string{"text": "headline"}}, origins: []string{"nocolumn.csv:2"}},
		{path: "nocolumn.csv", opts: LoadOptions{Columns: map[string]string{"text": "body"}}, errs: []string{`nocolumn.csv: no column for text=body; the columns are "id", "headline", "verdict"`}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%+v", tt.path, tt.opts), func(t *testing.T) {
			r := load(t, td(tt.path), tt.opts)
			got := strings.Join(r.origins(), " ")
			want := ""
			for i, o := range tt.origins {
				if i > 0 {
					want += " "
				}
				want += td(o)
			}
			if got != want {
				t.Errorf("articles:\n got %s\nwant %s", got, want)
			}
			if len(r.errs) != len(tt.errs) {
				t.Fatalf("errors:\n got %q\nwant %q", r.errStrings(), tt.errs)
			}
			for i, e := range r.errs {
				if !strings.Contains(e.Error(), td(tt.errs[i])) {
					t.Errorf("error %d:\n got %q\nwant %q", i, e.Error(), td(tt.errs[i]))
				}
				if i < len(tt.errorsIs) && tt.errorsIs[i] != nil && !errors.Is(e, tt.errorsIs[i]) {
					t.Errorf("error %d %q is not %v", i, e, tt.errorsIs[i])
				}
			}
		})
	}
}

func TestLoadFields(t *testing.T) {
	first := func(path string, opts LoadOptions) *Article {
		t.Helper()
		r := load(t, td(path), opts)
		if len(r.arts) == 0 {
			t.Fatalf("%s: no article; errors %q", path, r.errStrings())
		}
		return r.arts[0]
	}
	nth := func(path string, n int) *Article {
		t.Helper()
		r := load(t, td(path), LoadOptions{})
		if len(r.arts) <= n {
			t.Fatalf("%s: %d articles, want > %d", path, len(r.arts), n)
		}
		return r.arts[n]
	}
	tests := []struct {
		name string
		got  *Article
		want Article
	}{
		{"csv", first("articles.csv", LoadOptions{}), Article{
			ID: "101", Title: "Harbor Council Approves Ferry Schedule", Author: "Mara Quill", Label: "0",
			Text: "The Lindgate harbor council voted 5-2 on Tuesday to extend the evening ferry schedule, officials said.\n\n\"We listened to the night-shift workers,\" council chair Odile Brask said.",
		}},
		{"jsonl aliases and numbers", nth("articles.jsonl", 1), Article{
			ID: "2", Title: "Town Bans Umbrellas", Outlet: "rumor-mill.example", Label: "1",
			Text: "An anonymous post claims the town of Fernby banned umbrellas. No such rule exists, the mayor's office said.",
		}},
		{"jsonl array text and author object", nth("articles.jsonl", 2), Article{
			ID: "j3", Title: "School Garden Grows", Author: "Rue Palmer", Published: "2023-05-01",
			Text: "Students at Hollis Elementary planted forty tomato plants.\n\nThe harvest goes to the cafeteria, the principal said.",
		}},
		{"jsonl pool schema", first("articles.jsonl", LoadOptions{}), Article{
			ID: "j1", Dataset: "made-up", Title: "Bridge Repairs Finish Early", Author: "Tam Oduya",
			URL: "https://example.org/bridge", Outlet: "Example Gazette", Published: "2023-04-03", Label: "reliable",
			Text: "Crews finished repairs on the Corran Street bridge two weeks ahead of schedule, the city engineer said on Monday.",
		}},
		{"single json with aliases", first("single.json", LoadOptions{}), Article{
			Title: "One Object", Published: "2022-11-30", Text: "A JSON file holding a single object.",
		}},
		{"tsv with bare quotes", first("articles.tsv", LoadOptions{}), Article{
			Title: "River Cleanup Draws Volunteers", Outlet: "The Valley Ledger",
			Text: `About 200 volunteers pulled "tires" and bottles from the Sallow River on Saturday, organizers said.`,
		}},
		{"text with CRLF", first("article.txt", LoadOptions{}), Article{
			Text: "Rain Delays County Fair\n\nHeavy rain pushed the opening of the Dunmore County Fair back by one day, organizers said on Thursday.\nThe livestock show will go ahead as planned.",
		}},
		{"text title line", first("article.txt", LoadOptions{TitleLine: true}), Article{
			Title: "Rain Delays County Fair",
			Text:  "Heavy rain pushed the opening of the Dunmore County Fair back by one day, organizers said on Thursday.\nThe livestock show will go ahead as planned.",
		}},
		{"windows-1252", first("cp1252.txt", LoadOptions{TitleLine: true}), Article{
			Title:    "Mayor’s “Open Door” Day Draws a Crowd",
			Text:     "Residents lined up outside city hall on Saturday for the mayor’s open-door day – a yearly event … and the café next door ran out of coffee by noon, staff said. Tickets cost €5.",
			Warnings: []string{warnWindows1252},
		}},
		{"utf-16", first("utf16.txt", LoadOptions{}), Article{
			Text: "A short article saved as UTF-16 with a byte order mark. It says the bakery on Mill Lane now opens at six.",
		}},
		{"html", first("page.html", LoadOptions{}), Article{
			Title: "Orchard Valley Opens New Clinic", Author: "Priya Castell", URL: "https://ledger.example/news/clinic",
			Outlet: "The Valley Ledger", Published: "2024-02-14T09:30:00Z",
			Text: "The town of Orchard Valley opened a walk-in health clinic on Wednesday, ending a two-year stretch in which residents drove forty minutes to the nearest doctor.\n\n" +
				"“We heard the same story at every town meeting,” said Dana Whitlock, the clinic’s director. “People were skipping checkups because the drive took half a day.”\n\n" +
				"The clinic will be open six days a week and is staffed by two nurse practitioners and a visiting physician, according to the county health department. Funding came from a state rural-health grant and a local bond approved by voters last spring.\n\n" +
				"Some residents questioned the cost. “It is a lot of money for a small town,” said Carl Benning, who voted against the bond, though he added that he planned to use the clinic himself.",
		}},
		{"html latin-1 meta charset", first("latin1.html", LoadOptions{}), Article{
			Title: "Café Reopens",
			Text:  "The café on Rue Verte reopened on Monday after a fire, its owner said. «We are back», she told the crowd, which cheered.\n\nThe repairs cost about 40,000 euros, paid mostly by insurance, the owner said, and the menu is unchanged.",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := *tt.got
			got.Origin = ""
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
				t.Errorf("\n got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestLoadStdin(t *testing.T) {
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	tests := []struct {
		name    string
		in      string
		opts    LoadOptions
		origins []string
		titles  []string
		errs    []string
	}{
		{name: "text", in: "Headline\n\nBody text here.", origins: []string{"stdin"}, titles: []string{""}},
		{name: "text title line", in: "\n\nHeadline\nBody text here.", opts: LoadOptions{TitleLine: true}, origins: []string{"stdin"}, titles: []string{"Headline"}},
		{name: "title only", in: "Headline\n", opts: LoadOptions{TitleLine: true}, errs: []string{"stdin: empty text: nothing after the title line"}},
		{name: "jsonl sniffed", in: "{\"title\":\"A\",\"text\":\"a\"}\n{\"title\":\"B\",\"text\":\"b\"}\n", origins: []string{"stdin:1", "stdin:2"}, titles: []string{"A", "B"}},
		{name: "json array sniffed", in: "[{\"title\":\"A\",\"text\":\"a\"},\n{\"title\":\"B\",\"text\":\"b\"}]", origins: []string{"stdin:1", "stdin:2"}, titles: []string{"A", "B"}},
		{name: "pretty json sniffed", in: "{\n \"title\": \"A\",\n \"text\": \"a\"\n}\n{\n \"title\": \"B\",\n \"text\": \"b\"\n}\n", origins: []string{"stdin:1", "stdin:5"}, titles: []string{"A", "B"}},
		{name: "json array broken", in: "[{\"title\":\"A\",\"text\":\"a\"},\n{\"title\":\"B\",\"text\":}, {\"text\": \"c\"}]", origins: []string{"stdin:1"}, titles: []string{"A"},
			errs: []string{"stdin:2: invalid JSON in the record starting on this line: invalid character '}' looking for beginning of value; the rest of the file was not read"}},
		{name: "csv sniffed", in: "title,body\nA,a\nB,b\n", origins: []string{"stdin:2", "stdin:3"}, titles: []string{"A", "B"}},
		{name: "tsv sniffed", in: "title\tcontent\nA\ta\n", origins: []string{"stdin:2"}, titles: []string{"A"}},
		{name: "csv forced", in: "headline,story\nA,a\n", opts: LoadOptions{Format: "csv"}, origins: []string{"stdin:2"}, titles: []string{"A"}},
		{name: "csv with CRLF", in: "title,text\r\nA,\"line one\r\nline two\"\r\n", origins: []string{"stdin:2"}, titles: []string{"A"}},
		{name: "html sniffed", in: "<!-- saved page --><!DOCTYPE html><html><head><title>T</title></head><body><p>Hello there.</p></body></html>", origins: []string{"stdin"}, titles: []string{"T"}},
		{name: "gzip sniffed", in: gz("{\"title\":\"A\",\"text\":\"a\"}\n"), origins: []string{"stdin:1"}, titles: []string{"A"}},
		{name: "gzip truncated", in: gz("some text that is long enough to matter")[:20], errs: []string{"stdin: gzip: the compressed data is truncated (unexpected EOF)"}},
		{name: "gzip in gzip", in: gz(gz("text")), errs: []string{"stdin: gzip inside gzip is not supported"}},
		{name: "over cap", in: strings.Repeat("word ", 300), opts: LoadOptions{MaxBytes: 1000}, errs: []string{"stdin: input is over the 1000 bytes cap (--max-bytes)"}},
		{name: "utf-16 without bom", in: "p\x00l\x00a\x00i\x00n\x00 \x00t\x00e\x00x\x00t\x00", origins: []string{"stdin"}, titles: []string{""}},
		{name: "utf-16be bom", in: "\xfe\xff\x00h\x00i", origins: []string{"stdin"}, titles: []string{""}},
		{name: "utf-8 bom csv", in: "\xef\xbb\xbftitle,text\nA,a\n", origins: []string{"stdin:2"}, titles: []string{"A"}},
		{name: "nul in text", in: "text with a stray \x00 NUL byte in a long enough line of words to pass the binary test, and more words here to be sure of it.", origins: []string{"stdin"}, titles: []string{""}},
		{name: "elf", in: "\x7fELF\x02\x01\x01", errs: []string{"stdin: binary content (ELF executable), not an article"}},
		{name: "pdf", in: "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", errs: []string{"stdin: binary content (PDF document), not an article"}},
		{name: "zip", in: "PK\x03\x04\x14\x00", errs: []string{"stdin: binary content (ZIP archive), not an article"}},
		{name: "empty", in: "", errs: []string{"stdin: empty file"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Stdin = strings.NewReader(tt.in)
			r := load(t, "-", tt.opts)
			if got, want := strings.Join(r.origins(), " "), strings.Join(tt.origins, " "); got != want {
				t.Errorf("origins %q, want %q (errors %q)", got, want, r.errStrings())
			}
			for i, a := range r.arts {
				if i < len(tt.titles) && a.Title != tt.titles[i] {
					t.Errorf("title %d = %q, want %q", i, a.Title, tt.titles[i])
				}
			}
			if got, want := strings.Join(r.errStrings(), "\n"), strings.Join(tt.errs, "\n"); got != want {
				t.Errorf("errors\n got %q\nwant %q", got, want)
			}
		})
	}
}

func TestLoadFileOverCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(80 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	r := load(t, path, LoadOptions{})
	want := path + ": file is 80 MB, over the 64 MB cap (--max-bytes)"
	if len(r.errs) != 1 || r.errs[0].Error() != want || !errors.Is(r.errs[0], ErrTooBig) {
		t.Errorf("errors %q, want %q", r.errStrings(), want)
	}
}

func TestLoadOptionsInvalid(t *testing.T) {
	for _, opts := range []LoadOptions{{Format: "xml"}, {Columns: map[string]string{"body": "x"}}, {Columns: map[string]string{"text": ""}}} {
		if err := Load(td("article.txt"), opts, func(*Article) error { return nil }, func(*InputError) {}); err == nil {
			t.Errorf("Load with %+v: no error", opts)
		}
	}
}

func TestLoadStopsOnFnError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := Load(td("articles.csv"), LoadOptions{}, func(*Article) error {
		n++
		return stop
	}, func(e *InputError) { t.Errorf("unexpected %v", e) })
	if err != stop || n != 1 {
		t.Errorf("err %v after %d articles, want stop after 1", err, n)
	}
}

// TestLoadCSVStreams loads a 100,000-row CSV and checks that the heap
// stays far below the file's size: rows are not held.
func TestLoadCSVStreams(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	var b bytes.Buffer
	b.WriteString("id,title,author,text,label\n")
	for i := range 100_000 {
		fmt.Fprintf(&b, "%d,Made-up headline number %d,Writer %d,\"Body of made-up article %d, which says nothing at all, at some length, so the file has weight. \"\"Quoted,\"\" someone said.\",%d\n", i, i, i%50, i, i%2)
	}
	size := b.Len()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b = bytes.Buffer{}
	var maxHeap uint64
	n := 0
	err := Load(path, LoadOptions{}, func(a *Article) error {
		n++
		if n%25_000 == 0 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			maxHeap = max(maxHeap, ms.HeapAlloc)
		}
		if want := fmt.Sprintf("%s:%d", path, n+1); a.Origin != want {
			return fmt.Errorf("origin %s, want %s", a.Origin, want)
		}
		return nil
	}, func(e *InputError) { t.Errorf("unexpected %v", e) })
	if err != nil {
		t.Fatal(err)
	}
	if n != 100_000 {
		t.Errorf("%d articles, want 100000", n)
	}
	t.Logf("file %d bytes, max heap after GC %d bytes", size, maxHeap)
	if maxHeap > uint64(size)/2 {
		t.Errorf("heap %d bytes while streaming a %d-byte file: rows are being held", maxHeap, size)
	}
}

func TestLoadHugeFields(t *testing.T) {
	big := strings.Repeat("A long paragraph of made-up words. ", 150_000) // ~5 MB
	big = strings.TrimSpace(big)
	dir := t.TempDir()
	files := map[string]string{
		"big.csv":   "title,text\nBig,\"" + big + "\"\nSmall,after\n",
		"big.jsonl": `{"title":"Big","text":"` + big + "\"}\n{\"title\":\"Small\",\"text\":\"after\"}\n",
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			r := load(t, path, LoadOptions{})
			if len(r.errs) > 0 || len(r.arts) != 2 {
				t.Fatalf("%d articles, errors %q", len(r.arts), r.errStrings())
			}
			if r.arts[0].Text != big || r.arts[1].Text != "after" {
				t.Errorf("texts %d and %q", len(r.arts[0].Text), r.arts[1].Text)
			}
		})
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\r\nb\rc\n", "a\nb\nc\n"},
		{"nul\x00 and bell\x07 gone\ttab kept", "nul and bell gone\ttab kept"},
		{"\ufeffbom", "bom"},
		{"c1\u0085\u0093 gone", "c1 gone"},
		{"del\x7f", "del"},
		{"bad \xff byte", "bad \ufffd byte"},
		{"\r\r\n", "\n\n"},
		// UTF-8 read as Latin-1 or Windows-1252 is repaired.
		{"Trump \u00e2\u0080\u0094 the", "Trump \u2014 the"},
		{"don\u00e2\u0080\u0099t", "don\u2019t"},
		{"\u00e2\u20ac\u0153Go\u00e2\u20ac\u009d", "\u201cGo\u201d"},
		{"caf\u00c3\u0083\u00a9", "caf\u00c3\u00a9"}, // twice mis-decoded: one level undone
		{"\u00e2\u0080", "\u00e2"},                   // truncated sequence: not repaired
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDecodeBytes(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		fellBack bool
	}{
		{"utf-8 café", "utf-8 café", false},
		{"cp1252 caf\xe9 \x93q\x94 \x80", "cp1252 café “q” €", true},
		{"mixed café and caf\xe9", "mixed café and café", true},
		{"\x81 undefined in 1252", "\ufffd undefined in 1252", true},
	}
	for _, tt := range tests {
		got, fb := decodeBytes([]byte(tt.in))
		if got != tt.want || fb != tt.fellBack {
			t.Errorf("decodeBytes(%q) = %q, %v; want %q, %v", tt.in, got, fb, tt.want, tt.fellBack)
		}
	}
}

func TestSniffFormat(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Just some text.", "txt"},
		{"[Editor's note: this is text]", "txt"},
		{"[{\"text\":\"a\"}]", "json"},
		{"{\"text\":\"a\"}\n{\"text\":\"b\"}", "jsonl"},
		{"{\n\"text\":\"a\"\n}", "json"},
		{"<!doctype html><p>x", "html"},
		{"<HTML><body>x", "html"},
		{"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", "html"},
		{"<b>not a page</b>", "txt"},
		{"id,title,text\n1,a,b", "csv"},
		{"Body ID\tarticleBody\n1\tb", "tsv"},
		{"Hello, world, how are you", "txt"},
	}
	for _, tt := range tests {
		if got := sniffFormat([]byte(tt.in), nil); got != tt.want {
			t.Errorf("sniffFormat(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{80 << 20: "80 MB", 64 << 20: "64 MB", 1536 << 10: "1.5 MB", 2048: "2 KB", 999: "999 bytes"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{64 << 20: "64 MB", 1_000_000: "1000000 bytes", 4096: "4 KB", 100: "100 bytes"} {
		if got := capBytes(n); got != want {
			t.Errorf("capBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

const sharedData = "../../../shared/data"

func TestLoadPool(t *testing.T) {
	path := filepath.Join(sharedData, "news", "pool.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent (the shared data is not next to this clone): %v", path, err)
	}
	var arts, emptyText, other, line int
	err := Load(path, LoadOptions{}, func(a *Article) error {
		arts++
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(a.Origin, path+":"), "%d", &n); err != nil || n <= line {
			return fmt.Errorf("origin %q out of order after line %d", a.Origin, line)
		}
		line = n
		checkArticle(t, a)
		if a.ID == "" || a.Dataset == "" {
			t.Errorf("%s: no id or dataset", a.Origin)
		}
		return nil
	}, func(e *InputError) {
		if errors.Is(e, ErrEmptyText) {
			emptyText++
			return
		}
		other++
		t.Errorf("unexpected %v", e)
	})
	if err != nil {
		t.Fatal(err)
	}
	// pool.jsonl has 4,773 records, 49 of them with an empty text field
	// (measured with a JSON parser); those are reported as ErrEmptyText.
	if arts+emptyText != 4773 || other != 0 {
		t.Errorf("%d articles + %d empty texts + %d other errors, want 4773 records and no other errors", arts, emptyText, other)
	}
	t.Logf("%d articles, %d records with an empty text", arts, emptyText)
}

func TestLoadFNC1Bodies(t *testing.T) {
	path := filepath.Join(sharedData, "fnc1", "train_bodies.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s absent (the shared data is not next to this clone): %v", path, err)
	}
	for _, opts := range []LoadOptions{{Columns: map[string]string{"id": "Body ID", "text": "articleBody"}}, {}} {
		r := load(t, path, opts)
		if len(r.errs) != 0 {
			t.Errorf("errors: %q", r.errStrings()[:min(5, len(r.errs))])
		}
		// 1,683 bodies, counted with Python's csv module.
		if len(r.arts) != 1683 {
			t.Errorf("%d articles, want 1683", len(r.arts))
		}
		if len(r.arts) > 0 && r.arts[0].ID != "0" {
			t.Errorf("first id %q, want 0", r.arts[0].ID)
		}
	}
}

func BenchmarkLoadPool(b *testing.B) {
	path := filepath.Join(sharedData, "news", "pool.jsonl")
	fi, err := os.Stat(path)
	if err != nil {
		b.Skipf("%s absent: %v", path, err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		n := 0
		Load(path, LoadOptions{}, func(*Article) error { n++; return nil }, func(*InputError) {})
		if n == 0 {
			b.Fatal("no articles")
		}
	}
}

func BenchmarkLoadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("id,title,author,text,label\n")
	for i := range 5_000 {
		fmt.Fprintf(&buf, "%d,Made-up headline %d,Writer,\"%s\",%d\n", i, i, strings.Repeat("Made-up sentence with \"\"quotes\"\", commas, and words. ", 40), i%2)
	}
	path := filepath.Join(b.TempDir(), "bench.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		Load(path, LoadOptions{}, func(*Article) error { return nil }, func(*InputError) {})
	}
}

// TestLoadHTMLParagraphs checks that paragraphs come out separated by a
// blank line however the page marks them, and list items by a newline.
func TestLoadHTMLParagraphs(t *testing.T) {
	p := "A made-up paragraph of a news story, with enough words in it to look like real content to the extraction heuristics, which count commas, and length."
	want3 := p + "\n\n" + p + "\n\n" + p
	tests := []struct{ name, page, want string }{
		{"p", "<html><body><article><p>" + p + "</p><p>" + p + "</p><p>" + p + "</p></article></body></html>", want3},
		{"br br", "<html><body><div id=story>" + p + "<br><br>" + p + "<br><br>" + p + "</div></body></html>", want3},
		{"divs", "<html><body><div class=article><div>" + p + "</div><div>" + p + "</div><div>" + p + "</div></div></body></html>", want3},
		{"list", "<html><body><article><p>" + p + "</p><ul><li>one</li><li>two</li></ul><p>" + p + "</p></article></body></html>", p + "\n\none\ntwo\n\n" + p},
		{"short page", "<html><body><p>Short.</p></body></html>", "Short."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := load(t, "-", LoadOptions{Stdin: strings.NewReader(tt.page)})
			if len(r.arts) != 1 {
				t.Fatalf("%d articles, errors %q", len(r.arts), r.errStrings())
			}
			if r.arts[0].Text != tt.want {
				t.Errorf("text\n got %q\nwant %q", r.arts[0].Text, tt.want)
			}
		})
	}
}

// TestLoadRecordEncodings checks the per-record Windows-1252 fallback: a
// bad record is decoded and flagged, its neighbours are left alone.
func TestLoadRecordEncodings(t *testing.T) {
	tests := []struct {
		name, format, in string
		texts            []string
		warned           []bool
	}{
		{"jsonl", "jsonl", "{\"text\":\"caf\xe9 \x93ok\x94\"}\n{\"text\":\"café fine\"}\n", []string{"café “ok”", "café fine"}, []bool{true, false}},
		{"json array", "json", "[{\"text\":\"na\xefve\"},{\"text\":\"plain\"}]", []string{"naïve", "plain"}, []bool{true, false}},
		{"csv", "csv", "title,text\nA,caf\xe9\nB,plain\n", []string{"café", "plain"}, []bool{true, false}},
		{"utf-16 without bom", "txt", "h\x00i\x00 \x00t\x00h\x00e\x00r\x00e\x00", []string{"hi there"}, []bool{true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := load(t, "-", LoadOptions{Format: tt.format, Stdin: strings.NewReader(tt.in)})
			if len(r.arts) != len(tt.texts) {
				t.Fatalf("%d articles, want %d; errors %q", len(r.arts), len(tt.texts), r.errStrings())
			}
			for i, a := range r.arts {
				if a.Text != tt.texts[i] || (len(a.Warnings) > 0) != tt.warned[i] {
					t.Errorf("article %d: text %q warnings %q; want %q warned %v", i, a.Text, a.Warnings, tt.texts[i], tt.warned[i])
				}
			}
		})
	}
}

func TestLoadEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".hidden"), []byte("skipped"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := load(t, dir, LoadOptions{})
	if len(r.arts) != 0 || len(r.errs) != 1 || r.errs[0].Error() != dir+": directory holds no files" {
		t.Errorf("articles %q, errors %q", r.origins(), r.errStrings())
	}
}
