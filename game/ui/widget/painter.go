package widget

import (
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Painter draws in logical pixels onto a device-pixel image. It caches what is costly: measured
// widths, wrapped lines, laid-out text (each distinct label rendered once into an offscreen image)
// and rounded panels (drawn once into offscreen images and stretched as nine-slices). A redraw
// then only issues image draws: no shaping, no paths, no image creation, no allocation. One
// Painter serves the whole game; it is not safe for concurrent use.
type Painter struct {
	Dst   *ebiten.Image
	Scale float64
	Made  int // labels and shapes laid out and rendered so far: cache misses, for frame statistics
	// Rec, when set, records every primitive as a line of text instead of drawing it (Dst is then
	// not needed): the scenes' golden layout tests.
	Rec   *Recording
	faces *Faces

	white   *ebiten.Image
	op      ebiten.DrawImageOptions
	widths  map[measureKey]float64
	wraps   map[wrapKey][]string
	cut     map[wrapKey]string // a paragraph's last visible line, ended with "…"
	labels  *lru[measureKey, label]
	panels  *lru[panelKey, *ebiten.Image]
	glyphs  []text.Glyph
	mono    monoCache
	verts   []ebiten.Vertex
	idx     []uint16
	triOp   ebiten.DrawTrianglesOptions
	path    vector.Path
	fillOps vector.DrawPathOptions
}

// label is a string laid out and rendered once, in white, into an offscreen image.
type label struct {
	img    *ebiten.Image // nil when nothing shows (spaces)
	dx, dy float64       // the image's top-left from the line box's, in whole device pixels
	w      float64       // the logical advance, as Width
}

// The caches' bounds: far above what one screen shows, so a redraw hits every time.
const (
	maxLabels     = 3000
	maxLabelArea  = 8 << 20 // device pixels (32 MiB of texture)
	maxPanels     = 600
	maxPanelArea  = 4 << 20
	panelStretchW = 3 // the middle of a nine-slice source: columns (rows) that are stretched
)

type measureKey struct {
	s string
	f Font
}

type wrapKey struct {
	s string
	f Font
	w int
}

type panelKey struct {
	w, h, r, bw int
	fill, line  color.RGBA
}

// NewPainter makes a painter for a device scale factor.
func NewPainter(scale float64) *Painter {
	p := &Painter{}
	p.SetScale(scale)
	return p
}

// SetScale changes the device scale factor; every cache is dropped.
func (p *Painter) SetScale(s float64) {
	if s <= 0 {
		s = 1
	}
	if p.faces != nil && s == p.Scale {
		return
	}
	p.Scale = s
	p.faces = NewFaces(s)
	p.Flush()
}

// Flush drops the caches, e.g. when the window size changes.
func (p *Painter) Flush() {
	if p.labels == nil {
		p.labels = newLRU[measureKey, label](maxLabels, maxLabelArea, func(l label) { deallocate(l.img) })
		p.panels = newLRU[panelKey, *ebiten.Image](maxPanels, maxPanelArea, deallocate)
	}
	p.labels.clear()
	p.panels.clear()
	p.widths = make(map[measureKey]float64, 256)
	p.wraps = make(map[wrapKey][]string, 64)
	p.cut = make(map[wrapKey]string, 16)
	p.mono.flush()
}

// Faces are the painter's fonts.
func (p *Painter) Faces() *Faces { return p.faces }

func (p *Painter) px(v float64) float64 { return math.Round(v * p.Scale) }

// Fill paints a rectangle.
func (p *Painter) Fill(r Rect, c color.RGBA) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	if p.Rec != nil {
		p.Rec.add("fill %s %s", r.rec(), hex(c))
		return
	}
	p.ensureWhite()
	x0, y0 := p.px(r.X), p.px(r.Y)
	x1, y1 := p.px(r.X+r.W), p.px(r.Y+r.H)
	p.op.GeoM.Reset()
	p.op.GeoM.Scale(x1-x0, y1-y0)
	p.op.GeoM.Translate(x0, y0)
	p.op.ColorScale.Reset()
	scaleRGBA(&p.op.ColorScale, c)
	p.Dst.DrawImage(p.white, &p.op)
}

