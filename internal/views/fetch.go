package views

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/views/pages"
)

const (
	yamlTimeout = 30 * time.Second
	diffTimeout = 60 * time.Second
)

// fetchYAML runs the YAML fetch a page asked for in a Cmd; the page can be closed meanwhile,
// which cancels it.
func (m *Model) fetchYAML(msg pages.FetchYAMLMsg) tea.Cmd {
	ctx, cancel := m.fetchContext(msg.PageID, yamlTimeout)
	b := m.backend
	return func() tea.Msg {
		defer cancel()
		y, err := b.FetchYAML(ctx, msg.Ref)
		return pages.YAMLMsg{PageID: msg.PageID, YAML: y, Err: err}
	}
}

// fetchDiff runs the diff fetch a page asked for in a Cmd.
func (m *Model) fetchDiff(msg pages.FetchDiffMsg) tea.Cmd {
	ctx, cancel := m.fetchContext(msg.PageID, diffTimeout)
	b := m.backend
	return func() tea.Msg {
		defer cancel()
		res, err := b.Diff(ctx, msg.App)
		return pages.DiffMsg{PageID: msg.PageID, App: msg.App.Ref, Result: res, Err: err}
	}
}

// fetchContext returns the context of a fetch for page id, cancelled when the page is
// closed or after timeout.
func (m *Model) fetchContext(id int, timeout time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	m.fetches[id] = append(m.fetches[id], cancel)
	return ctx, cancel
}
