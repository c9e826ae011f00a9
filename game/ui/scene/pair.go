package scene

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"twohats/game/pairplay"
	"twohats/game/results"
	"twohats/game/sim"
	"twohats/game/ui/widget"
)

// A pair game in the screens: the Ctx shows the seat's game, the one copy the seat's network
// client keeps. A decision goes to the Seat (send), and the seat applies the room's answers to
// that game (tickSeat, through Seat.Catch), both seats' decisions in the room's order, each move
// once. The screens read the seat's own view (ViewAs), so each player sees only their hat.

// send checks a decision against the local game and hands it to the seat.
func (c *Ctx) send(a sim.Action) bool {
	a.Hat = c.Seat.Hat()
	if c.Game == nil {
		return false
	}
	if err := c.Game.Check(a); err != nil {
		c.Say("%s", capital(err.Error()))
		return false
	}
	if c.Seat.Pending() {
		c.Say("One moment: your last move is still on its way to the room.")
		return false
	}
	// The decision leaves on the network goroutine later: it must not share the board's draft,
	// which the screens go on editing.
	a.Stories, a.Weights = slices.Clone(a.Stories), slices.Clone(a.Weights)
	c.Seat.Send(a, len(c.Game.Actions()))
	c.Dirty = true
	return true
}

// tickSeat has the seat apply what the room answered since the last frame and shows the seat's
// problems (a refused move, a lost connection) on the status line.
func (c *Ctx) tickSeat() {
	if c.Seat == nil {
		return
	}
	n := 0
	if c.Game != nil {
		n = len(c.Game.Actions())
	}
	g, news := c.Seat.Catch()
	c.seatGame = g
	if news.Pair.Version != c.News.Pair.Version || news.Problem != c.News.Problem {
		c.Dirty = true
	}
	c.News = news
	if news.ProblemN != c.problemN {
		c.problemN = news.ProblemN
		c.Say("%s", news.Problem)
	}
	if c.Game == nil || g != c.Game || len(c.Game.Actions()) == n {
		if c.Finished {
			c.keepPairFile(news)
			if line := c.pairResults(); c.Results != line {
				c.Results = line
				c.Dirty = true
			}
		}
		return
	}
	c.Track.Observe(c.Game, false)
	c.Dirty = true
	if c.Game.Over() && !c.Finished {
		c.finish()
	}
}

// StartPair shows the seat's game once both seats are taken (news.Started, g the seat's game),
// from its first sprint screen; a seat that comes back has the game so far at once.
func (c *Ctx) StartPair(g *sim.Game, news SeatNews) error {
	if g == nil || !news.Started {
		return errors.New("the pair's game has not begun")
	}
	c.Game, c.Entry, c.Role, c.News = g, &Entry{ID: g.Scenario().ID, Sc: g.Scenario()}, sim.RolePair, news
	c.pairKept, c.pairCopy = false, ""
	c.Track = NewSeatTracker(g, &c.view, news.Hat)
	c.Goto(NewSprint(c))
	if g.Over() && !c.Finished {
		c.finish()
	}
	return nil
}

// copySep joins the room's place for a pair's results and the player's copy in one line; the
// debrief puts the copy on a line of its own where the one line does not fit.
const copySep = "; your copy: "

// pairResults says where a pair game's results went: the room stores them, and the player keeps
// a copy of the stored file as a solo game's results are kept.
func (c *Ctx) pairResults() string {
	n := c.News
	switch n.Pair.State {
	case pairplay.StateStored:
		line := "stored by the room"
		if r := n.Pair.Result; r != nil {
			line = fmt.Sprintf("stored by the room as %s (score %.0f, %s)", r.ID, r.Score, r.Grade)
		}
		if c.pairCopy != "" {
			line += copySep + c.pairCopy
		}
		return line
	case pairplay.StateFailed:
		// The referee's note usually begins by saying the same thing ("the results could not be
		// stored: ..."); the line says it once and then why.
		why := strings.TrimPrefix(n.Pair.Note, "the results could not be stored")
		why = strings.TrimPrefix(why, ": ")
		if why == "" {
			return "the room could not store it"
		}
		return "the room could not store it: " + why
	}
	return "the room is storing it…"
}

