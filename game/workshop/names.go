package workshop

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxPlayer is the longest display name kept, in characters; longer names are cut.
const MaxPlayer = 40

// maxCombining is how many combining marks one letter keeps: enough for any written language
// (Vietnamese stacks two), too few for a "Zalgo" name that paints over the rows around it.
const maxCombining = 2

// PlayerName is the name a player typed as the room shows and compares it: NFKC-normalised (so
// full-width and ligature forms read as their plain letters), with control and format characters
// (zero-width spaces, bidi overrides) removed, floods of combining marks cut, runs of spaces made
// one, and at most MaxPlayer characters. The work is bounded whatever the input's length.
func PlayerName(typed string) string {
	if len(typed) > 4<<10 {
		typed = typed[:4<<10]
	}
	typed = strings.ToValidUTF8(typed, "")
	// Filter before normalising (so a flood costs nothing more) and after (NFKC may expand a
	// ligature into several letters).
	return norm.NFC.String(filterName(norm.NFKC.String(filterName(typed))))
}

func filterName(typed string) string {
	var b strings.Builder
	marks, runes, space := 0, 0, false
	for _, r := range typed {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case unicode.In(r, unicode.Cf, unicode.Co, unicode.Cs) || r == utf8.RuneError || !unicode.IsPrint(r) || blank[r]:
			continue
		case unicode.IsMark(r):
			if marks >= maxCombining || b.Len() == 0 {
				continue
			}
			marks++
			b.WriteRune(r)
			continue
		}
		if runes >= MaxPlayer {
			break
		}
		if space {
			b.WriteByte(' ')
			runes++
			space = false
		}
		marks = 0
		b.WriteRune(r)
		runes++
	}
	return b.String()
}

// nameKey is what two names are compared by: PlayerName, lower case, with the letters of other
// scripts that look like Latin ones (Cyrillic і, о, а, Greek ο, ...) read as those, so "Lin" and
// "Lіn" with a Cyrillic і are one player. The shown name keeps what was typed.
func nameKey(name string) string {
	name = strings.ToLower(PlayerName(name))
	return strings.Map(func(r rune) rune {
		if l, ok := lookalike[r]; ok {
			return l
		}
		return r
	}, name)
}

// lookalike maps lower-case letters that render like a Latin letter to it (the common ones of
// Unicode's confusables list for Cyrillic and Greek).
var lookalike = map[rune]rune{
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'һ': 'h', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k', 'м': 'm',
	'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'ѕ': 's', 'ԁ': 'd', 'ԛ': 'q',
	'ԝ': 'w', 'ɡ': 'g', 'ı': 'i',
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'ω': 'w',
}

// blank lists letters that draw nothing, which would make a name look empty or like another.
var blank = map[rune]bool{'\u115F': true, '\u1160': true, '\u3164': true, '\uFFA0': true, '\u2800': true}
