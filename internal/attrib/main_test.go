package attrib

import (
	"os"
	"testing"
)

// TestMain loads the embedded models before any test: the package's own
// tests call unexported functions (posOf, the tagger) that Annotate and
// the exported functions would otherwise load them for.
func TestMain(m *testing.M) {
	loadModels()
	os.Exit(m.Run())
}
