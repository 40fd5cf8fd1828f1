package components

import (
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/config"
)

// TestStylesFollowTheTheme: the config's colours reach the styles; the rest are the defaults,
// with the readable grey for Unknown and reverse video for the selection.
func TestStylesFollowTheTheme(t *testing.T) {
	s := StylesFor(config.Theme{Warning: "214", Selection: "#303030"})
	if got := s.Tone[ToneWarning].GetForeground(); got != lipgloss.Color("214") {
		t.Errorf("warning %v", got)
	}
	if got := s.Tone[ToneUnknown].GetForeground(); got != lipgloss.Color("#767676") {
		t.Errorf("unknown %v", got)
	}
	if got := s.Selected.GetBackground(); got != lipgloss.Color("#303030") || s.Selected.GetReverse() {
		t.Errorf("selection %v reverse %v", got, s.Selected.GetReverse())
	}
	if d := DefaultStyles(); !d.Selected.GetReverse() || d.Tone[ToneCritical].GetForeground() != lipgloss.Color("1") {
		t.Errorf("defaults changed")
	}
}
