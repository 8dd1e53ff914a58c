package model

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/credence-news/credence/internal/article"
)

// synth makes n examples of two classes told apart by a few marker
// words among shared filler; every example gets a group of 5.
func synth(n int, seed uint64) []Example {
	r := rand.New(rand.NewPCG(seed, 7))
	filler := strings.Fields("the a of to in and said on for with was is that by as at from his her it an were are which this be has have had not but after who they their been more one two new also its about over")
	marks := map[string][]string{
		"reliable":   strings.Fields("according statement officials spokesman percent reported data committee"),
		"unreliable": strings.Fields("shocking truth exposed wake destroy liberal globalist hoax"),
	}
	var ex []Example
	for i := range n {
		label := "reliable"
		if i%2 == 1 {
			label = "unreliable"
		}
		var w []string
		for range 60 {
			if r.IntN(5) == 0 {
				m := marks[label]
				w = append(w, m[r.IntN(len(m))])
			} else {
				w = append(w, filler[r.IntN(len(filler))])
			}
		}
		ex = append(ex, Example{
			Title: strings.Join(w[:6], " "), Text: strings.Join(w, " ") + ".",
			Label: label, Group: fmt.Sprintf("g%d", i/5), Dataset: "synth",
		})
	}
	return ex
}

func smallConfig() Config {
	c := DefaultConfig()
	c.Buckets = 1 << 14
	c.Epochs = 5
	c.CalibFolds = 3
	c.MinCount = 1
	return c
}

