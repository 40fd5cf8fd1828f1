package confirm

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

func TestDialogScrollsWhenTallerThanTheScreen(t *testing.T) {
	req := actions.Request{Kind: actions.Sync}
	for i := range 30 {
		req.Targets = append(req.Targets, actions.Target{Ref: model.Ref{Cluster: fmt.Sprintf("cluster-%02d", i), APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: "openshift-gitops", Name: "guestbook"}})
	}
	st := components.DefaultStyles()
	d := New(req, nil, &st)
	d.SetSize(80, 21)
	view := d.View()
	if n := len(strings.Split(view, "\n")); n > 21 {
		t.Fatalf("dialog is %d lines, the area 21", n)
	}
	if !strings.Contains(view, "more lines (pgdn)") || !strings.Contains(view, "[ No ]") {
		t.Fatalf("a tall dialog must say that more is below and keep its buttons:\n%s", view)
	}
	d.Update(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}) // onto the last option: the body scrolls to it
	if view = d.View(); !strings.Contains(view, "apply out-of-sync only") || !strings.Contains(view, "more lines (pgup)") {
		t.Fatalf("the focused option must be scrolled into view:\n%s", view)
	}
}
