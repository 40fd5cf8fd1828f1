package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/cluster"
	"github.com/mcgtui/mcgtui/internal/views/pages/detail"
	"github.com/mcgtui/mcgtui/internal/views/pages/diffview"
	"github.com/mcgtui/mcgtui/internal/views/pages/drift"
)

// open builds the page a page asked for and pushes it. A new page gets its Open…Msg here.
func (m *Model) open(msg tea.Msg) tea.Cmd {
	var p pages.Page
	switch msg := msg.(type) {
	case pages.OpenClusterMsg:
		p = cluster.New(msg.Name, m.env)
	case pages.OpenDetailMsg:
		p = detail.New(msg.Row, m.env)
	case pages.OpenDriftMsg:
		p = drift.New(msg.Row, m.env)
	case pages.OpenDiffMsg:
		p = diffview.New(msg.Row, m.env)
	default:
		return nil
	}
	return m.push(p)
}

// route hands an asynchronous result to the open page that asked for it; results for a
// closed page are dropped. The page checks the generations (ADR 0003).
func (m *Model) route(msg pages.Routed) tea.Cmd {
	id := msg.RouteID()
	for _, p := range m.stack {
		if p.Owns(id) {
			return p.Receive(msg)
		}
	}
	return nil
}

// push opens a page on top of the stack and starts what it does when it opens.
func (m *Model) push(p pages.Page) tea.Cmd {
	m.stack = append(m.stack, p)
	p.SetSize(m.width, m.bodyHeight())
	cmd := tea.Batch(p.Show(m.fleet), m.watchCluster(p, true))
	if s, ok := p.(pages.Starter); ok {
		cmd = tea.Batch(cmd, s.Start())
	}
	return cmd
}

// pop closes the top page, never the fleet page.
func (m *Model) pop() tea.Cmd {
	if len(m.stack) == 1 {
		return nil
	}
	left := m.top()
	m.close(left)
	m.stack = m.stack[:len(m.stack)-1]
	m.top().SetSize(m.width, m.bodyHeight())
	return tea.Batch(m.top().Show(m.fleet), m.watchCluster(left, false))
}

// resetTo replaces the stack by the fleet page with p on top (k9s-style ":" jumps).
func (m *Model) resetTo(p pages.Page) tea.Cmd {
	var leaves []tea.Cmd
	for _, old := range m.stack[1:] {
		m.close(old)
		leaves = append(leaves, m.watchCluster(old, false))
	}
	m.stack = m.stack[:1]
	m.top().SetSize(m.width, m.bodyHeight())
	if p == nil {
		return tea.Batch(append(leaves, m.top().Show(m.fleet))...)
	}
	return tea.Batch(append(leaves, m.push(p))...)
}

// close cancels the fetches still running for a page that is left.
func (m *Model) close(p pages.Page) {
	for id, cancels := range m.fetches {
		if p.Owns(id) {
			for _, cancel := range cancels {
				cancel()
			}
			delete(m.fetches, id)
		}
	}
}
