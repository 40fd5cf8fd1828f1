package components

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	"github.com/charmbracelet/x/ansi"
)

// NewPane returns a viewport driven by k (g/G are handled by its owner). Content is wrapped
// by WrapPane before it is set; soft wrap is only a safety net.
func NewPane(k ScrollKeyMap) viewport.Model {
	vp := viewport.New()
	vp.SoftWrap = true
	vk := viewport.DefaultKeyMap()
	vk.Up, vk.Down, vk.PageUp, vk.PageDown = k.Up, k.Down, k.PageUp, k.PageDown
	vk.Left, vk.Right = key.NewBinding(), key.NewBinding() // lines wrap: nothing to scroll sideways
	vk.HalfPageUp = key.NewBinding(key.WithKeys("ctrl+u"))
	vk.HalfPageDown = key.NewBinding(key.WithKeys("ctrl+d"))
	vp.KeyMap = vk
	return vp
}

// minWrapWidth is the narrowest column a hanging indent may leave for the wrapped text.
const minWrapWidth = 20

// SetPaneLines wraps lines to the pane's width and sets them, keeping the scroll position.
func SetPaneLines(vp *viewport.Model, lines []string) {
	y := vp.YOffset()
	vp.SetContentLines(WrapPane(lines, vp.Width()))
	vp.SetYOffset(y)
}

// WrapPane word-wraps lines longer than width with a hanging indent: continuation lines start
// under the last column of an aligned row ("Verdict      Critical: …") or under the text of
// an indented line (YAML), so wrapped values stay readable.
func WrapPane(lines []string, width int) []string {
	if width < 2 {
		return lines
	}
	out := make([]string, 0, len(lines))
	for _, line := range lines {
		w := ansi.StringWidth(line)
		if w <= width {
			out = append(out, line)
			continue
		}
		hang := hangingIndent(ansi.Strip(line))
		if width-hang < minWrapWidth {
			hang = min(1, width-1)
		}
		head, tail := ansi.Cut(line, 0, hang), ansi.Cut(line, hang, w)
		wrapped := strings.Split(ansi.Wrap(tail, width-hang, " "), "\n")
		pad := strings.Repeat(" ", hang)
		for i, part := range wrapped {
			if i == 0 {
				out = append(out, head+part)
			} else {
				out = append(out, pad+strings.TrimLeft(part, " "))
			}
		}
	}
	return out
}

// hangingIndent is the column where the last cell of an aligned line starts (after the last
// run of two or more spaces), else where its text starts.
func hangingIndent(s string) int {
	runes := []rune(s)
	hang := 0
	for hang < len(runes) && runes[hang] == ' ' {
		hang++
	}
	for i := hang + 1; i < len(runes); i++ {
		if runes[i] != ' ' && runes[i-1] == ' ' && i >= 2 && runes[i-2] == ' ' {
			hang = i
		}
	}
	return ansi.StringWidth(string(runes[:hang]))
}
