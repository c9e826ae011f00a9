package scene

import (
	"fmt"

	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// Help is the help overlay: the keys and a glossary. A window too small for the whole glossary
// shows it in pages (→ and ← turn them). Over a pair game's screens and the join screen it also
// has the pair game's keys and words, first; elsewhere they would say nothing.
type Help struct {
	page   int
	pages  int   // how many pages the last drawing needed
	starts []int // the first entry of each page
	lbl    string
	lblFor [2]int
	keys   []string    // the keys of the screen below, a paragraph each
	words  [][2]string // the glossary, the pair game's words first where they apply
}

// NewHelp makes the help overlay of a solo game's screens.
func NewHelp() *Help { return &Help{keys: []string{helpKeys}, words: glossary[:]} }

// helpOver makes the help for the screen below it: a pair game's screens add the pair's keys and
// words, and the join screen has its own keys.
func helpOver(c *Ctx, below Scene) *Help {
	h := NewHelp()
	switch {
	case below.Name() == "join":
		h.keys = []string{joinKeys}
	case c.Seat != nil:
		h.keys = []string{helpKeys, pairKeys}
	default:
		return h
	}
	h.words = append(append([][2]string{}, pairGlossary[:]...), glossary[:]...)
	return h
}

// Name is "help".
func (h *Help) Name() string { return "help" }

// Tick does nothing.
func (h *Help) Tick(c *Ctx) {}

// Handle closes on Esc, F1, Enter or a click; → and ← turn the pages of a small window.
func (h *Help) Handle(c *Ctx, in input.Intent) {
	switch in.Kind {
	case input.Right, input.Down, input.NextBoard:
		if h.page+1 < h.pages {
			h.page++
		}
	case input.Left, input.Up, input.PrevBoard:
		h.page = max(0, h.page-1)
	case input.Back, input.Help, input.Confirm, input.Release:
		c.Close()
	}
}

// Auto closes the overlay.
func (h *Help) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) { return input.Of(input.Back), true }

var glossary = [...][2]string{
	{"Product Manager (PM)", "The strategy hat: the why, what and for whom. Researches the market, talks to customers, owns the vision and the roadmap, watches KPIs, keeps executives, marketing and sales aligned."},
	{"Product Owner (PO)", "The Scrum hat: the how and when. Orders the product backlog, writes user stories with acceptance criteria, plans each sprint with the team, accepts or rejects the increment, and is the team's daily contact for stakeholders."},
	{"Both hats", "One person doing both, common in small companies: fast decisions and good alignment, but twice the load and a real risk of burnout."},
	{"Titles", "Organisations use these titles differently; some even swap them. What matters is the outcome: the right things built, for the right reasons, by people who can keep going."},
	{"Roadmap", "The PM's weights over the product's themes: what the product should invest in. Strategy fit is how close it sits to what the market really needs."},
	{"Backlog", "The ordered list of stories. Top first. The team builds committed stories in this order."},
	{"Acceptance criteria", "What a story must do to be accepted. Clear criteria (high clarity) mean less rework and fewer defects."},
	{"Capacity line", "Where the team's likely output runs out on the backlog. Planning past it means unfinished work."},
	{"Pulling in", "A team that has built the sprint early can take the next story (L). Finished, it ships; spilled over, the team was handed too much."},
	{"Sprint review", "Checks what was built against its criteria. Defects go back; without a review, they ship."},
	{"Alignment", "How well what shipped matches the roadmap. Sync the two hats to keep it high."},
	{"Stress and burnout", "Hours, hat switches and unanswered requests add stress. Stress above the hatched line becomes burnout; rest brings it down."},
	{"Overtime", "Past the line on Hours left, every hour adds extra stress and burnout. A button marked ! would work overtime; hover it for its cost."},
	{"Score", "Value, alignment, strategy fit, trust and team health, each at its weight, less the burnout peak. The debrief shows the weights."},
}

var helpKeys = "Keys: N next (phase or day) · Tab / Shift+Tab boards · ↑ ↓ pick · Shift+↑ ↓ move a card · Space tick a card into the plan · 1–4 answer a request or choose · letters: the actions on the bar · Enter: the highlighted action · Esc: pause · F1 or ?: this help. Mouse: click, drag cards and sliders."

// pairKeys are the keys a pair game adds, in the words of its action bar and sync prompt.
var pairKeys = "In a pair game: S “Propose sync”, or “Accept sync” (S or Enter) when your partner proposes one · N “Done with” the phase or the day, or “No sync”."

// joinKeys are the join screen's keys.
var joinKeys = "Keys: ↑ ↓ pick a field · type to fill it · ← → or M / O: your hat · Enter: join · R: come back to your kept seat · Esc: back to the title · F1 or ?: this help. Mouse: click a field, a hat or Join."

// pairGlossary is the pair game's part of the help, in the words its screens use.
var pairGlossary = [...][2]string{
	{"Pair game", "Two people, one hat each, one product: the PM and the PO each play on their own screen, and the room referees the one game. You see only your hat's work; the PO sees the roadmap only as last synced."},
	{"Taking a seat", "Join a pair game (J on the title): the room's address, your name and your hat (Either takes the free one). Leave the pair code empty to start a pair: your screen shows a five-letter code to tell your partner."},
	{"Joining with a code", "Type your partner's five-letter pair code and take the free hat; the game begins when both seats are taken. The room keeps your seat: a reload, or R on the join screen, comes back to it."},
	{"Proposing a sync", "“Propose sync” (S): your partner accepts it and you talk the roadmap through together, both paying its hours. Until they answer, the bar says “Sync proposed” and the phase waits for the answer."},
	{"Accepting or declining", "Your partner's proposal shows as a prompt: S or Enter accepts it. N says no sync this time: you are done with the phase (or the day), or, if you were done already, the phase goes on."},
	{"Done", "N in a pair game is “Done with planning”, “Done with day 3”: you wait for your partner, and the phase moves on when both of you are done. Strategy is the PM's phase; planning and review are the PO's."},
	{"The waiting line", "While your partner acts, the bar says what they are doing (“The PM is researching the market”) and the foot says why you wait. Tab shows your boards meanwhile. A move they overtook is not sent: look again."},
}

