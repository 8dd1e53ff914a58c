package text

// Hooks for the external tests.

const MaxAbbrevLenForTest = maxAbbrevLen

func AbbreviationsForTest() []string {
	var out []string
	out = append(out, titleAbbrevs...)
	out = append(out, generalAbbrevs...)
	out = append(out, numericAbbrevs...)
	return out
}
