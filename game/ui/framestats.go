package ui

import (
	"fmt"
	"io"
	"math"
	"runtime/metrics"
	"slices"
	"time"
)

// frameStats measures frames for --frame-stats. A frame is one tick: an Update and the Draw that
// follows it, if any (Ebitengine runs several Updates per Draw when drawing falls behind, and a
// Draw with no Update before it is a frame of its own). For each frame it keeps the CPU time spent
// in the game's Update and Draw (the GPU work is queued, not waited for) and the heap bytes the
// whole process allocated from the start of its Update to the start of the next one.
type frameStats struct {
	on     bool
	ms     []metrics.Sample
	recs   []frameRec
	cur    frameRec
	open   bool
	alloc0 uint64
	t0     time.Time
	draws  int
	made   int // labels and shapes rendered in measured frames
}

type frameRec struct {
	t     time.Duration
	alloc uint64
	kind  int8
	skip  bool // warm-up or screenshot frame: not measured
}

const warmupDraws = 60 // the first screens: fonts, atlases, first layouts

const (
	kindUpdate = iota // no Draw in this tick
	kindIdle          // Draw ran, nothing changed: nothing drawn
	kindTop           // only the top bar's meters moved
	kindCached        // the screen was drawn again from cached labels and shapes
	kindNew           // drawn again, laying out and rendering new labels or shapes
	numKinds
)

func newFrameStats(on bool) frameStats {
	if !on {
		return frameStats{}
	}
	return frameStats{on: true, ms: []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}, recs: make([]frameRec, 0, 1<<16)}
}

func (s *frameStats) heap() uint64 {
	metrics.Read(s.ms)
	return s.ms[0].Value.Uint64()
}

// next closes the frame in progress and opens another.
func (s *frameStats) next() {
	h := s.heap()
	if s.open {
		s.cur.alloc = h - s.alloc0
		s.recs = append(s.recs, s.cur)
	}
	s.cur = frameRec{kind: kindUpdate, skip: s.draws < warmupDraws}
	s.alloc0, s.open = h, true
}

// beginUpdate and endUpdate bracket Update.
func (s *frameStats) beginUpdate() {
	if !s.on {
		return
	}
	s.next()
	s.t0 = time.Now()
}

func (s *frameStats) endUpdate() {
	if s.on {
		s.cur.t += time.Since(s.t0)
	}
}

// drew records a Draw that took d, of a kind, that rendered made new labels and shapes; skip
// leaves the frame out (a screenshot was read back).
func (s *frameStats) drew(d time.Duration, kind int, made int, skip bool) {
	if !s.on {
		return
	}
	if !s.open || s.cur.kind != kindUpdate {
		s.next() // a Draw without an Update before it
	}
	s.cur.t += d
	s.cur.kind = int8(kind)
	s.cur.skip = s.cur.skip || skip
	if !s.cur.skip {
		s.made += made
	}
	s.draws++
}

func (s *frameStats) report(w io.Writer, dw, dh, updates int) {
	if !s.on {
		return
	}
	if s.open {
		s.next()
		s.open = false
	}
	type group struct {
		name string
		t    []time.Duration
		al   uint64
	}
	all := &group{name: "all frames (ticks)"}
	upd := &group{name: "  Update only"}
	drawn := &group{name: "  drawn (Update+Draw)"}
	kinds := [numKinds]*group{
		kindIdle:   {name: "    idle (no redraw)"},
		kindTop:    {name: "    meters only"},
		kindCached: {name: "    full, from caches"},
		kindNew:    {name: "    full, new text/shapes"},
	}
	skipped := 0
	for _, r := range s.recs {
		if r.skip {
			skipped++
			continue
		}
		gs := [3]*group{all, upd}
		if r.kind != kindUpdate {
			gs[1], gs[2] = drawn, kinds[r.kind]
		}
		for _, g := range gs {
			if g != nil {
				g.t = append(g.t, r.t)
				g.al += r.alloc
			}
		}
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%6.2f", float64(d)/1e6) }
	fmt.Fprintf(w, "frame stats at %dx%d device px: %d ticks (Updates), %d Draws; the first %d Draws (warm-up) and screenshot frames left out (%d frames)\n",
		dw, dh, updates, s.draws, warmupDraws, skipped)
	fmt.Fprintln(w, "  a frame = one Update and the Draw after it, if any; time = CPU time in Update+Draw (GPU work queued, not waited for);")
	fmt.Fprintln(w, "  alloc = heap bytes allocated by the whole process from one Update to the next")
	fmt.Fprintf(w, "  %-26s %6s  %6s  %6s  %6s  %6s ms  %9s\n", "", "frames", "p50", "p95", "p99", "max", "alloc B/frame (mean)")
	for _, g := range []*group{all, upd, drawn, kinds[kindIdle], kinds[kindTop], kinds[kindCached], kinds[kindNew]} {
		xs := slices.Clone(g.t)
		slices.Sort(xs)
		mean := 0.0
		if len(xs) > 0 {
			mean = float64(g.al) / float64(len(xs))
		}
		fmt.Fprintf(w, "  %-26s %6d  %s  %s  %s  %s ms  %9.0f\n", g.name, len(xs),
			ms(percentile(xs, .5)), ms(percentile(xs, .95)), ms(percentile(xs, .99)), ms(percentile(xs, 1)), mean)
	}
	fmt.Fprintf(w, "  %d labels and shapes laid out and rendered in the measured frames (the rest were drawn from caches)\n", s.made)
}

func percentile(xs []time.Duration, p float64) time.Duration {
	if len(xs) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(xs)))) - 1
	return xs[max(0, min(i, len(xs)-1))]
}
