package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"unicode/utf8"
)

// File format (all integers little-endian):
//
//	magic       8 bytes  "CREDMODL"
//	version     uint16   FormatVersion
//	header      uint32 length + JSON of Header (labels, feature settings,
//	            dense feature names, training data hash, seed, ...)
//	calib       float64 A, then k float64 B
//	bias        k float32
//	dense       len(Header.Dense)*k float32
//	features    uint32 count n, then n uint32 buckets (strictly
//	            increasing, < Buckets), n*k float32 weights, n names
//	            (uvarint length + UTF-8)
//	checksum    32 bytes: SHA-256 of everything before it
//
// Floats must be finite. The format is versioned: a reader refuses
// versions it does not know.

// Magic starts every model file.
const Magic = "CREDMODL"

// FormatVersion is the version this package writes.
const FormatVersion = 1

// Limits on what a model file may declare, so a corrupt length cannot
// make the reader allocate without bound.
const (
	maxHeader   = 1 << 20
	maxLabels   = 64
	maxDense    = 4096
	maxFeatures = 1 << 24
	maxName     = 4096
)

// ErrFormat is wrapped by every error about a malformed model file.
var ErrFormat = errors.New("not a valid credence model file")

func formatErr(msg string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrFormat, fmt.Sprintf(msg, a...))
}

// MarshalBinary encodes m in the model file format.
func (m *Model) MarshalBinary() ([]byte, error) {
	k := len(m.Header.Labels)
	hdr, err := json.Marshal(m.Header)
	if err != nil {
		return nil, fmt.Errorf("model: encode header: %w", err)
	}
	var b bytes.Buffer
	b.WriteString(Magic)
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, FormatVersion))
	b.Write(le.AppendUint32(nil, uint32(len(hdr))))
	b.Write(hdr)
	f64 := func(v float64) { b.Write(le.AppendUint64(nil, math.Float64bits(v))) }
	f32 := func(v float32) { b.Write(le.AppendUint32(nil, math.Float32bits(v))) }
	f64(m.Calib.A)
	for c := range k {
		f64(m.Calib.B[c])
	}
	for _, v := range m.bias {
		f32(v)
	}
	for _, v := range m.dense {
		f32(v)
	}
	b.Write(le.AppendUint32(nil, uint32(len(m.buckets))))
	for _, v := range m.buckets {
		b.Write(le.AppendUint32(nil, v))
	}
	for _, v := range m.w {
		f32(v)
	}
	for _, s := range m.names {
		b.Write(binary.AppendUvarint(nil, uint64(len(s))))
		b.WriteString(s)
	}
	sum := sha256.Sum256(b.Bytes())
	b.Write(sum[:])
	return b.Bytes(), nil
}

// WriteFile writes m to path.
func (m *Model) WriteFile(path string) error {
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("model: write %s: %w", path, err)
	}
	return nil
}

// LoadFile reads a model file.
func LoadFile(path string) (*Model, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	m, err := Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("model: %s: %w", path, err)
	}
	return m, nil
}

// reader reads little-endian values, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = formatErr("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u16() uint16 {
	if b := r.take(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) f64() float64 {
	if b := r.take(8); b != nil {
		v := math.Float64frombits(binary.LittleEndian.Uint64(b))
		if math.IsNaN(v) || math.IsInf(v, 0) {
			r.err = formatErr("non-finite number")
		}
		return v
	}
	return 0
}

func (r *reader) f32s(n int) []float32 {
	b := r.take(4 * n)
	if b == nil {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		v := math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			r.err = formatErr("non-finite weight")
			return nil
		}
		out[i] = v
	}
	return out
}

// Unmarshal decodes a model file. A truncated, corrupt or foreign file
// gives an error wrapping ErrFormat; it never panics.
func Unmarshal(b []byte) (*Model, error) {
	if len(b) < len(Magic)+2+4+sha256.Size {
		return nil, formatErr("too short (%d bytes)", len(b))
	}
	if string(b[:len(Magic)]) != Magic {
		return nil, formatErr("bad magic")
	}
	if v := binary.LittleEndian.Uint16(b[len(Magic):]); v != FormatVersion {
		return nil, formatErr("format version %d; this build reads version %d", v, FormatVersion)
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, formatErr("checksum mismatch (corrupt or truncated)")
	}
	r := &reader{b: body[len(Magic)+2:]}
	hlen := r.u32()
	if hlen > maxHeader {
		return nil, formatErr("header length %d", hlen)
	}
	hb := r.take(int(hlen))
	if r.err != nil {
		return nil, r.err
	}
	m := &Model{}
	dec := json.NewDecoder(bytes.NewReader(hb))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m.Header); err != nil {
		return nil, formatErr("header: %v", err)
	}
	h := &m.Header
	k := len(h.Labels)
	switch {
	case k < 2 || k > maxLabels:
		return nil, formatErr("%d labels", k)
	case len(h.Dense) > maxDense:
		return nil, formatErr("%d dense features", len(h.Dense))
	case h.Settings.Buckets < 1 || h.Settings.Buckets > 1<<26:
		return nil, formatErr("buckets %d", h.Settings.Buckets)
	}
	seen := map[string]bool{}
	for _, l := range h.Labels {
		if l == "" || seen[l] {
			return nil, formatErr("empty or repeated label %q", l)
		}
		seen[l] = true
	}
	m.Calib.A = r.f64()
	m.Calib.B = make([]float64, k)
	for c := range k {
		m.Calib.B[c] = r.f64()
	}
	m.bias = r.f32s(k)
	m.dense = r.f32s(len(h.Dense) * k)
	n := r.u32()
	if r.err != nil {
		return nil, r.err
	}
	if n > maxFeatures || int(n) > len(r.b)/4 {
		return nil, formatErr("feature count %d", n)
	}
	m.buckets = make([]uint32, n)
	for i := range m.buckets {
		m.buckets[i] = r.u32()
		if r.err == nil && (m.buckets[i] >= h.Settings.Buckets || (i > 0 && m.buckets[i] <= m.buckets[i-1])) {
			return nil, formatErr("feature %d: bucket %d out of order or range", i, m.buckets[i])
		}
	}
	m.w = r.f32s(int(n) * k)
	if r.err != nil {
		return nil, r.err
	}
	m.names = make([]string, n)
	for i := range m.names {
		l, sz := binary.Uvarint(r.b)
		if sz <= 0 || l > maxName {
			return nil, formatErr("feature %d: bad name length", i)
		}
		r.b = r.b[sz:]
		s := r.take(int(l))
		if r.err != nil {
			return nil, r.err
		}
		if !utf8.Valid(s) {
			return nil, formatErr("feature %d: name is not UTF-8", i)
		}
		m.names[i] = string(s)
	}
	if len(r.b) != 0 {
		return nil, formatErr("%d trailing bytes", len(r.b))
	}
	m.init()
	return m, nil
}

// Read decodes a model file from rd (standard input, an embedded file).
func Read(rd io.Reader) (*Model, error) {
	b, err := io.ReadAll(io.LimitReader(rd, 1<<30))
	if err != nil {
		return nil, fmt.Errorf("model: read: %w", err)
	}
	return Unmarshal(b)
}
