package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/pages/cluster"
)

// ClusterWatcher is implemented by backends that watch some clusters only while they are
// looked at (the bounded set of clusters watched through cluster-proxy): the root says when a
// cluster's page opens and when it is left.
type ClusterWatcher interface {
	Enter(cluster string)
	Leave(cluster string)
}

// watchCluster tells the backend, in a Cmd (never in Update), that a cluster's page opened
// (enter) or closed.
func (m *Model) watchCluster(p pages.Page, enter bool) tea.Cmd {
	cp, ok := p.(*cluster.Page)
	w, isWatcher := m.backend.(ClusterWatcher)
	if !ok || !isWatcher {
		return nil
	}
	name := cp.Name()
	return func() tea.Msg {
		if enter {
			w.Enter(name)
		} else {
			w.Leave(name)
		}
		return nil
	}
}
