// Package diff holds what the diff view shows for one Argo CD Application: per managed
// resource, the live and desired state as YAML and their unified diff. Providers (the Argo CD
// server's REST API, the demo) fill a Result; the views render it. Pure Go: no client library.
package diff

import (
	"context"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Resource is one managed resource of an app.
type Resource struct {
	Group     string `json:"group,omitempty"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	// Modified is Argo CD's verdict: the live state differs from the desired one.
	Modified bool `json:"modified"`
	// LiveYAML is the normalized live state; "" when the resource does not exist yet.
	LiveYAML string `json:"live,omitempty"`
	// TargetYAML is the predicted live state after a sync (else the target state); "" when the
	// resource would be pruned.
	TargetYAML string `json:"target,omitempty"`
}

// Title names the resource: "apps/Deployment guestbook/guestbook-ui".
func (r Resource) Title() string {
	kind := r.Kind
	if r.Group != "" {
		kind = r.Group + "/" + r.Kind
	}
	return kind + " " + strings.TrimPrefix(r.Namespace+"/"+r.Name, "/")
}

// Unified is the resource's unified diff, live → target; "" when they are equal.
func (r Resource) Unified() string {
	if r.LiveYAML == r.TargetYAML {
		return ""
	}
	return udiff.Unified("live/"+r.fileName(), "target/"+r.fileName(), r.LiveYAML, r.TargetYAML)
}

// fileName is the resource's file in a diff tree: GROUP_KIND_NAMESPACE_NAME.yaml, like
// kubectl diff's.
func (r Resource) fileName() string {
	parts := []string{r.Group, r.Kind, r.Namespace, r.Name}
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, "/", "_")
	}
	return strings.Join(parts, "_") + ".yaml"
}

// Result is every managed resource of one app, modified ones first as the provider ordered them.
type Result struct {
	App model.Ref `json:"app"`
	// Source says where the diff came from ("Argo CD API https://argocd.example", "demo").
	Source    string     `json:"source"`
	Resources []Resource `json:"resources"`
}

// Modified returns the resources that differ.
func (r Result) Modified() []Resource {
	var out []Resource
	for _, res := range r.Resources {
		if res.Modified || res.LiveYAML != res.TargetYAML {
			out = append(out, res)
		}
	}
	return out
}

// Provider fetches the diff of one app. Errors explain themselves to an SRE: "no Argo CD
// server configured for cluster east", "401 Unauthorized from https://argocd.example".
type Provider interface {
	Diff(ctx context.Context, app model.App) (Result, error)
}

// HunkStarts returns the line numbers (0-based) of the "@@" hunk headers of a unified diff,
// for the view's next/previous hunk keys.
func HunkStarts(unified string) []int {
	var out []int
	for i, line := range strings.Split(unified, "\n") {
		if strings.HasPrefix(line, "@@") {
			out = append(out, i)
		}
	}
	return out
}
