// Package widget is the look of Two Hats: the palette, the Go fonts in a few sizes, a painter that
// draws in logical pixels onto device pixels, cached rounded panels, word wrap and buttons.
package widget

// Rect is a rectangle in logical pixels.
type Rect struct{ X, Y, W, H float64 }

// R makes a Rect.
func R(x, y, w, h float64) Rect { return Rect{x, y, w, h} }

// Contains reports whether the point is inside.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && y >= r.Y && x < r.X+r.W && y < r.Y+r.H
}

// Inset shrinks the rectangle by d on every side.
func (r Rect) Inset(d float64) Rect { return Rect{r.X + d, r.Y + d, max(0, r.W-2*d), max(0, r.H-2*d)} }

// Right is the right edge; Bottom the bottom edge.
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// CX and CY are the centre.
func (r Rect) CX() float64 { return r.X + r.W/2 }
func (r Rect) CY() float64 { return r.Y + r.H/2 }

// CutTop takes h from the top and returns it and the rest.
func (r Rect) CutTop(h float64) (Rect, Rect) {
	h = min(h, r.H)
	return Rect{r.X, r.Y, r.W, h}, Rect{r.X, r.Y + h, r.W, r.H - h}
}

// CutBottom takes h from the bottom.
func (r Rect) CutBottom(h float64) (Rect, Rect) {
	h = min(h, r.H)
	return Rect{r.X, r.Bottom() - h, r.W, h}, Rect{r.X, r.Y, r.W, r.H - h}
}

// CutLeft takes w from the left.
func (r Rect) CutLeft(w float64) (Rect, Rect) {
	w = min(w, r.W)
	return Rect{r.X, r.Y, w, r.H}, Rect{r.X + w, r.Y, r.W - w, r.H}
}

// CutRight takes w from the right.
func (r Rect) CutRight(w float64) (Rect, Rect) {
	w = min(w, r.W)
	return Rect{r.Right() - w, r.Y, w, r.H}, Rect{r.X, r.Y, r.W - w, r.H}
}

// Grid is the 8-pixel spacing unit.
const Grid = 8