// keepPairFile hands the room's results file of the pair's game to the sink, once it has come
// and only once, as a solo game's file is handed at its end: a file on the desktop, the page's
// download in the browser. The file must be the game the screens showed, move for move.
func (c *Ctx) keepPairFile(n SeatNews) {
	if c.pairKept || n.File == nil {
		return
	}
	c.pairKept = true
	if c.Sink == nil || c.Game == nil {
		return
	}
	f, err := results.Parse(n.File)
	if err != nil {
		c.pairCopy = "not kept (" + err.Error() + ")"
		return
	}
	theirs, _ := json.Marshal(f.Actions) // parsed actions: cannot fail
	mine, _ := json.Marshal(c.Game.Actions())
	if !bytes.Equal(theirs, mine) {
		c.pairCopy = "not kept (the room's file is not the game played here)"
		return
	}
	where, err := c.Sink.Deliver(n.FileName, n.File)
	if err != nil {
		c.pairCopy = "not kept (" + err.Error() + ")"
		return
	}
	c.pairCopy = where
}

// Partner is the other seat's player as the room names them.
func (n SeatNews) Partner() pairplay.Player {
	if n.Hat == sim.HatPM {
		return n.Pair.PO
	}
	return n.Pair.PM
}

// Me is this seat's player as the room sees it (Served: the room's colleague bot plays it).
func (n SeatNews) Me() pairplay.Player {
	if n.Hat == sim.HatPM {
		return n.Pair.PM
	}
	return n.Pair.PO
}

// Players names both seats: "Ada (PM) and Ben (PO)".
func (n SeatNews) Players() string {
	name := func(p pairplay.Player) string {
		switch {
		case p.Name != "":
			return p.Name
		case p.Bot != "":
			return "the " + p.Bot + " bot"
		}
		return "(free)"
	}
	return fmt.Sprintf("%s (PM) and %s (PO)", name(n.Pair.PM), name(n.Pair.PO))
}

// drawPair paints what a pair game adds to the sprint screen: while the other seat acts, the
// action bar says so and what the partner is doing; while the partner proposes a sync, a prompt
// above the bar asks to accept it.
func (s *Sprint) drawPair(c *Ctx, p *widget.Painter) {
	v := c.V()
	st := v.View()
	other := st.Hat.Other()
	bar := s.L.bar
	if served := c.News.Me().Served; (!st.Turn || served) && !v.Over() {
		p.Fill(widget.R(bar.X, bar.Y, bar.W, bar.H-30), widget.Bar)
		msg := st.Waiting
		if served {
			msg = "The room gave your seat to the colleague bot, which plays it from here"
		}
		if msg == "" {
			msg = "The " + other.String() + " is at work"
		}
		x := bar.X + 24
		p.Dot(x+8, bar.Y+30, 8, hatColor(other))
		p.Text(p.Fit(msg+"…", widget.Heading, bar.W-80), widget.Heading, x+28, bar.Y+17, widget.BarInk)
		return
	}
	if st.SyncProposal == other && st.Turn {
		// The prompt sits at the foot of the context panel, where it covers no card of the board.
		cost := v.Preview(sim.Action{Kind: sim.ActSync, Accept: true})
		yes := "S or Enter: accept, and talk the roadmap through together (" + costLine(cost) + " each)."
		no := "N: no sync this time, and you are done with " + phaseName(st) + "."
		if st.Done {
			no = "N: no sync this time. The " + other.String() + " waits for your answer."
		}
		side := s.L.side
		tw := side.W - 40
		h := 16 + widget.LineHeight(widget.Heading) + 8 + p.ParagraphHeight(yes, widget.Body, tw) + 6 + p.ParagraphHeight(no, widget.Small, tw) + 16
		r := widget.R(side.X, side.Bottom()-h, side.W, h)
		p.Panel(r, 10, widget.Surface, hatColor(other), 3)
		p.Dot(r.X+28, r.Y+16+widget.LineHeight(widget.Heading)/2, 8, hatColor(other))
		title, font := partnerName(c.News)+" ("+other.String()+") proposes a sync", widget.Heading
		if p.Width(title, font) > r.W-66 {
			font = widget.BodyBold // a narrow panel: the whole line in a smaller face, not cut
		}
		p.Text(p.Fit(title, font, r.W-66), font, r.X+44, r.Y+16+(widget.LineHeight(widget.Heading)-widget.LineHeight(font))/2, widget.Ink)
		y := r.Y + 16 + widget.LineHeight(widget.Heading) + 8
		y += p.Paragraph(yes, widget.Body, widget.R(r.X+20, y, tw, r.Bottom()-y), widget.Ink) + 6
		p.Paragraph(no, widget.Small, widget.R(r.X+20, y, tw, r.Bottom()-y), widget.InkMuted)
	}
	if c.Seat != nil && c.Seat.Pending() {
		p.Text("Sending…", widget.Small, bar.Right()-90, bar.Bottom()-24, widget.BarMuted)
	}
}

