package debrief

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"twohats/game/sim"
)

// The picture's size: 16:9, for a projector.
const (
	Width  = 1920
	Height = 1080
)

// Colours: Okabe–Ito for the roles, a calm neutral page.
var (
	bg      = color.RGBA{0xf4, 0xf2, 0xed, 0xff}
	card    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink     = color.RGBA{0x1d, 0x1d, 0x1f, 0xff}
	muted   = color.RGBA{0x55, 0x55, 0x5a, 0xff}
	grid    = color.RGBA{0xe3, 0xe0, 0xd9, 0xff}
	outline = color.RGBA{0xd6, 0xd3, 0xcc, 0xff}
)

// roleStyle is how a role looks everywhere: a colour, a marker shape and a name, so that
// colour is never the only cue.
type roleStyle struct {
	short string
	color color.RGBA
	shape int // 0 circle, 1 square, 2 triangle
}

var styles = map[sim.Role]roleStyle{
	sim.RolePM:   {"PM", color.RGBA{0x00, 0x72, 0xb2, 0xff}, 0},   // blue, circle
	sim.RolePO:   {"PO", color.RGBA{0xd5, 0x5e, 0x00, 0xff}, 1},   // vermillion, square
	sim.RoleBoth: {"Both", color.RGBA{0x00, 0x9e, 0x73, 0xff}, 2}, // bluish green, triangle
	sim.RolePair: {"Pair", color.RGBA{0xcc, 0x79, 0xa7, 0xff}, 3}, // reddish purple, diamond
}

// Type: one family, four sizes.
type faces struct{ title, head, label, small font.Face }

var (
	fontsOnce sync.Once
	fontSet   faces
	fontErr   error
)

func loadFaces() (faces, error) {
	fontsOnce.Do(func() {
		reg, err := opentype.Parse(goregular.TTF)
		if err != nil {
			fontErr = err
			return
		}
		bold, err := opentype.Parse(gobold.TTF)
		if err != nil {
			fontErr = err
			return
		}
		face := func(f *opentype.Font, size float64) font.Face {
			if fontErr != nil {
				return nil
			}
			fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
			if err != nil {
				fontErr = err
			}
			return fc
		}
		fontSet = faces{title: face(bold, 52), head: face(bold, 40), label: face(reg, 32), small: face(reg, 26)}
	})
	return fontSet, fontErr
}

// canvas draws anti-aliased shapes and text on an RGBA image.
type canvas struct {
	img *image.RGBA
	f   faces
}

// fill fills the polygon pts, anti-aliased. The rasterizer covers only the polygon's box, so
// small shapes cost little.
func (c *canvas) fill(col color.Color, pts [][2]float64) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := pts[0][0], pts[0][1], pts[0][0], pts[0][1]
	for _, p := range pts[1:] {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	box := image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1).Intersect(c.img.Bounds())
	if box.Empty() {
		return
	}
	r := vector.NewRasterizer(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	r.MoveTo(float32(pts[0][0]-ox), float32(pts[0][1]-oy))
	for _, p := range pts[1:] {
		r.LineTo(float32(p[0]-ox), float32(p[1]-oy))
	}
	r.ClosePath()
	r.Draw(c.img, box, image.NewUniform(col), image.Point{})
}

func poly(pts ...[2]float64) [][2]float64 { return pts }

func (c *canvas) rect(x0, y0, x1, y1 float64, col color.Color) {
	c.fill(col, poly([2]float64{x0, y0}, [2]float64{x1, y0}, [2]float64{x1, y1}, [2]float64{x0, y1}))
}

// roundRect fills a rectangle with corners of radius rad.
func (c *canvas) roundRect(x0, y0, x1, y1, rad float64, col color.Color) {
	var pts [][2]float64
	corner := func(cx, cy, from float64) {
		for i := 0; i <= 6; i++ {
			a := from + float64(i)*math.Pi/12
			pts = append(pts, [2]float64{cx + rad*math.Cos(a), cy + rad*math.Sin(a)})
		}
	}
	corner(x1-rad, y0+rad, -math.Pi/2)
	corner(x1-rad, y1-rad, 0)
	corner(x0+rad, y1-rad, math.Pi/2)
	corner(x0+rad, y0+rad, math.Pi)
	c.fill(col, poly(pts...))
}

func (c *canvas) line(x0, y0, x1, y1, w float64, col color.Color) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.fill(col, poly([2]float64{x0 + nx, y0 + ny}, [2]float64{x1 + nx, y1 + ny}, [2]float64{x1 - nx, y1 - ny}, [2]float64{x0 - nx, y0 - ny}))
}

