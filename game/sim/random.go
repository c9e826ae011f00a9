package sim

import "math/rand/v2"

// newRand is the game's one generator. PCG is plain integer arithmetic, so it gives the same stream
// on every platform.
func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// gauss draws a bell-shaped number with mean 0 and spread 1 from four uniforms (Irwin–Hall).
// rand.NormFloat64 would do, but it calls math.Exp and math.Log, which amd64 computes in assembly
// and WebAssembly in Go: their last bits may differ, and a replay must not.
func gauss(r *rand.Rand) float64 {
	return (r.Float64() + r.Float64() + r.Float64() + r.Float64() - 2) * 1.7320508075688772
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