// Draw paints the glossary over the screen.
func (h *Help) Draw(c *Ctx, p *widget.Painter) {
	w := min(980, c.W-48)
	r := widget.R((c.W-w)/2, 24, w, c.H-48)
	p.Panel(r, 14, widget.Surface, widget.Blue, 2)
	in := r.Inset(24)
	p.Text("How to play", widget.Heading, in.X, in.Y, widget.Ink)
	p.TextRight("Esc / F1 / click: close", widget.Small, in.Right(), in.Y+4, widget.InkMuted)
	y := in.Y + 36
	for _, k := range h.keys {
		y += p.Paragraph(k, widget.Body, widget.R(in.X, y, in.W, in.Bottom()-y), widget.Ink) + 4
	}
	y += 8
	// The glossary flows down two columns, or three in a small window; what still does not fit
	// goes on further pages.
	cols := 2
	colW := (in.W - 24) / 2
	if h.fits(p, 0, y, in.Bottom(), colW, cols) < len(h.words) {
		cols = 3
		colW = (in.W - 48) / 3
	}
	// The pages: the first entry of each.
	starts := h.starts[:0]
	for i := 0; i < len(h.words); {
		starts = append(starts, i)
		n := h.fits(p, i, y, in.Bottom()-24, colW, cols)
		i += max(n, 1)
	}
	h.starts = starts
	h.pages = len(starts)
	h.page = min(h.page, h.pages-1)
	end := len(h.words)
	if h.page+1 < len(starts) {
		end = starts[h.page+1]
	}
	x, col, yStart := in.X, 0, y
	for _, g := range h.words[starts[h.page]:end] {
		gh := 22 + p.ParagraphHeight(g[1], widget.Small, colW) + 10
		if y+gh > in.Bottom() && y > yStart && col < cols-1 {
			col++
			x, y = in.X+float64(col)*(colW+24), yStart
		}
		p.Text(g[0], widget.BodyBold, x, y, widget.Blue)
		y += 22
		y += p.Paragraph(g[1], widget.Small, widget.R(x, y, colW, in.Bottom()-y), widget.Ink) + 10
	}
	if h.pages > 1 {
		if h.lblFor != [2]int{h.page, h.pages} {
			h.lblFor, h.lbl = [2]int{h.page, h.pages}, fmt.Sprintf("page %d of %d · → ← turn the pages", h.page+1, h.pages)
		}
		p.TextRight(h.lbl, widget.Small, in.Right(), in.Bottom()-16, widget.InkMuted)
	}
}

// fits is how many glossary entries from the first fit in cols columns of width w from y down to
// bottom.
func (h *Help) fits(p *widget.Painter, first int, y, bottom, w float64, cols int) int {
	col, top := 0, y
	for i := first; i < len(h.words); i++ {
		gh := 22 + p.ParagraphHeight(h.words[i][1], widget.Small, w) + 10
		if y+gh > bottom {
			col++
			y = top
			if col >= cols {
				return i - first
			}
		}
		y += gh
	}
	return len(h.words) - first
}

// Pause is the pause menu: resume, save, quit to title.
type Pause struct{ m menu }

// NewPause makes the pause menu.
func NewPause() *Pause {
	return &Pause{m: menu{hover: -1, down: -1, items: []menuItem{
		{key: 'R', label: "Resume"}, {key: 'S', label: "Save"}, {key: 'T', label: "Quit to title"}}}}
}

// Name is "pause".
func (m *Pause) Name() string { return "pause" }

// Tick does nothing.
func (m *Pause) Tick(c *Ctx) {}

// Handle reacts to an intent.
func (m *Pause) Handle(c *Ctx, in input.Intent) {
	if in.Kind == input.Back {
		c.Close()
		return
	}
	switch i := m.m.handle(c, in); i {
	case 0:
		c.Close()
	case 1:
		c.SaveNow()
	case 2:
		c.Close()
		if c.Game != nil && c.Guard != nil && !c.Guard.Blocked() && c.Guard.Store != nil {
			f := save.Of(c.Game, c.Entry.SourceName, c.Entry.Source)
			c.Saved = &f
		}
		c.Game, c.Track = nil, nil
		c.Goto(NewTitle(c))
	}
}

// Auto resumes.
func (m *Pause) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) { return m.m.toward(0), true }

// Draw paints the menu.
func (m *Pause) Draw(c *Ctx, p *widget.Painter) {
	w := 420.0
	r := widget.R((c.W-w)/2, c.H/2-150, w, 300)
	p.Panel(r, 14, widget.Surface, widget.Border, 1)
	p.TextCenter("Paused", widget.Heading, r.CX(), r.Y+20, widget.Ink)
	p.TextCenter("Your game is saved after every decision.", widget.Small, r.CX(), r.Y+50, widget.InkMuted)
	m.m.draw(p, r.X+32, r.Y+84, w-64)
	if c.Status != "" {
		p.TextCenter(p.Fit(c.Status, widget.Small, w-32), widget.Small, r.CX(), r.Bottom()-30, widget.Blue)
	}
}
