package article

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// loadCSV reads CSV (comma ',') or TSV (comma '\t') with a header row,
// streamed record by record. Articles are named "path:ROW", the header
// being row 1. A record with the wrong number of fields or broken quoting
// is reported and skipped; loading goes on with the next record the
// reader can find.
func (l *loader) loadCSV(origin string, br *bufio.Reader, comma rune) error {
	cr := csv.NewReader(br)
	cr.Comma = comma
	// TSV files are rarely quoted and often hold bare quotes in text;
	// CSV keeps strict quoting so a broken record is reported.
	cr.LazyQuotes = comma == '\t'
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		l.fail(origin, ErrEmpty)
		return nil
	}
	if err != nil {
		l.fail(origin+":1", fmt.Errorf("header: %s", csvErrText(err)))
		return nil
	}
	header = append([]string(nil), header...)
	for i, h := range header {
		h, _ = decodeString(h)
		header[i] = cleanLine(h)
	}
	cols := mapHeader(header, l.opts.Columns)
	if miss := missingColumns(cols, l.opts.Columns); len(miss) > 0 {
		l.fail(origin, fmt.Errorf("no column for %s; the columns are %s", strings.Join(miss, ", "), quoteList(header)))
		return nil
	}
	if _, ok := cols["text"]; !ok {
		kind := "CSV"
		if comma == '\t' {
			kind = "TSV"
		}
		l.fail(origin, fmt.Errorf("no text column in the %s header; the columns are %s (map one with --columns text=NAME)", kind, quoteList(header)))
		return nil
	}

	row := 1
	// A quoting error is held until the next read tells whether the
	// quote ran to the end of the file.
	var pending *csv.ParseError
	pendingAt := ""
	flush := func(atEOF bool) {
		if pending == nil {
			return
		}
		pe := pending
		pending = nil
		if atEOF && pe.Line > pe.StartLine {
			l.fail(pendingAt, fmt.Errorf("unterminated quoted field: the quote opened on line %d runs to the end of the file (line %d); this row and the lines after it were not read", pe.StartLine, pe.Line))
			return
		}
		span := ""
		if pe.Line > pe.StartLine {
			span = fmt.Sprintf(" (the record spans lines %d-%d: an unclosed quote may have swallowed the rows in between)", pe.StartLine, pe.Line)
		}
		l.fail(pendingAt, fmt.Errorf("line %d, column %d: %s%s; row skipped", pe.Line, pe.Column, pe.Err, span))
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			flush(true)
			break
		}
		flush(false)
		row++
		at := fmt.Sprintf("%s:%d", origin, row)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				l.fail(at, fmt.Errorf("%w; the rest of the file was not read", readError(err)))
				return nil
			}
			if errors.Is(pe.Err, csv.ErrFieldCount) {
				l.fail(at, fmt.Errorf("%d fields, the header has %d%s; row skipped", len(rec), len(header), lineNote(row, pe.StartLine)))
				continue
			}
			// Broken quoting: encoding/csv has consumed the record up to
			// the error and goes on from the next line.
			pending, pendingAt = pe, at
			continue
		}
		a := &Article{Origin: at}
		fell := false
		for field, i := range cols {
			if i >= len(rec) {
				continue
			}
			v := rec[i]
			if !utf8.ValidString(v) {
				v, _ = decodeString(v)
				fell = true
			}
			setField(a, field, v)
		}
		if fell {
			a.Warnings = append(a.Warnings, warnWindows1252)
		}
		if a.Text == "" {
			l.fail(at, emptyTextError(a, nil, nil))
			continue
		}
		if err := l.emit(a); err != nil {
			return err
		}
	}
	if row == 1 {
		l.fail(origin, fmt.Errorf("%w: a header and no rows", ErrEmpty))
	}
	return nil
}

// lineNote names the line a row starts on when it differs from the row
// number (quoted fields with newlines).
func lineNote(row, line int) string {
	if row == line {
		return ""
	}
	return fmt.Sprintf(" (line %d)", line)
}

// csvErrText is a CSV error without the "parse error on line" preamble
// that repeats the origin.
func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d, column %d: %s", pe.Line, pe.Column, pe.Err)
	}
	return readError(err).Error()
}
