package scenario

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with a scenario file, at the line and column of the key (or table
// header) it concerns. Lines and columns count from 1; a column counts bytes, as BurntSushi/toml
// and go/token do.
type Problem struct {
	File string
	Line int
	Col  int
	Msg  string
}

// Error formats the problem as FILE:LINE:COL: message, the shape editors and terminals link to.
func (p Problem) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
}

// Problems is every problem found in one scenario file, sorted by line and column. Parse returns
// it as its error so an author sees all that is wrong at once.
type Problems []Problem

// MaxShown is the most problems Error lists; the rest are counted on one more line. An author
// fixes the first few and loads again; a file with ten thousand problems is not a scenario, and
// printing them all would bury the first ones.
const MaxShown = 100

// Error lists the problems, one per line: the first MaxShown, then "and N more problems".
func (ps Problems) Error() string {
	var b strings.Builder
	for i, p := range ps {
		if i == MaxShown {
			fmt.Fprintf(&b, "\n%s: and %d more problems", p.File, len(ps)-MaxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// sort orders the problems by line, then column, then message, and drops exact duplicates.
func (ps Problems) sort() Problems {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := cmp.Compare(a.Line, b.Line); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Col, b.Col); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	return slices.Compact(ps)
}
