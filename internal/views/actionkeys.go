package views

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
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

func newActionKeyMap() actionKeyMap {
	return actionKeyMap{
		Sync:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sync…")),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh…")),
		HardRefresh: key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "hard refresh…")),
		ForceSync:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "force-sync…")),
		Mark:        key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "mark for bulk action")),
		ClearMarks:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "unmark all")),
		Drift:       key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drift view")),
		Diff:        key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "diff view")),
	}
}

// subject is what the action keys act on from the page on top: the row under the cursor and
// the kind of list it is in.
type subject struct {
	row  row
	kind listKind
	// list is the list holding the row when rows there can be marked; nil otherwise.
	list *list
	// inspect offers d and D (the drift page opens the diff itself and is already the drift).
	inspect bool
}

// subjectPage is a page whose object under the cursor the action keys can act on.
type subjectPage interface {
	// Subject returns the object under the cursor; false when there is none (an empty list,
	// a tab of another kind, an app gone from the fleet).
	Subject() (subject, bool)
}

// listSubject is the subject of a list of apps or external secrets: its cursor row.
func listSubject(l *list) (subject, bool) {
	if l == nil || (l.q.kind != kindApps && l.q.kind != kindSecrets) {
		return subject{}, false
	}
	r, ok := l.table.Selected()
	return subject{row: r, kind: l.q.kind, list: l, inspect: l.q.kind == kindApps}, ok
}

// actionKind returns the action a key asks for on s, if it is an action key there.
func (k actionKeyMap) actionKind(msg tea.KeyPressMsg, s subject) (actions.Kind, bool) {
	switch {
	case s.kind == kindApps && key.Matches(msg, k.Sync):
		return actions.Sync, true
	case s.kind == kindApps && key.Matches(msg, k.Refresh):
		return actions.Refresh, true
	case s.kind == kindApps && key.Matches(msg, k.HardRefresh):
		return actions.HardRefresh, true
	case s.kind == kindSecrets && key.Matches(msg, k.ForceSync):
		return actions.ForceSync, true
	}
	return 0, false
}

// helpFor lists the keys that apply to s: the mutating ones only when actions are enabled.
func (k actionKeyMap) helpFor(s subject, readOnly bool) keyGroups {
	var act, inspect []key.Binding
	if !readOnly {
		switch s.kind {
		case kindApps:
			act = append(act, k.Sync, k.Refresh, k.HardRefresh)
		case kindSecrets:
			act = append(act, k.ForceSync)
		}
		if s.list != nil {
			act = append(act, k.Mark, k.ClearMarks)
		}
	}
	if s.inspect {
		inspect = append(inspect, k.Drift, k.Diff)
	}
	var out keyGroups
	if len(act) > 0 {
		out = append(out, keyGroup{title: "Actions", keys: act})
	}
	if len(inspect) > 0 {
		out = append(out, keyGroup{title: "Inspect app", keys: inspect})
	}
	return out
}

// keyGroup is one titled group of keys, for key maps assembled at run time.
type keyGroup struct {
	title string
	keys  []key.Binding
}

// ShortHelp implements help.KeyMap.
func (g keyGroup) ShortHelp() []key.Binding { return g.keys }

// FullHelp implements help.KeyMap.
func (g keyGroup) FullHelp() [][]key.Binding { return [][]key.Binding{g.keys} }

// Titles implements titledKeyMap.
func (g keyGroup) Titles() []string { return []string{g.title} }
