package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"twohats/game/bot"
	"twohats/game/pairplay"
	"twohats/game/sim"
)

// joinCmd is the headless pair client: it takes a seat in a workshop's pair room and plays it
// with a bot policy, for tests and to fill a seat.
func joinCmd(args []string, w io.Writer) (int, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return joinUntil(ctx, args, w)
}

func joinUntil(ctx context.Context, args []string, w io.Writer) (int, error) {
	fs := newFlags("join")
	name := fs.String("name", "", "the player's name, as the room shows it")
	code := fs.String("code", "", "the partner's pair code; without it, open a new pair and print its code")
	hatText := fs.String("hat", "", "the seat to take: pm or po (default: the free one)")
	auto := fs.String("autoplay", "", "the bot policy that plays the seat: "+strings.Join(bot.Names, ", "))
	token := fs.String("token", "", "come back to a seat with its token (printed when it was taken)")
	// The server's address may come before, between or after the flags.
	var rest []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return ExitUsage, err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != 1 {
		return ExitUsage, usagef("join needs the server's address: twohats join URL --name NAME [--code CODE] [--hat pm|po] --autoplay POLICY")
	}
	base := rest[0]
	if !strings.Contains(base, "://") {
		base = "http://" + base
	}
	if *auto == "" {
		return ExitUsage, usagef("join: --autoplay POLICY is needed (a person plays a pair game in the game's window)")
	}
	policy, err := bot.New(*auto, 1)
	if err != nil {
		return ExitUsage, usagef("join: --autoplay: %v", err)
	}
	if _, err := pairplay.ParseHat(*hatText); err != nil {
		return ExitUsage, usagef("join: --hat: %v", err)
	}
	if *token == "" && strings.TrimSpace(*name) == "" {
		return ExitUsage, usagef("join needs --name NAME (or --token to come back to a seat)")
	}
	var c *pairplay.Client
	if *token != "" {
		c, err = pairplay.Rejoin(ctx, base, *token, pairplay.Options{})
	} else {
		c, err = pairplay.Join(ctx, base, pairplay.JoinRequest{Name: *name, Code: *code, Hat: *hatText, Autoplay: *auto}, pairplay.Options{})
	}
	if err != nil {
		return ExitFailed, err
	}
	fmt.Fprintf(w, "%s: the %s seat of pair %s (%s, seed %d)\n", c.Name(), c.Hat(), c.Code(), c.Pair().State, c.Seed())
	if *code == "" && *token == "" {
		fmt.Fprintf(w, "Tell your partner the pair code: %s\n", c.Code())
	}
	fmt.Fprintf(w, "To come back to this seat: twohats join %s --token %s --autoplay %s\n", base, c.Token(), *auto)
	start, last := time.Now(), ""
	err = c.Play(ctx, func(g *sim.Game, h sim.Hat) sim.Action {
		if line := fmt.Sprintf("sprint %d of %d, %s", g.State().Sprint, g.State().Sprints, g.State().Phase); line != last {
			fmt.Fprintln(w, "  "+line)
			last = line
		}
		return bot.Seat(g, h, policy)
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(w, "Stopped at action %d; the seat waits (come back with --token).\n", c.Seq())
			return ExitFailed, nil
		}
		return ExitFailed, err
	}
	p := c.Pair()
	fmt.Fprintf(w, "Game over after %d actions in %v, %d sync(s): score %.1f (%s), stored as %s\n",
		c.Seq(), time.Since(start).Round(time.Millisecond), p.Syncs, p.Result.Score, p.Result.Grade, p.Result.File)
	return ExitOK, nil
}
