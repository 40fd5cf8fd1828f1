package fleet

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/eso"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
)

var (
	accessReviewGVR = schema.GroupVersionResource{Group: "authorization.k8s.io", Version: "v1", Resource: "selfsubjectaccessreviews"}
	selfReviewGVR   = schema.GroupVersionResource{Group: "authentication.k8s.io", Version: "v1", Resource: "selfsubjectreviews"}
)

// Executor performs actions on the fleet's clusters (actions.Executor). Before anything is
// sent it asks the target's API server whether the user may patch there (a cached
// SelfSubjectAccessReview); every attempt is written to the audit log.
type Executor struct {
	m     *Manager
	audit *actions.AuditLog
	now   func() time.Time

	mu      sync.Mutex
	allowed map[string]permission // cluster|group|resource|namespace
	users   map[string]string     // cluster → kube username
}

type permission struct {
	ok     bool
	reason string
}

// NewExecutor returns the executor for m's clusters, auditing to audit (nil: no audit file).
func NewExecutor(m *Manager, audit *actions.AuditLog) *Executor {
	return &Executor{m: m, audit: audit, now: m.opts.Now, allowed: map[string]permission{}, users: map[string]string{}}
}

func (m *Manager) conn(cluster string) (kube.Conn, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.conns[cluster]
	return c, ok && c.Dynamic != nil
}

// Allowed implements actions.Executor with a SelfSubjectAccessReview for "patch", cached per
// cluster, resource and namespace for the session.
func (e *Executor) Allowed(ctx context.Context, kind actions.Kind, t actions.Target) (bool, string) {
	if !kind.Applies(t.Ref.Kind) {
		return false, fmt.Sprintf("%s does not apply to a %s", kind, t.Ref.Kind)
	}
	conn, ok := e.m.conn(t.Ref.Cluster)
	if !ok {
		return false, e.m.noWritePath(t.Ref.Cluster)
	}
	gv, err := schema.ParseGroupVersion(t.Ref.APIVersion)
	if err != nil {
		return false, err.Error()
	}
	key := t.Ref.Cluster + "|" + gv.Group + "|" + t.Ref.Resource + "|" + t.Ref.Namespace
	e.mu.Lock()
	p, cached := e.allowed[key]
	e.mu.Unlock()
	if cached {
		return p.ok, p.reason
	}
	review := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
		"spec": map[string]any{"resourceAttributes": map[string]any{
			"verb": "patch", "group": gv.Group, "resource": t.Ref.Resource, "namespace": t.Ref.Namespace,
		}},
	}}
	out, err := conn.Dynamic.Resource(accessReviewGVR).Create(ctx, review, metav1.CreateOptions{})
	if err != nil {
		return false, "cannot check permission: " + err.Error() // not cached: may be transient
	}
	p.ok, _, _ = unstructured.NestedBool(out.Object, "status", "allowed")
	if !p.ok {
		p.reason = fmt.Sprintf("no permission to patch %s in namespace %s on %s", t.Ref.Resource, t.Ref.Namespace, t.Ref.Cluster)
		if why, _, _ := unstructured.NestedString(out.Object, "status", "reason"); why != "" {
			p.reason += ": " + why
		}
	}
	e.mu.Lock()
	e.allowed[key] = p
	e.mu.Unlock()
	return p.ok, p.reason
}

// User returns the kube identity mcgtui acts as on a cluster (SelfSubjectReview), or
// "mcgtui" when the server does not say.
func (e *Executor) User(ctx context.Context, cluster string) string {
	e.mu.Lock()
	u, ok := e.users[cluster]
	e.mu.Unlock()
	if ok {
		return u
	}
	u = "mcgtui"
	if conn, ok := e.m.conn(cluster); ok {
		review := &unstructured.Unstructured{Object: map[string]any{"apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"}}
		if out, err := conn.Dynamic.Resource(selfReviewGVR).Create(ctx, review, metav1.CreateOptions{}); err == nil {
			if name, _, _ := unstructured.NestedString(out.Object, "status", "userInfo", "username"); name != "" {
				u = name
			}
		}
	}
	e.mu.Lock()
	e.users[cluster] = u
	e.mu.Unlock()
	return u
}

// Execute implements actions.Executor: each target is checked and patched on its own cluster;
// a refusal or failure on one does not stop the others.
func (e *Executor) Execute(ctx context.Context, r actions.Request) []actions.Result {
	results := make([]actions.Result, len(r.Targets))
	for i, t := range r.Targets {
		results[i] = actions.Result{Target: t, Err: e.executeOne(ctx, r, t)}
	}
	if e.audit != nil {
		_ = e.audit.Record(actions.Entries(r, results, func(c string) string { return e.User(ctx, c) }, e.now())...)
	}
	return results
}

func (e *Executor) executeOne(ctx context.Context, r actions.Request, t actions.Target) error {
	if ok, why := e.Allowed(ctx, r.Kind, t); !ok {
		return errors.New(why)
	}
	conn, _ := e.m.conn(t.Ref.Cluster)
	gv, err := schema.ParseGroupVersion(t.Ref.APIVersion)
	if err != nil {
		return err
	}
	res := conn.Dynamic.Resource(gv.WithResource(t.Ref.Resource)).Namespace(t.Ref.Namespace)
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	var patch []byte
	switch r.Kind {
	case actions.Sync:
		live, err := res.Get(ctx, t.Ref.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if patch, err = argocd.SyncPatch(live, e.User(ctx, t.Ref.Cluster), r.Sync); err != nil {
			return err
		}
	case actions.Refresh, actions.HardRefresh:
		patch = argocd.RefreshPatch(r.Kind == actions.HardRefresh)
	case actions.ForceSync:
		patch = eso.ForceSyncPatch(t.Ref.Kind, e.now())
	default:
		return fmt.Errorf("unknown action %v", r.Kind)
	}
	_, err = res.Patch(ctx, t.Ref.Name, types.MergePatchType, patch, metav1.PatchOptions{})
	return err
}

// Target returns the action target for an object of the fleet: its ref and its cluster's
// kubeconfig context.
func (m *Manager) Target(ref model.Ref) actions.Target {
	c, _ := m.conn(ref.Cluster)
	return actions.Target{Ref: ref, Context: c.Context}
}