func train(t testing.TB, ex []Example, cfg Config) *Model {
	t.Helper()
	ds, err := Prepare(ex, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ds.Fit(nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func accuracy(m *Model, ex []Example) float64 {
	ok := 0
	for _, e := range ex {
		if m.Predict(Input{Title: e.Title, Text: e.Text}, false, 0).Label == e.Label {
			ok++
		}
	}
	return float64(ok) / float64(len(ex))
}

func TestTrainLearnsSynthetic(t *testing.T) {
	m := train(t, synth(300, 1), smallConfig())
	if acc := accuracy(m, synth(200, 2)); acc < 0.95 {
		t.Errorf("held-out accuracy %.3f, want >= 0.95", acc)
	}
	p := m.Predict(Input{Text: "shocking truth exposed about the globalist hoax"}, true, 5)
	if p.Label != "unreliable" {
		t.Errorf("label %q, want unreliable", p.Label)
	}
	if len(p.Reasons) == 0 || !strings.HasPrefix(p.Reasons[0].Feature, "word:") || p.Reasons[0].Weight <= 0 {
		t.Errorf("reasons %+v: want real words pushing toward the label first", p.Reasons)
	}
	for _, r := range p.Reasons {
		if strings.Contains(r.Feature, "word:") {
			w := strings.TrimPrefix(strings.TrimPrefix(r.Feature, "word:"), "title:")
			for _, part := range strings.Fields(w) {
				if !strings.Contains("shocking truth exposed about the globalist hoax", part) {
					t.Errorf("reason %q names a word not in the text", r.Feature)
				}
			}
		}
	}
}

func TestTrainMulticlass(t *testing.T) {
	ex := synth(240, 3)
	for i := range ex {
		if i%3 == 2 {
			ex[i].Label = "satire"
			ex[i].Text += " onion parody lampoon onion parody"
		}
	}
	m := train(t, ex, smallConfig())
	if got := strings.Join(m.Labels(), ","); got != "reliable,unreliable,satire" {
		t.Fatalf("labels %s", got)
	}
	p := m.Predict(Input{Text: "the onion parody lampoon of the week"}, false, 0)
	if p.Label != "satire" {
		t.Errorf("label %q, want satire", p.Label)
	}
	sum := 0.0
	for _, v := range p.Probs {
		sum += v
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("probabilities sum to %v", sum)
	}
}

// TestDeterministic: same data and seed give identical bytes, for any
// thread count; another seed gives another model.
func TestDeterministic(t *testing.T) {
	ex := synth(200, 4)
	cfg := smallConfig()
	var files [][]byte
	for _, threads := range []int{1, 2, 3} {
		cfg.Threads = threads
		b, err := train(t, ex, cfg).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i := 1; i < len(files); i++ {
		if !bytes.Equal(files[0], files[i]) {
			t.Errorf("model %d differs from model 0", i)
		}
	}
	cfg.Seed = 99
	b, _ := train(t, ex, cfg).MarshalBinary()
	if bytes.Equal(files[0], b) {
		t.Error("a different seed gave the same model")
	}
}

// TestDatelineTrap: the only difference between the classes is a wire
// dateline (and agency credit) on every "reliable" example. A model that
// saw it would score near 100%; with the tells stripped it must do no
// better than chance, on text with or without the dateline.
func TestDatelineTrap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	words := strings.Fields("the a of to in and said on for with was is that by as at from his her it an were are which this be has have had not but after who they their been more one two new also its about over")
	cities := []string{"WASHINGTON", "LONDON", "NEW YORK", "BEIJING", "SAN JUAN, Puerto Rico", "Washington, DC"}
	agencies := []string{"(Reuters) - ", "(AP) — ", "(Reuters) — ", "- ", "— "}
	body := func() string {
		w := make([]string, 50)
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return strings.Join(w, " ") + "."
	}
	mk := func(n int, dateline bool) []Example {
		var ex []Example
		for i := range n {
			e := Example{Text: body(), Label: "unreliable", Group: fmt.Sprint(i)}
			if i%2 == 0 {
				e.Label = "reliable"
				if dateline {
					e.Text = cities[r.IntN(len(cities))] + " " + agencies[r.IntN(len(agencies))] + e.Text
				}
			}
			ex = append(ex, e)
		}
		return ex
	}
	cfg := smallConfig()
	m := train(t, mk(400, true), cfg)
	for _, tc := range []struct {
		name     string
		dateline bool
	}{{"without dateline", false}, {"with dateline", true}} {
		acc := accuracy(m, mk(400, tc.dateline))
		if acc > 0.6 {
			t.Errorf("%s: accuracy %.3f; the model learned the dateline", tc.name, acc)
		}
	}
	// Control: with stripping off, the same data is learned perfectly,
	// so the test would catch a regression in Clean.
	cfg.Clean = false
	m = train(t, mk(400, true), cfg)
	if acc := accuracy(m, mk(400, true)); acc < 0.8 {
		t.Errorf("control without stripping: accuracy %.3f, want the dateline learned", acc)
	}
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"WASHINGTON (Reuters) - The Senate voted.", "The Senate voted."},
		{"SAN JUAN, Puerto Rico (Reuters) - Power was restored.", "Power was restored."},
		{"LONDON (AP) — Police said.", "Police said."},
		{"(CNN) -- The president spoke.", "The president spoke."},
		{"(CNN)The president spoke.", "The president spoke."},
		{"NEW YORK — The Clinton Global Initiative said.", "The Clinton Global Initiative said."},
		{"Washington, DC — A former agent said.", "A former agent said."},
		{"BEIJING, Nov 3 -- Trade rose.", "Trade rose."},
		{"Story highlights Boy sent letter.", "Boy sent letter."},
		{"He said it was true. Featured image via Getty Images", "He said it was true."},
		{"The fans cheered.Photo by Drew Angerer/Getty Images", "The fans cheered."},
		{"It is done. Via: Daily Mail", "It is done."},
		{"GOMA, Democratic Republic of Congo (Reuters) - Rebels.", "Rebels."},
		{"(This version of the story corrects a name) WASHINGTON (Reuters) - A.", "A."},
		{"By Ayesha Rascoe and Jeff Mason WASHINGTON (Reuters) - A.", "A."},
		{"By the time they came, it was over.", "By the time they came, it was over."},
		{"The storm hit. Photos show the damage.", "The storm hit. Photos show the damage."},
		{"The storm hit. Image: Gage Skidmore via Flickr", "The storm hit."},
		{"Done.\n\nAuthors:", "Done."},
		{"Done.\n\n31.4k SHARES Share Tweet\n\nComments\n\ncomments", "Done."},
		{"Photo", "Photo"},
		{"No tells here. Nothing to strip.", "No tells here. Nothing to strip."},
		{"Officials told (Reuters) on Monday.", "Officials told   on Monday."},
		{"The Senate - and the House - agreed.", "The Senate - and the House - agreed."},
	} {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFileRoundTrip(t *testing.T) {
	m := train(t, synth(120, 6), smallConfig())
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Unmarshal(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := m2.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Fatal("re-encoded model differs")
	}
	in := Input{Title: "shocking truth", Text: "officials said the data was reported"}
	p1, p2 := m.Predict(in, true, 5), m2.Predict(in, true, 5)
	if fmt.Sprint(p1) != fmt.Sprint(p2) {
		t.Errorf("predictions differ after round trip:\n%v\n%v", p1, p2)
	}
	if m2.Header.DataSHA256 == "" || m2.Header.Seed != 1 || len(m2.Header.Labels) != 2 {
		t.Errorf("header not kept: %+v", m2.Header)
	}
}

func TestFileCorrupt(t *testing.T) {
	m := train(t, synth(80, 7), smallConfig())
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string][]byte{
		"empty":     nil,
		"foreign":   []byte("PK\x03\x04 this is a zip file, not a model at all, no no no no no"),
		"truncated": b[:len(b)/2],
		"one short": b[:len(b)-1],
		"trailing":  append(append([]byte(nil), b...), 0),
	}
	flip := append([]byte(nil), b...)
	flip[len(flip)/2] ^= 0x40
	cases["bit flip"] = flip
	ver := append([]byte(nil), b...)
	ver[len(Magic)] = 99
	cases["future version"] = ver
	for name, data := range cases {
		if _, err := Unmarshal(data); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err = %v, want ErrFormat", name, err)
		}
	}
}

func TestMetrics(t *testing.T) {
	// Hand-computed: y = [0 0 1 1 1], pred = [0 1 1 1 0].
	// class 0: tp 1 fp 1 fn 1 -> F1 0.5; class 1: tp 2 fp 1 fn 1 -> F1 2/3.
	y, pred := []int{0, 0, 1, 1, 1}, []int{0, 1, 1, 1, 0}
	if got := Accuracy(y, pred); got != 0.6 {
		t.Errorf("accuracy %v, want 0.6", got)
	}
	if got, want := MacroF1(y, pred), (0.5+2.0/3)/2; math.Abs(got-want) > 1e-12 {
		t.Errorf("macro-F1 %v, want %v", got, want)
	}
	// AUC: positives 0.8, 0.4; negatives 0.6, 0.2, 0.4 -> pairs won:
	// 0.8 beats all 3; 0.4 beats 0.2, ties 0.4 (half), loses to 0.6 -> 4.5/6.
	if got := AUC([]float64{0.8, 0.4, 0.6, 0.2, 0.4}, []bool{true, true, false, false, false}); math.Abs(got-0.75) > 1e-12 {
		t.Errorf("AUC %v, want 0.75", got)
	}
	if got := AUC([]float64{1, 2}, []bool{true, true}); !math.IsNaN(got) {
		t.Errorf("AUC with one class = %v, want NaN", got)
	}
	probs := [][]float64{{0.9, 0.1}, {0.6, 0.4}, {0.2, 0.8}, {0.3, 0.7}}
	yy := []int{0, 1, 1, 1}
	wantLL := -(math.Log(0.9) + math.Log(0.4) + math.Log(0.8) + math.Log(0.7)) / 4
	if got := LogLoss(yy, probs); math.Abs(got-wantLL) > 1e-12 {
		t.Errorf("log loss %v, want %v", got, wantLL)
	}
	// ECE, 10 bins: confidences 0.9 (right), 0.6 (wrong), 0.8 (right),
	// 0.7 (right): bins 9,6,8,7 each one example: |1-.9|+|0-.6|+|1-.8|+|1-.7| over 4.
	if got, want := ECE(yy, probs, 10), (0.1+0.6+0.2+0.3)/4; math.Abs(got-want) > 1e-9 {
		t.Errorf("ECE %v, want %v", got, want)
	}
	r := Evaluate([]string{"a", "b"}, []Scored{
		{Y: 0, Probs: probs[0], Dataset: "x"}, {Y: 1, Probs: probs[1], Dataset: "x"},
		{Y: 1, Probs: probs[2], Dataset: "y"}, {Y: 1, Probs: probs[3], Dataset: "y"},
	})
	if r.N != 4 || r.Confusion["b"]["a"] != 1 || r.Confusion["b"]["b"] != 2 || r.ByDataset["y"].Accuracy != 1 {
		t.Errorf("report %+v", r)
	}
}

func TestCalibrationImprovesECE(t *testing.T) {
	// Over-confident scores: logits 4x too large.
	r := rand.New(rand.NewPCG(8, 8))
	n, k := 2000, 2
	z := make([]float64, n*k)
	y := make([]int, n)
	for i := range n {
		s := r.NormFloat64() * 1.5
		p := 1 / (1 + math.Exp(-s))
		if r.Float64() < p {
			y[i] = 1
		}
		z[i*k+1] = 4 * s
	}
	probs := func(c Calibration) [][]float64 {
		out := make([][]float64, n)
		for i := range n {
			row := append([]float64(nil), z[i*k:(i+1)*k]...)
			c.Apply(row)
			out[i] = row
		}
		return out
	}
	before := ECE(y, probs(Calibration{A: 1, B: make([]float64, k)}), 10)
	c := FitCalibration(z, y, k)
	after := ECE(y, probs(c), 10)
	if !(after < before/2) || after > 0.05 || math.Abs(c.A-0.25) > 0.08 {
		t.Errorf("ECE %.4f -> %.4f, slope %.3f (want ~0.25)", before, after, c.A)
	}
}

func TestGroupFolds(t *testing.T) {
	groups := []string{"a", "a", "a", "b", "b", "c", "d", "", ""}
	folds := GroupFolds(groups, 3)
	where := map[string]int{}
	seen := 0
	for f, idx := range folds {
		for _, i := range idx {
			seen++
			if g := groups[i]; g != "" {
				if w, ok := where[g]; ok && w != f {
					t.Errorf("group %s in folds %d and %d", g, w, f)
				}
				where[g] = f
			}
		}
	}
	if seen != len(groups) {
		t.Errorf("%d positions placed, want %d", seen, len(groups))
	}
	if fmt.Sprint(folds) != fmt.Sprint(GroupFolds(groups, 3)) {
		t.Error("folds not deterministic")
	}
}

func TestOutletKey(t *testing.T) {
	for _, tc := range [][4]string{
		{"politico", "", "d", "politico"},
		{"politi.co", "", "d", "politico"},
		{"right-wing-news", "", "d", "rightwingnews"},
		{"rightwingnews.com", "", "d", "rightwingnews"},
		{"author.addictinginfo.org", "", "d", "addictinginfo"},
		{"", "https://www.example.com/a/b", "d", "example"},
		{"", "", "isot", "dataset:isot"},
	} {
		if got := OutletKey(tc[0], tc[1], tc[2]); got != tc[3] {
			t.Errorf("OutletKey(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[3])
		}
	}
}

func TestScore(t *testing.T) {
	m := train(t, synth(120, 9), smallConfig())
	an := article.NewAnalysis(&article.Article{Title: "officials said", Text: "according to the statement officials reported data"})
	an.Signals["named_sources"] = 3
	r, err := m.Score(an)
	if err != nil {
		t.Fatal(err)
	}
	if r.Label != "reliable" || r.Score <= 0.5 || r.Model == "" || len(r.Reasons) == 0 {
		t.Errorf("reliability %+v", r)
	}
}

func TestDefaultModel(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Labels()) < 2 || m.Features() == 0 {
		t.Errorf("default model: labels %v, %d features", m.Labels(), m.Features())
	}
	if n := len(DefaultBytes()); n > 4<<20 {
		t.Errorf("default model is %d bytes; keep it under 4 MB", n)
	}
}
