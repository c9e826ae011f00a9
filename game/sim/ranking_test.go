package sim

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestOrderByUrgencyIsAStableSort holds OrderByUrgency to what it promises: the backlog, loudest
// first, ties in backlog order, appended after what buf held. The backlogs come in many orders
// and urgencies in a few levels, so that ties abound.
func TestOrderByUrgencyIsAStableSort(t *testing.T) {
	g := newTestGame(t, RoleBoth, 1)
	s := &g.s
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		s.Backlog = s.Backlog[:0]
		for i := range s.Stories {
			s.Stories[i].Urgency = float64(rng.IntN(4)) / 4
			if rng.IntN(3) > 0 {
				s.Backlog = append(s.Backlog, i)
			}
		}
		rng.Shuffle(len(s.Backlog), func(i, j int) { s.Backlog[i], s.Backlog[j] = s.Backlog[j], s.Backlog[i] })
		want := slices.Clone(s.Backlog)
		slices.SortStableFunc(want, func(a, b int) int { return cmp.Compare(s.Stories[b].Urgency, s.Stories[a].Urgency) })
		got := g.OrderByUrgency([]int{-1})
		if got[0] != -1 || !slices.Equal(got[1:], want) {
			t.Fatalf("trial %d: backlog %v ordered as %v, want [-1] then %v", trial, s.Backlog, got, want)
		}
	}
}
