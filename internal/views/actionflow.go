package views

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/confirm"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// An action goes: key → permission check (Cmd) → confirmation dialog (defaults to No) →
// Execute (Cmd) → outcome in the message line. The rows change only when the watched data
// does: nothing here guesses the result of an action.

// readOnlyMessage is all an action key does while actions are disabled.
const readOnlyMessage = "read-only: actions are disabled"

const (
	permissionTimeout = 15 * time.Second
	executeTimeout    = 2 * time.Minute
)

// permissionMsg answers the permission check started by an action key: the request, its
// targets completed with their kubeconfig contexts, and why targets were refused.
type permissionMsg struct {
	seq    uint64 // the key press it answers (Model.actionSeq); older ones are dropped
	req    actions.Request
	app    *confirm.App // what the dialog offers of the app of a single-app sync
	denied []string     // one reason per refused target
	// refused are the targets denied, each "cluster ns/name: why", in target order; the
	// dialog offers to run the others.
	refused []string
}

// actionDoneMsg carries the outcome of a confirmed request: one result per target.
type actionDoneMsg struct {
	req     actions.Request
	results []actions.Result
}

// readOnly reports whether actions are disabled: by the option, or because the backend's
// executor refuses everything.
func (m *Model) readOnly() bool {
	if m.opts.ReadOnly {
		return true
	}
	switch m.backend.Executor().(type) {
	case actions.ReadOnly, *actions.ReadOnly:
		return true
	}
	return false
}

// actionHelp is the help of the action keys that apply on the page on top.
func (m *Model) actionHelp() components.TitledKeyMap {
	sp, ok := m.top().(pages.SubjectPage)
	if !ok {
		return components.KeyGroups{}
	}
	s, ok := sp.Subject()
	if !ok {
		return components.KeyGroups{}
	}
	return m.actionKeys.helpFor(s, m.readOnly())
}

// onActionKey handles d, D, the action keys and marking for the object under the cursor; it
// reports false when msg is none of them on the page on top.
func (m *Model) onActionKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	sp, ok := m.top().(pages.SubjectPage)
	if !ok {
		return nil, false
	}
	s, ok := sp.Subject()
	if !ok {
		return nil, false
	}
	k := m.actionKeys
	if s.Inspect {
		switch {
		case key.Matches(msg, k.Drift):
			return pages.Send(pages.OpenDriftMsg{Row: s.Row}), true
		case key.Matches(msg, k.Diff):
			return pages.Send(pages.OpenDiffMsg{Row: s.Row}), true
		}
	}
	kind, isAction := k.actionKind(msg, s)
	marking := s.List != nil && key.Matches(msg, k.Mark, k.ClearMarks)
	switch {
	case !isAction && !marking:
		return nil, false
	case m.readOnly():
		m.setMessage(readOnlyMessage, true)
	case marking && key.Matches(msg, k.ClearMarks):
		m.env.Marks.Clear()
	case marking:
		m.env.Marks.Toggle(s.Row)
		s.List.Table().MoveBy(1)
	default:
		return m.checkPermission(kind, s), true
	}
	return nil, true
}

// checkPermission starts the permission check of an action on the marked objects it applies
// to, else on the object under the cursor. Allowed is I/O (a SelfSubjectAccessReview), so
// it runs in the returned Cmd, as does completing the targets.
func (m *Model) checkPermission(kind actions.Kind, s pages.Subject) tea.Cmd {
	refs := m.env.Marks.Matching(kind)
	if len(refs) == 0 {
		refs = []model.Ref{s.Row.Ref}
	}
	return m.checkTargets(kind, refs, s)
}

// checkTargets starts the permission check of an action on refs; s is the object under the
// cursor, which a single-app sync's dialog describes.
func (m *Model) checkTargets(kind actions.Kind, refs []model.Ref, s pages.Subject) tea.Cmd {
	var app *confirm.App
	if a, ok := s.Row.Obj.(*model.App); ok && kind == actions.Sync && len(refs) == 1 && refs[0] == s.Row.Ref {
		app = &confirm.App{TargetRevision: rows.TargetRevision(a), OutOfSync: rows.OutOfSyncResources(a)}
	}
	if m.switching != "" {
		m.setMessage(switchingNoActions(m.switching), true)
		return nil
	}
	m.actionSeq++
	m.checking = true
	m.setMessage(fmt.Sprintf("checking permission to %s %s…", kind, confirm.CountNoun(len(refs), kind)), false)
	seq, b := m.actionSeq, m.backend
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), permissionTimeout)
		defer cancel()
		exec := b.Executor()
		msg := permissionMsg{seq: seq, req: actions.Request{Kind: kind}, app: app}
		var allowed []actions.Target
		for _, ref := range refs {
			t := b.Target(ref)
			msg.req.Targets = append(msg.req.Targets, t)
			if ok, why := exec.Allowed(ctx, kind, t); !ok {
				msg.denied = append(msg.denied, why)
				msg.refused = append(msg.refused, ref.Cluster+" "+strings.TrimPrefix(ref.Namespace+"/"+ref.Name, "/")+": "+why)
			} else {
				allowed = append(allowed, t)
			}
		}
		if len(allowed) > 0 && len(msg.denied) > 0 {
			// Some targets may be acted on: the dialog lists the refused ones and why, and
			// offers the rest (still defaulting to No).
			msg.req.Targets, msg.denied = allowed, nil
		}
		return msg
	}
}