func shapePts(shape int, x, y, r float64) [][2]float64 {
	switch shape {
	case 1:
		r *= 0.9
		return [][2]float64{{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}}
	case 2:
		h := r * 1.3
		return [][2]float64{{x, y - h}, {x + h, y + h*0.75}, {x - h, y + h*0.75}}
	case 3:
		h := r * 1.3
		return [][2]float64{{x, y - h}, {x + h, y}, {x, y + h}, {x - h, y}}
	}
	pts := make([][2]float64, 24)
	for i := range pts {
		a := float64(i) * 2 * math.Pi / 24
		pts[i] = [2]float64{x + r*math.Cos(a), y + r*math.Sin(a)}
	}
	return pts
}

// marker draws a role's marker with a rim, so overlapping markers stay apart.
func (c *canvas) marker(st roleStyle, x, y, r float64, rim color.Color) {
	c.fill(rim, poly(shapePts(st.shape, x, y, r+3)...))
	c.fill(st.color, poly(shapePts(st.shape, x, y, r)...))
}

// text draws s with its baseline at y; align is 0 left, 1 centre, 2 right of x.
func (c *canvas) text(face font.Face, s string, x, y float64, align int, col color.Color) float64 {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face}
	w := float64(d.MeasureString(s)) / 64
	x -= w * float64(align) / 2
	d.Dot = fixed.P(int(math.Round(x)), int(math.Round(y)))
	d.DrawString(s)
	return w
}

// panel is one chart's card and plot area, with a 0..100 vertical scale.
type panel struct {
	c                  *canvas
	x0, y0, x1, y1     float64 // the card
	px0, py0, px1, py1 float64 // the plot area
}

func (c *canvas) panel(x0, y0, x1, y1 float64, title, yName, xName string) panel {
	c.roundRect(x0-2, y0-2, x1+2, y1+2, 18, outline)
	c.roundRect(x0, y0, x1, y1, 16, card)
	c.text(c.f.head, title, x0+32, y0+64, 0, ink)
	c.text(c.f.small, yName, x0+32, y0+120, 0, muted)
	p := panel{c: c, x0: x0, y0: y0, x1: x1, y1: y1, px0: x0 + 112, py0: y0 + 152, px1: x1 - 40, py1: y1 - 190}
	for _, t := range []float64{0, 25, 50, 75, 100} {
		y := p.y(t)
		c.line(p.px0, y, p.px1, y, 2, grid)
		c.text(c.f.label, fmt.Sprint(t), p.px0-16, y+11, 2, ink)
	}
	c.line(p.px0, p.py0-8, p.px0, p.py1, 3, ink)
	c.line(p.px0, p.py1, p.px1, p.py1, 3, ink)
	c.text(c.f.label, xName, (p.px0+p.px1)/2, y1-20, 1, muted)
	return p
}

func (p panel) y(v float64) float64 {
	v = math.Max(0, math.Min(100, v))
	return p.py1 - (p.py1-p.py0)*v/100
}

// Chart draws the three debrief charts for one scenario's games: score by role, burnout peak
// by role, and mean alignment per sprint by role. title heads the picture.
func Chart(games []Game, title string) (*image.RGBA, error) {
	f, err := loadFaces()
	if err != nil {
		return nil, err
	}
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, Width, Height)), f: f}
	draw.Draw(c.img, c.img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	c.text(f.title, title, 48, 80, 0, ink)

	roles := chartRoles(games)
	// The legend: marker, short name and full title of every role.
	x := 48.0
	for _, r := range roles {
		st := styles[r]
		c.marker(st, x+14, 136, 13, card)
		x += 40
		x += c.text(f.head, st.short, x, 150, 0, ink) + 12
		x += c.text(f.label, "= "+r.Title(), x, 150, 0, ink) + 56
	}

	const top, bottom, gap, margin = 192.0, Height - 32.0, 32.0, 48.0
	w := (Width - 2*margin - 2*gap) / 3
	px := func(i int) (float64, float64) {
		x0 := margin + float64(i)*(w+gap)
		return x0, x0 + w
	}

	byRole := map[sim.Role][]Game{}
	for _, g := range games {
		byRole[g.Role] = append(byRole[g.Role], g)
	}

	x0, x1 := px(0)
	strip(c.panel(x0, top, x1, bottom, "Score by role", "score (0-100)", "role"), roles, byRole,
		func(g Game) float64 { return g.Score },
		func(gs []Game) []string { return []string{fmt.Sprintf("n = %d", len(gs))} })

	x0, x1 = px(1)
	// With pairs there are four columns: "burned out" moves from under each to the axis's name.
	xName, out := "role", []string{"burned out"}
	if len(roles) > len(sim.Roles) {
		xName, out = "role (k of n burned out)", nil
	}
	strip(c.panel(x0, top, x1, bottom, "Burnout by role", "burnout peak (%)", xName), roles, byRole,
		func(g Game) float64 { return 100 * g.BurnoutPeak },
		func(gs []Game) []string {
			k := 0
			for _, g := range gs {
				if g.BurnedOut {
					k++
				}
			}
			return append([]string{fmt.Sprintf("%d of %d", k, len(gs))}, out...)
		})

	x0, x1 = px(2)
	sprints(c.panel(x0, top, x1, bottom, "Alignment per sprint", "mean alignment (%)", "sprint"), roles, games)
	return c.img, nil
}

