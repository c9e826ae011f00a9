package widget

import (
	"bytes"

	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Font is one of the few type styles the game uses.
type Font uint8

// The type styles: one family (Go), four sizes, Mono for numbers, Display for a pair code.
const (
	Small    Font = iota // 13: labels, badges, hints
	Body                 // 15: running text
	BodyBold             // 15 medium: card titles, buttons
	Heading              // 20 bold: panel titles
	Title                // 40 bold: screen titles and the grade
	Mono                 // 14 mono: numbers
	MonoBold             // 20 mono bold: meters
	Display              // 72 mono bold: a pair code, read across a table
	numFonts
)

type fontSpec struct {
	src  int
	size float64
}

var specs = [numFonts]fontSpec{
	Small: {0, 13}, Body: {0, 15}, BodyBold: {1, 15}, Heading: {2, 20}, Title: {2, 40},
	Mono: {3, 14}, MonoBold: {4, 20}, Display: {4, 72},
}

// LineHeight is the distance between lines of a font, in logical pixels.
func LineHeight(f Font) float64 { return specs[f].size * 1.35 }

// Size is the font's size in logical pixels.
func Size(f Font) float64 { return specs[f].size }

var sources []*text.GoTextFaceSource

func loadSources() {
	if sources != nil {
		return
	}
	for _, ttf := range [][]byte{goregular.TTF, gomedium.TTF, gobold.TTF, gomono.TTF, gomonobold.TTF} {
		s, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
		if err != nil {
			panic(err) // the fonts are compiled in; this cannot fail
		}
		sources = append(sources, s)
	}
}

// Faces are the fonts at one device scale.
type Faces struct {
	scale float64
	faces [numFonts]*text.GoTextFace
}

// NewFaces builds the faces for a device scale factor: the size is scaled, never the glyphs.
func NewFaces(scale float64) *Faces {
	loadSources()
	f := &Faces{scale: scale}
	for i, sp := range specs {
		f.faces[i] = &text.GoTextFace{Source: sources[sp.src], Size: sp.size * scale}
	}
	return f
}

// Face is the face of f.
func (fs *Faces) Face(f Font) *text.GoTextFace { return fs.faces[f] }