// onPermission opens the confirmation dialog when every target is allowed; otherwise it says
// why not and sends nothing.
func (m *Model) onPermission(msg permissionMsg) tea.Cmd {
	if msg.seq != m.actionSeq {
		return nil // a newer action key was pressed meanwhile
	}
	m.checking = false
	if n := len(msg.denied); n > 0 {
		text := humanize.OneLine(msg.denied[0])
		if n > 1 {
			text += fmt.Sprintf(" (and %d more of %d targets refused)", n-1, len(msg.req.Targets))
		}
		m.setMessage(text, true)
		return nil
	}
	m.setMessage("", false)
	// The dialog takes every key: nothing may hide it (help opened, or a prompt, meanwhile).
	m.showHelp = false
	if m.prompt.Active() {
		m.closePrompt()
	}
	m.dialog = confirm.New(msg.req, msg.app, &m.env.Styles)
	m.dialog.SetRefused(msg.refused)
	m.dialog.SetSize(m.width, m.bodyHeight())
	return nil
}

// onDialogKey passes a key to the confirmation dialog and acts on its outcome.
func (m *Model) onDialogKey(msg tea.KeyPressMsg) tea.Cmd {
	outcome, cmd := m.dialog.Update(msg)
	req := m.dialog.Request()
	switch outcome {
	case confirm.Cancelled:
		m.dialog = nil
		m.setMessage(req.Kind.String()+" cancelled: nothing was sent", false)
	case confirm.Confirmed:
		m.dialog = nil
		return m.execute(req)
	}
	return cmd
}

// execute sends a confirmed request in a Cmd.
func (m *Model) execute(req actions.Request) tea.Cmd {
	if m.switching != "" {
		// The request's targets were resolved on the fleet being replaced.
		m.setMessage(switchingNoActions(m.switching)+": nothing was sent", true)
		return nil
	}
	m.executing++
	m.setMessage(fmt.Sprintf("sending %s to %s…", confirm.ActionName(req), confirm.CountNoun(len(req.Targets), req.Kind)), false)
	// The executor of the fleet the request was confirmed on: after a context switch the
	// backend's would be another hub's, where the same cluster names may mean other clusters.
	exec := m.backend.Executor()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), executeTimeout)
		defer cancel()
		return actionDoneMsg{req: req, results: exec.Execute(ctx, req)}
	}
}

// onActionDone reports the outcome; the marks of the objects it was sent to are cleared, those
// of failed targets stay for a retry.
func (m *Model) onActionDone(msg actionDoneMsg) {
	m.executing = max(m.executing-1, 0)
	var sent []model.Ref
	var failed []actions.Result
	for _, r := range msg.results {
		if r.Err == nil {
			sent = append(sent, r.Target.Ref)
		} else {
			failed = append(failed, r)
		}
	}
	m.env.Marks.Unmark(sent)
	m.setMessage(outcomeText(msg.req, len(sent), failed), len(failed) > 0)
}

// outcomeText says what happened: "sync sent to 3 apps; 1 failed: cluster-east-1
// openshift-gitops/payments: …".
func outcomeText(req actions.Request, sent int, failed []actions.Result) string {
	what := confirm.ActionName(req)
	if len(failed) == 0 {
		return fmt.Sprintf("%s sent to %s", what, confirm.CountNoun(sent, req.Kind))
	}
	first := failed[0]
	why := first.Target.Ref.Cluster + " " + strings.TrimPrefix(first.Target.Ref.Namespace+"/"+first.Target.Ref.Name, "/") +
		": " + humanize.OneLine(first.Err.Error())
	if len(failed) > 1 {
		why += fmt.Sprintf(" (and %d more)", len(failed)-1)
	}
	if sent == 0 {
		return fmt.Sprintf("%s failed for %s: %s", what, confirm.CountNoun(len(failed), req.Kind), why)
	}
	return fmt.Sprintf("%s sent to %s; %d failed: %s", what, confirm.CountNoun(sent, req.Kind), len(failed), why)
}
