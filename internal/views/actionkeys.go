package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// actionKeyMap holds the keys that act on the object under the cursor (or on the marked
// objects): the Argo CD and ESO actions, marking, and the app's drift and diff views.
type actionKeyMap struct {
	Sync        key.Binding
	Refresh     key.Binding
	HardRefresh key.Binding
	ForceSync   key.Binding
	Mark        key.Binding
	ClearMarks  key.Binding
	Drift       key.Binding
	Diff        key.Binding
}

func newActionKeyMap(bs components.Bindings) actionKeyMap {
	return actionKeyMap{
		Sync:        bs.Bind("sync", key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sync…"))),
		Refresh:     bs.Bind("refresh", key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh…"))),
		HardRefresh: bs.Bind("hardRefresh", key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "hard refresh…"))),
		ForceSync:   bs.Bind("forceSync", key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "force-sync…"))),
		Mark:        bs.Bind("mark", key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark for bulk action"))),
		ClearMarks:  bs.Bind("clearMarks", key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unmark all"))),
		Drift:       bs.Bind("drift", key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drift view"))),
		Diff:        pages.DiffKey(bs),
	}
}

// actionKind returns the action a key asks for on s, if it is an action key there.
func (k actionKeyMap) actionKind(msg tea.KeyPressMsg, s pages.Subject) (actions.Kind, bool) {
	switch {
	case s.Kind == rows.KindApps && key.Matches(msg, k.Sync):
		return actions.Sync, true
	case s.Kind == rows.KindApps && key.Matches(msg, k.Refresh):
		return actions.Refresh, true
	case s.Kind == rows.KindApps && key.Matches(msg, k.HardRefresh):
		return actions.HardRefresh, true
	case s.Kind == rows.KindSecrets && key.Matches(msg, k.ForceSync):
		return actions.ForceSync, true
	}
	return 0, false
}

// helpFor lists the keys that apply to s: the mutating ones only when actions are enabled.
func (k actionKeyMap) helpFor(s pages.Subject, readOnly bool) components.KeyGroups {
	var act, inspect []key.Binding
	if !readOnly {
		switch s.Kind {
		case rows.KindApps:
			act = append(act, k.Sync, k.Refresh, k.HardRefresh)
		case rows.KindSecrets:
			act = append(act, k.ForceSync)
		}
		if s.List != nil {
			act = append(act, k.Mark, k.ClearMarks)
		}
	}
	if s.Inspect {
		inspect = append(inspect, k.Drift, k.Diff)
	}
	var out components.KeyGroups
	if len(act) > 0 {
		out = append(out, components.KeyGroup{Title: "Actions", Keys: act})
	}
	if len(inspect) > 0 {
		out = append(out, components.KeyGroup{Title: "Inspect app", Keys: inspect})
	}
	return out
}
