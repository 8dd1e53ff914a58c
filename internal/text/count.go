package text

import "strconv"

// Count writes n followed by the singular or the plural noun: "1 quote",
// "3 quotes". Reports and warnings count things in English.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
