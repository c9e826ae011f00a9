package input

import (
	"slices"
	"testing"
)

// The left button's edges in one tick become intents: a click inside one tick is one press and
// one release, press first; a release never reported does not leave the button held.
func TestButtonEdges(t *testing.T) {
	type tick struct{ down, up, held, moved bool }
	for _, tt := range []struct {
		name  string
		ticks []tick
		want  []Kind
	}{
		{"a click over two ticks", []tick{{down: true, held: true}, {up: true}}, []Kind{Press, Release}},
		{"a click inside one tick (0–10 ms)", []tick{{down: true, up: true}}, []Kind{Press, Release}},
		{"two clicks, the second inside one tick", []tick{{down: true, held: true}, {down: true, up: true}}, []Kind{Press, Release, Press, Release}},
		{"let go and pressed again in one tick", []tick{{down: true, held: true}, {down: true, up: true, held: true}, {up: true}}, []Kind{Press, Release, Press, Release}},
		{"a drag", []tick{{down: true, held: true}, {held: true, moved: true}, {up: true}}, []Kind{Press, Drag, Release}},
		{"a release never reported: the drag ends", []tick{{down: true, held: true}, {moved: true}, {moved: true}}, []Kind{Press, Release, Hover, Hover}},
		{"a release with no press seen: nothing", []tick{{up: true}}, nil},
		{"a hover", []tick{{moved: true}}, []Kind{Hover}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var r Reader
			var got []Kind
			for _, k := range tt.ticks {
				for _, in := range r.button(nil, k.down, k.up, k.held, k.moved, 10, 20, false) {
					got = append(got, in.Kind)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("intents %v, want %v", got, tt.want)
			}
			if r.down {
				t.Errorf("the button is left held")
			}
		})
	}
}
