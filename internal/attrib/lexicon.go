package attrib

import "strings"

// cueClass says how a cue verb takes its arguments.
type cueClass uint8

const (
	cueSay    cueClass = iota + 1 // SOURCE said (that) CONTENT; CONTENT, SOURCE said
	cueTell                       // SOURCE told RECIPIENT (that) CONTENT
	cueObject                     // SOURCE criticized CONTENT (an object, not a clause)
	cueWeak                       // attributive only next to a clause or quote (continued, think)
)

// cueVerbs maps every inflected form to its lemma and class. Built from
// the lemma lists below so each verb is written once.
var cueVerbs = map[string]cueEntry{}

type cueEntry struct {
	lemma string
	class cueClass
}

func init() {
	add := func(class cueClass, lemmas string) {
		for _, l := range strings.Fields(lemmas) {
			forms := strings.Split(l, "/")
			for _, f := range forms {
				cueVerbs[f] = cueEntry{lemma: forms[0], class: class}
			}
		}
	}
	// Verbs of saying, reporting and arguing: the clause after them (or
	// the quote before them) is what the source said.
	add(cueSay, `say/says/said/saying add/adds/added/adding note/notes/noted/noting reports/reported
		claimed/claiming deny/denies/denied/denying insist/insists/insisted/insisting
		acknowledge/acknowledges/acknowledged/acknowledging tweeted/tweeting write/writes/wrote/writing
		argue/argues/argued/arguing learned suggest/suggests/suggested/suggesting explain/explains/explained/explaining
		announce/announces/announced/announcing declare/declares/declared/declaring stated
		reply/replies/replied/replying respond/responds/responded recall/recalls/recalled/recalling
		conclude/concludes/concluded admit/admits/admitted/admitting confirm/confirms/confirmed/confirming
		predict/predicts/predicted/predicting stress/stresses/stressed/stressing reiterate/reiterates/reiterated
		complain/complains/complained/complaining emphasize/emphasizes/emphasized/emphasizing
		observe/observes/observed allege/alleges/alleged/alleging contend/contends/contended/contending
		assert/asserts/asserted/asserting cite/cites/cited/citing recount/recounts/recounted quip/quips/quipped
		joke/jokes/joked boast/boasts/boasted/boasting muse/mused wonder/wonders/wondered/wondering
		vow/vows/vowed/vowing promise/promises/promised/promising pledged/pledging
		reveal/reveals/revealed/revealing disclose/discloses/disclosed announce
		estimated indicate/indicates/indicated/indicating
		speculate/speculates/speculated hinted
		lament/laments/lamented scoff/scoffed retort/retorted exclaim/exclaimed
		testify/testifies/testified posted
		countered
		finds/found shows/showed`)
	add(cueTell, `tell/tells/told/telling ask/asks/asked/asking warn/warns/warned/warning assure/assures/assured
		inform/informs/informed remind/reminds/reminded/reminding urge/urges/urged/urging`)
	add(cueObject, `criticize/criticizes/criticized/criticizing accuse/accuses/accused/accusing blame/blames/blamed/blaming
		praise/praises/praised/praising defend/defends/defended/defending blast/blasts/blasted/blasting
		slam/slams/slammed/slamming decry/decries/decried condemn/condemns/condemned/condemning
		denounce/denounces/denounced/denouncing mock/mocks/mocked/mocking dismiss/dismisses/dismissed
		reject/rejects/rejected/rejecting questioned/questioning describe/describes/described/describing
		called/calling railed attacked endorse/endorses/endorsed`)
	// "think", "know", "hope" are left out: annotators rarely mark them.
	add(cueWeak, `continue/continues/continued believe/believes estimate/estimates claim/claims`)
}

// cuePre may stand before a cue verb and belong to the cue ("has said",
// "also noted", "would later say").
var cuePre = setOf("has", "have", "had", "also", "later", "now", "was", "were", "is", "are", "previously", "initially",
	"often", "repeatedly", "recently", "publicly", "once", "would", "will", "did", "does", "do", "not", "n't", "never",
	"again", "further", "reportedly", "first", "already", "quickly", "simply", "flatly", "even", "still",
	"could", "may", "might", "should", "can", "must", "been", "be", "being", "just", "finally", "apparently")

// isCueAdverb reports whether lw is a manner adverb that belongs to the
// cue it precedes ("forcefully told", "repeatedly cited").
func isCueAdverb(lw string) bool {
	return len(lw) > 4 && strings.HasSuffix(lw, "ly") && !notAdverb[lw]
}

var notAdverb = setOf("only", "early", "family", "likely", "daily", "rally", "supply", "apply", "reply", "ally",
	"friendly", "holy", "july", "italy", "weekly", "monthly", "yearly", "nightly", "hourly", "elderly", "lonely",
	"costly", "deadly", "lovely", "silly", "ugly", "unlikely", "assembly", "anomaly", "monopoly", "bully", "kelly")

var dets = setOf("the", "a", "an", "this", "these", "those", "some", "many", "several", "one", "two", "three", "four",
	"multiple", "most", "both", "all", "other", "another", "his", "her", "their", "its", "our", "my", "your",
	"each", "no", "few", "any", "such")

// clauseStop words end a source walking backwards: a source is a noun
// phrase and these begin or join clauses.
var clauseStop = setOf("that", "which", "when", "while", "because", "as", "if", "although", "though", "since",
	"after", "before", "and", "but", "or", "so", "than", "where", "whether", "is", "was", "are", "were", "be",
	"been", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should", "may",
	"might", "must", "to", "not", "what", "how", "why", "until", "unless", "yet", "nor", "once", "whom",
	"said", "says", "say", "told", "tells", "asked", "added", "noted", "wrote", "where", "whose")

// leadDrop are words that open a clause without being part of its
// subject ("But a source said").
var leadDrop = setOf("and", "but", "so", "yet", "however", "meanwhile", "still", "also", "now", "then", "instead",
	"moreover", "indeed", "later", "earlier", "separately", "finally", "thus", "or", "nor", "plus", "even", "just",
	"privately", "publicly")

// timeWords may follow a source before its cue ("Trump on Sunday said")
// without being part of it.
var timeWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
	"today", "tonight", "earlier", "later", "recently", "previously", "on")

var pronouns = setOf("he", "she", "they", "i", "we", "you", "it", "who")

// objPronouns are recipients of "told" and friends.
var objPronouns = setOf("him", "her", "them", "me", "us", "you", "it", "reporters", "journalists")

// quoteOpen reports whether the token is an opening quotation mark.
func isQuoteMark(lw string) bool {
	switch lw {
	case "“", "”", "\"", "‘", "’", "'", "«", "»":
		return true
	}
	return false
}

// nonAttribSaid are left neighbours that make "said" an adjective ("the
// said property") rather than a cue.
var nonAttribPrev = setOf("the", "a", "an", "this", "these", "those", "that", "having", "be", "been", "is", "was",
	"are", "were", "to")
