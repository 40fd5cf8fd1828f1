package components

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// TextWidth is ansi.StringWidth with a fast path for plain ASCII, which most cells are.
func TextWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// Fit truncates s to width w (with an ellipsis) and pads it with spaces to exactly w cells.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := TextWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-sw)
}

// Clip truncates s to width w without padding; w <= 0 yields "".
func Clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if TextWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// Plural counts things: "1 cluster", "3 clusters".
func Plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// NoticeLines wraps a notice for a page of the given size: at most two lines, and only when
// at least one line of the page is left below it.
func NoticeLines(notice string, width, height int, st *Styles) []string {
	if notice == "" || width < 2 || height < 2 {
		return nil
	}
	if limit := 8 * width; len(notice) > limit { // two lines are shown: wrap only what fits
		notice = notice[:limit]
	}
	lines := strings.Split(ansi.Wrap(notice, width-1, " "), "\n")
	lines = lines[:min(len(lines), 2, height-1)]
	for i, l := range lines {
		lines[i] = st.Notice.Render(" " + strings.TrimRight(l, " "))
	}
	return lines
}

// Overlay draws box over the middle of body (width × height lines), with one blank column
// on each side, keeping the body visible around it.
func Overlay(body, box string, width, height int) string {
	lines := strings.Split(body, "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	lines = lines[:height]
	boxLines := strings.Split(box, "\n")
	boxWidth := 0
	for _, l := range boxLines {
		boxWidth = max(boxWidth, ansi.StringWidth(l))
	}
	x := max((width-boxWidth)/2, 0)
	y := max((height-len(boxLines))/2, 0)
	for i, b := range boxLines {
		if y+i >= len(lines) {
			break
		}
		under := lines[y+i]
		left := ansi.Truncate(under, max(x-1, 0), "")
		left += strings.Repeat(" ", x-ansi.StringWidth(left))
		right := ""
		if x+boxWidth < width {
			right = " " + ansi.TruncateLeft(under, x+boxWidth+1, "")
		}
		lines[y+i] = left + ansi.ResetStyle + b + ansi.ResetStyle + right
	}
	return strings.Join(lines, "\n")
}
