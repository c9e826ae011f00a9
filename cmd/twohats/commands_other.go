//go:build !js

package main

import (
	"os"

	"twohats/game/cli"
)

// runCommand runs a headless command (scenarios, check, sim, replay, lessons, serve, debrief).
func runCommand(args []string) int { return cli.Run(args, os.Stdout, os.Stderr) }
