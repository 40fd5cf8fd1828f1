package pages

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Subject is what the root's action keys act on from the page on top: the row under the
// cursor and the kind of list it is in.
type Subject struct {
	Row  rows.Row
	Kind rows.Kind
	// List is the list holding the row when rows there can be marked; nil otherwise.
	List *List
	// Inspect offers d and D (the drift page opens the diff itself and is already the drift).
	Inspect bool
}

// SubjectPage is a page whose object under the cursor the action keys can act on.
type SubjectPage interface {
	// Subject returns the object under the cursor; false when there is none (an empty list,
	// a tab of another kind, an app gone from the fleet).
	Subject() (Subject, bool)
}

// ListSubject is the subject of a list of apps or external secrets: its cursor row.
func ListSubject(l *List) (Subject, bool) {
	if l == nil || (l.q.Kind != rows.KindApps && l.q.Kind != rows.KindSecrets) {
		return Subject{}, false
	}
	r, ok := l.table.Selected()
	if !ok {
		return Subject{}, false
	}
	return Subject{Row: *r, Kind: l.q.Kind, List: l, Inspect: l.q.Kind == rows.KindApps}, true
}

// AppSubject makes an app the subject of the action keys on a page showing one app.
func AppSubject(a *model.App) (Subject, bool) {
	if a == nil {
		return Subject{}, false
	}
	return Subject{Row: rows.Row{Key: rows.ObjectKey(&a.Meta), Ref: a.Ref, Obj: a, Verdict: a.Health.Verdict}, Kind: rows.KindApps}, true
}

// ObjectSubject makes the object of a detail page the subject of the action keys: an app
// (with d and D, since the detail page is neither its drift nor its diff) or an ExternalSecret
// (force-sync); false for other kinds, which have no actions.
func ObjectSubject(obj any) (Subject, bool) {
	switch o := obj.(type) {
	case *model.App:
		s, ok := AppSubject(o)
		s.Inspect = ok
		return s, ok
	case *model.ExternalSecret:
		return Subject{Row: rows.Row{Key: rows.ObjectKey(&o.Meta), Ref: o.Ref, Obj: o, Verdict: o.Health.Verdict}, Kind: rows.KindSecrets}, true
	}
	return Subject{}, false
}

// DiffKey is the key that opens an app's diff page, from a list of apps and from its drift page.
func DiffKey(bs components.Bindings) key.Binding {
	return bs.Bind("diff", key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "diff view")))
}

// ScrollPage is what every one-pane page (detail, drift, diff) shares: a viewport that the
// mouse wheel scrolls, and no lists. Pages embed it.
type ScrollPage struct {
	Pane viewport.Model
}

// Wheel implements Page.
func (s *ScrollPage) Wheel(n int) {
	if n < 0 {
		s.Pane.ScrollUp(-n)
	} else {
		s.Pane.ScrollDown(n)
	}
}

// ActiveList implements Page: a one-pane page has no list.
func (s *ScrollPage) ActiveList() *List { return nil }
