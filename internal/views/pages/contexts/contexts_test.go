package contexts

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/views/pages"
)

// A context name is shown made safe (no terminal escapes, no invisible characters) and
// switched to as the kubeconfig spells it.
func TestContextNamesAreShownSafelyAndSwitchedToAsTheyAre(t *testing.T) {
	p := New(pages.NewEnv(time.Now))
	p.SetSize(100, 10)
	evil := "prod\x1b[2J\u202eadmin"
	p.Receive(pages.ContextsMsg{PageID: 1, List: pages.ContextList{Current: "lab", Contexts: []pages.KubeContext{
		{Name: evil, Cluster: "prod\u200b", User: "sre"}, {Name: "lab", Cluster: "lab", User: "me"}}}})
	for _, r := range p.table.Rows() {
		for _, c := range r.RowCells() {
			if strings.ContainsAny(c, "\x1b\u202e\u200b") {
				t.Errorf("cell %q reaches the terminal as it is", c)
			}
		}
	}
	if got := p.table.SelectedKey(); got != "lab" {
		t.Fatalf("the cursor is on %q, want the current context", got)
	}
	p.HandleKey(tea.KeyPressMsg{Code: tea.KeyUp})
	msg := p.HandleKey(tea.KeyPressMsg{Code: tea.KeyEnter})()
	if sw, ok := msg.(pages.SwitchContextMsg); !ok || sw.Name != evil {
		t.Fatalf("enter asked for %#v, want a switch to the kubeconfig's own name", msg)
	}
}
