package article

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// loadText reads a plain-text input whole: one article. With TitleLine
// the first non-empty line is the title.
func (l *loader) loadText(origin string, br *bufio.Reader) error {
	b, err := io.ReadAll(br)
	if err != nil {
		l.fail(origin, readError(err))
		return nil
	}
	s, fellBack := decodeBytes(b)
	a := &Article{Origin: origin}
	if fellBack {
		a.Warnings = append(a.Warnings, warnWindows1252)
	}
	s = cleanBody(s)
	if s == "" {
		l.fail(origin, ErrEmpty)
		return nil
	}
	if l.opts.TitleLine {
		title, rest, _ := strings.Cut(s, "\n")
		a.Title = cleanLine(title)
		s = strings.TrimSpace(rest)
		if s == "" {
			l.fail(origin, errEmptyAfterTitle)
			return nil
		}
	}
	a.Text = s
	return l.emit(a)
}

var errEmptyAfterTitle = fmt.Errorf("%w: nothing after the title line", ErrEmptyText)
