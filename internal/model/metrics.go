package model

import (
	"math"
	"sort"
	"strconv"
)

// Scored is one evaluated example: its true label index, the predicted
// class probabilities (calibrated and raw) and its dataset.
type Scored struct {
	Y       int
	Probs   []float64
	Raw     []float64
	Dataset string
	// Split names the fold or held-out set the prediction came from.
	Split string
}

// SplitReport is a part of an evaluation (one dataset or one split).
type SplitReport struct {
	N        int     `json:"n"`
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
}

// Report is the `credence eval reliability` result (DESIGN.md), with a
// few additions: the uncalibrated ECE and log loss, the labels, and the
// per-split figures of a cross-validation.
type Report struct {
	N          int                       `json:"n"`
	Accuracy   float64                   `json:"accuracy"`
	MacroF1    float64                   `json:"macro_f1"`
	AUC        MaybeNum                  `json:"auc"`
	LogLoss    float64                   `json:"log_loss"`
	ECE        float64                   `json:"ece"`
	ECERaw     float64                   `json:"ece_uncalibrated"`
	LogLossRaw float64                   `json:"log_loss_uncalibrated"`
	Labels     []string                  `json:"labels"`
	Confusion  map[string]map[string]int `json:"confusion"`
	ByDataset  map[string]SplitReport    `json:"by_dataset"`
	Splits     map[string]SplitReport    `json:"splits,omitempty"`
	Model      string                    `json:"model"`
	Protocol   string                    `json:"protocol,omitempty"`
	Seconds    float64                   `json:"seconds"`
}

// MaybeNum is a number that encodes NaN as JSON null (an AUC with one
// class absent).
type MaybeNum float64

// MarshalJSON implements json.Marshaler.
func (v MaybeNum) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// Evaluate computes the report of predictions over labels.
func Evaluate(labels []string, s []Scored) Report {
	r := Report{N: len(s), Labels: labels, Confusion: map[string]map[string]int{}, ByDataset: map[string]SplitReport{}}
	if len(s) == 0 {
		return r
	}
	y := make([]int, len(s))
	pred := make([]int, len(s))
	probs := make([][]float64, len(s))
	raw := make([][]float64, len(s))
	for i, e := range s {
		y[i], probs[i], raw[i] = e.Y, e.Probs, e.Raw
		if raw[i] == nil {
			raw[i] = e.Probs
		}
		pred[i] = argmax(e.Probs)
	}
	r.Accuracy = Accuracy(y, pred)
	r.MacroF1 = MacroF1(y, pred)
	r.AUC = MaybeNum(MacroAUC(y, probs, len(labels)))
	r.LogLoss = LogLoss(y, probs)
	r.LogLossRaw = LogLoss(y, raw)
	r.ECE = ECE(y, probs, 10)
	r.ECERaw = ECE(y, raw, 10)
	for i := range s {
		t, p := labels[y[i]], labels[pred[i]]
		if r.Confusion[t] == nil {
			r.Confusion[t] = map[string]int{}
		}
		r.Confusion[t][p]++
	}
	r.ByDataset = splitReports(s, y, pred, func(e Scored) string { return e.Dataset })
	if s[0].Split != "" {
		r.Splits = splitReports(s, y, pred, func(e Scored) string { return e.Split })
	}
	return r
}

func splitReports(s []Scored, y, pred []int, key func(Scored) string) map[string]SplitReport {
	idx := map[string][]int{}
	for i, e := range s {
		idx[key(e)] = append(idx[key(e)], i)
	}
	out := map[string]SplitReport{}
	for name, is := range idx {
		yy, pp := make([]int, len(is)), make([]int, len(is))
		for j, i := range is {
			yy[j], pp[j] = y[i], pred[i]
		}
		out[name] = SplitReport{N: len(is), Accuracy: Accuracy(yy, pp), MacroF1: MacroF1(yy, pp)}
	}
	return out
}