// Line draws a straight line of logical width w: a stretched, rotated pixel, so it costs no path
// and allocates nothing.
func (p *Painter) Line(x0, y0, x1, y1, w float64, c color.RGBA) {
	if p.Rec != nil {
		p.Rec.add("line %.0f,%.0f %.0f,%.0f w%.1f %s", x0, y0, x1, y1, w, hex(c))
		return
	}
	p.ensureWhite()
	dx, dy := (x1-x0)*p.Scale, (y1-y0)*p.Scale
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	p.op.GeoM.Reset()
	p.op.GeoM.Translate(0, -0.5)
	p.op.GeoM.Scale(l, w*p.Scale)
	p.op.GeoM.Rotate(math.Atan2(dy, dx))
	p.op.GeoM.Translate(x0*p.Scale, y0*p.Scale)
	p.op.ColorScale.Reset()
	scaleRGBA(&p.op.ColorScale, c)
	p.op.Filter = ebiten.FilterLinear
	p.Dst.DrawImage(p.white, &p.op)
	p.op.Filter = ebiten.FilterNearest
}

// Dot draws a filled circle (a cached round panel).
func (p *Painter) Dot(cx, cy, r float64, c color.RGBA) {
	p.Panel(Rect{cx - r, cy - r, 2 * r, 2 * r}, r, c, color.RGBA{}, 0)
}

// Knob draws a filled circle with an outline.
func (p *Painter) Knob(cx, cy, r float64, fill, line color.RGBA, w float64) {
	p.Panel(Rect{cx - r, cy - r, 2 * r, 2 * r}, r, fill, line, w)
}

func (p *Painter) ensureWhite() {
	if p.white == nil {
		p.white = ebiten.NewImage(3, 3)
		p.white.Fill(color.White)
		p.white = p.white.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
	}
}

// Panel paints a rounded rectangle with an optional border (line.A == 0 for none). The shape is
// drawn once per corner, border and colour into an offscreen image and reused: a side longer than
// its two corners is drawn as a nine-slice whose middle is stretched, so panels of any width (a
// meter's fill, a button) share one image and look exactly as if drawn at their size.
func (p *Painter) Panel(r Rect, radius float64, fill, line color.RGBA, border float64) {
	p.PanelFade(r, radius, fill, line, border, 1)
}

// PanelFade paints a panel at opacity a (0 to 1): a fading panel reuses the opaque one's image.
func (p *Painter) PanelFade(r Rect, radius float64, fill, line color.RGBA, border, a float64) {
	if p.Rec != nil {
		if r.W > 0 && r.H > 0 {
			p.Rec.add("panel %s r%.0f %s line %s %.0f a%.2f", r.rec(), radius, hex(fill), hex(line), border, a)
		}
		return
	}
	x0, y0 := p.px(r.X), p.px(r.Y)
	w, h := int(p.px(r.X+r.W)-x0), int(p.px(r.Y+r.H)-y0)
	if w <= 0 || h <= 0 {
		return
	}
	k := panelKey{w: w, h: h, r: int(p.px(radius)), bw: int(math.Max(p.px(border), 0)), fill: fill, line: line}
	if line.A == 0 {
		k.bw = 0
	}
	// The corners take m pixels on each side; beyond that every column (row) is the same.
	m := max(k.r, k.bw)
	if w > 2*m+panelStretchW {
		k.w = 2*m + panelStretchW
	}
	if h > 2*m+panelStretchW {
		k.h = 2*m + panelStretchW
	}
	img, ok := p.panels.get(k)
	if !ok {
		p.Made++
		img = ebiten.NewImage(k.w, k.h)
		p.roundRect(img, float32(k.w), float32(k.h), float32(k.r), fill, line, float32(k.bw))
		p.panels.put(k, img, k.w*k.h)
	}
	if k.w == w && k.h == h {
		p.op.GeoM.Reset()
		p.op.GeoM.Translate(x0, y0)
		p.op.ColorScale.Reset()
		if a < 1 {
			p.op.ColorScale.ScaleAlpha(float32(a))
		}
		p.Dst.DrawImage(img, &p.op)
		return
	}
	p.nineSlice(img, x0, y0, float32(w), float32(h), m, float32(a))
}

