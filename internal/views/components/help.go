package components

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// Help is the help overlay: the titled key groups of the key maps it is given, as columns
// that wrap onto more rows when the terminal is narrow.
type Help struct {
	model help.Model
	width int
	st    *Styles
}

// NewHelp returns the help overlay.
func NewHelp(st *Styles) Help { return Help{model: help.New(), st: st} }

// SetSize sets the width the columns wrap at.
func (h *Help) SetSize(w, _ int) {
	h.width = w
	h.model.SetWidth(w)
}

// helpSection is one titled column of the help overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// sections pairs the key groups of maps with their titles.
func sections(maps []TitledKeyMap) []helpSection {
	var out []helpSection
	for _, km := range maps {
		titles := km.Titles()
		for i, g := range km.FullHelp() {
			if i < len(titles) {
				out = append(out, helpSection{titles[i], g})
			}
		}
	}
	return out
}

// View lays the key groups of maps out as titled columns.
func (h *Help) View(maps ...TitledKeyMap) string {
	const gap = "    "
	var rows, current []string
	width := 0
	flush := func() {
		if len(current) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, current...))
		}
		current, width = nil, 0
	}
	for _, s := range sections(maps) {
		col := h.st.Section.Render(s.title) + "\n" + h.model.FullHelpView([][]key.Binding{s.keys})
		w := lipgloss.Width(col)
		if len(current) > 0 && width+len(gap)+w > h.width {
			flush()
		}
		if len(current) > 0 {
			current = append(current, gap)
			width += len(gap)
		}
		current = append(current, col)
		width += w
	}
	flush()
	return " " + strings.ReplaceAll(strings.Join(rows, "\n\n"), "\n", "\n ")
}