func argmax(p []float64) int {
	b := 0
	for i := range p {
		if p[i] > p[b] {
			b = i
		}
	}
	return b
}

// Accuracy is the share of pred equal to y.
func Accuracy(y, pred []int) float64 {
	if len(y) == 0 {
		return 0
	}
	ok := 0
	for i := range y {
		if y[i] == pred[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(y))
}

// MacroF1 is the unweighted mean F1 over the classes that occur in y.
// Predictions of a class absent from y count as errors (they lower the
// recall of the true class) but add no zero-F1 class of their own, so a
// split holding two classes is scored on those two.
func MacroF1(y, pred []int) float64 {
	tp, fp, fn := map[int]int{}, map[int]int{}, map[int]int{}
	classes := map[int]bool{}
	for i := range y {
		classes[y[i]] = true
		if y[i] == pred[i] {
			tp[y[i]]++
		} else {
			fp[pred[i]]++
			fn[y[i]]++
		}
	}
	if len(classes) == 0 {
		return 0
	}
	sum := 0.0
	for c := range classes {
		if d := 2*tp[c] + fp[c] + fn[c]; d > 0 {
			sum += 2 * float64(tp[c]) / float64(d)
		}
	}
	return sum / float64(len(classes))
}

// AUC is the ROC area of scores for the positive examples (pos[i]),
// with ties counted half (the Mann-Whitney statistic). It is NaN when
// either class is absent.
func AUC(scores []float64, pos []bool) float64 {
	type sp struct {
		s float64
		p bool
	}
	v := make([]sp, len(scores))
	np, nn := 0, 0
	for i := range scores {
		v[i] = sp{scores[i], pos[i]}
		if pos[i] {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return math.NaN()
	}
	sort.Slice(v, func(i, j int) bool { return v[i].s < v[j].s })
	// Sum of positive ranks with average ranks for ties.
	rankSum := 0.0
	for i := 0; i < len(v); {
		j := i
		for j < len(v) && v[j].s == v[i].s {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks i+1..j
		for t := i; t < j; t++ {
			if v[t].p {
				rankSum += avg
			}
		}
		i = j
	}
	return (rankSum - float64(np)*float64(np+1)/2) / (float64(np) * float64(nn))
}

// MacroAUC is the mean one-vs-rest AUC over classes that have both
// positive and negative examples; with two classes it is the AUC.
func MacroAUC(y []int, probs [][]float64, k int) float64 {
	sum, n := 0.0, 0
	scores := make([]float64, len(y))
	pos := make([]bool, len(y))
	for c := range k {
		for i := range y {
			scores[i] = probs[i][c]
			pos[i] = y[i] == c
		}
		if a := AUC(scores, pos); !math.IsNaN(a) {
			sum += a
			n++
			if k == 2 {
				break
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return sum / float64(n)
}

// LogLoss is the mean negative log probability of the true class,
// probabilities clipped to [1e-15, 1].
func LogLoss(y []int, probs [][]float64) float64 {
	if len(y) == 0 {
		return 0
	}
	s := 0.0
	for i := range y {
		s -= math.Log(max(1e-15, probs[i][y[i]]))
	}
	return s / float64(len(y))
}

// ECE is the expected calibration error of the top-label confidence
// over bins equal-width bins: the count-weighted mean of |accuracy -
// mean confidence| per bin.
func ECE(y []int, probs [][]float64, bins int) float64 {
	if len(y) == 0 {
		return 0
	}
	cnt := make([]int, bins)
	conf := make([]float64, bins)
	hit := make([]float64, bins)
	for i := range y {
		p := argmax(probs[i])
		c := probs[i][p]
		b := min(bins-1, int(c*float64(bins)))
		cnt[b]++
		conf[b] += c
		if p == y[i] {
			hit[b]++
		}
	}
	e := 0.0
	for b := range bins {
		if cnt[b] > 0 {
			e += math.Abs(hit[b]-conf[b]) / float64(len(y))
		}
	}
	return e
}
