package confirm

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

const (
	dialogMaxWidth = 88
	// optionLabelWidth is the width of an option's checkbox and label, before what it does.
	optionLabelWidth = 28
	// dialogChrome is the border (2), the title and the line below it (2), and the footer:
	// a blank line, the options summary, the buttons and the hint (4).
	dialogChrome = 8
)

// syncOption is one sync toggle and what it does.
type syncOption struct {
	field dialogField
	label string
	does  string
}

// syncOptions are the sync toggles in focus order.
func syncOptions() []syncOption {
	return []syncOption{
		{fieldPrune, "prune", "delete resources that are no longer in git"},
		{fieldDryRun, "dry-run", "validate only, change nothing"},
		{fieldForce, "force", "replace resources that fail to apply"},
		{fieldApplyOutOfSyncOnly, "apply out-of-sync only", "skip resources that are in sync"},
	}
}

// boxWidth is the dialog's outer width.
func (d *Dialog) boxWidth() int { return min(d.width-2, dialogMaxWidth) }

// bodyRoom is the number of body lines that fit.
func (d *Dialog) bodyRoom() int { return d.height - dialogChrome }

// bodyLines renders the scrollable middle: the targets grouped by cluster, then the sync
// options. focusLine is the line of the focused option, -1 when a button has the focus.
func (d *Dialog) bodyLines() (lines []string, focusLine int) {
	st := d.st
	focusLine = -1
	for _, l := range d.req.Lines() {
		l = humanize.Sanitize(l)
		if !strings.HasPrefix(l, " ") {
			l = st.Header.Render(l)
		}
		lines = append(lines, l)
	}
	if n := len(d.refused); n > 0 {
		lines = append(lines, "", st.Danger.Render(fmt.Sprintf("Refused, not sent (%d):", n)))
		for _, r := range d.refused {
			lines = append(lines, "  "+humanize.OneLine(r))
		}
		lines = append(lines, st.Dim.Render(fmt.Sprintf("Yes runs it on the other %s only.", CountNoun(len(d.req.Targets), d.req.Kind))))
	}
	if d.req.Kind != actions.Sync {
		return lines, focusLine
	}
	item := d.focused()
	mark := func(f dialogField, res int) string {
		if item.field == f && (f != fieldResource || item.resource == res) {
			focusLine = len(lines)
			return "› "
		}
		return "  "
	}
	lines = append(lines, "", st.Section.Render("Sync options"))
	lines = append(lines, mark(fieldRevision, 0)+"revision  ["+d.revision.View()+"]"+
		st.Dim.Render("  empty = "+humanize.OneLine(d.targetRev)))
	o := d.req.Sync
	on := map[dialogField]bool{fieldPrune: o.Prune, fieldDryRun: o.DryRun, fieldForce: o.Force,
		fieldApplyOutOfSyncOnly: o.ApplyOutOfSyncOnly}
	for _, opt := range syncOptions() {
		text := checkbox(on[opt.field]) + " " + components.Fit(opt.label, optionLabelWidth-4)
		if on[opt.field] && (opt.field == fieldPrune || opt.field == fieldForce) && !o.DryRun {
			text = st.Danger.Render(text)
		}
		text += st.Dim.Render(opt.does)
		lines = append(lines, mark(opt.field, 0)+text)
	}
	if len(d.offered) > 0 {
		lines = append(lines, "", st.Section.Render("Selected resources only")+st.Dim.Render("  (none picked: the whole app)"))
		for i, r := range d.offered {
			title := r.Kind + " " + strings.TrimPrefix(r.Namespace+"/"+r.Name, "/")
			if r.Group != "" {
				title = r.Group + "/" + title
			}
			lines = append(lines, mark(fieldResource, i)+checkbox(d.picked[i])+" "+humanize.OneLine(title))
		}
	}
	return lines, focusLine
}

func checkbox(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}

