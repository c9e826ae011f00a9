//go:build !unix

package disk

import "os"

func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

// syncDir does nothing where folders cannot be synced (Windows, the browser).
func syncDir(string) error { return nil }
