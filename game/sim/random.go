package sim

import (
	"math/bits"
	"math/rand/v2"
)

// stream is one strand of the game's chance. Every strand is a PCG generator derived from the seed
// and a strand number, so the draws of one strand (the world's, say) never depend on how many
// another (the player's burnout blur) has made. PCG is plain integer arithmetic, so a strand gives
// the same numbers on every platform. A stream is a value: a game holds its streams without
// allocating them.
type stream struct{ pcg rand.PCG }

// The strands. The world's strands are reseeded per item (per story, per request, per event, per
// sprint of market drift), so that adding one request to a scenario does not move another's
// arrival. The decisions' strands run on for the whole game.
const (
	strandEstimate uint64 = iota + 1 // the PM's first estimate of the market
	strandEffort                     // per story: its true effort
	strandDrift                      // per sprint: the market's drift at its end
	strandRequest                    // per request: its arrival sprint and day
	strandEvent                      // per event: whether it is due in each sprint, and its day
	strandNoise                      // the player's (or colleague's) decisions blurred by burnout
	strandTeam                       // the team's work: defects rolled as stories are built
	strandHandoff                    // roadmap news reaching the Product Owner second-hand
)

// splitmix is SplitMix64's finaliser: it spreads a seed's bits so that nearby seeds and strands
// start far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// seed starts the stream of one strand (and one item of it, for the world's strands).
func (r *stream) seed(seed, strand, item uint64) {
	a := splitmix(seed ^ splitmix(strand<<32|item))
	r.pcg.Seed(a, splitmix(a^strand))
}

// float64 draws uniformly from [0, 1), as math/rand/v2 does.
func (r *stream) float64() float64 { return float64(r.pcg.Uint64()<<11>>11) / (1 << 53) }

// intN draws uniformly from [0, n) for n ≥ 1 (the high word of a 64×64 product: integer only).
func (r *stream) intN(n int) int {
	hi, _ := bits.Mul64(r.pcg.Uint64(), uint64(n))
	return int(hi)
}

// gauss draws a bell-shaped number with mean 0 and spread 1 from four uniforms (Irwin–Hall).
// rand.NormFloat64 would do, but it calls math.Exp and math.Log, which amd64 computes in assembly
// and WebAssembly in Go: their last bits may differ, and a replay must not.
func (r *stream) gauss() float64 {
	return (r.float64() + r.float64() + r.float64() + r.float64() - 2) * 1.7320508075688772
}

// clamp01 keeps a meter in [0, 1].
func clamp01(x float64) float64 {
	if x < 0 {
		return 0
	}
	if x > 1 {
		return 1
	}
	return x
}

// normalise scales weights to sum to 1, flooring each at a small positive share so no theme ever
// vanishes from a distribution. Equal shares when every weight is zero.
func normalise(w []float64) {
	const floor = 0.01
	sum := 0.0
	for i := range w {
		if !(w[i] >= floor) { // also catches NaN
			w[i] = floor
		}
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
}

// distance is half the L1 distance of two distributions: 0 when equal, 1 when disjoint.
func distance(a, b []float64) float64 {
	d := 0.0
	for i := range a {
		x := a[i] - b[i]
		if x < 0 {
			x = -x
		}
		d += x
	}
	return d / 2
}
