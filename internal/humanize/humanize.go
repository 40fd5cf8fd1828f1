// Package humanize formats sizes, durations and object-supplied text for people, the same way
// in the UI, in verdict reasons and in `mcgtui status`.
package humanize

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Bytes renders a byte count with a binary unit, as Kubernetes quantities read: "512B",
// "1.5Gi", "300Gi".
func Bytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%dB", n)
	}
	suffixes := []string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
	v, i := float64(n)/unit, 0
	for v >= unit && i < len(suffixes)-1 {
		v /= unit
		i++
	}
	if v >= 10 || v == float64(int64(v)) {
		return fmt.Sprintf("%.0f%s", v, suffixes[i])
	}
	return fmt.Sprintf("%.1f%s", v, suffixes[i])
}

// Duration renders a span the way kubectl does, precise enough for a reason:
// "45s", "14m", "2h13m", "3d4h".
func Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%dm", h, m)
	}
	days, h := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	if h == 0 {
		return fmt.Sprintf("%dd", days)
	}
	return fmt.Sprintf("%dd%dh", days, h)
}

// Age renders how long ago t was in one short unit for a table column, k9s style: "12s",
// "5m", "3h", "2d"; "-" for a zero time.
func Age(now, t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return "0s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}

// OneLine makes object-supplied text safe for one line of a table or a reason: control
// characters (newlines, tabs, terminal escapes, line and paragraph separators) become spaces,
// runs of spaces collapse and the ends are trimmed, so a message cannot break the layout or
// inject terminal sequences; invisible format characters (bidi controls, zero-width spaces and
// joiners, byte-order marks) become a visible "�", so text cannot reorder itself on screen
// or hide a difference between two names, and every character left has a width.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, needsCleaning) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	s = strings.Map(makeVisible, s)
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || isControl(r) }), " ")
}

// Invisible is what an invisible format character becomes: the replacement character, one
// cell wide.
const Invisible = '\uFFFD'

// isControl reports the characters that move the cursor or start terminal sequences: C0, DEL,
// C1, and the Unicode line and paragraph separators.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
}

// isInvisible reports format characters (Unicode category Cf): the bidi embeddings, overrides
// and isolates (U+202A–202E, U+2066–2069, U+200E/F, U+061C), zero-width spaces and joiners
// (U+200B–200D, U+2060–2064), the byte-order mark U+FEFF, the soft hyphen, tag characters. They
// take no cell, or reorder the text around them.
func isInvisible(r rune) bool { return r >= 0xad && unicode.Is(unicode.Cf, r) }

func needsCleaning(r rune) bool { return isControl(r) || isInvisible(r) }

// makeVisible maps an invisible character to Invisible and keeps every other one.
func makeVisible(r rune) rune {
	if isInvisible(r) {
		return Invisible
	}
	return r
}

// Sanitize replaces control characters (newlines, tabs, terminal escapes) with spaces and
// invisible format characters with a visible "�", and keeps everything else, indentation
// included: for text shown as-is, one line at a time, such as an object's YAML.
func Sanitize(s string) string {
	if !strings.ContainsFunc(s, needsCleaning) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return makeVisible(r)
	}, s)
}

// Width is the number of terminal cells s takes (wide East Asian characters and most emoji
// take two), for aligning columns of text already made safe by OneLine or Sanitize.
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate cuts s to at most width terminal cells, marking a cut with "…".
func Truncate(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	return strings.TrimRight(ansi.Truncate(s, width-1, ""), " ") + "…"
}
