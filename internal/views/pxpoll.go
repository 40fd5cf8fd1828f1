package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// PortworxPoller is implemented by backends that poll the Portworx SDK (the fleet manager):
// the SDK has no watch, so it is polled while a Portworx page is open. Backends without it
// (tests) simply do not poll.
type PortworxPoller interface {
	// SetPortworxActive turns periodic polling on every cluster on or off; turning it on polls
	// at once.
	SetPortworxActive(on bool)
}

// portworxPage reports whether the top page lists Portworx objects: the Volumes or Nodes
// list, of one cluster or the whole fleet.
func (m *Model) portworxPage() bool {
	if len(m.stack) == 0 {
		return false
	}
	l := m.top().ActiveList()
	return l != nil && (l.Kind() == rows.KindVolumes || l.Kind() == rows.KindNodes)
}

// syncPortworxPolling tells the backend, from a command (not from Update), when a Portworx
// page opens or closes.
func (m *Model) syncPortworxPolling() tea.Cmd {
	open := m.portworxPage()
	if open == m.portworxOpen {
		return nil
	}
	m.portworxOpen = open
	p, ok := m.backend.(PortworxPoller)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		p.SetPortworxActive(open)
		return nil
	}
}
