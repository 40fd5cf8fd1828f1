package views

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
)

// chrome says which fixed lines fit around the body at the current height.
type chrome struct {
	header, title, note, bottom, status bool
}

// layoutChrome gives the body priority on small terminals: the status bar goes last but one,
// the header and title next; the note and the message line only when there is room. An open
// prompt always shows, in place of the status bar when space is short.
func (m *Model) layoutChrome() chrome {
	h := m.height
	typing := m.prompt.Active()
	return chrome{
		status: h >= 2 && !(typing && h < 5),
		bottom: typing || (m.message != "" && h >= 5),
		header: h >= 3,
		title:  h >= 4,
		note:   h >= 8 && m.fleet != nil && m.fleet.Note != "",
	}
}

// bodyHeight is what is left for the page once the chrome is placed.
func (m *Model) bodyHeight() int {
	c := m.layoutChrome()
	used := 0
	for _, on := range []bool{c.header, c.title, c.note, c.bottom, c.status} {
		if on {
			used++
		}
	}
	return max(m.height-used, 0)
}

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "mcgtui"
	return v
}

// render composes the screen: exactly height lines, none wider than width.
func (m *Model) render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	c := m.layoutChrome()
	var lines []string
	if c.header {
		lines = append(lines, m.headerLine())
	}
	if c.note {
		lines = append(lines, m.env.st.notice.Render("note: "+humanize.Sanitize(m.fleet.Note)))
	}
	if c.title {
		title := m.top().Title()
		if n := m.env.marks.Len(); n > 0 {
			title += fmt.Sprintf(" · %d marked on %s (u unmarks)", n, plural(m.env.marks.Clusters(), "cluster"))
		}
		if m.showHelp {
			title = "Help — ? or esc to close"
		}
		lines = append(lines, m.env.st.header.Render(title))
	}
	body := m.bodyHeight()
	var content string
	switch {
	case m.showHelp:
		content = m.helpView()
	case m.fleet == nil:
		content = m.env.st.dim.Render(" waiting for the first fleet snapshot…")
	default:
		content = m.top().View()
	}
	if m.dialog != nil && !m.showHelp {
		content = overlay(content, m.dialog.View(), m.width, body)
	}
	bodyLines := strings.Split(content, "\n")
	for i := 0; i < body; i++ {
		if i < len(bodyLines) {
			lines = append(lines, bodyLines[i])
		} else {
			lines = append(lines, "")
		}
	}
	if c.bottom {
		if m.prompt.Active() {
			lines = append(lines, m.prompt.View())
		} else {
			lines = append(lines, m.messageLine())
		}
	}
	if c.status {
		lines = append(lines, m.statusLine())
	}
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = clip(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// helpSection is one titled column of the help overlay.
type helpSection struct {
	title string
	keys  []key.Binding
}

// helpSections pairs the key groups of the global keys, the top page and the prompt with
// their titles.
func (m *Model) helpSections() []helpSection {
	var out []helpSection
	for _, km := range []titledKeyMap{m.keys, m.top().KeyMap(), m.actionHelp(), m.prompt.keys} {
		titles := km.Titles()
		for i, g := range km.FullHelp() {
			if i < len(titles) {
				out = append(out, helpSection{titles[i], g})
			}
		}
	}
	return out
}

// helpView lays the help sections out as titled columns, wrapping onto more rows when the
// terminal is narrow.
func (m *Model) helpView() string {
	const gap = "    "
	var rows, current []string
	width := 0
	flush := func() {
		if len(current) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, current...))
		}
		current, width = nil, 0
	}
	for _, s := range m.helpSections() {
		col := m.env.st.section.Render(s.title) + "\n" + m.help.FullHelpView([][]key.Binding{s.keys})
		w := lipgloss.Width(col)
		if len(current) > 0 && width+len(gap)+w > m.width {
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
