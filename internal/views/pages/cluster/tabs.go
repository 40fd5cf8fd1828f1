package cluster

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// tabLine renders the tabs; a tab whose objects include problems is marked "!".
func (p *Page) tabLine() string {
	st := &p.env.Styles
	var b strings.Builder
	for i := 0; i <= p.conditionsTab; i++ {
		label := "Conditions"
		if i < len(p.lists) {
			label = p.lists[i].Kind().Title()
		}
		worst := p.tabWorst(i)
		text := fmt.Sprintf(" %d %s", i+1, label)
		if worst >= model.VerdictWarning {
			text += "!"
		}
		text += " "
		style := st.Tab
		if worst >= model.VerdictWarning {
			style = p.env.VerdictStyle(worst)
		}
		if i == p.active {
			style = style.Inherit(st.TabOn)
		}
		b.WriteString(style.Render(text))
	}
	return b.String()
}

// tabWorst is the worst verdict among a tab's objects, from the snapshot's roll-up.
func (p *Page) tabWorst(tab int) model.Verdict {
	s := p.snap
	if s == nil {
		return model.VerdictOK
	}
	if tab == p.conditionsTab {
		if s.Managed != nil {
			return s.Managed.Health.Verdict
		}
		return model.VerdictOK
	}
	return kindWorst(p.lists[tab].Kind(), p.fleet, s)
}

// kindWorst is the worst verdict among a cluster's objects of one kind.
func kindWorst(k rows.Kind, f *model.Fleet, s *model.ClusterSnapshot) model.Verdict {
	switch k {
	case rows.KindApps:
		return f.AppsFor(s).Worst
	case rows.KindSecrets:
		return s.Summary.Secrets.Worst
	case rows.KindStores:
		return s.Summary.Stores.Worst
	case rows.KindVolumes:
		return s.Summary.Volumes.Worst
	case rows.KindPolicies:
		return s.Summary.Policies.Worst
	case rows.KindNodes:
		w := s.Summary.Nodes.Worst
		for i := range s.StorageClusters {
			w = model.Worse(w, s.StorageClusters[i].Health.Verdict)
		}
		return w
	}
	return model.VerdictOK
}
