package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestJoinCommand: `serve --pairs` on a free port of 127.0.0.1 and two `join --autoplay`
// clients, the second with the first's pair code, play a whole pair game; the room stores one
// results file naming both, and `twohats replay` reproduces it.
func TestJoinCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "room")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{ch: make(chan struct{}, 1)}
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		code, err := serveUntil(ctx, []string{"--scenario", "startup", "--seed", "2", "--roles", "pm,po", "--pairs", "--results", dir, "--addr", "127.0.0.1:0"}, out, func(a string) { addrc <- a })
		if err != nil {
			t.Error(err)
		}
		done <- code
	}()
	var addr string
	select {
	case addr = <-addrc:
	case code := <-done:
		t.Fatalf("serve ended with %d:\n%s", code, out.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	if !strings.Contains(out.String(), "/room?key=") {
		t.Fatalf("the facilitator's link has no key:\n%s", out.String())
	}

	first := &syncBuffer{ch: make(chan struct{}, 1)}
	firstDone := make(chan error, 1)
	go func() {
		_, err := joinUntil(ctx, []string{addr, "--name", "Ada", "--hat", "po", "--autoplay", "roadmap"}, first)
		firstDone <- err
	}()
	codeRe := regexp.MustCompile(`pair code: ([A-Z]{5})`)
	var pairCode string
	for deadline := time.Now().Add(10 * time.Second); pairCode == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := codeRe.FindStringSubmatch(first.String()); m != nil {
			pairCode = m[1]
		}
	}
	if pairCode == "" {
		t.Fatalf("no pair code printed:\n%s", first.String())
	}
	var second strings.Builder
	code, err := joinUntil(ctx, []string{"--name", "Ben", "--code", strings.ToLower(pairCode), "--autoplay", "roadmap", "http://" + addr}, &second)
	if err != nil || code != ExitOK {
		t.Fatalf("second join: %d %v\n%s", code, err, second.String())
	}
	if err := <-firstDone; err != nil {
		t.Fatalf("first join: %v\n%s", err, first.String())
	}
	for _, o := range []string{first.String(), second.String()} {
		if !strings.Contains(o, "Game over after") || !strings.Contains(o, "stored as") {
			t.Fatalf("a client did not see its game stored:\n%s", o)
		}
	}
	if !strings.Contains(second.String(), "Ben: the PM seat of pair "+pairCode) {
		t.Fatalf("the second took the wrong seat:\n%s", second.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*-startup-pair-*.json"))
	if len(files) != 1 {
		t.Fatalf("stored %v", files)
	}
	var rep strings.Builder
	if code, err := replay([]string{files[0]}, &rep); code != ExitOK || err != nil {
		t.Fatalf("replay: %d %v\n%s", code, err, rep.String())
	}
	b, err := os.ReadFile(files[0])
	if err != nil || !strings.Contains(string(b), `"pm": "Ben"`) || !strings.Contains(string(b), `"po": "Ada"`) {
		t.Fatalf("the file does not name both players by seat (%v)", err)
	}
	// The debrief of the room's folder counts the pair as its own group, with both names.
	csvPath := filepath.Join(t.TempDir(), "room.csv")
	var deb strings.Builder
	if code, err := debriefCmd([]string{dir, "--csv", csvPath}, &deb); code != ExitOK || err != nil {
		t.Fatalf("debrief: %d %v\n%s", code, err, deb.String())
	}
	if !regexp.MustCompile(`(?m)^Pair \(PM \+ PO\)\s+1 `).MatchString(deb.String()) {
		t.Fatalf("the debrief has no pair row:\n%s", deb.String())
	}
	csv, err := os.ReadFile(csvPath)
	if err != nil || !regexp.MustCompile(`,Ben & Ada,startup,pair,roadmap|,Ben & Ada,startup,pair,human`).Match(csv) || !strings.Contains(string(csv), ",Ben,Ada,") {
		t.Fatalf("the CSV row does not name both (%v):\n%s", err, csv)
	}
	cancel()
	if code := <-done; code != ExitOK {
		t.Fatalf("serve ended with %d", code)
	}
}

// TestJoinUsage: a mistake in how join is called is one line and exit 2.
func TestJoinUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--name", "Ada", "--autoplay", "roadmap"}, "needs the server's address"},
		{[]string{"127.0.0.1:1", "--name", "Ada"}, "--autoplay POLICY is needed"},
		{[]string{"127.0.0.1:1", "--name", "Ada", "--autoplay", "wizard"}, "unknown policy"},
		{[]string{"127.0.0.1:1", "--name", "Ada", "--autoplay", "roadmap", "--hat", "cto"}, "unknown hat"},
		{[]string{"127.0.0.1:1", "--autoplay", "roadmap"}, "needs --name"},
	} {
		var out strings.Builder
		code, err := joinUntil(context.Background(), c.args, &out)
		if code != ExitUsage || err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %d %v, want exit 2 with %q", c.args, code, err, c.want)
		}
	}
}
