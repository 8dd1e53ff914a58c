package attrib

import "sync"

var loadOnce sync.Once

// loadModels parses the embedded models (WordNet classes, part-of-speech
// dictionary, cue lexicon, role tagger, name lexicon, reranker) on first
// use rather than at start-up: together they take about 50 ms and 16 MB,
// which commands that never analyse (--help, eval reliability) should
// not pay. Every exported function that reads them calls it first, so a
// model set with a Use function is never replaced by the embedded one.
func loadModels() {
	loadOnce.Do(func() {
		loadWNClass()
		loadPosDict() // builds the word-class table with the WordNet classes
		loadCueModel()
		loadTagger()
		loadNames()
		loadCueRanker()
	})
}
