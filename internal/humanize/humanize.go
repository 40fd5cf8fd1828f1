// Package humanize formats sizes, durations and object-supplied text for people, the same way
// in the UI, in verdict reasons and in `mcgtui status`.
package humanize

import (
	"fmt"
	"strings"
	"time"
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
// characters (newlines, tabs, terminal escapes) become spaces, runs of spaces collapse, and
// the ends are trimmed, so a message cannot break the layout or inject terminal sequences.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || isControl(r) }), " ")
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// Sanitize replaces control characters (newlines, tabs, terminal escapes) with spaces and
// keeps everything else, indentation included: for text shown as-is, such as an object's YAML.
func Sanitize(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}