// nineSlice draws src (corners of m pixels) stretched to w×h at x0, y0: one DrawTriangles call.
func (p *Painter) nineSlice(src *ebiten.Image, x0, y0 float64, w, h float32, m int, a float32) {
	sw, sh := float32(src.Bounds().Dx()), float32(src.Bounds().Dy())
	fm := float32(m)
	// Cut points along each axis, in the source and on the screen; an axis that is not stretched
	// has no middle.
	var sx, dx, sy, dy [4]float32
	nx, ny := cuts(&sx, &dx, sw, w, fm), cuts(&sy, &dy, sh, h, fm)
	p.verts, p.idx = p.verts[:0], p.idx[:0]
	fx, fy := float32(x0), float32(y0)
	for j := 0; j < ny; j++ {
		for i := 0; i < nx; i++ {
			if sx[i] == sx[i+1] || sy[j] == sy[j+1] {
				continue
			}
			b := uint16(len(p.verts))
			p.verts = append(p.verts,
				ebiten.Vertex{DstX: fx + dx[i], DstY: fy + dy[j], SrcX: sx[i], SrcY: sy[j], ColorR: 1, ColorG: 1, ColorB: 1, ColorA: a},
				ebiten.Vertex{DstX: fx + dx[i+1], DstY: fy + dy[j], SrcX: sx[i+1], SrcY: sy[j], ColorR: 1, ColorG: 1, ColorB: 1, ColorA: a},
				ebiten.Vertex{DstX: fx + dx[i], DstY: fy + dy[j+1], SrcX: sx[i], SrcY: sy[j+1], ColorR: 1, ColorG: 1, ColorB: 1, ColorA: a},
				ebiten.Vertex{DstX: fx + dx[i+1], DstY: fy + dy[j+1], SrcX: sx[i+1], SrcY: sy[j+1], ColorR: 1, ColorG: 1, ColorB: 1, ColorA: a},
			)
			p.idx = append(p.idx, b, b+1, b+2, b+1, b+3, b+2)
		}
	}
	p.Dst.DrawTriangles(p.verts, p.idx, src, &p.triOp)
}

// cuts fills the slice boundaries of one axis and returns the number of slices: three when the
// source (size s) is stretched to d, else one.
func cuts(src, dst *[4]float32, s, d, m float32) int {
	if s == d {
		src[0], src[1] = 0, s
		dst[0], dst[1] = 0, d
		return 1
	}
	*src = [4]float32{0, m, s - m, s}
	*dst = [4]float32{0, m, d - m, d}
	return 3
}

func (p *Painter) roundPath(x, y, w, h, r float32) {
	p.path.Reset()
	r = min(r, w/2, h/2)
	p.path.MoveTo(x+r, y)
	p.path.LineTo(x+w-r, y)
	p.path.ArcTo(x+w, y, x+w, y+r, r)
	p.path.LineTo(x+w, y+h-r)
	p.path.ArcTo(x+w, y+h, x+w-r, y+h, r)
	p.path.LineTo(x+r, y+h)
	p.path.ArcTo(x, y+h, x, y+h-r, r)
	p.path.LineTo(x, y+r)
	p.path.ArcTo(x, y, x+r, y, r)
	p.path.Close()
}

