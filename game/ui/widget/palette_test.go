package widget

import (
	"image/color"
	"math"
	"testing"
)

// luminance is WCAG 2's relative luminance of an sRGB colour.
func luminance(c color.RGBA) float64 {
	ch := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// contrast is WCAG 2's contrast ratio of two colours, 1 to 21.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastFormula(t *testing.T) {
	if got := contrast(color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}); math.Abs(got-21) > 1e-9 {
		t.Fatalf("black on white: %.3f, want 21", got)
	}
	if got := contrast(rgb(0x767676), rgb(0xFFFFFF)); math.Abs(got-4.54) > 0.01 {
		t.Fatalf("#767676 on white: %.3f, want 4.54", got)
	}
}

// Every colour the game writes small text in must reach 4.5:1 (WCAG AA) on every surface it is
// written on; a projector only makes contrast worse.
func TestSmallTextContrast(t *testing.T) {
	light := map[string]color.RGBA{"Background": Background, "Surface": Surface, "SurfaceAlt": SurfaceAlt}
	inks := map[string]color.RGBA{"Ink": Ink, "InkMuted": InkMuted, "GreenInk": GreenInk, "VermilionInk": VermilionInk}
	for in, ink := range inks {
		for bn, bg := range light {
			if r := contrast(ink, bg); r < 4.5 {
				t.Errorf("%s on %s: %.2f:1, want at least 4.5:1", in, bn, r)
			}
		}
	}
	// Blue text (due dates, key hints, help headings) is written on cards and panels only: on the
	// background it would be 4.4:1.
	for _, bn := range []string{"Surface", "SurfaceAlt"} {
		if r := contrast(Blue, light[bn]); r < 4.5 {
			t.Errorf("Blue on %s: %.2f:1, want at least 4.5:1", bn, r)
		}
	}
	dark := map[string]color.RGBA{"Bar": Bar}
	barInks := map[string]color.RGBA{"BarInk": BarInk, "BarMuted": BarMuted, "Yellow": Yellow}
	for in, ink := range barInks {
		for bn, bg := range dark {
			if r := contrast(ink, bg); r < 4.5 {
				t.Errorf("%s on %s: %.2f:1, want at least 4.5:1", in, bn, r)
			}
		}
	}
	// The palette's own green and vermilion are for fills and large text only.
	if r := contrast(Green, Surface); r >= 4.5 {
		t.Logf("Green on Surface is %.2f:1: GreenInk may no longer be needed", r)
	}
}
