// Command wngen writes internal/attrib/wnclass.v1, the WordNet semantic
// class table the role tagger reads, and its NOTICE, from a WordNet 3.0
// database (Debian's wordnet-base, /usr/share/wordnet). The runtime never
// reads WordNet; this runs only when the table is rebuilt:
//
//	go generate ./internal/attrib/   (or: make wnclass)
//
// Each word form (lemmas and their inflections: the .exc exception lists
// and regular -s/-ed/-ing forms) maps to the lexicographer files
// (verb.communication, noun.cognition, ...) of the first two senses of
// each of its verb and noun lemmas. The output is sorted and depends only
// on the database.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Format is the first line of the table; the attrib package checks it.
const Format = "credence-wnclass/1"

// senses is how many senses of each lemma give classes: the first
// senses are the most frequent (WordNet orders them by tagged counts).
const senses = 2

// nounClasses are the noun lexicographer files kept: noun.act,
// noun.attribute, noun.cognition, noun.communication, noun.event,
// noun.feeling, noun.group, noun.motive, noun.person, noun.state.
var nounClasses = map[int]bool{4: true, 7: true, 9: true, 10: true, 11: true, 12: true, 14: true, 16: true, 18: true, 26: true}

// nounAlways are the noun classes of cue nouns ("endorsement",
// "criticism", "belief", "outrage"), kept even when SemCor never tagged
// the word: noun.act, noun.cognition, noun.communication, noun.feeling.
var nounAlways = map[int]bool{4: true, 9: true, 10: true, 12: true}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 dict directory")
	out := flag.String("out", "wnclass.v1", "table to write")
	notice := flag.String("notice", "wnclass.NOTICE", "licence notice to write")
	flag.Parse()
	if err := run(*dir, *out, *notice); err != nil {
		fmt.Fprintln(os.Stderr, "wngen:", err)
		os.Exit(1)
	}
}

// lemmaClasses reads index.POS and data.POS: lemma -> lexicographer file
// numbers of its first senses, in sense order, without repeats.
func lemmaClasses(dir, pos string, keep func(tagged int, cls []int) bool) (map[string][]int, error) {
	data, err := os.ReadFile(filepath.Join(dir, "data."+pos))
	if err != nil {
		return nil, err
	}
	lex := func(off int) (int, error) {
		if off < 0 || off+15 > len(data) {
			return 0, fmt.Errorf("data.%s: offset %d out of range", pos, off)
		}
		f := strings.Fields(string(data[off : off+15]))
		if len(f) < 2 || f[0] != fmt.Sprintf("%08d", off) {
			return 0, fmt.Errorf("data.%s: no synset at %d", pos, off)
		}
		return strconv.Atoi(f[1])
	}
	idx, err := os.Open(filepath.Join(dir, "index."+pos))
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	m := map[string][]int{}
	sc := bufio.NewScanner(idx)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") {
			continue // licence header
		}
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		nsyn, err := strconv.Atoi(f[2])
		if err != nil || nsyn < 1 || nsyn > len(f)-6 { // lemma pos n p_cnt ... sense_cnt tagsense_cnt offsets
			return nil, fmt.Errorf("index.%s: bad line %q", pos, line)
		}
		offs := f[len(f)-nsyn:]
		tagged, err := strconv.Atoi(f[len(f)-nsyn-1])
		if err != nil {
			return nil, fmt.Errorf("index.%s: bad tagged sense count in %q", pos, line)
		}
		var cls []int
		for _, o := range offs[:min(senses, len(offs))] {
			off, err := strconv.Atoi(o)
			if err != nil {
				return nil, fmt.Errorf("index.%s: bad offset in %q", pos, line)
			}
			c, err := lex(off)
			if err != nil {
				return nil, err
			}
			if !contains(cls, c) {
				cls = append(cls, c)
			}
		}
		if keep(tagged, cls) {
			m[f[0]] = cls
		}
	}
	return m, sc.Err()
}

func contains(s []int, x int) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// exceptions reads POS.exc: inflected form -> its lemmas.
func exceptions(dir, pos string) (map[string][]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, pos+".exc"))
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			m[f[0]] = append(m[f[0]], f[1:]...)
		}
	}
	return m, nil
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// verbForms are the regular inflections of a verb lemma; doubled
// consonants ("admitted") come from verb.exc.
func verbForms(l string) []string {
	n := len(l)
	var s, ed, ing string
	switch {
	case strings.HasSuffix(l, "y") && n > 1 && !isVowel(l[n-2]):
		s, ed, ing = l[:n-1]+"ies", l[:n-1]+"ied", l+"ing"
	case strings.HasSuffix(l, "ie"):
		s, ed, ing = l+"s", l+"d", l[:n-2]+"ying"
	case strings.HasSuffix(l, "ee"), strings.HasSuffix(l, "ye"), strings.HasSuffix(l, "oe"):
		s, ed, ing = l+"s", l+"d", l+"ing"
	case strings.HasSuffix(l, "e"):
		s, ed, ing = l+"s", l+"d", l[:n-1]+"ing"
	case strings.HasSuffix(l, "s"), strings.HasSuffix(l, "x"), strings.HasSuffix(l, "z"),
		strings.HasSuffix(l, "ch"), strings.HasSuffix(l, "sh"):
		s, ed, ing = l+"es", l+"ed", l+"ing"
	default:
		s, ed, ing = l+"s", l+"ed", l+"ing"
	}
	return []string{s, ed, ing}
}

