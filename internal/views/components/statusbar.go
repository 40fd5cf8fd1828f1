package components

import (
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// StatusBar is the bottom line: a spinner that turns while its owner says it is busy, the
// owner's text, and a trailing hint. The owner decides what busy means and what the text
// says; the bar owns the spinner's ticking.
type StatusBar struct {
	spinner  spinner.Model
	spinning bool
	frame    string
	hint     string
	width    int
	st       *Styles
}

// NewStatusBar returns a still status bar ending with hint (dimmed).
func NewStatusBar(hint string, st *Styles) StatusBar {
	return StatusBar{spinner: spinner.New(spinner.WithSpinner(spinner.MiniDot)), hint: hint, st: st}
}

// SetSize sets the width of the line.
func (b *StatusBar) SetSize(w, _ int) { b.width = max(w, 0) }

// Start returns the Cmd that starts the spinner when busy and it is still, else nil.
func (b *StatusBar) Start(busy bool) tea.Cmd {
	if b.spinning || !busy {
		return nil
	}
	b.spinning = true
	return b.spinner.Tick
}

// Update advances the spinner on its tick while busy, and stops it otherwise.
func (b *StatusBar) Update(msg spinner.TickMsg, busy bool) tea.Cmd {
	if !busy {
		b.spinning = false
		b.frame = ""
		return nil
	}
	var cmd tea.Cmd
	b.spinner, cmd = b.spinner.Update(msg)
	b.frame = b.spinner.View()
	return cmd
}

// Frame is the spinner's frame while it turns, "" while it is still (for cells that animate
// with it).
func (b *StatusBar) Frame() string { return b.frame }

// Spinner is the spinner's current frame, turning or not.
func (b *StatusBar) Spinner() string { return b.spinner.View() }

// View renders text, after the spinner when busy, then the hint.
func (b *StatusBar) View(text string, busy bool) string {
	if busy {
		text = b.spinner.View() + " " + text
	}
	return Clip(text+b.st.Dim.Render(b.hint), b.width)
}
