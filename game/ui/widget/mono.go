package widget

import (
	"image"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// Numbers change all the time (hours, stress, days, points), and a label cache would lay out and
// render every new value. In the Mono faces every glyph has the same advance and nothing is
// kerned, so a run of text is simply its glyphs side by side: the painter renders each rune once
// per position in the run (the position decides the sub-pixel offset text/v2 renders it at) and
// draws a changed number from those glyph images, at whole device pixels, with no shaping and no
// new image. The glyphs land exactly where a laid-out label would put them.

// maxMonoRun is the longest run drawn glyph by glyph; longer text goes through the label cache.
const maxMonoRun = 24

type monoRune struct {
	f Font
	r rune
}

type monoKey struct {
	f Font
	r rune
	i uint8 // the rune's position in the run
}

// monoGlyph is one glyph rendered in white: its image's top-left from the line box's origin, in
// whole device pixels. img is nil when nothing shows (a space).
type monoGlyph struct {
	img  *ebiten.Image
	x, y float64
}

type monoCache struct {
	adv    [numFonts]int32 // the faces' advance in 26.6 fixed point, 0 until measured
	ok     map[monoRune]bool
	glyphs map[monoKey]monoGlyph
}

func (m *monoCache) flush() {
	for _, g := range m.glyphs {
		deallocate(g.img)
	}
	m.adv = [numFonts]int32{}
	m.ok = make(map[monoRune]bool, 64)
	m.glyphs = make(map[monoKey]monoGlyph, 256)
}

// monoRun reports whether s is drawn glyph by glyph in f, and its length in runes.
func (p *Painter) monoRun(s string, f Font) (int, bool) {
	if f != Mono && f != MonoBold {
		return 0, false
	}
	face := p.faces.Face(f)
	if p.mono.adv[f] == 0 {
		p.mono.adv[f] = int32(text.AdvanceAt("0", 1, face) * 64)
	}
	n := 0
	for _, r := range s {
		if n >= maxMonoRun {
			return 0, false
		}
		k := monoRune{f, r}
		ok, seen := p.mono.ok[k]
		if !seen {
			// One advance like every other, and no glyph that draws outside a plain run.
			ok = r != '\n' && r != '\t' && int32(advance1(r, face)*64) == p.mono.adv[f]
			p.mono.ok[k] = ok
		}
		if !ok {
			return 0, false
		}
		n++
	}
	return n, n > 0
}

// monoWidth is the logical width of a run of n runes in f: what text.AdvanceAt returns for the whole run, as the
// sum of n equal fixed-point advances.
func (p *Painter) monoWidth(n int, f Font) float64 {
	return float64(int64(n)*int64(p.mono.adv[f])) / 64 / p.Scale
}

// glyph returns rune r of font f rendered at position i of a run, from the cache or now.
func (p *Painter) glyph(f Font, r rune, i int) monoGlyph {
	k := monoKey{f, r, uint8(i)}
	if g, ok := p.mono.glyphs[k]; ok {
		return g
	}
	p.Made++
	// Lay the rune out after i spaces, as it would stand in a run, and keep its glyphs.
	lo := text.LayoutOptions{LineSpacing: LineHeight(f) * p.Scale}
	p.glyphs = text.AppendGlyphs(p.glyphs[:0], strings.Repeat(" ", i)+string(r), p.faces.Face(f), &lo)
	var b image.Rectangle
	for _, g := range p.glyphs {
		if g.Image == nil || g.StartIndexInBytes < i {
			continue
		}
		gb := g.Image.Bounds()
		b = b.Union(image.Rect(int(g.X), int(g.Y), int(g.X)+gb.Dx(), int(g.Y)+gb.Dy()))
	}
	var mg monoGlyph
	if !b.Empty() {
		mg.img = ebiten.NewImage(b.Dx(), b.Dy())
		mg.x, mg.y = float64(b.Min.X), float64(b.Min.Y)
		var op ebiten.DrawImageOptions
		for _, g := range p.glyphs {
			if g.Image == nil || g.StartIndexInBytes < i {
				continue
			}
			op.GeoM.Reset()
			op.GeoM.Translate(g.X-mg.x, g.Y-mg.y)
			mg.img.DrawImage(g.Image, &op)
		}
	}
	clear(p.glyphs)
	p.mono.glyphs[k] = mg
	return mg
}

// drawMono draws a run of cached glyphs with its line box's top-left at device pixels ox, oy.
func (p *Painter) drawMono(s string, f Font, ox, oy float64, scale *ebiten.ColorScale) {
	i := 0
	for _, r := range s {
		g := p.glyph(f, r, i)
		i++
		if g.img == nil {
			continue
		}
		p.op.GeoM.Reset()
		p.op.GeoM.Translate(ox+g.x, oy+g.y)
		p.op.ColorScale = *scale
		p.Dst.DrawImage(g.img, &p.op)
	}
}

// advance1 is the advance of one rune alone.
func advance1(r rune, face text.Face) float64 {
	s := string(r)
	return text.AdvanceAt(s, len(s), face)
}