// View renders the dialog as a bordered box, at most the size set.
func (d *Dialog) View() string {
	w := d.boxWidth()
	st := d.st
	req := d.Request()
	if w < 12 || d.height < 3 { // no room for a box: one line that still says what enter does
		return components.Clip(st.Danger.Render(humanize.OneLine(req.Title())+"? ")+d.hint(req), d.width)
	}
	inner := w - 4
	titleStyle := st.Header
	if req.Dangerous() {
		titleStyle = st.Danger
	}
	lines := []string{titleStyle.Render(humanize.OneLine(req.Title())), ""}
	lines = append(lines, d.visibleBody()...)
	lines = append(lines, "", d.optionsLine(req), d.buttons(), st.Dim.Render(d.hint(req)))
	if over := len(lines) - (d.height - 2); over > 0 {
		// A very short terminal: keep the title and the footer (buttons and hint).
		lines = append(lines[:1], lines[min(1+over, len(lines)-1):]...)
		lines = lines[max(len(lines)-(d.height-2), 0):]
	}
	border := st.Border
	if req.Dangerous() {
		border = st.Danger
	}
	out := []string{border.Render("╭" + strings.Repeat("─", w-2) + "╮")}
	for _, l := range lines {
		out = append(out, border.Render("│")+" "+components.Fit(l, inner)+" "+border.Render("│"))
	}
	out = append(out, border.Render("╰"+strings.Repeat("─", w-2)+"╯"))
	return strings.Join(out, "\n")
}

// visibleBody is the window of the body that fits, with a line saying what is hidden above
// or below.
func (d *Dialog) visibleBody() []string {
	body, _ := d.bodyLines()
	room := d.bodyRoom()
	switch {
	case len(body) <= room:
		return body
	case room < 3:
		return nil // the title and the buttons need the little room there is
	}
	offset := max(min(d.offset, len(body)-room), 0)
	window := append([]string(nil), body[offset:offset+room]...)
	if offset > 0 {
		window[0] = d.st.Dim.Render(fmt.Sprintf("  ↑ %d more lines (pgup)", offset+1))
	}
	if below := len(body) - offset - room; below > 0 {
		window[room-1] = d.st.Dim.Render(fmt.Sprintf("  ↓ %d more lines (pgdn)", below+1))
	}
	return window
}

// optionsLine summarises the options that will be sent; prune and force in red unless it is
// a dry run.
func (d *Dialog) optionsLine(req actions.Request) string {
	switch req.Kind {
	case actions.Refresh:
		return "Argo CD compares with git again; nothing is applied."
	case actions.HardRefresh:
		return "Argo CD drops its manifest cache and compares again; nothing is applied."
	case actions.ForceSync:
		return "ESO reads the secret from its store now and updates the Secret."
	}
	opts := req.Options()
	if len(opts) == 0 {
		return "Options: none (sync to the target revision; nothing is pruned or forced)"
	}
	for i, o := range opts {
		opts[i] = humanize.OneLine(o)
		if req.Dangerous() && (o == "prune" || o == "force") {
			opts[i] = d.st.Danger.Render(o)
		}
	}
	text := "Options: " + strings.Join(opts, ", ")
	if req.Dangerous() {
		text += d.st.Danger.Render(" — can delete or replace live objects")
	}
	return text
}

// buttons renders No and Yes; the focused one is marked "›" and reversed.
func (d *Dialog) buttons() string {
	button := func(label string, f dialogField) string {
		if d.focused().field == f {
			return "›" + d.st.Selected.Render("[ "+label+" ]")
		}
		return " [ " + label + " ]"
	}
	return strings.Repeat(" ", 8) + button("No", fieldNo) + "   " + button("Yes", fieldYes)
}

// hint says what enter does now, so that nobody confirms by accident.
func (d *Dialog) hint(req actions.Request) string {
	options := ""
	if d.HasOptions() {
		options = " · ↑: options" // the options sit above the buttons; say how to get there
	}
	switch d.focused().field {
	case fieldNo:
		return "enter: cancel (No) · y: Yes" + options + " · ?: keys · esc: cancel"
	case fieldYes:
		return fmt.Sprintf("enter: %s %s now · n: No%s · ?: keys · esc: cancel", ActionName(req),
			CountNoun(len(req.Targets), req.Kind), options)
	case fieldRevision:
		return "type a revision · tab/↓: next · esc: cancel"
	}
	return "space: toggle · tab/↓ ↑: move · y: go to Yes · ?: keys · esc: cancel"
}

// ActionName names a request in messages: "sync", "sync (dry-run)", "hard refresh".
func ActionName(req actions.Request) string {
	if req.Kind == actions.Sync && req.Sync.DryRun {
		return "sync (dry-run)"
	}
	return req.Kind.String()
}

// CountNoun counts the objects an action of kind k acts on: "1 app", "3 external secrets".
func CountNoun(n int, k actions.Kind) string {
	if k == actions.ForceSync {
		return components.Plural(n, "external secret")
	}
	return components.Plural(n, "app")
}