func (p *Painter) roundRect(img *ebiten.Image, w, h, r float32, fill, line color.RGBA, bw float32) {
	p.fillOps.AntiAlias = true
	if bw > 0 {
		p.roundPath(0, 0, w, h, r)
		p.fillOps.ColorScale.Reset()
		p.fillOps.ColorScale.ScaleWithColor(line)
		vector.FillPath(img, &p.path, nil, &p.fillOps)
		p.roundPath(bw, bw, w-2*bw, h-2*bw, max(r-bw, 0))
	} else {
		p.roundPath(0, 0, w, h, r)
	}
	p.fillOps.ColorScale.Reset()
	if fill.A == 0 && bw > 0 {
		// No fill: a ring. Punch the inside out of the border's shape (anti-aliased edges keep
		// their partial cover) rather than paint nothing over it.
		p.fillOps.Blend = ebiten.BlendDestinationOut
		vector.FillPath(img, &p.path, nil, &p.fillOps)
		p.fillOps.Blend = ebiten.Blend{}
		return
	}
	p.fillOps.ColorScale.ScaleWithColor(fill)
	vector.FillPath(img, &p.path, nil, &p.fillOps)
}

// Width is the logical width of s in font f (cached).
func (p *Painter) Width(s string, f Font) float64 {
	if n, ok := p.monoRun(s, f); ok {
		return p.monoWidth(n, f)
	}
	k := measureKey{s, f}
	if w, ok := p.widths[k]; ok {
		return w
	}
	w := text.AdvanceAt(s, len(s), p.faces.Face(f)) / p.Scale
	if len(p.widths) > 4000 {
		clear(p.widths)
	}
	p.widths[k] = w
	return w
}

// Text draws s with its line box's top-left at x, y and returns its width. Each distinct string
// and font is laid out once, rendered in white into an offscreen image and tinted when drawn; the
// image sits at whole device pixels, so the glyphs are exactly those text.Draw would place there.
func (p *Painter) Text(s string, f Font, x, y float64, c color.RGBA) float64 {
	if s == "" {
		return 0
	}
	if p.Rec != nil {
		p.Rec.add("text %.0f,%.0f %s %s %q", x, y, fontNames[f], hex(c), s)
		return p.Width(s, f)
	}
	// Centre the glyphs in the line height.
	y += (LineHeight(f) - specs[f].size*1.2) / 2
	if n, ok := p.monoRun(s, f); ok {
		var cs ebiten.ColorScale
		scaleRGBA(&cs, c)
		p.drawMono(s, f, p.px(x), p.px(y), &cs)
		return p.monoWidth(n, f)
	}
	l := p.label(s, f)
	if l.img != nil {
		p.op.GeoM.Reset()
		p.op.GeoM.Translate(p.px(x)+l.dx, p.px(y)+l.dy)
		p.op.ColorScale.Reset()
		scaleRGBA(&p.op.ColorScale, c)
		p.Dst.DrawImage(l.img, &p.op)
	}
	return l.w
}

// label returns s in font f laid out and rendered, from the cache or now.
func (p *Painter) label(s string, f Font) label {
	k := measureKey{s, f}
	if l, ok := p.labels.get(k); ok {
		return l
	}
	p.Made++
	l := label{w: p.Width(s, f)}
	lo := text.LayoutOptions{LineSpacing: LineHeight(f) * p.Scale}
	p.glyphs = text.AppendGlyphs(p.glyphs[:0], s, p.faces.Face(f), &lo)
	var b image.Rectangle
	for _, g := range p.glyphs {
		if g.Image == nil {
			continue
		}
		gb := g.Image.Bounds()
		b = b.Union(image.Rect(int(g.X), int(g.Y), int(g.X)+gb.Dx(), int(g.Y)+gb.Dy()))
	}
	if !b.Empty() {
		l.img = ebiten.NewImage(b.Dx(), b.Dy())
		l.dx, l.dy = float64(b.Min.X), float64(b.Min.Y)
		var op ebiten.DrawImageOptions
		for _, g := range p.glyphs {
			if g.Image == nil {
				continue
			}
			op.GeoM.Reset()
			op.GeoM.Translate(g.X-l.dx, g.Y-l.dy)
			l.img.DrawImage(g.Image, &op)
		}
	}
	clear(p.glyphs) // keep no glyph images alive
	p.labels.put(k, l, b.Dx()*b.Dy())
	return l
}