// chartRoles are the columns of the charts: the three solo roles always (an empty one says "no
// games"), and pairs when the room played any.
func chartRoles(games []Game) []sim.Role {
	roles := sim.Roles[:]
	for _, g := range games {
		if g.Role == sim.RolePair {
			return append(append([]sim.Role(nil), roles...), sim.RolePair)
		}
	}
	return roles
}

// strip draws one column per role: a marker per game, the 10th-90th percentile as a whisker,
// and a bar at the mean with its value.
func strip(p panel, roles []sim.Role, byRole map[sim.Role][]Game, get func(Game) float64, note func([]Game) []string) {
	c := p.c
	cols := float64(len(roles))
	// k shrinks a column's drawing when more than the three solo roles share the panel.
	k := min(1, float64(len(sim.Roles))/cols)
	for i, r := range roles {
		st := styles[r]
		cx := p.px0 + (p.px1-p.px0)*(float64(i)+0.5)/cols
		gs := byRole[r]
		c.text(c.f.head, st.short, cx, p.py1+52, 1, ink)
		for j, line := range note(gs) {
			c.text(c.f.small, line, cx, p.py1+86+float64(j)*30, 1, muted)
		}
		if len(gs) == 0 {
			empty := "no games"
			if k < 1 {
				empty = "none"
			}
			c.text(c.f.small, empty, cx, p.y(50), 1, muted)
			continue
		}
		xs := make([]float64, len(gs))
		for j, g := range gs {
			xs[j] = get(g)
			jitter := float64((j*37)%9-4) * 7 * k
			c.marker(st, cx-10*k+jitter, p.y(xs[j]), 9, card)
		}
		s := Describe(xs)
		wx := cx + 46*k
		c.line(wx, p.y(s.P10), wx, p.y(s.P90), 4, ink)
		c.line(wx-8, p.y(s.P10), wx+8, p.y(s.P10), 4, ink)
		c.line(wx-8, p.y(s.P90), wx+8, p.y(s.P90), 4, ink)
		ym := p.y(s.Mean)
		c.line(cx-52*k, ym, cx+32*k, ym, 7, ink)
		label := fmt.Sprintf("%.0f", s.Mean)
		ly := ym - 14
		if ly < p.py0+20 {
			ly = ym + 44
		}
		lw := float64(font.MeasureString(c.f.head, label)) / 64
		c.rect(cx-52*k, ly-34, cx-52*k+lw+12, ly+8, card)
		c.text(c.f.head, label, cx-52*k+6, ly, 0, ink)
	}
}

// sprints draws the mean alignment per sprint of every role as a line with its markers, named
// at its end.
func sprints(p panel, roles []sim.Role, games []Game) {
	c := p.c
	n := 0
	for _, g := range games {
		n = max(n, len(g.Sprints))
	}
	if n == 0 {
		c.text(c.f.small, "no sprints recorded", (p.px0+p.px1)/2, p.y(50), 1, muted)
		return
	}
	left, right := p.px0+32, p.px1-96
	x := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + (right-left)*float64(i)/float64(n-1)
	}
	for i := 0; i < n; i++ {
		c.text(c.f.label, fmt.Sprint(i+1), x(i), p.py1+44, 1, ink)
	}
	type end struct {
		st   roleStyle
		x, y float64
	}
	var ends []end
	for _, r := range roles {
		st := styles[r]
		means := SprintMeans(games, r)
		var pts [][2]float64
		for i, m := range means {
			if !math.IsNaN(m) {
				pts = append(pts, [2]float64{x(i), p.y(100 * m)})
			}
		}
		if len(pts) == 0 {
			continue
		}
		for i := 1; i < len(pts); i++ {
			c.line(pts[i-1][0], pts[i-1][1], pts[i][0], pts[i][1], 6, st.color)
		}
		for _, pt := range pts {
			c.marker(st, pt[0], pt[1], 11, card)
		}
		last := pts[len(pts)-1]
		ends = append(ends, end{st, last[0], last[1]})
	}
	// Name each line at its end, nudged apart so the names never overlap.
	for i := 1; i < len(ends); i++ {
		for j := i; j > 0 && ends[j].y < ends[j-1].y; j-- {
			ends[j], ends[j-1] = ends[j-1], ends[j]
		}
	}
	for i := 1; i < len(ends); i++ {
		if ends[i].y-ends[i-1].y < 40 {
			ends[i].y = ends[i-1].y + 40
		}
	}
	for _, e := range ends {
		c.text(c.f.head, e.st.short, e.x+22, e.y+14, 0, e.st.color)
	}
}
