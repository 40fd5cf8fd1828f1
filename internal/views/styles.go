package views

import (
	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/model"
)

// styles holds every lipgloss style the views use, so colours are decided in one place.
type styles struct {
	verdict  [model.VerdictCritical + 1]lipgloss.Style
	header   lipgloss.Style
	title    lipgloss.Style
	dim      lipgloss.Style
	badge    lipgloss.Style
	selected lipgloss.Style
	colHead  lipgloss.Style
	tab      lipgloss.Style
	tabOn    lipgloss.Style
	errorMsg lipgloss.Style
	infoMsg  lipgloss.Style
	section  lipgloss.Style
	notice   lipgloss.Style
	marked   lipgloss.Style
	added    lipgloss.Style
	removed  lipgloss.Style
	hunk     lipgloss.Style
	danger   lipgloss.Style
	border   lipgloss.Style
}

func defaultStyles() styles {
	var s styles
	s.verdict[model.VerdictOK] = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	s.verdict[model.VerdictUnknown] = lipgloss.NewStyle().Foreground(lipgloss.Color("8"))
	s.verdict[model.VerdictWarning] = lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	s.verdict[model.VerdictCritical] = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	s.header = lipgloss.NewStyle().Bold(true)
	s.title = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("6"))
	s.dim = lipgloss.NewStyle().Foreground(lipgloss.Color("8"))
	s.badge = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color("3"))
	s.selected = lipgloss.NewStyle().Reverse(true)
	s.colHead = lipgloss.NewStyle().Bold(true)
	s.tab = lipgloss.NewStyle().Foreground(lipgloss.Color("7"))
	s.tabOn = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.errorMsg = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	s.infoMsg = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	s.section = lipgloss.NewStyle().Bold(true).Underline(true)
	s.notice = lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	s.marked = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("5"))
	s.added = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	s.removed = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	s.hunk = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	s.danger = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	s.border = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	return s
}

// forVerdict returns the colour of a verdict; out-of-range values render as Unknown.
func (s *styles) forVerdict(v model.Verdict) lipgloss.Style {
	if int(v) < len(s.verdict) {
		return s.verdict[v]
	}
	return s.verdict[model.VerdictUnknown]
}