// TextRight draws s ending at x.
func (p *Painter) TextRight(s string, f Font, x, y float64, c color.RGBA) {
	p.Text(s, f, x-p.Width(s, f), y, c)
}

// TextCenter draws s centred on cx.
func (p *Painter) TextCenter(s string, f Font, cx, y float64, c color.RGBA) {
	p.Text(s, f, cx-p.Width(s, f)/2, y, c)
}

// TextIn draws s vertically centred in r, from its left edge plus pad.
func (p *Painter) TextIn(s string, f Font, r Rect, pad float64, c color.RGBA) {
	p.Text(s, f, r.X+pad, r.Y+(r.H-LineHeight(f))/2, c)
}

// Fit shortens s with an ellipsis until it fits in w (cached through Width).
func (p *Painter) Fit(s string, f Font, w float64) string {
	if p.Width(s, f) <= w {
		return s
	}
	k := wrapKey{s, f, -int(w)}
	if l, ok := p.wraps[k]; ok {
		return l[0]
	}
	// The longest prefix that fits with its ellipsis. A longer prefix is never narrower, so a
	// binary search finds the one the scan from the longest down would.
	rs := []rune(s)
	out := "…"
	cand := func(n int) string { return strings.TrimRight(string(rs[:n]), " ") + "…" }
	lo, hi := 1, len(rs)-1 // the answer is in [lo, hi], or none
	for lo <= hi {
		mid := (lo + hi) / 2
		if c := cand(mid); text.AdvanceAt(c, len(c), p.faces.Face(f))/p.Scale <= w {
			out, lo = c, mid+1
		} else {
			hi = mid - 1
		}
	}
	p.wraps[k] = []string{out}
	return out
}

// Wrap breaks s into lines no wider than w, greedily at spaces; explicit newlines are kept.
// The result is cached: do not change it.
func (p *Painter) Wrap(s string, f Font, w float64) []string {
	k := wrapKey{s, f, int(w)}
	if l, ok := p.wraps[k]; ok {
		return l
	}
	face := p.faces.Face(f)
	limit := w * p.Scale
	// A line's width is the sum of its words' and spaces' (shaping sums fixed-point advances, and
	// the Go fonts kern nothing across a space), so each word is measured once, not every longer
	// line again; only a line within a pixel of the limit is measured whole, to decide as before.
	space := p.Width(" ", f) * p.Scale
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line := words[0]
		lineW := p.Width(line, f) * p.Scale
		for _, wd := range words[1:] {
			tryW := lineW + space + p.Width(wd, f)*p.Scale
			fits := tryW <= limit
			if math.Abs(tryW-limit) <= 1 {
				try := line + " " + wd
				tryW = text.AdvanceAt(try, len(try), face)
				fits = tryW <= limit
			}
			if fits {
				line, lineW = line+" "+wd, tryW
				continue
			}
			lines = append(lines, line)
			line, lineW = wd, p.Width(wd, f)*p.Scale
		}
		lines = append(lines, line)
	}
	if len(p.wraps) > 2000 {
		clear(p.wraps)
	}
	p.wraps[k] = lines
	return lines
}

// WrapAll is Wrap that never leaves a line wider than w: a word too long for a line of its own (a
// file's path, a link) is broken after its last path separator that fits, else after its last
// rune that fits, because text a player must copy whole (where their results file is) cannot be
// cut with an ellipsis. Not cached: it is for the odd line, not every frame's labels.
func (p *Painter) WrapAll(s string, f Font, w float64) []string {
	var out []string
	for _, l := range p.Wrap(s, f, w) {
		for p.Width(l, f) > w {
			rs := []rune(l)
			n := 1 // the longest prefix that fits, at least one rune
			for n < len(rs) && p.Width(string(rs[:n+1]), f) <= w {
				n++
			}
			cut := n
			for i := n; i > 0; i-- {
				if rs[i-1] == '/' || rs[i-1] == '\\' || rs[i-1] == ' ' {
					cut = i
					break
				}
			}
			out = append(out, strings.TrimRight(string(rs[:cut]), " "))
			l = strings.TrimLeft(string(rs[cut:]), " ")
		}
		out = append(out, l)
	}
	return out
}