// phaseName is what a seat is done with: the day during execution, else the phase.
func phaseName(st *sim.View) string {
	if st.Phase == sim.PhaseExecution {
		return "day " + num(float64(st.Day))
	}
	return lower(st.Phase.String())
}

// waitWhy says why the seat waits, and what it may do meanwhile.
func waitWhy(st *sim.View) string {
	other := st.Hat.Other()
	const meanwhile = " Tab: look at the other boards meanwhile."
	switch {
	case st.SyncProposal == st.Hat:
		return "Your sync proposal waits for the " + other.String() + " to accept it." + meanwhile
	case !st.Acts:
		return "The " + lower(st.Phase.String()) + " phase is the " + other.String() + "'s; it moves on when the " + other.String() + " is done." + meanwhile
	case st.Phase == sim.PhaseExecution:
		return "You are done with day " + num(float64(st.Day)) + "; the next day begins when the " + other.String() + " is done too." + meanwhile
	}
	return "You are done with this phase; it moves on when the " + other.String() + " is done too." + meanwhile
}

// hatColor is the colour of a hat: orange for the PM, sky blue for the PO, as on the title.
func hatColor(h sim.Hat) color.RGBA {
	if h == sim.HatPM {
		return widget.Orange
	}
	return widget.SkyBlue
}

// partnerName is the other seat's player in a line: their name, or the bot that plays the seat.
func partnerName(n SeatNews) string {
	p := n.Partner()
	switch {
	case p.Served || (p.Name == "" && p.Bot != ""):
		return "the colleague bot"
	case p.Name != "":
		return p.Name
	}
	return "a partner"
}

// PairSummary is a pair game's state in one line of JSON, for a page or a test to read (the
// browser publishes it as window.twohats.pair): the code, the seat, whose turn, an open sync
// proposal, an event on the table, the room's state and where the results went. "" in a solo
// game.
func (c *Ctx) PairSummary() string {
	if c.Seat == nil {
		return ""
	}
	n := c.News
	s := struct {
		Code     string `json:"code"`
		Hat      string `json:"hat"`
		State    string `json:"state"`
		Phase    string `json:"phase,omitempty"`
		Sprint   int    `json:"sprint,omitempty"`
		Day      int    `json:"day,omitempty"`
		Turn     bool   `json:"turn"`
		Done     bool   `json:"done"`
		Proposal string `json:"proposal,omitempty"`
		Event    bool   `json:"event"`
		Actions  int    `json:"actions"`
		Results  string `json:"results,omitempty"`
	}{Code: n.Code, Hat: pairplay.HatName(n.Hat), State: n.Pair.State, Results: c.Results}
	if c.Game != nil {
		st := c.V().View()
		s.Phase, s.Sprint, s.Day, s.Turn, s.Done = st.Phase.String(), st.Sprint, st.Day, st.Turn && !c.Seat.Pending(), st.Done
		s.Proposal, s.Event, s.Actions = pairplay.HatName(st.SyncProposal), st.Event >= 0, len(c.Game.Actions())
	}
	b, _ := json.Marshal(s) // plain fields: cannot fail
	return string(b)
}
