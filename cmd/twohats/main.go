// Command twohats is Two Hats: with no command it opens the game (a window on the desktop, the
// page in a browser); its commands (scenarios, check, sim, replay, lessons, serve, debrief) work headless, for
// scenario authors and workshop facilitators; serve and debrief run a workshop. Run "twohats help"
// for the list.
package main

import (
	"os"
	"strings"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		os.Exit(runCommand(args))
	}
	os.Exit(runGame(args))
}
