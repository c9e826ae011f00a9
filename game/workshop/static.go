package workshop

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// static serves the browser build from its folder, and nothing outside it: the folder is opened
// as an os.Root, so a symbolic link that leads out of it is not followed; hidden files, folders
// without an index.html and anything that is not a regular file (a FIFO, a device) are not
// served, and never opened. A file with a precompressed twin (twohats.wasm.gz beside
// twohats.wasm, written by `make web`) is sent compressed to a browser that accepts gzip.
type static struct {
	root    *os.Root
	version string // the build's version: the first 12 hex digits of twohats.wasm's SHA-256, as `make web` writes in the page
	log     func(format string, args ...any)
	warned  sync.Map
}

// WasmName is the game's file in the web folder.
const WasmName = "twohats.wasm"

// StaticWriteTimeout is how long a client may take to download one file of the build.
const StaticWriteTimeout = 10 * time.Minute

func newStatic(dir string, log func(string, ...any)) (*static, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("web folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("web folder %s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("web folder: %w", err)
	}
	s := &static{root: root, log: log}
	if fi, err := root.Stat(WasmName); err == nil && fi.Mode().IsRegular() {
		if f, err := root.Open(WasmName); err == nil {
			h := sha256.New()
			_, err := io.Copy(h, f)
			_ = f.Close() // read-only: a failed close loses no data
			if err == nil {
				s.version = hex.EncodeToString(h.Sum(nil))[:12]
			}
		}
	}
	return s, nil
}

func (s *static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			http.NotFound(w, r)
			return
		}
	}
	fi, err := s.root.Stat(name)
	if err == nil && fi.IsDir() {
		name = path.Join(name, "index.html")
		fi, err = s.root.Stat(name)
	}
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if !fi.Mode().IsRegular() {
		if _, seen := s.warned.LoadOrStore(name, true); !seen {
			s.log("web folder: %s is not a regular file (%s); not served", name, fi.Mode().Type())
		}
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	if path.Ext(name) == ".wasm" {
		ctype = "application/wasm"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	send, tag := name, ""
	if gz, err := s.root.Stat(name + ".gz"); err == nil && gz.Mode().IsRegular() {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			send, fi, tag = name+".gz", gz, "-gz"
			h.Set("Content-Encoding", "gzip")
		}
	}
	switch {
	case name == "index.html":
		h.Set("Cache-Control", "no-cache")
	case s.version != "" && r.URL.Query().Get("v") == s.version:
		// The page asks for the build by its version: the bytes under this address never change.
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		h.Set("Cache-Control", "no-cache")
	}
	if name == WasmName && s.version != "" {
		h.Set("ETag", `"`+s.version+tag+`"`)
	}
	f, err := s.root.Open(send)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer func() { _ = f.Close() }() // read-only: a failed close loses no data
	if now, err := f.Stat(); err != nil || !now.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(StaticWriteTimeout))
	http.ServeContent(w, r, "", fi.ModTime(), f)
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) listed without q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		if q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
			return false
		}
		return true
	}
	return false
}
