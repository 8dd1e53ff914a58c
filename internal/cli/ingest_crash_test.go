package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/credence-news/credence/internal/store/sqlite"
)

// madeUpCorpus writes n invented articles as JSON Lines, plus exact and
// white-space duplicates of some of them, and returns how many distinct
// texts it holds.
func madeUpCorpus(t *testing.T, path string, n int) int {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Ana Ortiz", "Paul Ruiz", "Mina Park", "Tom Reyes", "Lea Novak", "Omar Haddad"}
	roles := []string{"the mayor", "a council member", "an official who asked not to be named", "the company", "a spokeswoman"}
	topics := []string{"the bridge", "the budget", "the new clinic", "the transit plan", "the school levy", "the water plant"}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	var texts []string
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Story %d. ", i)
		for range 6 + rng.IntN(6) {
			fmt.Fprintf(&b, "%s said %s would cost %d million dollars. \"We will see,\" %s told reporters on %s. ",
				names[rng.IntN(len(names))], topics[rng.IntN(len(topics))], rng.IntN(900)+1, roles[rng.IntN(len(roles))],
				[]string{"Monday", "Tuesday", "Friday"}[rng.IntN(3)])
		}
		texts = append(texts, b.String())
		enc.Encode(map[string]string{"title": fmt.Sprintf("Story %d", i), "text": b.String(), "outlet": fmt.Sprintf("Outlet %d", i%7)})
	}
	for i := 0; i < n; i += 40 {
		enc.Encode(map[string]string{"text": texts[i]})                                          // exact duplicate
		enc.Encode(map[string]string{"text": " " + strings.ReplaceAll(texts[i], ". ", ".\n\n")}) // same text, other white space
	}
	enc.Encode(map[string]string{"title": "no text"}) // one bad record
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return n
}

var storedRE = regexp.MustCompile(`stored (\d+)`)

// TestIngestSurvivesSIGKILL runs a real credence ingest, kills it with
// SIGKILL once some batches are committed, and checks that the database
// opens, passes integrity_check, kept what was committed, and that a rerun
// completes the corpus with no duplicates.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the credence binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "credence")
	build := exec.Command("go", "build", "-o", bin, "github.com/credence-news/credence/cmd/credence")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	unique := madeUpCorpus(t, corpus, 1000)
	data := filepath.Join(dir, "data")

	cmd := exec.Command(bin, "ingest", "--data", data, "--batch", "25", "--progress-every", "20ms", corpus)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if m := storedRE.FindStringSubmatch(line); m != nil && strings.HasPrefix(line, "progress:") {
			committed, _ = strconv.Atoi(m[1])
			if committed > 0 {
				break
			}
		}
	}
	killed := cmd.Process.Signal(syscall.SIGKILL) == nil
	go func() {
		for sc.Scan() {
		}
	}()
	cmd.Wait()
	if committed == 0 {
		t.Fatalf("ingest committed nothing before ending")
	}
	t.Logf("killed=%v after %d articles were reported committed", killed, committed)

	ctx := context.Background()
	db, err := sqlite.OpenDir(ctx, data)
	if err != nil {
		t.Fatalf("open after SIGKILL: %v", err)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Fatalf("after SIGKILL: %v", err)
	}
	n, err := db.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if n < committed {
		t.Fatalf("after SIGKILL: %d articles in the store, %d were reported committed", n, committed)
	}
	if n >= unique {
		t.Logf("ingest finished before the kill; the rerun checks still apply")
	}

	rerun := func() (stored int, out string) {
		t.Helper()
		cmd := exec.Command(bin, "ingest", "--data", data, corpus)
		b, err := cmd.CombinedOutput()
		// One record has no text: exit status 1 is expected.
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			t.Fatalf("rerun: %v\n%s", err, b)
		}
		m := regexp.MustCompile(`credence ingest: stored (\d+), skipped (\d+) duplicates \(already stored or repeated in the input\), failed (\d+)`).FindStringSubmatch(string(b))
		if m == nil {
			t.Fatalf("rerun: no summary in\n%s", b)
		}
		if m[3] != "1" {
			t.Errorf("rerun: failed %s, want 1 (the record with no text)", m[3])
		}
		stored, _ = strconv.Atoi(m[1])
		return stored, string(b)
	}
	stored, out := rerun()
	if n+stored != unique {
		t.Errorf("after rerun: %d before + %d stored = %d, want %d distinct texts\n%s", n, stored, n+stored, unique, out)
	}
	stored, out = rerun()
	if stored != 0 {
		t.Errorf("third run stored %d, want 0\n%s", stored, out)
	}
	db, err = sqlite.OpenDir(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if n, _ := db.Count(ctx); n != unique {
		t.Errorf("final count %d, want %d", n, unique)
	}
}
