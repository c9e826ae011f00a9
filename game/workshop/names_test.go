package workshop

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzPlayerName: whatever is typed, the shown name is short, has no invisible or control
// characters, no floods of marks, is stable when normalised again, and costs little to make.
func FuzzPlayerName(f *testing.F) {
	for _, s := range []string{"Ada", "L\u0456n\u200b", "Ｌｉｎ", "Z" + strings.Repeat("\u0301", 300), "\x1b[2J", "ﷺ", "\u3164", " a  b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, typed string) {
		start := time.Now()
		got := PlayerName(typed)
		if d := time.Since(start); d > time.Second {
			t.Errorf("PlayerName took %v for %d bytes", d, len(typed))
		}
		if n := utf8.RuneCountInString(got); n > MaxPlayer*(1+maxCombining) {
			t.Errorf("%d characters", n)
		}
		marks := 0
		for _, r := range got {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
				t.Errorf("%q keeps %U", got, r)
			}
			if unicode.IsMark(r) {
				marks++
				if marks > maxCombining+1 {
					t.Errorf("%q keeps a flood of marks", got)
				}
			} else {
				marks = 0
			}
		}
		if strings.TrimSpace(got) != got || strings.Contains(got, "  ") {
			t.Errorf("%q has loose spaces", got)
		}
		if again := PlayerName(got); again != got {
			t.Errorf("not stable: %q then %q", got, again)
		}
	})
}
