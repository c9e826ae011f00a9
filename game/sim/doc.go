// Package sim is the Two Hats engine: the sprint simulation, the simulated colleague who wears the
// hat the player does not, and the outcome model that scores a game.
//
// The engine is pure Go. It never touches Ebitengine, files or the clock and keeps no mutable
// globals: everything random comes from the one generator a Game is created with, so a scenario,
// a role, a seed and the player's decisions replay to the identical result on every platform.
// Only the basic float operations (+ − × ÷, sqrt) are used, which IEEE 754 rounds the same way on
// amd64 and WebAssembly.
//
// A game is driven by Actions: Legal lists what the player may do now, Apply does one action or
// returns an error and changes nothing. The formulas are written down in docs/outcome-model.md.
package sim
