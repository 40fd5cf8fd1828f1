package config

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
)

// Theme is the dashboard's colours. Each is a colour as lipgloss reads it: "#rrggbb", "#rgb" or
// an ANSI 256-colour number "0"–"255"; "" keeps the default. NO_COLOR (https://no-color.org)
// turns every colour off whatever the theme says. Plain data: the views turn it into styles.
type Theme struct {
	// The verdicts' colours.
	OK       string `json:"ok,omitempty" yaml:"ok,omitempty"`
	Unknown  string `json:"unknown,omitempty" yaml:"unknown,omitempty"`
	Warning  string `json:"warning,omitempty" yaml:"warning,omitempty"`
	Critical string `json:"critical,omitempty" yaml:"critical,omitempty"`
	// Header is the colour of the title bar and table headers.
	Header string `json:"header,omitempty" yaml:"header,omitempty"`
	// Selection is the background of the selected row; SelectionText its text.
	Selection     string `json:"selection,omitempty" yaml:"selection,omitempty"`
	SelectionText string `json:"selectionText,omitempty" yaml:"selectionText,omitempty"`
}

// DefaultTheme is the theme when the config sets none: the terminal's own palette (ANSI 2
// green, 3 yellow, 1 red, 6 cyan), which follows the user's dark or light scheme, except for
// Unknown. The palette's grey (8) vanishes on many dark schemes, so Unknown is #767676, the
// grey whose contrast is at least 4.5:1 (WCAG AA) on both black and white. No selection
// colours: the selected row is shown in reverse video.
func DefaultTheme() Theme {
	return Theme{OK: "2", Unknown: "#767676", Warning: "3", Critical: "1", Header: "6"}
}

// WithDefaults returns the theme with every colour it leaves empty taken from DefaultTheme.
func (t Theme) WithDefaults() Theme {
	d := DefaultTheme()
	for _, p := range []struct{ v, def *string }{{&t.OK, &d.OK}, {&t.Unknown, &d.Unknown}, {&t.Warning, &d.Warning},
		{&t.Critical, &d.Critical}, {&t.Header, &d.Header}, {&t.Selection, &d.Selection}, {&t.SelectionText, &d.SelectionText}} {
		if *p.v == "" {
			*p.v = *p.def
		}
	}
	return t
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// checkColour accepts "#rgb", "#rrggbb" and "0"–"255".
func checkColour(s string) error {
	if hexColour.MatchString(s) {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 255 {
		return nil
	}
	return fmt.Errorf("colour %q: want #rrggbb, #rgb or an ANSI colour number 0-255", s)
}

// fields lists the theme's colours by YAML name, for validation.
func (t Theme) fields() []struct{ name, value string } {
	return []struct{ name, value string }{{"ok", t.OK}, {"unknown", t.Unknown}, {"warning", t.Warning},
		{"critical", t.Critical}, {"header", t.Header}, {"selection", t.Selection}, {"selectionText", t.SelectionText}}
}

// ContrastRatio is the WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21).
func ContrastRatio(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	channel := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(v>>16&0xff) + 0.7152*channel(v>>8&0xff) + 0.0722*channel(v&0xff)
}
