package server

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/credence-news/credence/internal/model"
)

// madeUpArticle is an invented article for the browser test.
const madeUpArticle = `Harbor City will delay the opening of its new ferry terminal until spring, Mayor Ana Ortiz said on Tuesday.

"We would rather open late than open unsafe," Ortiz told reporters at City Hall. The port authority said in a statement that inspectors had found cracks in two of the loading ramps.

A city engineer, who spoke on condition of anonymity because she was not authorized to discuss the inspection, said the repairs could take months. According to budget documents, the terminal has already cost $48 million.`

// TestE2EBrowser drives Debian's chromium through paste → article page →
// search → dashboard and saves screenshots. It runs only with
// CREDENCE_E2E=1 (see .ci/e2e.sh) and skips when chromium is absent.
func TestE2EBrowser(t *testing.T) {
	if os.Getenv("CREDENCE_E2E") == "" {
		t.Skip("browser test: set CREDENCE_E2E=1 (run .ci/e2e.sh)")
	}
	chrome := os.Getenv("CHROMIUM")
	if chrome == "" {
		for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(name); err == nil {
				chrome = p
				break
			}
		}
	}
	if chrome == "" {
		t.Skip("browser test: no chromium found (apt-get install chromium)")
	}
	shots := os.Getenv("CREDENCE_ARTIFACTS")
	if shots == "" {
		shots = filepath.Join(os.TempDir(), "credence-e2e")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", shots)

	// The default reliability model, when one is embedded, so that the
	// pages show a verdict.
	s := newServer(t, func(o *Options) {
		if m, err := model.Default(); err == nil {
			o.Analyze.Scorer = m
		}
	})
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox, // CI runs as root
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser and must not carry a timeout; a
	// watchdog bounds the whole test instead.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	watchdog := time.AfterFunc(120*time.Second, cancel)
	defer watchdog.Stop()

	// Any JavaScript dialog means article markup ran: fail.
	dialogs := chromedp.Events(ctx, cdppage.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			t.Errorf("a script ran in the page: dialog %q", ev.Message)
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()

	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+strconv.Quote(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	paste := func(body, title string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/"),
			chromedp.WaitVisible(chromedp.ID("text")),
			chromedp.SetValue(chromedp.ID("text"), body),
			chromedp.SetValue(chromedp.ID("title"), title),
			chromedp.Click(chromedp.ID("analyze")),
			chromedp.WaitVisible(chromedp.ID("article-text")),
		); err != nil {
			t.Fatalf("paste %q: %v", title, err)
		}
	}

	// Paste → article page.
	paste(madeUpArticle, "Ferry terminal delayed")
	if h := text("#article-title"); h != "Ferry terminal delayed" {
		t.Errorf("article heading %q", h)
	}
	if !strings.Contains(text("#article-text"), "We would rather open late") {
		t.Errorf("article text missing")
	}
	t.Logf("article page: %d highlighted runs, %d anonymous source marks",
		count("#article-text a.hl"), count("#article-text a.r-source.t-anonymous"))
	shot("1-article.png")

	// Search from the header box.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`header input[name="q"]`)),
		chromedp.SendKeys(chromedp.CSS(`header input[name="q"]`), "ferry\n"),
		chromedp.WaitVisible(chromedp.ID("results")),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	if n := count("#results li"); n != 1 {
		t.Errorf("search for ferry: %d results, want 1", n)
	}
	shot("2-search.png")

	// Dashboard.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("figure.chart")),
	); err != nil {
		t.Fatalf("dashboard: %v", err)
	}
	if n := count("figure.chart"); n != 4 {
		t.Errorf("dashboard: %d charts, want 4", n)
	}
	shot("3-dashboard.png")

	// Hostile markup stays text in a real browser (a dialog would fail
	// the test through the listener above).
	paste(hostile, `<script>alert("title")</script>`)
	if h := text("#article-title"); h != `<script>alert("title")</script>` {
		t.Errorf("hostile title shown as %q", h)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}

	// A phone-sized viewport.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
		t.Fatalf("phone viewport: %v", err)
	}
	paste(madeUpArticle+" Extra.", "Ferry terminal delayed (phone)")
	shot("4-article-phone.png")
	top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("phone screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(shots, "4-article-phone-top.png"), top, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	// The seed article, when ../shared is there.
	seed, err := os.ReadFile("../../../shared/seeds/000_29c9cfc249d61c61.txt")
	if err != nil {
		t.Logf("seed article not found (%v): skipping its check", err)
		return
	}
	paste(string(seed), "Seed article")
	anon, posts := count("#article-text a.r-source.t-anonymous"), count("#posts li")
	shot("5-seed.png")
	t.Logf("seed article: %d anonymous source marks, %d social posts listed", anon, posts)
	if anon == 0 || posts == 0 {
		t.Errorf("seed article: %d anonymous source marks, %d social posts; want both > 0", anon, posts)
	}
}
