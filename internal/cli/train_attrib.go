package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/credence-news/credence/internal/attrib"
	"github.com/credence-news/credence/internal/eval"
)

func init() {
	register(command{name: "train-attrib", summary: "learn the attribution cue lexicon, tagger and reranker from PolNeAR", run: runTrainAttrib})
}

func runTrainAttrib(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "train-attrib", "--polnear DIR [--out FILE]", `Count, over a PolNeAR split (DIR holds text/ and attributions/), how often
each word and verb+particle pair is marked as an attribution cue, and write
the versioned, checksummed lexicon that internal/attrib embeds
(internal/attrib/cues.v1). Every annotator's file counts as one document.
With --tagger-out it also trains the averaged-perceptron cue tagger; with
--names-out it counts the name lexicon (names CoreNLP typed consistently).
The same data and flags give the same bytes. Regenerate the embedded files
(the tagger is trained with the lexicon and part-of-speech dictionary of the
same run) with
  credence train-attrib --polnear ../shared/data/polnear/train --out internal/attrib/cues.v1 \
      --pos-out internal/attrib/posdict.v1 --tagger-out internal/attrib/cuetagger.v1 \
      --names-out internal/attrib/names.v1 --rank-out internal/attrib/cuerank.v1
or make models. With --rank-out it also trains the cue reranker on
held-out candidates (4 folds of DIR, each extracted by a lexicon and
tagger trained on the other 3).
See docs/ATTRIBUTION.md.`)
	dir := fs.String("polnear", "", "the PolNeAR split directory to learn from (required; use train, never dev)")
	out := fs.String("out", "-", "cue lexicon output file, - for standard output")
	posOut := fs.String("pos-out", "", "also count the part-of-speech dictionary from DIR/corenlp-conllu and write it here (internal/attrib/posdict.v1); the tagger then uses it")
	taggerOut := fs.String("tagger-out", "", "also train the cue tagger and write it here (internal/attrib/cuetagger.v1)")
	namesOut := fs.String("names-out", "", "also count the name lexicon from DIR/corenlp-conllu and write it here (internal/attrib/names.v1)")
	rankOut := fs.String("rank-out", "", "also train the cue reranker on held-out candidates (4 folds of DIR, each extracted by a lexicon and tagger trained on the other 3) and write it here (internal/attrib/cuerank.v1)")
	epochs := fs.Int("epochs", taggerEpochs, "cue tagger training passes")
	bits := fs.Int("bits", taggerBits, "cue tagger feature hash bits")
	pos, err := parseFlags(env, fs, args)
	if done, err := handleParse(err); done {
		return err
	}
	if len(pos) > 0 {
		return usageErrorf(env, fs, "unexpected argument %q", pos[0])
	}
	if *dir == "" {
		return usageErrorf(env, fs, "--polnear DIR is required")
	}
	docs, err := eval.ReadPolNeAR(*dir)
	if err != nil {
		return fmt.Errorf("train-attrib: %w", err)
	}
	// Training replaces the learned parts attrib uses (package state):
	// put the embedded ones back on return.
	defer attrib.UseCueModel(attrib.EmbeddedCueModel())
	defer attrib.UseTagger(attrib.EmbeddedTagger())
	defer attrib.UseNameLexicon(attrib.EmbeddedNameLexicon())
	defer attrib.UsePosDict(attrib.EmbeddedPosDict())
	cd := cueDocs(docs)
	m := attrib.TrainCues(cd)
	b := m.Marshal()
	if *posOut != "" {
		pd, err := countPos(filepath.Join(*dir, "corenlp-conllu"))
		if err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		if err := os.WriteFile(*posOut, pd.Marshal(), 0o644); err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		fmt.Fprintf(env.Stderr, "train-attrib: wrote %s (%d words)\n", *posOut, len(pd.Classes))
		attrib.UsePosDict(pd)
	}
	if *namesOut != "" {
		l, err := countNames(*dir)
		if err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		if err := os.WriteFile(*namesOut, l.Marshal(), 0o644); err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		fmt.Fprintf(env.Stderr, "train-attrib: wrote %s (%d names)\n", *namesOut, len(l.Types))
		// The reranker's candidates are typed with the lexicon just
		// counted, so one run is a fixed point of make models.
		attrib.UseNameLexicon(l)
	}
	if *rankOut != "" {
		// Before the final tagger: the fold models it trains are left in
		// use, and the final ones replace them below.
		r, err := trainRankerHeldOut(ctx, env, docs, *bits, *epochs)
		if err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		attrib.UseCueModel(m)
		if err := os.WriteFile(*rankOut, r.Marshal(), 0o644); err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		fmt.Fprintf(env.Stderr, "train-attrib: wrote %s (%s, thresholds %.3f)\n", *rankOut, r.Note, r.Threshold)
	}
	if *taggerOut != "" {
		// The tagger's features read the learned lexicon: train it with
		// the one just learned, not the one built into this binary.
		attrib.UseCueModel(m)
		tb := attrib.TrainTagger(cd, *bits, *epochs).Marshal()
		if err := os.WriteFile(*taggerOut, tb, 0o644); err != nil {
			return fmt.Errorf("train-attrib: %w", err)
		}
		fmt.Fprintf(env.Stderr, "train-attrib: wrote %s (%d bytes)\n", *taggerOut, len(tb))
	}
	if *out == "-" {
		_, err = env.Stdout.Write(b)
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("train-attrib: %w", err)
	}
	fmt.Fprintf(env.Stderr, "train-attrib: wrote %s (%d bytes)\n", *out, len(b))
	return nil
}

