package detail

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// An object of a cluster reached through hub facts only is opened through a
// ManagedClusterView on the hub, and the page says so while it waits and above the YAML; an
// object of a watched cluster is not labelled.
func TestDetailSaysWhenTheYAMLComesThroughAView(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	app := &model.App{Meta: model.Meta{Ref: model.Ref{Cluster: "edge", APIVersion: "argoproj.io/v1alpha1", Resource: "applications", Kind: "Application", Namespace: "argocd", Name: "a"}}}
	fleet := &model.Fleet{Clusters: []*model.ClusterSnapshot{
		{Name: "hub", Hub: true, Access: model.AccessContext},
		{Name: "edge", Access: model.AccessHub},
		{Name: "east", Access: model.AccessProxy},
	}}
	for _, tc := range []struct {
		cluster string
		via     bool
	}{{"edge", true}, {"east", false}} {
		ref := app.Ref
		ref.Cluster = tc.cluster
		p := New(rows.Row{Ref: ref, Obj: app}, pages.NewEnv(func() time.Time { return now }))
		p.SetSize(120, 40)
		p.Show(fleet)
		view := plain(p.View())
		if got := strings.Contains(view, "through a ManagedClusterView") && strings.Contains(view, "work agent"); got != tc.via {
			t.Errorf("%s: labelled as a view: %v, want %v\n%s", tc.cluster, got, tc.via, view)
		}
		p.Receive(pages.YAMLMsg{PageID: p.id, YAML: "kind: Application\n"})
		if view := plain(p.View()); strings.Contains(view, "work agent") || !strings.Contains(view, "kind: Application") {
			t.Errorf("%s: after the answer:\n%s", tc.cluster, view)
		}
	}
}

var escapes = regexp.MustCompile("\x1b\\[[0-9;]*m")

// plain is the page's text without its styling.
func plain(s string) string { return escapes.ReplaceAllString(s, "") }
