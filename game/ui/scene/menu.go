package scene

import (
	"image/color"

	"twohats/game/ui/input"
	"twohats/game/ui/widget"
)

// menu is a vertical list of choices with a focus, keys and mouse.
type menu struct {
	items []menuItem
	Cur   int
	rects []widget.Rect
	hover int
	down  int // the item a press began on, −1: a release picks only the item pressed
}

type menuItem struct {
	key      rune
	label    string
	note     string
	disabled string // why not, or ""
}

// handle moves the focus or picks; it returns the picked index or −1.
func (m *menu) handle(c *Ctx, in input.Intent) int {
	switch in.Kind {
	case input.Up, input.Left:
		if m.Cur > 0 {
			m.Cur--
		}
	case input.Down, input.Right:
		if m.Cur < len(m.items)-1 {
			m.Cur++
		}
	case input.Confirm, input.Toggle:
		return m.pick(c, m.Cur)
	case input.Shortcut:
		for i, it := range m.items {
			if it.key == in.Rune {
				m.Cur = i
				return m.pick(c, i)
			}
		}
	case input.Hover:
		h := -1
		for i, r := range m.rects {
			if r.Contains(in.X, in.Y) {
				h = i
			}
		}
		if h != m.hover {
			m.hover = h
			c.Dirty = true
		}
	case input.Press:
		m.down = -1
		for i, r := range m.rects {
			if r.Contains(in.X, in.Y) {
				m.down = i
			}
		}
	case input.Release:
		d := m.down
		m.down = -1
		if d >= 0 && d < len(m.rects) && m.rects[d].Contains(in.X, in.Y) {
			m.Cur = d
			return m.pick(c, d)
		}
	}
	return -1
}

func (m *menu) pick(c *Ctx, i int) int {
	if i < 0 || i >= len(m.items) {
		return -1
	}
	if d := m.items[i].disabled; d != "" {
		c.Say("%s", d)
		return -1
	}
	return i
}

// toward returns the intent that brings the focus to i, then confirms.
func (m *menu) toward(i int) input.Intent {
	switch {
	case m.Cur < i:
		return input.Of(input.Down)
	case m.Cur > i:
		return input.Of(input.Up)
	}
	return input.Of(input.Confirm)
}

// draw paints the menu as buttons in a column starting at x, y.
func (m *menu) draw(p *widget.Painter, x, y, w float64) {
	m.rects = m.rects[:0]
	for i, it := range m.items {
		r := widget.R(x, y, w, 48)
		m.rects = append(m.rects, r)
		b := widget.Button{Key: string(it.key), Label: it.label, Focused: i == m.Cur, Primary: i == m.Cur}
		if it.disabled != "" {
			b.State = widget.Disabled
		} else if i == m.hover {
			b.State = widget.Hovered
		}
		// The label keeps its room; the note takes what is left beside it, never the label's.
		b.Label = p.Fit(it.label, widget.BodyBold, w-keyRoom(p, it.key)-12)
		p.DrawButton(r, &b, false)
		if it.note != "" {
			room := w - keyRoom(p, it.key) - p.Width(b.Label, widget.BodyBold) - noteGap - 12
			if note := p.Fit(it.note, widget.Small, room); room > 40 {
				p.TextRight(note, widget.Small, r.Right()-12, r.Y+(48-widget.LineHeight(widget.Small))/2, noteInk(i == m.Cur && it.disabled == ""))
			}
		}
		y += 56
	}
}

// noteGap is the least space between a menu item's label and its note.
const noteGap = 24

// keyRoom is what a button's key cap takes before its label (as widget.DrawButton draws it).
func keyRoom(p *widget.Painter, key rune) float64 {
	return 8 + p.Width(string(key), widget.Mono) + 12 + 8
}

// width is how wide the menu's buttons must be for every label and its note to show whole, so
// that a screen with room to spare widens the menu rather than cut or overlap a note.
func (m *menu) width(p *widget.Painter) float64 {
	w := 0.0
	for _, it := range m.items {
		iw := keyRoom(p, it.key) + p.Width(it.label, widget.BodyBold) + 12
		if it.note != "" {
			iw += noteGap + p.Width(it.note, widget.Small)
		}
		w = max(w, iw)
	}
	return w
}

func noteInk(onBlue bool) color.RGBA {
	if onBlue {
		return color.RGBA{0xe0, 0xee, 0xf8, 0xff}
	}
	return widget.InkMuted
}

// statusLine draws the context's one-line message at the bottom of a plain screen.
func statusLine(c *Ctx, p *widget.Painter, hint string) {
	r := widget.R(0, c.H-40, c.W, 40)
	p.Fill(r, widget.Bar)
	line, col := hint, widget.BarMuted
	if c.Notice != "" {
		line, col = c.Notice, widget.Yellow
	}
	if c.Status != "" {
		line, col = c.Status, widget.Yellow
	}
	p.Text(p.Fit(line, widget.Small, c.W-32), widget.Small, 16, r.Y+(40-widget.LineHeight(widget.Small))/2, col)
}

// drawRow paints the menu as buttons in a row.
func (m *menu) drawRow(p *widget.Painter, x, y, w float64) {
	m.rects = m.rects[:0]
	for i, it := range m.items {
		r := widget.R(x, y, w, 44)
		m.rects = append(m.rects, r)
		b := widget.Button{Key: string(it.key), Label: it.label, Focused: i == m.Cur, Primary: i == m.Cur}
		if i == m.hover {
			b.State = widget.Hovered
		}
		p.DrawButton(r, &b, false)
		x += w + 16
	}
}
