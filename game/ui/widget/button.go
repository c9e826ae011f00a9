package widget

import "image/color"

// State is how a button looks.
type State uint8

// The button states.
const (
	Normal State = iota
	Hovered
	Pressed
	Disabled
)

// Button is an action-bar button: a key cap, a label and a cost. It holds no behaviour.
type Button struct {
	Key     string // "N", "1", "Space"
	Label   string
	Cost    string // "3 h", or ""
	State   State
	Focused bool // keyboard focus: drawn as a ring
	Primary bool // the main action of the screen
}

// ButtonWidth is the width b needs.
func (p *Painter) ButtonWidth(b *Button) float64 {
	w := 12 + p.Width(b.Label, BodyBold) + 12
	if b.Key != "" {
		w += p.Width(b.Key, Mono) + 12 + 8
	}
	if b.Cost != "" {
		w += p.Width(b.Cost, Mono) + 8
	}
	return w
}

// DrawButton draws b in r, on a dark bar (dark = true) or a light surface.
func (p *Painter) DrawButton(r Rect, b *Button, dark bool) {
	fill, ink, cap, capInk, muted := Surface, Ink, Sunken, Ink, InkMuted
	line := Border
	if dark {
		fill, ink, cap, capInk, muted, line = BarRaised, BarInk, Bar, BarInk, BarMuted, BarRaised
	}
	if b.Primary && b.State != Disabled {
		fill, ink, cap, capInk, muted, line = Blue, color.RGBA{255, 255, 255, 255}, rgb(0x0A5C8C), BarInk, rgb(0xD6E8F5), Blue
	}
	switch b.State {
	case Hovered:
		fill = mix(fill, Orange, 0.18)
		line = Orange
	case Pressed:
		fill = mix(fill, Orange, 0.4)
		line = Orange
	case Disabled:
		ink, muted, capInk = InkFaint, InkFaint, InkFaint
		if dark {
			fill, ink, muted, capInk = Bar, rgb(0x7A8088), rgb(0x7A8088), rgb(0x7A8088)
			line = BarRaised
		}
	}
	p.Panel(r, 6, fill, line, 1)
	if b.Focused {
		p.Panel(Rect{r.X - 3, r.Y - 3, r.W + 6, 3}, 1, Yellow, color.RGBA{}, 0)
		p.Panel(Rect{r.X - 3, r.Bottom(), r.W + 6, 3}, 1, Yellow, color.RGBA{}, 0)
	}
	x := r.X + 8
	if b.Key != "" {
		kw := p.Width(b.Key, Mono) + 12
		kr := Rect{x, r.Y + (r.H-22)/2, kw, 22}
		p.Panel(kr, 4, cap, color.RGBA{}, 0)
		p.TextCenter(b.Key, Mono, kr.CX(), kr.Y+(kr.H-LineHeight(Mono))/2, capInk)
		x += kw + 8
	}
	p.Text(b.Label, BodyBold, x, r.Y+(r.H-LineHeight(BodyBold))/2, ink)
	if b.Cost != "" {
		p.TextRight(b.Cost, Mono, r.Right()-10, r.Y+(r.H-LineHeight(Mono))/2, muted)
	}
	if b.State == Disabled {
		// A struck-through line says "not now" without relying on the grey.
		p.Fill(Rect{x, r.CY(), p.Width(b.Label, BodyBold), 1}, muted)
	}
}

func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

// Mix blends two colours.
func Mix(a, b color.RGBA, t float64) color.RGBA { return mix(a, b, t) }
