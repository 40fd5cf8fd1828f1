package humanize

import "strings"

// Printable is OneLine that also drops the characters a terminal shows as nothing or that
// reorder what follows: zero-width spaces and joiners, bidi embeddings, overrides and
// isolates, the byte order mark. Object text meant for one line goes through it, so that a
// name cannot hide or reverse its neighbours.
func Printable(s string) string {
	s = OneLine(s)
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

// invisible reports zero-width and bidi control characters.
func invisible(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200f, // zero-width space, joiners, LRM, RLM
		r >= 0x202a && r <= 0x202e, // bidi embeddings and overrides
		r >= 0x2060 && r <= 0x2069, // word joiner, invisible operators, bidi isolates
		r == 0x061c, r == 0xfeff, r == 0x00ad:
		return true
	}
	return false
}
