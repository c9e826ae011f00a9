package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"twohats/game/sim"
)

// syncBuffer is a bytes.Buffer the server's goroutines may write to while the test reads.
type syncBuffer struct {
	ch  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.ch <- struct{}{}
	defer func() { <-b.ch }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.ch <- struct{}{}
	defer func() { <-b.ch }()
	return b.buf.String()
}

// TestServeCommand runs the command on a free port of 127.0.0.1, posts a game, and stops it
// the way a signal would.
func TestServeCommand(t *testing.T) {
	web := t.TempDir()
	mustWrite(t, filepath.Join(web, "index.html"), []byte("<!doctype html><title>Two Hats</title>"))
	dir := filepath.Join(t.TempDir(), "room")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{ch: make(chan struct{}, 1)}
	addrc := make(chan string, 1)
	done := make(chan int, 1)
	go func() {
		code, err := serveUntil(ctx, []string{"--scenario", "tutorial", "--seed", "3", "--roles", "po", "--web", web, "--results", dir, "--addr", "127.0.0.1:0"}, out, func(a string) { addrc <- a })
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
	base := "http://" + addr

	res, err := http.Post(base+"/api/results", "application/json", bytes.NewReader(botResults(t, "tutorial", sim.RolePO, "roadmap", 3, "Grace")))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	_ = res.Body.Close() // already read: nothing is lost
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("post: %s %s", res.Status, b)
	}
	for _, p := range []string{"/", "/room", "/api/config", "/api/results"} {
		res, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close() // only the status is checked: nothing is lost
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s", p, res.Status)
		}
	}

	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Errorf("exit %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	text := out.String()
	for _, want := range []string{"facilitator: " + base + "/room", "Product Owner:   " + base + "/?role=po", "stored 0001-tutorial-po-grace-", "Stopped. 1 game(s) stored"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if _, err := http.Get(base + "/room"); err == nil {
		t.Error("server still answers after stopping")
	}
	// The debrief of the folder applies the room's rules: the same game the room counted.
	code, stdout, _ := run(t, "debrief", dir)
	if code != ExitOK || !strings.Contains(stdout, "The room of "+dir+": tutorial, seed 3, roles po.") || !strings.Contains(stdout, "1 game(s) used") {
		t.Errorf("debrief of the room's folder: exit %d\n%s", code, stdout)
	}
}