func nounPlural(l string) string {
	n := len(l)
	switch {
	case strings.HasSuffix(l, "y") && n > 1 && !isVowel(l[n-2]):
		return l[:n-1] + "ies"
	case strings.HasSuffix(l, "s"), strings.HasSuffix(l, "x"), strings.HasSuffix(l, "z"),
		strings.HasSuffix(l, "ch"), strings.HasSuffix(l, "sh"):
		return l + "es"
	}
	return l + "s"
}

// plain reports whether a lemma is a single lower-case word the
// tagger's tokens can equal (no collocations, names or numbers).
func plain(w string) bool {
	if len(w) < 2 {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// table maps forms to classes for one part of speech: a form's classes
// come from the lemma it equals, else from its exception-list lemmas,
// else from the lemmas it regularly inflects (sorted), so the result
// does not depend on map order.
func table(lemmas map[string][]int, exc map[string][]string, forms func(string) []string) map[string][]int {
	out := map[string][]int{}
	add := func(form string, cls []int) {
		for _, c := range cls {
			if !contains(out[form], c) {
				out[form] = append(out[form], c)
			}
		}
	}
	keys := plainKeys(lemmas)
	for _, l := range keys {
		add(l, lemmas[l])
	}
	for _, f := range plainKeys(exc) {
		if _, ok := lemmas[f]; ok {
			continue
		}
		for _, l := range exc[f] {
			add(f, lemmas[l])
		}
	}
	regular := map[string][]string{}
	for _, l := range keys {
		for _, f := range forms(l) {
			if _, ok := out[f]; !ok {
				regular[f] = append(regular[f], l)
			}
		}
	}
	for f, ls := range regular {
		sort.Strings(ls)
		for _, l := range ls {
			add(f, lemmas[l])
		}
	}
	return out
}

func run(dir, outPath, noticePath string) error {
	// Every verb: the rare ones ("lambaste", "tout") are the cues the
	// tagger misses. Nouns when one of their first senses is in a class
	// of cue nouns, or in another class where sources live and a sense of
	// theirs is tagged in SemCor (a frequency floor inside WordNet); that
	// keeps the table under 1 MB.
	verbs, err := lemmaClasses(dir, "verb", func(int, []int) bool { return true })
	if err != nil {
		return err
	}
	nouns, err := lemmaClasses(dir, "noun", func(tagged int, cls []int) bool {
		for _, c := range cls {
			if nounAlways[c] || tagged > 0 && nounClasses[c] {
				return true
			}
		}
		return false
	})
	if err != nil {
		return err
	}
	vexc, err := exceptions(dir, "verb")
	if err != nil {
		return err
	}
	nexc, err := exceptions(dir, "noun")
	if err != nil {
		return err
	}
	vt := table(verbs, vexc, verbForms)
	nt := table(nouns, nexc, func(l string) []string { return []string{nounPlural(l)} })
	// A verb form that is also a noun of a class left out above keeps its
	// noun classes: without them the tagger would take "allowance" or
	// "arch" for a verb only.
	allNouns, err := lemmaClasses(dir, "noun", func(int, []int) bool { return true })
	if err != nil {
		return err
	}
	for f, cls := range table(allNouns, nexc, func(l string) []string { return []string{nounPlural(l)} }) {
		if _, ok := vt[f]; ok && nt[f] == nil {
			nt[f] = cls
		}
	}
	forms := map[string]bool{}
	for f := range vt {
		forms[f] = true
	}
	for f := range nt {
		forms[f] = true
	}
	keys := make([]string, 0, len(forms))
	for f := range forms {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	var body bytes.Buffer
	for _, f := range keys {
		// Verb classes first, then noun classes; the file numbers tell
		// the part of speech apart (29-43 are verb.*).
		cls := append(append([]int(nil), vt[f]...), nt[f]...)
		if len(cls) == 0 {
			continue
		}
		body.WriteString(f)
		for i, c := range cls {
			if i == 0 {
				body.WriteByte('\t')
			} else {
				body.WriteByte(' ')
			}
			body.WriteString(strconv.Itoa(c))
		}
		body.WriteByte('\n')
	}
	sum := sha256.Sum256(body.Bytes())
	var out bytes.Buffer
	fmt.Fprintf(&out, "%s\nnote\tWordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: wnclass.NOTICE. %d forms, lexicographer files of the first %d verb and noun senses\nsha256\t%s\n---\n",
		Format, len(keys), senses, hex.EncodeToString(sum[:]))
	out.Write(body.Bytes())
	if err := os.WriteFile(outPath, out.Bytes(), 0o644); err != nil {
		return err
	}
	return writeNotice(dir, noticePath)
}

// writeNotice copies WordNet's licence (the header of data.verb), which
// must accompany every copy of data derived from the database.
func writeNotice(dir, path string) error {
	f, err := os.Open(filepath.Join(dir, "data.verb"))
	if err != nil {
		return err
	}
	defer f.Close()
	var b bytes.Buffer
	b.WriteString("internal/attrib/wnclass.v1 is derived from WordNet 3.0 (lexicographer file numbers of\nword senses), distributed under the WordNet licence:\n\n")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "  ") {
			break
		}
		// "  12 text  ": line number, then the text.
		t := strings.TrimLeft(line, " ")
		if i := strings.IndexByte(t, ' '); i >= 0 {
			t = t[i+1:]
		} else {
			t = ""
		}
		b.WriteString(strings.TrimRight(t, " ") + "\n")
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// plainKeys returns the keys of m that plain accepts, sorted, so the
// output does not depend on map order.
func plainKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if plain(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
