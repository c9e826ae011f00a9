package scene

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"twohats/game/pairplay"
	"twohats/game/save"
	"twohats/game/sim"
	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// Dialer takes a seat at a workshop room: a join (token "") or a seat's comeback with its token.
type Dialer func(ctx context.Context, server string, req pairplay.JoinRequest, token string) (Link, error)

// DialRoom is the Dialer of the network client (game/pairplay).
func DialRoom(ctx context.Context, server string, req pairplay.JoinRequest, token string) (Link, error) {
	var cl *pairplay.Client
	var err error
	if token != "" {
		cl, err = pairplay.Rejoin(ctx, server, token, pairplay.Options{})
	} else {
		cl, err = pairplay.Join(ctx, server, req, pairplay.Options{})
	}
	if err != nil {
		return nil, err
	}
	return cl, nil
}

// seatRecord is what the seat store keeps so that a reload (or a restart of the desktop game)
// comes back to the same seat: the room, the seat's secret token and what to show meanwhile.
type seatRecord struct {
	Server string `json:"server"`
	Token  string `json:"token"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Hat    string `json:"hat"`
}

// maxRecord bounds a seat record read back from the store.
const maxRecord = 4 << 10

func loadRecord(st save.Store) (seatRecord, bool) {
	var r seatRecord
	if st == nil {
		return r, false
	}
	b, err := st.Load()
	if err != nil || len(b) > maxRecord || json.Unmarshal(b, &r) != nil || r.Token == "" || r.Server == "" {
		return seatRecord{}, false
	}
	return r, true
}

// JoinState is where the join screen is.
type JoinState uint8

const (
	JoinForm       JoinState = iota // the player fills in the form
	JoinConnecting                  // a join or a comeback is on its way
	JoinWaiting                     // seated: the code shows while the partner comes
)

// The join form's rows.
const (
	fServer = iota
	fName
	fCode
	fHat
	fGo
	numFields
)

// Join is the screen that seats the player in a pair game at a workshop room: the room's
// address, a name, the partner's pair code (or none, to start a pair and get a code) and a hat.
// Once seated it shows the pair code big enough to read across a table, and waits for the
// partner; the game begins when both seats are taken. The seat's token is kept (Ctx.SeatStore)
// so that a reload comes back to the same seat.
type Join struct {
	State  JoinState
	Server string
	Player string
	Code   string
	Hat    sim.Hat
	Focus  int
	Err    string // why the last try failed

	saved  seatRecord // a seat to come back to at this room
	hasRec bool
	done   chan joinDone
	stop   context.CancelFunc
	rects  [numFields]widget.Rect
	hats   [3]widget.Rect
}

type joinDone struct {
	link  Link
	err   error
	token string // the comeback's token, "" for a join
}

// NewJoin opens the join screen with the options' room, name, code and hat filled in. comeback
// goes straight back to a seat kept for this room (at start, after a reload).
func NewJoin(c *Ctx, comeback bool) *Join {
	j := &Join{Server: c.Opts.Join, Player: c.Opts.Player, Code: c.Opts.JoinCode, Hat: c.Opts.JoinHat, Focus: fName}
	if j.Server == "" {
		j.Server = c.Opts.Room
	}
	if j.Server == "" {
		j.Server = "http://127.0.0.1:8080"
		j.Focus = fServer
	} else if j.Player != "" {
		j.Focus = fGo
	}
	if r, ok := loadRecord(c.SeatStore); ok && sameServer(r.Server, j.Server) {
		j.saved, j.hasRec = r, true
		if comeback {
			j.dial(c, r.Token)
		}
	}
	return j
}

func sameServer(a, b string) bool { return strings.TrimRight(a, "/") == strings.TrimRight(b, "/") }

// Name is "join".
func (j *Join) Name() string { return "join" }

// dial starts a join (token "") or a comeback on its own goroutine; Tick picks up the answer.
func (j *Join) dial(c *Ctx, token string) {
	d := c.Dial
	if d == nil {
		d = DialRoom
	}
	ctx, stop := context.WithTimeout(context.Background(), 20*time.Second)
	j.stop = stop
	done := make(chan joinDone, 1)
	j.done, j.State, j.Err = done, JoinConnecting, ""
	req := pairplay.JoinRequest{Name: strings.TrimSpace(j.Player), Code: j.Code, Hat: pairplay.HatName(j.Hat), Autoplay: c.Opts.Autoplay}
	server := strings.TrimRight(strings.TrimSpace(j.Server), "/")
	go func() {
		l, err := d(ctx, server, req, token)
		done <- joinDone{link: l, err: err, token: token}
	}()
}

// check says what is wrong with the form, or "".
func (j *Join) check() string {
	u, err := url.Parse(strings.TrimSpace(j.Server))
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return "The room's address starts with http:// and names the host, e.g. http://192.168.1.20:8080"
	case strings.TrimSpace(j.Player) == "":
		return "Type your name: your partner and the room see it."
	}
	if j.Code != "" {
		if _, ok := pairplay.NormalizeCode(j.Code); !ok {
			return "A pair code has 5 letters (your partner's screen shows it); leave it empty to start a pair."
		}
	}
	return ""
}

// Tick picks up a finished join, and starts the game once the partner has come.
func (j *Join) Tick(c *Ctx) {
	if c.Frame%30 == 0 {
		c.Dirty = true // the cursor blinks, the waiting dots move
	}
	switch j.State {
	case JoinConnecting:
		select {
		case d := <-j.done:
			j.stop()
			if d.err != nil {
				j.State = JoinForm
				if d.token != "" {
					j.Err = "Could not come back to pair " + j.saved.Code + ": " + d.err.Error()
				} else {
					j.Err = capital(d.err.Error())
				}
				c.Dirty = true
				return
			}
			seat := NewRemoteSeat(d.link)
			c.Seat = seat
			rec := seatRecord{Server: strings.TrimRight(strings.TrimSpace(j.Server), "/"), Token: d.link.Token(), Code: d.link.Code(), Name: d.link.Name(), Hat: pairplay.HatName(d.link.Hat())}
			if b, err := json.Marshal(rec); err == nil && c.SeatStore != nil {
				if err := c.SeatStore.Save(b); err != nil {
					c.Say("Your seat could not be kept for a reload: %v", err)
				}
			}
			j.saved, j.hasRec = rec, true
			j.State = JoinWaiting
			c.Dirty = true
		default:
		}
	case JoinWaiting:
		if !c.News.Started {
			return
		}
		if g := c.seatGame; pairplay.Settled(c.News.Pair.State) && !g.Over() {
			j.settledWithoutGame(c)
			return
		}
		if err := c.StartPair(c.seatGame, c.News); err != nil {
			j.Err = err.Error()
		}
	}
}

// settledWithoutGame says why a seat that came back to a settled pair has nothing to show: the
// room keeps the pair's end but not its game (a stored pair whose file has left the room's
// folder), and the first sprint's empty board would say the game never happened. The form
// comes back with the line; the kept seat stays offered.
func (j *Join) settledWithoutGame(c *Ctx) {
	n := c.News
	why := n.Pair.Note // why the room has no results: it says so itself
	if n.Pair.State == pairplay.StateStored {
		why = "the room stored it, but has no game of it to show"
	}
	c.Seat.Close()
	c.Seat, c.News, c.seatGame = nil, SeatNews{}, nil
	j.State, j.Err = JoinForm, "Pair "+n.Code+" is over: "+why+"."
	c.Dirty = true
}

// Handle edits the form, joins, or goes back to the title.
func (j *Join) Handle(c *Ctx, in input.Intent) {
	switch j.State {
	case JoinConnecting:
		if in.Kind == input.Back {
			j.stop()
			j.State = JoinForm
		}
		return
	case JoinWaiting:
		if in.Kind == input.Back {
			// The seat stays the player's at the room; the kept token comes back to it.
			c.Seat.Close()
			c.Seat, c.News, c.seatGame = nil, SeatNews{}, nil
			c.Goto(NewTitle(c))
		}
		return
	}
	switch in.Kind {
	case input.Back:
		c.Goto(NewTitle(c))
	case input.Up:
		j.Focus = max(0, j.Focus-1)
	case input.Down, input.NextBoard:
		j.Focus = (j.Focus + 1) % numFields
	case input.PrevBoard:
		j.Focus = (j.Focus + numFields - 1) % numFields
	case input.Left, input.Right:
		if j.Focus == fHat {
			d := 1
			if in.Kind == input.Left {
				d = 2
			}
			j.Hat = sim.Hat((int(j.Hat) + d) % 3)
		}
	case input.Confirm:
		j.submit(c)
	case input.Text:
		j.typeRune(in.Rune)
	case input.Toggle:
		if j.Focus == fName {
			j.typeRune(' ')
		}
	case input.Erase:
		if f := j.field(); f != nil && *f != "" {
			_, n := utf8.DecodeLastRuneInString(*f)
			*f = (*f)[:len(*f)-n]
		}
	case input.Shortcut:
		switch {
		case in.Rune == 'R' && j.Focus == fGo && j.hasRec:
			j.dial(c, j.saved.Token)
		case j.Focus == fHat && (in.Rune == 'M' || in.Rune == 'O'):
			j.Hat = map[rune]sim.Hat{'M': sim.HatPM, 'O': sim.HatPO}[in.Rune]
		}
	case input.Release:
		for i, r := range j.rects {
			if r.Contains(in.X, in.Y) {
				j.Focus = i
				if i == fGo {
					j.submit(c)
				}
			}
		}
		for i, r := range j.hats {
			if r.Contains(in.X, in.Y) {
				j.Focus, j.Hat = fHat, sim.Hat(i)
			}
		}
	}
}

func (j *Join) submit(c *Ctx) {
	if msg := j.check(); msg != "" {
		j.Err = msg
		return
	}
	j.dial(c, "")
}

// field is the text of the focused field, nil when the focus is not on one.
func (j *Join) field() *string {
	switch j.Focus {
	case fServer:
		return &j.Server
	case fName:
		return &j.Player
	case fCode:
		return &j.Code
	}
	return nil
}

// typeRune adds a typed character to the focused field, within the field's bounds: a code is
// its alphabet's capitals, a name printable and short.
func (j *Join) typeRune(r rune) {
	f := j.field()
	if f == nil || !unicode.IsPrint(r) {
		return
	}
	switch j.Focus {
	case fCode:
		r = unicode.ToUpper(r)
		if !strings.ContainsRune(pairplay.CodeAlphabet, r) || len(*f) >= pairplay.CodeLen {
			return
		}
	case fName:
		if utf8.RuneCountInString(*f) >= 40 {
			return
		}
	case fServer:
		if len(*f) >= 200 || r == ' ' {
			return
		}
	}
	*f += string(r)
}

// Auto joins with what the options filled in.
func (j *Join) Auto(c *Ctx, _ *sim.Action) (input.Intent, bool) {
	if j.State != JoinForm || j.Err != "" {
		return input.Intent{}, false
	}
	return input.Of(input.Confirm), true
}

var hatChoices = [3]string{"Either", "PM", "PO"}

// Draw paints the form, the connection, or the pair code while the partner comes.
func (j *Join) Draw(c *Ctx, p *widget.Painter) {
	p.Fill(widget.R(0, 0, c.W, c.H), widget.Background)
	p.Text("Join a pair game", widget.Title, 48, 36, widget.Ink)
	p.Text(p.Fit("Two people, one hat each, one product: the PM and the PO each play on their own screen.", widget.Body, c.W-96), widget.Body, 48, 96, widget.InkMuted)
	switch j.State {
	case JoinWaiting:
		j.drawCode(c, p)
		statusLine(c, p, "Esc: back to the title (your seat is kept; Join a pair game comes back to it)")
		return
	case JoinConnecting:
		r := widget.R(48, 150, c.W-96, 120)
		p.Panel(r, 12, widget.Surface, widget.Blue, 2)
		p.Text("Connecting to the room…", widget.Heading, r.X+20, r.Y+20, widget.Ink)
		p.Text(p.Fit(j.Server, widget.Body, r.W-40), widget.Body, r.X+20, r.Y+60, widget.InkMuted)
		statusLine(c, p, "Esc: stop")
		return
	}
	fw := min(620.0, c.W-96-340)
	y := 150.0
	// Four rows and the button fit down to 540 high: the rows close up on a short window.
	rowH := min(84.0, (c.H-40-y-60)/4)
	rows := [numFields]struct{ label, value, note string }{
		{"Room address", j.Server, "the facilitator's link, e.g. http://192.168.1.20:8080"},
		{"Your name", j.Player, "as your partner and the room will see it"},
		{"Pair code", j.Code, "your partner's code; empty to start a pair and get a code"},
		{"Your hat", "", "← →  or M / O; Either takes the free one"},
		{"", "", ""},
	}
	for i, row := range rows {
		focus := j.Focus == i
		if i == fGo {
			r := widget.R(48, y+8, 220, 44)
			j.rects[i] = r
			b := widget.Button{Key: "Enter", Label: "Join", Primary: true}
			if focus {
				b.State = widget.Hovered
			}
			p.DrawButton(r, &b, true)
			if j.hasRec {
				p.Text(p.Fit("R: come back to pair "+j.saved.Code+" as "+j.saved.Name+" ("+strings.ToUpper(j.saved.Hat)+")", widget.Small, fw-240), widget.Small, 288, y+22, widget.InkMuted)
			}
			break
		}
		p.Text(row.label, widget.BodyBold, 48, y, widget.Ink)
		p.Text(p.Fit(row.note, widget.Small, fw-160), widget.Small, 48+160, y+2, widget.InkMuted)
		box := widget.R(48, y+24, fw, 40)
		j.rects[i] = box
		line, bw := widget.Border, 1.0
		if focus {
			line, bw = widget.Focus, 2
		}
		if i == fHat {
			x := box.X
			for h, name := range hatChoices {
				hr := widget.R(x, box.Y, 110, box.H)
				j.hats[h] = hr
				fill, ink := widget.Surface, widget.Ink
				if sim.Hat(h) == j.Hat {
					fill, ink = widget.Blue, widget.InkOn(widget.Blue)
				}
				p.Panel(hr, 8, fill, line, bw)
				p.TextCenter(name, widget.BodyBold, hr.CX(), hr.Y+(hr.H-widget.LineHeight(widget.BodyBold))/2, ink)
				x += 118
			}
		} else {
			p.Panel(box, 8, widget.Surface, line, bw)
			text := row.value
			if focus && (c.Frame/30)%2 == 0 {
				text += "|"
			}
			p.Text(p.Fit(text, widget.Body, box.W-24), widget.Body, box.X+12, box.Y+(box.H-widget.LineHeight(widget.Body))/2, widget.Ink)
		}
		y += rowH
	}
	if j.Err != "" {
		if y+64+44 < c.H-40 {
			p.Paragraph(j.Err, widget.Body, widget.R(48, y+64, fw, c.H-40-(y+64)), widget.VermilionInk)
		} else {
			statusLine(c, p, j.Err) // no room under the button: the bar at the foot says it
			return
		}
	}
	// The side: what a pair game is.
	sr := widget.R(48+fw+32, 150, c.W-48-(48+fw+32), 0)
	if sr.W > 200 {
		const how = "The first of you starts a pair and gets a five-letter code; the other types it. The PM sets the roadmap in strategy, the PO plans and reviews, and both work the sprint's days. The PO sees the roadmap only as last synced: propose a sync (S) and your partner accepts it. A phase moves on when both of you are done."
		sr.H = 40 + widget.LineHeight(widget.Heading) + 8 + p.ParagraphHeight(how, widget.Body, sr.W-40)
		p.Panel(sr, 12, widget.Surface, widget.Border, 1)
		in := sr.Inset(20)
		yy := in.Y + p.Paragraph("How a pair plays", widget.Heading, in, widget.Ink) + 8
		p.Paragraph(how, widget.Body, widget.R(in.X, yy, in.W, in.Bottom()-yy), widget.Ink)
	}
	statusLine(c, p, "↑ ↓: field · type to fill it · Enter: join · Esc: title")
}

// drawCode shows the pair code, big, and who is seated.
func (j *Join) drawCode(c *Ctx, p *widget.Painter) {
	n := c.News
	code := n.Code
	w := min(760.0, c.W-96)
	r := widget.R((c.W-w)/2, 140, w, min(420, c.H-200))
	p.Panel(r, 14, widget.Surface, hatColor(n.Hat), 3)
	p.TextCenter("Your pair code", widget.Heading, r.CX(), r.Y+20, widget.Ink)
	const box, gap = 96.0, 14.0
	x := r.CX() - (float64(len(code))*box+float64(len(code)-1)*gap)/2
	for _, ch := range code {
		br := widget.R(x, r.Y+64, box, 116)
		p.Panel(br, 10, widget.SurfaceAlt, widget.Border, 2)
		p.TextCenter(string(ch), widget.Display, br.CX(), br.Y+(br.H-widget.LineHeight(widget.Display))/2+4, widget.Ink)
		x += box + gap
	}
	y := r.Y + 204
	you := "You wear the " + n.Hat.String() + " hat"
	if n.Name != "" {
		you = n.Name + ", you wear the " + n.Hat.String() + " hat"
	}
	p.Dot(r.X+36, y+12, 9, hatColor(n.Hat))
	p.Text(p.Fit(you, widget.Heading, r.W-80), widget.Heading, r.X+56, y, widget.Ink)
	y += 44
	msg := "Tell your partner this code: they choose Join a pair game, type it, and take the " + n.Hat.Other().String() + " hat."
	if partner := n.Partner(); partner.Taken {
		msg = partnerName(n) + " has taken the " + n.Hat.Other().String() + " hat: the game begins."
	}
	y += p.Paragraph(msg, widget.Body, widget.R(r.X+36, y, r.W-72, 60), widget.Ink) + 12
	dots := strings.Repeat(".", 1+(c.Frame/30)%3)
	p.Text("Waiting for your partner"+dots, widget.BodyBold, r.X+36, y, widget.InkMuted)
	if n.Problem != "" {
		p.Paragraph(n.Problem, widget.Small, widget.R(r.X+36, r.Bottom()-44, r.W-72, 40), widget.VermilionInk)
	}
}
