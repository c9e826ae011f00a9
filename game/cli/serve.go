package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"twohats/game/workshop"
)

// serveCmd runs the workshop server until SIGINT or SIGTERM.
func serveCmd(args []string, w io.Writer) (int, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, w, nil)
}

// serveUntil runs the server until ctx ends, then shuts it down gracefully: requests in flight
// (a result being stored) finish first. ready, when set, is told the address listened on.
func serveUntil(ctx context.Context, args []string, w io.Writer, ready func(addr string)) (int, error) {
	fs := newFlags("serve")
	web := fs.String("web", "", "folder with the browser build (index.html, the .wasm)")
	dir := fs.String("results", "", "folder to store the results files in (created if missing)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; :8080 to let the room's laptops in")
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	if *dir == "" {
		return ExitUsage, usagef("serve needs --results DIR (and --web DIR for the browser build)")
	}
	if *web != "" {
		if st, err := os.Stat(*web); err != nil || !st.IsDir() {
			return ExitUsage, usagef("serve: --web %s is not a folder", *web)
		}
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return ExitUsage, usagef("serve: --addr %q: want HOST:PORT, like 127.0.0.1:8080 or :8080", *addr)
	}

	var logMu sync.Mutex
	logf := func(format string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(w, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
	}
	srv, err := workshop.NewServer(*web, *dir, LoadForReplay)
	if err != nil {
		return ExitFailed, err
	}
	srv.SetLog(logf)
	for _, s := range srv.Skipped() {
		fmt.Fprintf(w, "not listed (unreadable): %s\n", s)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return ExitFailed, err
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	fmt.Fprintf(w, "Two Hats workshop server: %d game(s) already in %s\n", srv.Len(), *dir)
	for _, u := range urls(ln.Addr().(*net.TCPAddr)) {
		if *web != "" {
			fmt.Fprintf(w, "  players:     %s/?scenario=startup&role=pm&seed=1\n", u)
		}
		fmt.Fprintf(w, "  facilitator: %s/room\n", u)
	}
	fmt.Fprintln(w, "Ctrl+C stops the server; every stored result stays in the folder.")
	if ready != nil {
		ready(ln.Addr().String())
	}

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return ExitFailed, err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = hs.Shutdown(shut)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return ExitFailed, fmt.Errorf("stopping: %v", err)
	}
	fmt.Fprintf(w, "Stopped. %d game(s) stored in %s\n", srv.Len(), *dir)
	return ExitOK, nil
}

// urls lists the addresses people can open: the one listened on, or, when listening on every
// interface, this machine's IPv4 addresses (loopback last).
func urls(a *net.TCPAddr) []string {
	if !a.IP.IsUnspecified() {
		return []string{"http://" + a.String()}
	}
	var out []string
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, ad := range addrs {
			ipn, ok := ad.(*net.IPNet)
			if !ok || ipn.IP.To4() == nil || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
				continue
			}
			out = append(out, fmt.Sprintf("http://%s", net.JoinHostPort(ipn.IP.String(), fmt.Sprint(a.Port))))
		}
	}
	out = append(out, fmt.Sprintf("http://127.0.0.1:%d", a.Port))
	return uniq(out)
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] && !strings.HasSuffix(x, ":") {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
