package views

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
)

// dialogOutcome is what a key press did to the confirmation dialog.
type dialogOutcome uint8

const (
	dialogOpen      dialogOutcome = iota // still open
	dialogCancelled                      // esc, or enter on No: nothing is sent
	dialogConfirmed                      // enter on Yes: send the request
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

// confirmDialog asks whether to send one request. It shows the request's title, every target
// grouped by cluster with its kubeconfig context, and the options; for a sync it also lets
// the user set them (revision, prune, dry-run, force, apply-out-of-sync-only and, for a single
// app, some of its out-of-sync resources only). It defaults to No: enter sends the request
// only after the focus was moved to Yes (y or tab), esc always cancels.
type confirmDialog struct {
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
	st        *styles
}

// newConfirmDialog opens the dialog for req with the focus on No. app is the one app of a
// single-app sync (its out-of-sync resources can be picked), else nil.
func newConfirmDialog(req actions.Request, app *model.App, st *styles) *confirmDialog {
	d := &confirmDialog{req: req, keys: newDialogKeyMap(), st: st}
	if req.Kind == actions.Sync {
		d.targetRev = "each app's target revision"
		d.items = []dialogItem{{field: fieldRevision}, {field: fieldPrune}, {field: fieldDryRun},
			{field: fieldForce}, {field: fieldApplyOutOfSyncOnly}}
		if app != nil {
			d.targetRev = "target revision " + targetRevision(app)
			d.offered = outOfSyncResources(app)
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

func newRevisionInput(st *styles) textinput.Model {
	in := textinput.New()
	styles := in.Styles()
	styles.Cursor.Blink = false
	styles.Focused.Placeholder = st.dim
	styles.Blurred.Placeholder = st.dim
	in.SetStyles(styles)
	in.Prompt = ""
	in.CharLimit = 200
	in.SetWidth(18)
	return in
}

// targetRevision is the app's target revision(s) as the spec says; "HEAD" is Argo CD's
// default when a source names none.
func targetRevision(a *model.App) string {
	var revs []string
	for _, s := range a.Sources {
		rev := firstNonEmpty(s.TargetRevision, "HEAD")
		if !slices.Contains(revs, rev) {
			revs = append(revs, rev)
		}
	}
	if len(revs) == 0 {
		return "the app's target revision"
	}
	return strings.Join(revs, ", ")
}

// outOfSyncResources lists the app's resources that are out of sync or require pruning.
func outOfSyncResources(a *model.App) []actions.ResourceRef {
	var out []actions.ResourceRef
	for _, r := range a.Resources {
		if r.Status == "OutOfSync" || r.RequiresPruning {
			out = append(out, actions.ResourceRef{Group: r.Group, Kind: r.Kind, Namespace: r.Namespace, Name: r.Name})
		}
	}
	return out
}

// Request is the request with the options chosen so far.
func (d *confirmDialog) Request() actions.Request {
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
func (d *confirmDialog) SetSize(w, h int) {
	d.width, d.height = max(w, 0), max(h, 0)
	d.keepFocusVisible()
}

// KeyMap lists the dialog's keys.
func (d *confirmDialog) KeyMap() titledKeyMap { return d.keys }

// focused is the field that has the focus.
func (d *confirmDialog) focused() dialogItem { return d.items[d.focus] }

// Update handles a key press and reports whether the dialog stays open, was cancelled or
// confirmed.
func (d *confirmDialog) Update(msg tea.KeyPressMsg) (dialogOutcome, tea.Cmd) {
	k := d.keys
	item := d.focused()
	switch {
	case key.Matches(msg, k.Cancel):
		return dialogCancelled, nil
	case key.Matches(msg, k.Confirm):
		switch item.field {
		case fieldYes:
			return dialogConfirmed, nil
		case fieldNo:
			return dialogCancelled, nil
		case fieldRevision:
			return dialogOpen, d.moveFocus(1)
		}
		d.toggle(item)
		return dialogOpen, nil
	case key.Matches(msg, k.Next):
		return dialogOpen, d.moveFocus(1)
	case key.Matches(msg, k.Prev):
		return dialogOpen, d.moveFocus(-1)
	case key.Matches(msg, k.PageDown):
		body, _ := d.bodyLines()
		d.offset = min(d.offset+max(d.bodyRoom()-1, 1), max(len(body)-d.bodyRoom(), 0))
		return dialogOpen, nil
	case key.Matches(msg, k.PageUp):
		d.offset = max(d.offset-max(d.bodyRoom()-1, 1), 0)
		return dialogOpen, nil
	case item.field == fieldRevision:
		var cmd tea.Cmd
		d.revision, cmd = d.revision.Update(msg)
		return dialogOpen, cmd
	case key.Matches(msg, k.Yes), (item.field == fieldNo && key.Matches(msg, k.Right)):
		return dialogOpen, d.focusOn(len(d.items) - 1)
	case key.Matches(msg, k.No), (item.field == fieldYes && key.Matches(msg, k.Left)):
		return dialogOpen, d.focusOn(len(d.items) - 2)
	case key.Matches(msg, k.Toggle):
		d.toggle(item)
	}
	return dialogOpen, nil
}

// moveFocus moves the focus by delta stops, wrapping around.
func (d *confirmDialog) moveFocus(delta int) tea.Cmd {
	return d.focusOn((d.focus + delta + len(d.items)) % len(d.items))
}

// focusOn moves the focus to stop i; the revision input is focused only while it has it.
func (d *confirmDialog) focusOn(i int) tea.Cmd {
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
func (d *confirmDialog) toggle(item dialogItem) {
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
func (d *confirmDialog) keepFocusVisible() {
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

// Titles implements titledKeyMap.
func (dialogKeyMap) Titles() []string { return []string{"Confirm"} }
