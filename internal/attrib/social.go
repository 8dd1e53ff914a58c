package attrib

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/credence-news/credence/internal/article"
)

// post is a social post found in the text with the byte spans of its
// parts, so an attribution can point at them.
type post struct {
	article.SocialPost
	nameS, nameE int // author name
	dashS, dashE int // the dash (or "A post shared by") introducing the signature
	textS, textE int
}

// findPosts finds embedded social posts:
//
//	TEXT — NAME (@handle) Month D, YYYY   (the Twitter embed layout)
//	A post shared by NAME (@handle) on Month D, YYYY   (Instagram)
//	TEXT pic.twitter.com/XXXX — NAME (@handle) ...
//
// Text of a post runs back to the previous post, the start of its
// sentence or paragraph, or an opening bracket.
func (d *doc) findPosts(paras []article.Span) []post {
	t := d.text
	var out []post
	prevEnd := 0
	for i := 0; i < len(t); {
		j := strings.Index(t[i:], "(@")
		if j < 0 {
			break
		}
		h := i + j
		i = h + 2
		he := h + 2
		for he < len(t) && (isASCIIAlnum(t[he]) || t[he] == '_' || t[he] == '.' && he+1 < len(t) && isASCIIAlnum(t[he+1])) {
			he++
		}
		if he == h+2 || he >= len(t) || t[he] != ')' {
			continue
		}
		p := post{}
		p.Handle = t[h+1 : he]
		// Name before the parenthesis, after a dash or "shared by".
		ns := h
		for ns > 0 && t[ns-1] == ' ' {
			ns--
		}
		nameEnd := ns
		k := ns
		for k > 0 && h-k < 60 {
			r, n := utf8.DecodeLastRuneInString(t[:k])
			if r == '—' || r == '–' || r == '-' && k >= 2 && t[k-2] == ' ' || r == '\n' || r == '[' {
				break
			}
			k -= n
		}
		shared := strings.LastIndex(t[max(0, h-80):h], "shared by ")
		platform := "twitter"
		dashS, dashE := k, k
		if shared >= 0 {
			shared += max(0, h-80)
			k = shared + len("shared by ")
			dashS, dashE = strings.LastIndex(t[:shared], "A post"), shared+len("shared by")
			if dashS < 0 || shared-dashS > 8 {
				dashS = shared
			}
			platform = "instagram"
		} else if k == 0 || h-k >= 60 {
			continue
		} else {
			r, n := utf8.DecodeLastRuneInString(t[:k])
			if r == '—' || r == '–' || r == '-' {
				dashS, dashE = k-n, k
			}
		}
		nameS := k
		for nameS < nameEnd && t[nameS] == ' ' {
			nameS++
		}
		if nameS >= nameEnd || !isNameLike(t[nameS:nameEnd]) {
			continue
		}
		p.Author = t[nameS:nameEnd]
		p.nameS, p.nameE = nameS, nameEnd
		p.dashS, p.dashE = dashS, dashE
		// Date after the handle.
		end := he + 1
		ds := end
		for ds < len(t) && (t[ds] == ' ' || t[ds] == ',') {
			ds++
		}
		if strings.HasPrefix(t[ds:], "on ") {
			ds += 3
		}
		if iso, de := parseDate(t, ds); iso != "" {
			p.Date = iso
			end = de
		}
		if end < len(t) && t[end] == ',' {
			end++
		}
		p.Platform = platform
		// Text before the signature.
		if platform == "twitter" {
			te := dashS
			ts := d.postTextStart(te, prevEnd, paras)
			ts, te = trimPost(t, ts, te)
			if te > ts {
				p.Text = t[ts:te]
				p.textS, p.textE = ts, te
			}
			p.Start = ts
		} else {
			p.Start = dashS
		}
		if p.Start > dashS || p.Text == "" && platform == "twitter" {
			p.Start = dashS
		}
		p.End = end
		prevEnd = end
		out = append(out, p)
		i = end
	}
	// pic.twitter.com links outside a signature mark a tweet too.
	for i := 0; i < len(t); {
		j := strings.Index(t[i:], "pic.twitter.com/")
		if j < 0 {
			break
		}
		s := i + j
		e := s + len("pic.twitter.com/")
		for e < len(t) && (isASCIIAlnum(t[e]) || t[e] == '_') {
			e++
		}
		i = e
		inside := false
		k := sort.Search(len(out), func(k int) bool { return out[k].End > s })
		if k < len(out) && (s >= out[k].Start && s < out[k].End || out[k].Platform == "twitter" && s < out[k].dashS && out[k].dashS-s < 200) {
			inside = true
		}
		if !inside {
			ts := d.postTextStart(s, 0, paras)
			ts, te := trimPost(t, ts, s)
			pp := post{}
			pp.Platform = "twitter"
			pp.Start, pp.End = ts, e
			pp.dashS, pp.dashE = s, s // the link is the signature
			if te > ts {
				pp.Text = t[ts:te]
			}
			out = append(out, pp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// postTextStart returns where the text of a post ending at te starts.
func (d *doc) postTextStart(te, prevEnd int, paras []article.Span) int {
	ts := prevEnd
	// The paragraph and the sentence holding the end of the text (both
	// lists are sorted). A paragraph short enough to be a whole post
	// (tweets hold at most 280 characters) is the post's text, however
	// many sentences it has; in a longer one the post starts with its
	// sentence.
	if i := sort.Search(len(paras), func(i int) bool { return paras[i].End >= te }); i < len(paras) && paras[i].Start <= te && paras[i].Start > ts {
		ts = paras[i].Start
		if utf8.RuneCountInString(d.text[ts:te]) <= maxPostRunes {
			return d.bracketStart(ts, te)
		}
	}
	if i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].End+1 >= te }); i < len(d.sents) && d.sents[i].Start < te && d.sents[i].Start > ts {
		ts = d.sents[i].Start
	}
	if ts > te {
		return te // posts that overlap: no text of its own
	}
	return d.bracketStart(ts, te)
}

// maxPostRunes is the longest post text taken as a whole paragraph: a
// tweet's 280 characters and some slack for links.
const maxPostRunes = 320

// bracketStart moves ts past the last "[" before te: scraped embeds often
// open the post with one.
func (d *doc) bracketStart(ts, te int) int {
	if b := strings.LastIndexByte(d.text[ts:te], '['); b >= 0 {
		ts += b + 1
	}
	return ts
}

// trimPost trims a post's text: white space, and the "[" or "," that
// scraped embeds leave before it.
func trimPost(t string, s, e int) (int, int) {
	s, e = trimBytes(t, s, e)
	for s < e && (t[s] == '[' || t[s] == ',') {
		s, e = trimBytes(t, s+1, e)
	}
	return s, e
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isNameLike accepts a display name: 1-6 words, starting with a letter.
func isNameLike(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// parseDate reads "June 8, 2017" at t[i:] and returns its ISO form and
// end offset.
func parseDate(t string, i int) (string, int) {
	j := i
	for j < len(t) && (t[j] >= 'A' && t[j] <= 'Z' || t[j] >= 'a' && t[j] <= 'z' || t[j] == '.') {
		j++
	}
	w := strings.ToLower(t[i:j])
	m, ok := months[w]
	if !ok && !strings.HasSuffix(w, ".") {
		// Instagram writes "Mar 3, 2017": the abbreviation without its
		// period. Only signatures read it so ("Jan" alone is a name).
		m, ok = months[w+"."]
	}
	if !ok {
		return "", i
	}
	k := j
	for k < len(t) && t[k] == ' ' {
		k++
	}
	ds := k
	for k < len(t) && t[k] >= '0' && t[k] <= '9' && k-ds < 2 {
		k++
	}
	day, err := strconv.Atoi(t[ds:k])
	if err != nil || day < 1 || day > 31 {
		return "", i
	}
	if k < len(t) && t[k] == ',' {
		k++
	}
	for k < len(t) && t[k] == ' ' {
		k++
	}
	ys := k
	for k < len(t) && t[k] >= '0' && t[k] <= '9' && k-ys < 4 {
		k++
	}
	if k-ys != 4 {
		return "", i
	}
	return t[ys:k] + "-" + pad2(m) + "-" + pad2(day), timeEnd(t, k)
}

// timeEnd returns the end of a time after a signature's date (" at
// 4:05pm PST", "at 10:12 AM"), or k when none follows.
func timeEnd(t string, k int) int {
	if !strings.HasPrefix(t[k:], " at ") {
		return k
	}
	j := k + len(" at ")
	ds := j
	for j < len(t) && (t[j] >= '0' && t[j] <= '9' || t[j] == ':') && j-ds < 5 {
		j++
	}
	if j == ds || !strings.Contains(t[ds:j], ":") {
		return k
	}
	for _, ap := range []string{"am", "pm", "AM", "PM", "a.m.", "p.m.", " am", " pm", " AM", " PM", " a.m.", " p.m."} {
		if strings.HasPrefix(t[j:], ap) {
			j += len(ap)
			break
		}
	}
	// A time zone: two to four capitals.
	if j+2 < len(t) && t[j] == ' ' {
		z := j + 1
		for z < len(t) && t[z] >= 'A' && t[z] <= 'Z' && z-j <= 4 {
			z++
		}
		if z-j-1 >= 2 && (z == len(t) || t[z] < 'A' || t[z] > 'Z') {
			j = z
		}
	}
	return j
}
