//go:build unix

package cli

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestFilesThatAreNotPlainFilesAreRefusedAtOnce(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "room.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	big := filepath.Join(dir, "big.toml")
	mustWrite(t, big, make([]byte, 300<<10))
	for _, args := range [][]string{{"check", "/dev/zero"}, {"check", fifo}, {"check", big}, {"replay", "/dev/zero"}, {"replay", fifo}, {"debrief", fifo}} {
		start := time.Now()
		code, stdout, stderr := run(t, args...)
		text := stdout + stderr
		if code != ExitFailed || !(strings.Contains(text, "not a regular file") || strings.Contains(text, "larger than")) {
			t.Errorf("%v: exit %d %q", args, code, text)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%v took %v", args, d)
		}
	}
}
