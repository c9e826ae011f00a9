package widget

import "image/color"

func rgb(v uint32) color.RGBA {
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// The Okabe–Ito palette: safe for the common colour-vision deficiencies.
var (
	Orange    = rgb(0xE69F00)
	SkyBlue   = rgb(0x56B4E9)
	Green     = rgb(0x009E73)
	Yellow    = rgb(0xF0E442)
	Blue      = rgb(0x0072B2)
	Vermilion = rgb(0xD55E00)
	Purple    = rgb(0xCC79A7)
)

// The neutrals the game sits on.
var (
	Background = rgb(0xEFEDE8) // calm warm grey
	Surface    = rgb(0xFFFFFF)
	SurfaceAlt = rgb(0xF7F6F2)
	Sunken     = rgb(0xE3E0D9)
	Border     = rgb(0xC9C4BA)
	Ink        = rgb(0x1E2226)
	InkMuted   = rgb(0x555C64)
	InkFaint   = rgb(0x8A9097)
	Bar        = rgb(0x262B31) // top and action bars
	BarRaised  = rgb(0x363C44)
	BarInk     = rgb(0xF2F2F0)
	BarMuted   = rgb(0xAEB4BB)
	// Small text in a signal colour needs 4.5:1 against the light surfaces (WCAG AA); the
	// palette's green (3.4:1) and vermilion (3.9:1) fall short, so small text uses these darker
	// shades of the same hues (palette_test.go checks every pair).
	GreenInk     = rgb(0x00704F)
	VermilionInk = rgb(0xA94A00)
	Focus        = Blue
	Good         = Green     // always with a + sign or ▲
	Bad          = Vermilion // always with a − sign or ▼
	Warn         = Orange
	Shade        = color.RGBA{0x10, 0x12, 0x14, 0xa0}
)

// ThemeColors colour roadmap themes in order; the theme's letter always goes with the colour.
var ThemeColors = [...]color.RGBA{Orange, SkyBlue, Green, Yellow, Blue, Vermilion, Purple, rgb(0x999999)}

// ThemeColor is theme i's colour.
func ThemeColor(i int) color.RGBA {
	if i < 0 {
		return InkFaint
	}
	return ThemeColors[i%len(ThemeColors)]
}

// InkOn returns a readable text colour on c.
func InkOn(c color.RGBA) color.RGBA {
	l := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
	if l > 150 {
		return Ink
	}
	return color.RGBA{0xff, 0xff, 0xff, 0xff}
}

// Alpha returns c with alpha a (premultiplied).
func Alpha(c color.RGBA, a float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}
