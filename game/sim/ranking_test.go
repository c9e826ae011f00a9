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

// TestPerfectSprintTakesTheBestThatFit holds the perfect game's sprints to their definition:
// each sprint, rank the stories the perfect game has not shipped by pay per point in that
// sprint's market (ties in story order) and take each that still fits the team's capacity. The
// total must be the same to the bit and the same stories marked shipped, sprint after sprint,
// for many stories and markets, as the ranking is carried from one sprint to the next.
func TestPerfectSprintTakesTheBestThatFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		g := newTestGame(t, RoleBoth, 1)
		s := &g.s
		n := float64(len(s.Market.Need))
		pay := func(i int) float64 { st := &s.Stories[i]; return st.Value * s.Market.Need[st.Theme] * n }
		perPoint := func(i int) float64 { return pay(i) / float64(s.Stories[i].Effort) }
		for i := range s.Stories {
			s.Stories[i].Effort = 1 + rng.IntN(14) // some too big for any sprint (capacity 12)
			s.Stories[i].Value = float64(1 + rng.IntN(4))
		}
		g.potential = g.perfectValue() // as setup does, for these stories
		for sprint := 1; sprint <= 4; sprint++ {
			for i := range s.Market.Need {
				s.Market.Need[i] = float64(1 + rng.IntN(3))
			}
			normalise(s.Market.Need)
			var order []int
			for i := range s.Stories {
				if !g.perfectUsed[i] {
					order = append(order, i)
				}
			}
			slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(perPoint(b), perPoint(a)) })
			room, want, wantUsed := g.sc.Team.Capacity, 0.0, slices.Clone(g.perfectUsed)
			for _, i := range order {
				if e := s.Stories[i].Effort; e <= room {
					room -= e
					want += pay(i)
					wantUsed[i] = true
				}
			}
			if got := g.perfectSprint(); got != want || !slices.Equal(g.perfectUsed, wantUsed) {
				t.Fatalf("trial %d sprint %d: perfect sprint %v shipping %v, want %v shipping %v", trial, sprint, got, g.perfectUsed, want, wantUsed)
			}
		}
	}
}
