//go:build unix

package disk

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteFileIsWholeAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	for _, data := range []string{"first\n", "second, longer\n"} {
		if err := WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p, 100)
		if err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	des, _ := os.ReadDir(dir)
	if len(des) != 1 {
		t.Errorf("folder holds %d entries, want only a.json", len(des))
	}
}

func TestWriteNewNeverReplacesAFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.toml")
	if err := WriteNew(p, []byte("first\n")); err != nil {
		t.Fatal(err)
	}
	err := WriteNew(p, []byte("second\n"))
	if !errors.Is(err, os.ErrExist) {
		t.Errorf("a second WriteNew: %v, want an error wrapping os.ErrExist", err)
	}
	if got, _ := ReadFile(p, 100); string(got) != "first\n" {
		t.Errorf("the file holds %q after a refused WriteNew", got)
	}
	// A folder that cannot be written: nothing appears under the name.
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() != 0 {
		if err := WriteNew(filepath.Join(ro, "x.toml"), []byte("x")); err == nil {
			t.Error("WriteNew into a read-only folder succeeded")
		}
	}
	des, _ := os.ReadDir(dir)
	if len(des) != 2 {
		t.Errorf("folder holds %d entries, want new.toml and ro only (no temporary file left)", len(des))
	}
}

func TestRemoveTempsOnlyRemovesOurs(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{TempPrefix + "x.json-123", "keep.json", ".hidden"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gone, err := RemoveTemps(dir)
	if err != nil || len(gone) != 1 || gone[0] != TempPrefix+"x.json-123" {
		t.Fatalf("removed %v, %v", gone, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "keep.json")); err != nil {
		t.Error("removed a file that was not a temporary file")
	}
}

func TestReadFileRefusesWhatIsNotAPlainSmallFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path string
		want string
	}{
		{fifo, "a FIFO"},
		{"/dev/zero", "a device"},
		{dir, "a folder"},
		{big, "larger than 1 KiB"},
	}
	for _, c := range cases {
		start := time.Now()
		_, err := ReadFile(c.path, 1024)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.path, err, c.want)
		}
		if c.want != "larger than 1 KiB" && !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: %v is not ErrNotRegular", c.path, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s took %v", c.path, d)
		}
	}
}

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	if err := CheckWritable(dir); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() == 0 {
		t.Skip("root writes anywhere")
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	// Give the write permission back so that t.TempDir can remove the folder.
	defer func() {
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Error(err)
		}
	}()
	if err := CheckWritable(dir); err == nil {
		t.Error("a read-only folder passed")
	}
}
