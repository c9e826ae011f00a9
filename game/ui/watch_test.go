package ui_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"twohats/scenarios"
)

// syncBuffer is a bytes.Buffer the game's output can be written to while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls the game's output for want, for up to 20 s.
func waitFor(t *testing.T, out *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if strings.Contains(out.String(), want) {
			return
		}
	}
	t.Fatalf("the game never said %q; it said:\n%s", want, out)
}

// TestWatchRestartsOnAGoodEdit runs the game on a scenario file with --watch, breaks the file
// (the game goes on and names the problem), then fixes it (the game starts again with it).
func TestWatchRestartsOnAGoodEdit(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run")
	}
	if testing.Short() {
		t.Skip("builds and runs the game")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "twohats")
	if out, err := exec.Command("go", "build", "-o", bin, "twohats/cmd/twohats").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	src, _ := scenarios.Source("tutorial")
	file := filepath.Join(dir, "mine.toml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	run := exec.Command(bin, "--scenario", file, "--role", "both", "--seed", "1", "--watch")
	run.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	var out syncBuffer
	run.Stdout, run.Stderr = &out, &out
	if err := run.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = run.Process.Signal(syscall.SIGTERM) // it may have exited already
		_ = run.Wait()                          // its exit status after a SIGTERM says nothing
	}()
	time.Sleep(3 * time.Second) // the first look records the file as it started

	broken := strings.Replace(string(src), "sprints = 3", "sprints = 3\nbogus = 1", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, "bogus: unknown key (the game goes on)")

	fixed := strings.Replace(string(src), `title = "Tutorial: The Neighbourhood Bakery App"`, `title = "My bakery"`, 1)
	if err := os.WriteFile(file, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, &out, "changed and checks; the game starts again")
}
