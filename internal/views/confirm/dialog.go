// Package confirm is the confirmation dialog of an action (internal/actions): it shows the
// request's targets grouped by cluster and, for a sync, lets the user set its options. It
// defaults to No. It knows requests, not snapshots: the root hands it what it needs of an
// app (its target revision and out-of-sync resources).
package confirm

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

// Outcome is what a key press did to the confirmation dialog.
type Outcome uint8

const (
	Open      Outcome = iota // still open
	Cancelled                // esc, or enter on No: nothing is sent
	Confirmed                // enter on Yes: send the request
)

// dialogField is one stop of the dialog's focus.
type dialogField uint8

const (
	fieldRevision dialogField = iota
	fieldPrune
	fieldDryRun
	fieldForce
	fieldApplyOutOfSyncOnly
	fieldResource // one of a single app's out-of-sync resources (dialogItem.resource)
	fieldNo
	fieldYes
)

// dialogItem is a focus stop: a field, and for fieldResource the index of the resource.
type dialogItem struct {
	field    dialogField
	resource int
}

// Dialog asks whether to send one request. It shows the request's title, every target
// grouped by cluster with its kubeconfig context, and the options; for a sync it also lets
// the user set them (revision, prune, dry-run, force, apply-out-of-sync-only and, for a single
// app, some of its out-of-sync resources only). It defaults to No: enter sends the request
// only after the focus was moved to Yes (y or tab), esc always cancels.
type Dialog struct {
	req actions.Request
	// targetRev says what an empty revision means: "target revision main".
	targetRev string
	offered   []actions.ResourceRef // a single app's out-of-sync resources
	picked    []bool
	revision  textinput.Model
	items     []dialogItem
	focus     int // index into items
	offset    int // first body line shown when the dialog is taller than the screen
	width     int
	height    int
	keys      dialogKeyMap
	st        *components.Styles
	refused   []string // targets left out because they were refused, each with why
}

// SetRefused lists the targets that were left out of the request because the permission
// check refused them ("cluster ns/name: why"); the dialog shows them above the options.
func (d *Dialog) SetRefused(refused []string) { d.refused = refused }

// App is what the dialog offers of the one app of a single-app sync.
type App struct {
	// TargetRevision is what an empty revision means: the app's target revision(s).
	TargetRevision string
	// OutOfSync are the app's resources that are out of sync or require pruning; some of
	// them can be picked to sync only those.
	OutOfSync []actions.ResourceRef
}

// New opens the dialog for req with the focus on No. app is the one app of a single-app
// sync, else nil.
func New(req actions.Request, app *App, st *components.Styles) *Dialog {
	d := &Dialog{req: req, keys: newDialogKeyMap(), st: st}
	if req.Kind == actions.Sync {
		d.targetRev = "each app's target revision"
		d.items = []dialogItem{{field: fieldRevision}, {field: fieldPrune}, {field: fieldDryRun},
			{field: fieldForce}, {field: fieldApplyOutOfSyncOnly}}
		if app != nil {
			d.targetRev = "target revision " + app.TargetRevision
			d.offered = app.OutOfSync
			d.picked = make([]bool, len(d.offered))
			for i := range d.offered {
				d.items = append(d.items, dialogItem{field: fieldResource, resource: i})
			}
		}
		d.revision = newRevisionInput(st)
	}
	d.items = append(d.items, dialogItem{field: fieldNo}, dialogItem{field: fieldYes})
	d.focus = len(d.items) - 2
	return d
}

func newRevisionInput(st *components.Styles) textinput.Model {
	in := textinput.New()
	styles := in.Styles()
	styles.Cursor.Blink = false
	styles.Focused.Placeholder = st.Dim
	styles.Blurred.Placeholder = st.Dim
	in.SetStyles(styles)
	in.Prompt = ""
	in.CharLimit = 200
	in.SetWidth(18)
	return in
}

// Request is the request with the options chosen so far.
func (d *Dialog) Request() actions.Request {
	r := d.req
	if r.Kind != actions.Sync {
		return r
	}
	r.Sync.Revision = strings.TrimSpace(d.revision.Value())
	r.Sync.Resources = nil
	for i, on := range d.picked {
		if on {
			r.Sync.Resources = append(r.Sync.Resources, d.offered[i])
		}
	}
	return r
}

// SetSize sets the size of the area the dialog is drawn over.
func (d *Dialog) SetSize(w, h int) {
	d.width, d.height = max(w, 0), max(h, 0)
	d.keepFocusVisible()
}

// KeyMap lists the dialog's keys.
func (d *Dialog) KeyMap() components.TitledKeyMap { return d.keys }

// HasOptions reports whether the dialog has fields besides No and Yes (a sync's revision,
// prune, dry-run …).
func (d *Dialog) HasOptions() bool { return len(d.items) > 2 }

// Typing reports whether the focus is on a text field, where every printable key is text
// (so "?" is typed, not help).
func (d *Dialog) Typing() bool { return d.focused().field == fieldRevision }

