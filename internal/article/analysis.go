package article

// Span is a half-open byte range [Start,End) into Article.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TextSpan is a span with the text it covers, for output.
type TextSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Analysis is the credence.analysis/v1 document. Every field is present in
// JSON; a stage that did not run leaves its part empty.
type Analysis struct {
	Schema       string        `json:"schema"`
	Article      ArticleInfo   `json:"article"`
	Sentences    []Span        `json:"sentences"`
	Paragraphs   []Span        `json:"paragraphs"`
	Quotes       []Quote       `json:"quotes"`
	Attributions []Attribution `json:"attributions"`
	Sources      []Source      `json:"sources"`
	SocialPosts  []SocialPost  `json:"social_posts"`
	Entities     []Entity      `json:"entities"`
	Signals      Signals       `json:"signals"`
	Reliability  Reliability   `json:"reliability"`
	Warnings     []string      `json:"warnings"`
}

// ArticleInfo is the "article" object of the analysis.
type ArticleInfo struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Author    string `json:"author"`
	Published string `json:"published"`
	Text      string `json:"text"`
	Words     int    `json:"words"`
}

// Quote is a quotation span: Start/End include the marks, InnerStart and
// InnerEnd exclude them. Depth is 0 for outer quotes, 1 for quotes nested
// in them. Unclosed is set when the text ended (or a paragraph-continued
// quote ended) without a closing mark.
type Quote struct {
	Start      int  `json:"start"`
	End        int  `json:"end"`
	InnerStart int  `json:"inner_start"`
	InnerEnd   int  `json:"inner_end"`
	Depth      int  `json:"depth"`
	Unclosed   bool `json:"unclosed,omitempty"`
}

// Attribution ties a source, through a cue, to what it said.
type Attribution struct {
	Kind       string     `json:"kind"` // direct|indirect|mixed|according_to|social
	Cue        TextSpan   `json:"cue"`
	Source     AttrSource `json:"source"`
	Content    TextSpan   `json:"content"`
	Confidence float64    `json:"confidence"`
}

// AttrSource is the source span of one attribution, resolved and typed.
type AttrSource struct {
	Text        string `json:"text"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Entity      string `json:"entity"`
	Type        string `json:"type"` // person|organization|anonymous|document|unknown
	Affiliation string `json:"affiliation"`
}

// Source is one distinct source of the article with everything known of it.
type Source struct {
	Name         string   `json:"name"`
	Type         string   `json:"type"`
	Affiliation  string   `json:"affiliation"`
	Titles       []string `json:"titles"`
	Aliases      []string `json:"aliases"`
	Mentions     int      `json:"mentions"`
	Attributions int      `json:"attributions"`
}

// SocialPost is a tweet or other post embedded in the text.
type SocialPost struct {
	Platform string `json:"platform"`
	Author   string `json:"author"`
	Handle   string `json:"handle"`
	Date     string `json:"date"` // ISO 8601 date when known
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// Entity is a named person, organization, place or date.
type Entity struct {
	Text      string `json:"text"`
	Type      string `json:"type"` // person|organization|place|date
	Canonical string `json:"canonical"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Signals are the article-level counts and rates; see internal/signals.
type Signals map[string]float64

// Reliability is the model's verdict with its reasons.
type Reliability struct {
	Label   string   `json:"label"`
	Score   float64  `json:"score"`
	Model   string   `json:"model"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one feature's signed contribution to a prediction.
type Reason struct {
	Feature string  `json:"feature"`
	Weight  float64 `json:"weight"`
}

// NewAnalysis returns an analysis of a with every list empty (not null).
func NewAnalysis(a *Article) *Analysis {
	id := a.ID
	if id == "" {
		id = ContentID(a.Text)
	}
	w := make([]string, 0, len(a.Warnings))
	w = append(w, a.Warnings...)
	return &Analysis{
		Schema: Schema,
		Article: ArticleInfo{
			ID: id, Title: a.Title, URL: a.URL, Outlet: a.Outlet,
			Author: a.Author, Published: a.Published, Text: a.Text,
		},
		Sentences:    []Span{},
		Paragraphs:   []Span{},
		Quotes:       []Quote{},
		Attributions: []Attribution{},
		Sources:      []Source{},
		SocialPosts:  []SocialPost{},
		Entities:     []Entity{},
		Signals:      Signals{},
		Reliability:  Reliability{Reasons: []Reason{}},
		Warnings:     w,
	}
}
