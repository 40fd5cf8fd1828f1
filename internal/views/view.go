package views

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
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
		lines = append(lines, m.env.Styles.Notice.Render("note: "+humanize.Sanitize(m.fleet.Note)))
	}
	if c.title {
		title := m.top().Title()
		if n := m.env.Marks.Len(); n > 0 {
			title += fmt.Sprintf(" · %d marked on %s", n, components.Plural(m.env.Marks.Clusters(), "cluster"))
			if hidden := m.hiddenMarks(); hidden > 0 {
				// A bulk action runs on every mark: say how many the filter (or the list's
				// kind) keeps off the screen.
				title += fmt.Sprintf(", %d not shown", hidden)
			}
			title += " (u unmarks)"
		}
		if m.showHelp {
			title = "Help — ? or esc to close"
			if m.dialog != nil {
				title = "Help: the dialog's keys — ? or esc to go back to the dialog"
			}
		}
		lines = append(lines, m.env.Styles.Header.Render(title))
	}
	body := m.bodyHeight()
	var content string
	switch {
	case m.showHelp && m.dialog != nil:
		content = m.help.View(m.dialog.KeyMap())
	case m.showHelp:
		content = m.help.View(m.keys, m.top().KeyMap(), m.actionHelp(), m.prompt.KeyMap(), m.pageCommandHelp())
	case m.fleet == nil && !fleetFree(m.top()):
		content = m.env.Styles.Dim.Render(" waiting for the first fleet snapshot…")
	default:
		content = m.top().View()
	}
	if m.dialog != nil && !m.showHelp {
		content = components.Overlay(content, m.dialog.View(), m.width, body)
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
		lines[i] = components.Clip(l, m.width)
	}
	return strings.Join(lines, "\n")
}

// fleetFree reports whether p draws without a fleet (pages.FleetFree).
func fleetFree(p pages.Page) bool {
	_, ok := p.(pages.FleetFree)
	return ok
}

// hiddenMarks counts the marked rows that the list on top does not show (filtered out, hidden
// by problems-only, or of another kind or cluster); 0 when the top page has no list.
func (m *Model) hiddenMarks() int {
	l := m.top().ActiveList()
	if l == nil {
		return 0
	}
	shown := 0
	for _, r := range l.Table().Rows() {
		if m.env.Marks.Has(r.Key) {
			shown++
		}
	}
	return m.env.Marks.Len() - shown
}
