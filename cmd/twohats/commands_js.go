package main

import (
	"fmt"
	"os"
)

// runCommand: the headless commands (a web server, batch runs, charts) are for a terminal; the
// browser build leaves them out, which keeps the download small.
func runCommand(args []string) int {
	fmt.Fprintf(os.Stderr, "twohats: the %q command runs in a terminal, not in a browser\n", args[0])
	return 2
}
