// Package eval measures credence's stages against annotated data.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/credence-news/credence/internal/text"
)

// SegmentationCase is one line of a Golden Rules file.
type SegmentationCase struct {
	ID       int      `json:"id"`
	Rule     string   `json:"rule"`
	Text     string   `json:"text"`
	Expected []string `json:"expected"`
	PDF      bool     `json:"pdf"`
}

// SegmentationResult is the `eval segmentation` report.
type SegmentationResult struct {
	Cases         int       `json:"cases"`
	Passed        int       `json:"passed"`
	Failed        []int     `json:"failed"`
	NotApplicable []int     `json:"not_applicable"`
	Seconds       float64   `json:"seconds"`
	Failures      []Failure `json:"-"`
}

// Failure records what the segmenter produced for a failed case.
type Failure struct {
	Case SegmentationCase
	Got  []string
}

// ReadSegmentationCases parses a Golden Rules JSONL file.
func ReadSegmentationCases(r io.Reader) ([]SegmentationCase, error) {
	var cases []SegmentationCase
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var c SegmentationCase
		if err := json.Unmarshal([]byte(b), &c); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return cases, nil
}

// SegmentSentences returns the sentences text.Sentences finds in s, as
// trimmed strings.
func SegmentSentences(s string) []string {
	var out []string
	for _, sp := range text.Sentences(s) {
		if t := strings.TrimSpace(s[sp.Start:sp.End]); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// Segmentation scores the segmenter on cases. Cases that depend on PDF
// line-break layout are marked not applicable: credence reads text, not
// PDF extractions, and does not rejoin lines broken mid-sentence.
func Segmentation(cases []SegmentationCase) SegmentationResult {
	start := time.Now()
	res := SegmentationResult{Failed: []int{}, NotApplicable: []int{}}
	for _, c := range cases {
		res.Cases++
		if c.PDF {
			res.NotApplicable = append(res.NotApplicable, c.ID)
			continue
		}
		got := SegmentSentences(c.Text)
		if equalStrings(got, c.Expected) {
			res.Passed++
			continue
		}
		res.Failed = append(res.Failed, c.ID)
		res.Failures = append(res.Failures, Failure{Case: c, Got: got})
	}
	res.Seconds = time.Since(start).Seconds()
	return res
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameWords(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameWords compares two sentences with white space runs collapsed: a
// span keeps the line break inside "a cold \nnight", which the golden
// data writes as one space.
func sameWords(a, b string) bool {
	fa, fb := strings.Fields(a), strings.Fields(b)
	if len(fa) != len(fb) {
		return false
	}
	for i := range fa {
		if fa[i] != fb[i] {
			return false
		}
	}
	return true
}