// Paragraph draws s wrapped to r's width from its top, at most as many lines as fit, and returns
// the height used.
func (p *Painter) Paragraph(s string, f Font, r Rect, c color.RGBA) float64 {
	lh := LineHeight(f)
	y := r.Y
	lines := p.Wrap(s, f, r.W)
	for i, l := range lines {
		if y+lh > r.Bottom()+0.5 {
			break
		}
		if i < len(lines)-1 && y+2*lh > r.Bottom()+0.5 {
			k := wrapKey{l, f, int(r.W)}
			c, ok := p.cut[k]
			if !ok {
				if len(p.cut) > 1000 {
					clear(p.cut)
				}
				c = p.Fit(l+" …", f, r.W)
				p.cut[k] = c
			}
			l = c
		}
		p.Text(l, f, r.X, y, c)
		y += lh
	}
	return y - r.Y
}

// ParagraphHeight is the height s takes wrapped to width w.
func (p *Painter) ParagraphHeight(s string, f Font, w float64) float64 {
	return float64(len(p.Wrap(s, f, w))) * LineHeight(f)
}

// Meter draws a horizontal meter: a track, a fill, and a hatch pattern on the fill so that the
// level never depends on colour alone.
func (p *Painter) Meter(r Rect, v float64, fill, track color.RGBA) {
	v = math.Max(0, math.Min(1, v))
	p.Panel(r, r.H/2, track, color.RGBA{}, 0)
	if v <= 0 {
		return
	}
	fw := math.Max(r.H, r.W*v)
	p.Panel(Rect{r.X, r.Y, fw, r.H}, r.H/2, fill, color.RGBA{}, 0)
}

// Hatch draws diagonal stripes over r: the pattern that marks a bad or risky area besides colour.
// The stripes are drawn once per size and colour into an offscreen image.
func (p *Painter) Hatch(r Rect, c color.RGBA, gap float64) {
	if p.Rec != nil {
		p.Rec.add("hatch %s %s gap%.0f", r.rec(), hex(c), gap)
		return
	}
	x0, y0 := p.px(r.X), p.px(r.Y)
	w, h := int(p.px(r.X+r.W)-x0), int(p.px(r.Y+r.H)-y0)
	if w <= 0 || h <= 0 {
		return
	}
	k := panelKey{w: w, h: h, r: -1, bw: int(gap * 10), fill: c}
	img, ok := p.panels.get(k)
	if !ok {
		p.Made++
		img = ebiten.NewImage(w, h)
		fw, fh := float32(w), float32(h)
		g := float32(gap * p.Scale)
		for x := -fh; x < fw; x += g {
			vector.StrokeLine(img, x, fh, x+fh, 0, float32(p.Scale), c, true)
		}
		p.panels.put(k, img, w*h)
	}
	p.op.GeoM.Reset()
	p.op.GeoM.Translate(x0, y0)
	p.op.ColorScale.Reset()
	p.Dst.DrawImage(img, &p.op)
}

// scaleRGBA is ColorScale.ScaleWithColor for a color.RGBA, with no interface conversion (which
// would allocate on every draw). The result is the same: RGBA() spreads 8 bits to 16 by ×257.
func scaleRGBA(cs *ebiten.ColorScale, c color.RGBA) {
	cs.Scale(float32(c.R)/0xff, float32(c.G)/0xff, float32(c.B)/0xff, float32(c.A)/0xff)
}