// The cue tagger's default training settings (docs/ATTRIBUTION.md).
const (
	taggerEpochs = 8
	taggerBits   = 16
)

// cueDocs turns PolNeAR articles into training documents, one per
// annotator's file.
func cueDocs(docs []eval.PolNeARDoc) []attrib.CueDoc {
	var cd []attrib.CueDoc
	for _, d := range docs {
		for _, g := range d.Annotators {
			c := attrib.CueDoc{Text: d.Text}
			for _, a := range g.Attributions {
				for _, f := range a.Cue {
					c.Cues = append(c.Cues, [2]int{f.Start, f.End})
				}
				for _, f := range a.Source {
					c.Sources = append(c.Sources, [2]int{f.Start, f.End})
				}
				for _, f := range a.Content {
					c.Contents = append(c.Contents, [2]int{f.Start, f.End})
				}
			}
			cd = append(cd, c)
		}
	}
	return cd
}

// countPos counts word forms and their Penn Treebank tags (CoNLL-U
// columns 2 and 5) over every .conllu file of dir, in name order.
func countPos(dir string) (*attrib.PosDict, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .conllu files in %s", dir)
	}
	sort.Strings(files)
	c := attrib.NewPosCounter()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			col := strings.SplitN(line, "\t", 6)
			if len(col) < 5 || col[1] == "" || col[4] == "" || col[4] == "_" {
				continue
			}
			c.Add(col[1], col[4])
		}
	}
	return c.Dict(posMinCount, fmt.Sprintf("%d files, words seen at least %d times", len(files), posMinCount)), nil
}

// nameTags maps CoreNLP's entity tags to the name lexicon's types; MISC
// (nationalities, events) counts against the others.
var nameTags = map[string]string{"PERSON": "person", "ORGANIZATION": "organization", "LOCATION": "place", "MISC": "misc"}

// countNames counts, over every .conllu file of DIR/corenlp-conllu in
// name order, each run of tokens CoreNLP gave one entity tag within a
// sentence, by its text in DIR/text.
func countNames(dir string) (*attrib.NameLexicon, error) {
	files, err := filepath.Glob(filepath.Join(dir, "corenlp-conllu", "*.conllu"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no .conllu files in %s", filepath.Join(dir, "corenlp-conllu"))
	}
	sort.Strings(files)
	c := attrib.NewNameCounter()
	for _, f := range files {
		text, err := os.ReadFile(filepath.Join(dir, "text", strings.TrimSuffix(filepath.Base(f), ".conllu")+".txt"))
		if err != nil {
			return nil, err
		}
		r, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		ms, err := eval.ParseCoNLLUTagged(r, string(text), nameTags)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, m := range ms {
			c.Add(string(text[m.Start:m.End]), m.Type)
		}
	}
	return c.Lexicon(nameMinCount, fmt.Sprintf("%d files, names seen at least %d times, 3/4 one type", len(files), nameMinCount)), nil
}

// nameMinCount is how often a name must occur to enter the lexicon.
const nameMinCount = 3

// posMinCount is how often a word must occur to enter the dictionary.
const posMinCount = 3
