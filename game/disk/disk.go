// Package disk is the one way Two Hats writes and reads its own files (results, saves, the
// debrief's CSV and PNG): a write is whole or absent and survives a power cut once it returns; a
// read refuses anything that is not a plain file, and anything larger than the caller's cap, in
// bounded time, so a FIFO, a device or /dev/zero named by mistake (or by malice) never hangs or
// exhausts the program. It is not part of the engine: the engine never touches files.
package disk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// TempPrefix starts the name of every temporary file WriteFile makes, so that RemoveTemps can
// tell its leftovers (a kill -9 between create and rename) from anyone else's files.
const TempPrefix = ".tmp-"

// WriteFile writes data to path whole or not at all: a uniquely named temporary file in the same
// folder, synced, renamed over path, then the folder synced, so that once WriteFile returns nil
// the file is on disk under its name even if the machine loses power.
func WriteFile(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		// The write's error is the one to report; failing to remove the temp file loses nothing,
		// since RemoveTemps sweeps leftovers by their TempPrefix.
		if tmp != "" {
			_ = os.Remove(tmp)
		}
		return err
	}
	return syncDir(filepath.Dir(path))
}

// writeTemp writes data to a synced, uniquely named temporary file beside path (named with
// TempPrefix) and returns its name, also on error, so the caller removes it ("" if none was made).
func writeTemp(path string, data []byte) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	return tmp, err
}

// WriteNew writes data to a new file at path, whole or not at all, and never over a file that is
// already there: the data goes to a synced temporary file first, which is then linked under its
// name (a link, unlike a rename, fails when the name is taken, so nobody's file is replaced even
// if it appears between a check and the write). The error wraps os.ErrExist when path exists.
func WriteNew(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if tmp != "" {
		// The temporary name goes whatever happens: after a link it is a second name for the file.
		defer func() { _ = os.Remove(tmp) }()
	}
	if err == nil {
		err = os.Link(tmp, path)
	}
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// RemoveTemps deletes the temporary files WriteFile left in dir when the program was killed
// mid-write, and returns their names. Only regular files named with TempPrefix are touched.
func RemoveTemps(dir string) ([]string, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var gone []string
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), TempPrefix) || !de.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, de.Name())); err == nil {
			gone = append(gone, de.Name())
		}
	}
	return gone, nil
}

// CheckWritable proves that files can be created, synced and removed in dir, so a server finds
// out at start, not at the first player's result, that its folder is read-only or full.
func CheckWritable(dir string) error {
	f, err := os.CreateTemp(dir, TempPrefix+"probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, err = f.Write([]byte("probe\n"))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if rerr := os.Remove(name); err == nil {
		err = rerr
	}
	if err == nil {
		err = syncDir(dir)
	}
	return err
}

// ErrNotRegular is returned for a path that is a FIFO, a device, a socket or a folder.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError is a file over the reader's cap.
type TooLargeError struct{ Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("larger than %s, the most this reads", Bytes(e.Max))
}

// Bytes writes a size for a person: 1 MiB, 200 KiB, 512 bytes.
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a regular file of at most max bytes. A symbolic link is followed; what it
// names must be a regular file too. Anything else is refused before it is opened for reading
// (a FIFO would block forever, /dev/zero never ends), and a file that grows past max while read
// is refused as well.
func ReadFile(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: notRegular(st.Mode())}
	}
	if st.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{max}}
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: a failed close loses no data
	// The path may have been swapped between Stat and open: check what was opened.
	if st2, err := f.Stat(); err != nil {
		return nil, err
	} else if !st2.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: notRegular(st2.Mode())}
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooLargeError{max}}
	}
	return b, nil
}

// notRegular names the kind of file for the message.
func notRegular(m fs.FileMode) error {
	kind := "a special file"
	switch {
	case m.IsDir():
		kind = "a folder"
	case m&fs.ModeNamedPipe != 0:
		kind = "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		kind = "a device"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("%w (%s)", ErrNotRegular, kind)
}