// focused is the field that has the focus.
func (d *Dialog) focused() dialogItem { return d.items[d.focus] }

// Update handles a key press and reports whether the dialog stays open, was cancelled or
// confirmed.
func (d *Dialog) Update(msg tea.KeyPressMsg) (Outcome, tea.Cmd) {
	k := d.keys
	item := d.focused()
	switch {
	case key.Matches(msg, k.Cancel):
		return Cancelled, nil
	case key.Matches(msg, k.Confirm):
		switch item.field {
		case fieldYes:
			return Confirmed, nil
		case fieldNo:
			return Cancelled, nil
		case fieldRevision:
			return Open, d.moveFocus(1)
		}
		d.toggle(item)
		return Open, nil
	case key.Matches(msg, k.Next):
		return Open, d.moveFocus(1)
	case key.Matches(msg, k.Prev):
		return Open, d.moveFocus(-1)
	case key.Matches(msg, k.PageDown):
		body, _ := d.bodyLines()
		d.offset = min(d.offset+max(d.bodyRoom()-1, 1), max(len(body)-d.bodyRoom(), 0))
		return Open, nil
	case key.Matches(msg, k.PageUp):
		d.offset = max(d.offset-max(d.bodyRoom()-1, 1), 0)
		return Open, nil
	case item.field == fieldRevision:
		var cmd tea.Cmd
		d.revision, cmd = d.revision.Update(msg)
		return Open, cmd
	case key.Matches(msg, k.Yes), (item.field == fieldNo && key.Matches(msg, k.Right)):
		return Open, d.focusOn(len(d.items) - 1)
	case key.Matches(msg, k.No), (item.field == fieldYes && key.Matches(msg, k.Left)):
		return Open, d.focusOn(len(d.items) - 2)
	case key.Matches(msg, k.Toggle):
		d.toggle(item)
	}
	return Open, nil
}

// moveFocus moves the focus by delta stops, wrapping around.
func (d *Dialog) moveFocus(delta int) tea.Cmd {
	return d.focusOn((d.focus + delta + len(d.items)) % len(d.items))
}

// focusOn moves the focus to stop i; the revision input is focused only while it has it.
func (d *Dialog) focusOn(i int) tea.Cmd {
	d.focus = i
	d.keepFocusVisible()
	if d.req.Kind != actions.Sync {
		return nil
	}
	if d.focused().field == fieldRevision {
		return d.revision.Focus()
	}
	d.revision.Blur()
	return nil
}

// toggle flips the option or resource at item.
func (d *Dialog) toggle(item dialogItem) {
	o := &d.req.Sync
	switch item.field {
	case fieldPrune:
		o.Prune = !o.Prune
	case fieldDryRun:
		o.DryRun = !o.DryRun
	case fieldForce:
		o.Force = !o.Force
	case fieldApplyOutOfSyncOnly:
		o.ApplyOutOfSyncOnly = !o.ApplyOutOfSyncOnly
	case fieldResource:
		d.picked[item.resource] = !d.picked[item.resource]
	}
}

// keepFocusVisible scrolls the body so that the focused option is shown.
func (d *Dialog) keepFocusVisible() {
	_, line := d.bodyLines()
	room := d.bodyRoom()
	if line < 0 || room <= 0 {
		return
	}
	// One line of margin: the first and last lines may say that more is hidden.
	if line-1 < d.offset {
		d.offset = max(line-1, 0)
	}
	if line+1 >= d.offset+room {
		d.offset = line + 2 - room
	}
}

// dialogKeyMap holds the keys of the confirmation dialog.
type dialogKeyMap struct {
	Next     key.Binding
	Prev     key.Binding
	Toggle   key.Binding
	Yes      key.Binding
	No       key.Binding
	Left     key.Binding
	Right    key.Binding
	Confirm  key.Binding
	Cancel   key.Binding
	PageUp   key.Binding
	PageDown key.Binding
}

func newDialogKeyMap() dialogKeyMap {
	return dialogKeyMap{
		Next:     key.NewBinding(key.WithKeys("tab", "down"), key.WithHelp("tab/↓", "next")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("shift+tab/↑", "previous")),
		Toggle:   key.NewBinding(key.WithKeys("space", "x"), key.WithHelp("space", "toggle")),
		Yes:      key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "select Yes")),
		No:       key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", "select No")),
		Left:     key.NewBinding(key.WithKeys("left", "h")),
		Right:    key.NewBinding(key.WithKeys("right", "l")),
		Confirm:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll down")),
	}
}

// ShortHelp implements help.KeyMap.
func (k dialogKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Yes, k.Next, k.Toggle, k.Confirm, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k dialogKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Prev, k.Toggle, k.Yes, k.No, k.Confirm, k.Cancel, k.PageUp, k.PageDown}}
}

// Titles implements components.TitledKeyMap.
func (dialogKeyMap) Titles() []string { return []string{"Confirm"} }
