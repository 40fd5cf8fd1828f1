package components

import (
	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/config"
)

// Tones index Styles.Tone, from good to bad; they follow model.Verdict's order (the pages
// convert a verdict with pages.VerdictTone, which a test keeps in step).
const (
	ToneOK = iota
	ToneUnknown
	ToneWarning
	ToneCritical
	ToneNone // no verdict: the terminal's own colour (a kubeconfig context)
	numTones
)

// Styles holds every lipgloss style the views use, so colours are decided in one place.
type Styles struct {
	Tone     [numTones]lipgloss.Style
	Header   lipgloss.Style
	Title    lipgloss.Style
	Dim      lipgloss.Style
	Badge    lipgloss.Style
	Selected lipgloss.Style
	ColHead  lipgloss.Style
	Tab      lipgloss.Style
	TabOn    lipgloss.Style
	ErrorMsg lipgloss.Style
	InfoMsg  lipgloss.Style
	Section  lipgloss.Style
	Notice   lipgloss.Style
	Marked   lipgloss.Style
	Added    lipgloss.Style
	Removed  lipgloss.Style
	Hunk     lipgloss.Style
	Danger   lipgloss.Style
	Border   lipgloss.Style
}

// DefaultStyles returns mcgtui's colours (config.DefaultTheme).
func DefaultStyles() Styles { return StylesFor(config.Theme{}) }

// StylesFor returns mcgtui's styles with the theme's colours (validated when the config was
// loaded); colours the theme leaves empty are config.DefaultTheme's. NO_COLOR needs nothing
// here: the terminal's colour profile then drops every colour when the screen is drawn.
func StylesFor(theme config.Theme) Styles {
	t := theme.WithDefaults()
	c := lipgloss.Color
	var s Styles
	s.Tone[ToneOK] = lipgloss.NewStyle().Foreground(c(t.OK))
	s.Tone[ToneUnknown] = lipgloss.NewStyle().Foreground(c(t.Unknown))
	s.Tone[ToneWarning] = lipgloss.NewStyle().Foreground(c(t.Warning))
	s.Tone[ToneCritical] = lipgloss.NewStyle().Foreground(c(t.Critical))
	s.Tone[ToneNone] = lipgloss.NewStyle()
	s.Header = lipgloss.NewStyle().Bold(true)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(c(t.Header))
	s.Dim = lipgloss.NewStyle().Foreground(lipgloss.Color("8"))
	s.Badge = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("0")).Background(lipgloss.Color("3"))
	s.Selected = lipgloss.NewStyle().Reverse(true)
	if t.Selection != "" || t.SelectionText != "" {
		s.Selected = lipgloss.NewStyle()
		if t.Selection != "" {
			s.Selected = s.Selected.Background(c(t.Selection))
		}
		if t.SelectionText != "" {
			s.Selected = s.Selected.Foreground(c(t.SelectionText))
		}
	}
	s.ColHead = lipgloss.NewStyle().Bold(true).Foreground(c(t.Header))
	s.Tab = lipgloss.NewStyle().Foreground(lipgloss.Color("7"))
	s.TabOn = lipgloss.NewStyle().Bold(true).Reverse(true)
	s.ErrorMsg = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	s.InfoMsg = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	s.Section = lipgloss.NewStyle().Bold(true).Underline(true)
	s.Notice = lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	s.Marked = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("5"))
	s.Added = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	s.Removed = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
	s.Hunk = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	s.Danger = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	s.Border = lipgloss.NewStyle().Foreground(lipgloss.Color("6"))
	return s
}

// ForTone returns the colour of a tone; out-of-range values render as ToneUnknown.
func (s *Styles) ForTone(t int) lipgloss.Style {
	if t >= 0 && t < len(s.Tone) {
		return s.Tone[t]
	}
	return s.Tone[ToneUnknown]
}
