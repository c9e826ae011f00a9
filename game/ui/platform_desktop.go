//go:build !js

package ui

import (
	"errors"
	"math"
	"os"
	"path/filepath"

	"twohats/game/disk"
	"twohats/game/save"
)

func deviceRound(v float64) float64 { return math.Round(v) }

// defaultStore is the save file in the user's configuration directory.
func defaultStore() Store {
	dir, err := save.DefaultDir()
	if err != nil {
		return nil
	}
	return save.DirStore{Dir: dir}
}

// FileSink writes results files: to Path when set, else into Dir under the suggested name.
type FileSink struct {
	Path string
	Dir  string
}

// Deliver writes the file durably (disk.WriteFile, the one writer) and returns its path.
func (f FileSink) Deliver(name string, b []byte) (string, error) {
	path := f.Path
	if path == "" {
		dir := f.Dir
		if dir == "" {
			d, err := save.DefaultDir()
			if err != nil {
				return "", err
			}
			dir = d
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		path = filepath.Join(dir, name)
	}
	if err := disk.WriteFile(path, b); err != nil {
		return "", err
	}
	return path, nil
}

func defaultSink() ResultsSink { return FileSink{} }

// The browser build's hooks; the desktop needs none.
func platformStart(*Options)      {}
func (a *app) platformUpdate()    {}
func (a *app) platformPresented() {}

// defaultSeatStore keeps a pair game's seat (seat.json) beside the save, so that the game comes
// back to the seat after a restart.
func defaultSeatStore() Store {
	dir, err := save.DefaultDir()
	if err != nil {
		return nil
	}
	return seatFile{path: filepath.Join(dir, "seat.json")}
}

// seatFile is a Store in one named file.
type seatFile struct{ path string }

func (s seatFile) Where() string { return s.path }

func (s seatFile) Load() ([]byte, error) {
	b, err := disk.ReadFile(s.path, 4<<10)
	if errors.Is(err, os.ErrNotExist) {
		return nil, save.ErrNone
	}
	return b, err
}

func (s seatFile) Save(b []byte) error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	return disk.WriteFile(s.path, b)
}

func (s seatFile) Remove() error {
	if err := os.Remove(s.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
