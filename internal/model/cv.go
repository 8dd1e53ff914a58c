package model

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// GroupFolds splits positions 0..len(groups)-1 into k folds so that
// every group lies in one fold. Groups are placed largest first, each
// into the fold with the fewest examples so far (ties: lowest fold), so
// the folds are as even as the groups allow and the result depends only
// on the groups. An empty group name makes a group of its own per
// position. Empty folds are dropped.
func GroupFolds(groups []string, k int) [][]int {
	members := map[string][]int{}
	for i, g := range groups {
		if g == "" {
			g = fmt.Sprintf("\x00%d", i)
		}
		members[g] = append(members[g], i)
	}
	names := make([]string, 0, len(members))
	for g := range members {
		names = append(names, g)
	}
	sort.Slice(names, func(a, b int) bool {
		la, lb := len(members[names[a]]), len(members[names[b]])
		if la != lb {
			return la > lb
		}
		return names[a] < names[b]
	})
	if k > len(names) {
		k = len(names)
	}
	if k < 1 {
		return nil
	}
	folds := make([][]int, k)
	for _, g := range names {
		best := 0
		for f := range folds {
			if len(folds[f]) < len(folds[best]) {
				best = f
			}
		}
		folds[best] = append(folds[best], members[g]...)
	}
	for f := range folds {
		sort.Ints(folds[f])
	}
	return folds
}

// outletAliases join the spellings of one outlet across corpora (the
// BuzzFeed-Webis page names and FakeNewsNet's short links).
var outletAliases = map[string]string{
	"politi": "politico", "cnnit": "cnn", "abcn": "abc", "abcnews": "abc",
	"rightwingnews": "rightwingnews", "eaglerising": "eaglerising",
	"freedomdaily": "freedomdaily", "addictinginfo": "addictinginfo",
	"occupydemocrats": "occupydemocrats", "theother98": "theother98",
}

// OutletKey is the grouping key of an article's outlet: the outlet field
// or the URL's host, lower-cased, without "www."/"author." and the
// top-level domain, letters and digits only, with known aliases joined
// ("politi.co" and "politico" are one outlet). An article with neither
// gets "dataset:NAME" (its dataset is then one group: nothing is known to
// split it safely).
func OutletKey(outlet, rawURL, dataset string) string {
	o := strings.ToLower(strings.TrimSpace(outlet))
	if o == "" && rawURL != "" {
		if u, err := url.Parse(rawURL); err == nil {
			o = strings.ToLower(u.Hostname())
		}
	}
	if o == "" {
		return "dataset:" + dataset
	}
	o = strings.TrimPrefix(o, "www.")
	o = strings.TrimPrefix(o, "author.")
	if i := strings.LastIndexByte(o, '.'); i > 0 {
		o = o[:i]
	}
	var b strings.Builder
	for _, r := range o {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	key := b.String()
	if a, ok := outletAliases[key]; ok {
		key = a
	}
	if key == "" {
		return "dataset:" + dataset
	}
	return key
}

// Split is one train/test split of a cross-validation.
type Split struct {
	Name string
	Test []int
}

// GroupedSplits makes k grouped folds over groups (see GroupFolds).
func GroupedSplits(groups []string, k int) []Split {
	var out []Split
	for i, f := range GroupFolds(groups, k) {
		out = append(out, Split{Name: fmt.Sprintf("fold%d", i+1), Test: f})
	}
	return out
}

// LeaveOneOutSplits makes one split per distinct value of groups, named
// by it, in sorted order.
func LeaveOneOutSplits(groups []string) []Split {
	m := map[string][]int{}
	for i, g := range groups {
		m[g] = append(m[g], i)
	}
	names := make([]string, 0, len(m))
	for g := range m {
		names = append(names, g)
	}
	sort.Strings(names)
	out := make([]Split, len(names))
	for i, g := range names {
		out[i] = Split{Name: g, Test: m[g]}
	}
	return out
}

// CrossValidate trains on the complement of each split's Test and
// predicts Test, returning the predictions in split order. Splits run one
// after another; each Fit uses the dataset's Threads.
func (d *Dataset) CrossValidate(splits []Split) ([]Scored, error) {
	var out []Scored
	n := len(d.docs)
	for _, sp := range splits {
		in := make([]bool, n)
		for _, t := range sp.Test {
			in[t] = true
		}
		train := make([]int, 0, n-len(sp.Test))
		for i := range n {
			if !in[i] {
				train = append(train, i)
			}
		}
		m, err := d.Fit(train)
		if err != nil {
			return nil, fmt.Errorf("split %s: %w", sp.Name, err)
		}
		// The model keeps the dataset's label order, so indices agree.
		var ps predictScratch
		for _, t := range sp.Test {
			z := m.logits(&d.docs[t], &ps)
			raw := append([]float64(nil), z...)
			softmax(raw)
			probs := append([]float64(nil), z...)
			m.Calib.Apply(probs)
			out = append(out, Scored{Y: d.y[t], Probs: probs, Raw: raw, Dataset: d.datasets[t], Split: sp.Name})
		}
	}
	return out, nil
}

// Groups returns the examples' group keys (for GroupedSplits).
func (d *Dataset) Groups() []string { return d.groups }

// Datasets returns the examples' dataset names (for LeaveOneOutSplits).
func (d *Dataset) Datasets() []string { return d.datasets }
