// Package actions describes mutating operations as values: what they do, to which objects on
// which clusters, whether they are dangerous. The views show a request in a confirmation
// dialog that defaults to No and hand it to an Executor; read-only mode refuses every request.
// The Kubernetes side of the operations lives in internal/sources (this package imports no
// client library, so the views can use it).
package actions

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// ErrReadOnly is the result of every request while mcgtui runs read-only.
var ErrReadOnly = errors.New("refused: mcgtui is running read-only (--readonly)")

// Kind is what a request does.
type Kind uint8

const (
	// Sync starts an Argo CD sync operation (the Application's .operation field).
	Sync Kind = iota
	// Refresh asks Argo CD to compare the app with git again (annotation refresh=normal).
	Refresh
	// HardRefresh also drops Argo CD's manifest cache (annotation refresh=hard).
	HardRefresh
	// ForceSync asks ESO to sync an ExternalSecret now (annotation force-sync=<unix seconds>;
	// on a ClusterExternalSecret external-secrets.io/force-sync, which ESO passes on).
	ForceSync
)

var kindNames = [...]string{"sync", "refresh", "hard refresh", "force-sync"}

// String names the kind for titles and the audit log.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Applies reports whether the kind applies to objects of the given Kubernetes kind.
func (k Kind) Applies(objectKind string) bool {
	switch k {
	case Sync, Refresh, HardRefresh:
		return objectKind == "Application"
	case ForceSync:
		return objectKind == "ExternalSecret" || objectKind == "ClusterExternalSecret" || objectKind == "PushSecret"
	}
	return false
}

// SyncOptions are the options of a sync, as the sync dialog offers them.
type SyncOptions struct {
	Revision           string        `json:"revision,omitempty"` // "" = the app's target revision
	Prune              bool          `json:"prune,omitempty"`
	DryRun             bool          `json:"dryRun,omitempty"`
	Force              bool          `json:"force,omitempty"`
	ApplyOutOfSyncOnly bool          `json:"applyOutOfSyncOnly,omitempty"`
	Resources          []ResourceRef `json:"resources,omitempty"` // only these; empty = all
}

// ResourceRef names one managed resource for a selective sync.
type ResourceRef struct {
	Group     string `json:"group,omitempty"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
}

// Target is one object a request acts on, with the kubeconfig context of its cluster.
type Target struct {
	Ref     model.Ref `json:"ref"`
	Context string    `json:"context,omitempty"`
}

// Request is one confirmed-or-not operation on one or more objects (a bulk request may span
// clusters).
type Request struct {
	Kind    Kind
	Targets []Target
	Sync    SyncOptions // for Sync only
}

// Title is the dialog's heading: "Sync Application argocd/guestbook on cluster-east",
// "Sync 3 applications on cluster-east", "Sync 5 applications on 2 clusters".
func (r Request) Title() string {
	verb := strings.ToUpper(r.Kind.String()[:1]) + r.Kind.String()[1:]
	if len(r.Targets) == 1 {
		t := r.Targets[0].Ref
		return fmt.Sprintf("%s %s %s on %s", verb, t.Kind, strings.TrimPrefix(t.Namespace+"/"+t.Name, "/"), t.Cluster)
	}
	noun := "applications"
	if r.Kind == ForceSync {
		noun = "external secrets"
	}
	where := r.Clusters()
	if len(where) == 1 {
		return fmt.Sprintf("%s %d %s on %s", verb, len(r.Targets), noun, where[0])
	}
	return fmt.Sprintf("%s %d %s on %d clusters", verb, len(r.Targets), noun, len(where))
}

// Dangerous reports whether the request can delete or overwrite live objects: a sync that
// prunes or forces. Dangerous requests are shown in red; no request is ever the default.
func (r Request) Dangerous() bool {
	return r.Kind == Sync && !r.Sync.DryRun && (r.Sync.Prune || r.Sync.Force)
}

// Clusters lists the clusters the request touches, sorted.
func (r Request) Clusters() []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range r.Targets {
		if !seen[t.Ref.Cluster] {
			seen[t.Ref.Cluster] = true
			out = append(out, t.Ref.Cluster)
		}
	}
	sort.Strings(out)
	return out
}

// Options lists the request's options for the dialog and the audit log ("prune", "dry-run").
func (r Request) Options() []string {
	if r.Kind != Sync {
		return nil
	}
	o := r.Sync
	var out []string
	if o.Revision != "" {
		out = append(out, "revision="+o.Revision)
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{o.Prune, "prune"}, {o.DryRun, "dry-run"}, {o.Force, "force"}, {o.ApplyOutOfSyncOnly, "apply-out-of-sync-only"}} {
		if f.on {
			out = append(out, f.name)
		}
	}
	if n := len(o.Resources); n > 0 {
		out = append(out, fmt.Sprintf("%d selected resources", n))
	}
	return out
}

// Lines describes every target for the confirmation dialog, grouped by cluster:
// "cluster-east (context east-admin)" then "  argocd/payments-api".
func (r Request) Lines() []string {
	byCluster := map[string][]Target{}
	for _, t := range r.Targets {
		byCluster[t.Ref.Cluster] = append(byCluster[t.Ref.Cluster], t)
	}
	var out []string
	for _, c := range r.Clusters() {
		ts := byCluster[c]
		head := c
		if ts[0].Context != "" {
			head += " (context " + ts[0].Context + ")"
		}
		out = append(out, head)
		for _, t := range ts {
			out = append(out, "  "+strings.TrimPrefix(t.Ref.Namespace+"/"+t.Ref.Name, "/"))
		}
	}
	return out
}

// Result is the outcome for one target.
type Result struct {
	Target Target
	Err    error
}

// Executor performs requests. The sources implement it against each target's cluster.
type Executor interface {
	// Allowed tells whether the current user may perform kind on the target (a cached
	// SelfSubjectAccessReview); reason explains a refusal.
	Allowed(ctx context.Context, kind Kind, t Target) (ok bool, reason string)
	// Execute performs a confirmed request, one result per target.
	Execute(ctx context.Context, r Request) []Result
}

// ReadOnly wraps an executor so that nothing is ever sent: every request is refused.
type ReadOnly struct{}

// Allowed implements Executor: nothing is allowed.
func (ReadOnly) Allowed(context.Context, Kind, Target) (bool, string) {
	return false, ErrReadOnly.Error()
}

// Execute implements Executor: every target is refused.
func (ReadOnly) Execute(_ context.Context, r Request) []Result {
	out := make([]Result, len(r.Targets))
	for i, t := range r.Targets {
		out[i] = Result{Target: t, Err: ErrReadOnly}
	}
	return out
}
