package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"twohats/game/sim"
	"twohats/game/workshop"
)

// serveCmd runs the workshop server until SIGINT or SIGTERM.
func serveCmd(args []string, w io.Writer) (int, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, w, nil)
}

// serveUntil pins the room from the flags, runs the server until ctx ends, then stops it
// gracefully (posts in flight are stored first; see workshop.Server.Serve). ready, when set, is
// told the address listened on.
func serveUntil(ctx context.Context, args []string, w io.Writer, ready func(addr string)) (int, error) {
	fs := newFlags("serve")
	scen := fs.String("scenario", "", "the room's scenario: a shipped id or a TOML file")
	seedText := fs.String("seed", "", "the room's seed: everyone plays the same world")
	rolesText := fs.String("roles", "pm,po,both", "the roles handed out, comma-separated")
	web := fs.String("web", "", "folder with the browser build (index.html, the .wasm)")
	dir := fs.String("results", "", "folder to store the results files in (created if missing)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; :8080 to let the room's laptops in")
	origin := fs.String("allow-origin", "", "an origin (https://host) whose pages may use the API, for a build hosted elsewhere")
	pairs := fs.Bool("pairs", false, "also referee pair games: two players, one hat each (twohats join, or the facilitator pairs them on /room)")
	if err := parseFlags(fs, args); err != nil {
		return ExitUsage, err
	}
	if fs.NArg() > 0 {
		return ExitUsage, usagef("serve: unexpected argument %q", fs.Arg(0))
	}
	if *dir == "" || *scen == "" || *seedText == "" {
		return ExitUsage, usagef("serve needs --scenario ID|FILE, --seed N and --results DIR (and --web DIR for the browser build)")
	}
	seed, err := parseSeed(*seedText)
	if err != nil {
		return ExitUsage, usagef("serve: --seed: %v", err)
	}
	var roles []sim.Role
	for _, part := range strings.Split(*rolesText, ",") {
		r, err := sim.ParseRole(strings.TrimSpace(part))
		if err != nil {
			return ExitUsage, usagef("serve: --roles: %v", err)
		}
		if r == sim.RolePair {
			return ExitUsage, usagef("serve: --roles: pair games are turned on with --pairs, not handed out as a role")
		}
		for _, x := range roles {
			if x == r {
				return ExitUsage, usagef("serve: --roles names %s twice", r)
			}
		}
		roles = append(roles, r)
	}
	if *web != "" {
		if st, err := os.Stat(*web); err != nil || !st.IsDir() {
			return ExitUsage, usagef("serve: --web %s is not a folder", *web)
		}
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return ExitUsage, usagef("serve: --addr %q: want HOST:PORT, like 127.0.0.1:8080 or :8080", *addr)
	}
	sc, err := loadScenario(*scen)
	if err != nil {
		return ExitFailed, err
	}

	var logMu sync.Mutex
	logf := func(format string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(w, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, a...)...)
	}
	room := workshop.Room{Scenario: sc, Seed: seed, Roles: roles}
	srv, err := workshop.New(room, workshop.Options{Web: *web, Results: *dir, AllowOrigin: *origin, Logf: logf, Pairs: *pairs})
	if err != nil {
		return ExitFailed, err
	}
	nc := srv.NotCountedFiles()
	for i, s := range nc {
		if i == 20 {
			fmt.Fprintf(w, "  … and %d more (all listed on /room)\n", len(nc)-i)
			break
		}
		fmt.Fprintf(w, "not counted: %s: %s\n", workshop.OneLine(s.File), s.Why)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return ExitFailed, err
	}
	bases := urls(ln.Addr().(*net.TCPAddr))
	srv.SetBase(bases[0])
	kind := "shipped"
	if !sc.Shipped {
		kind = "from " + *scen
	}
	fmt.Fprintf(w, "Two Hats workshop: %s (%s, %s), seed %d; %d game(s) already in %s\n", sc.ID, sc.Sc.Title, kind, seed, srv.Len(), *dir)
	if *web != "" {
		fmt.Fprintln(w, "Hand out one link per role (they are on /room with a QR code each):")
		for _, l := range srv.Links() {
			fmt.Fprintf(w, "  %-16s %s\n", l.Title+":", l.URL)
		}
	}
	for _, u := range bases {
		if srv.PairsOn() {
			fmt.Fprintf(w, "  facilitator: %s/room?key=%s\n", u, srv.RoomKey())
		} else {
			fmt.Fprintf(w, "  facilitator: %s/room\n", u)
		}
	}
	if srv.PairsOn() {
		fmt.Fprintf(w, "Pair games: players join with twohats join %s --name NAME [--code CODE]; the key in the facilitator's link pairs players and hands away seats to the bot on /room.\n", bases[0])
	}
	fmt.Fprintln(w, "Ctrl+C stops the server; every stored result stays in the folder.")
	if ready != nil {
		ready(ln.Addr().String())
	}
	if err := srv.Serve(ctx, ln); err != nil {
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
