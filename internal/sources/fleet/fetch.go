package fleet

import (
	"context"
	"fmt"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/clusterview"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// FetchYAML reads one object from its cluster and returns it as YAML without managedFields
// and the last-applied annotation. Snapshots keep projections only, so the detail view asks
// for the whole object when it is opened. A managed cluster reached without its own API
// server is read through a ManagedClusterView on the hub (never in read-only mode, which
// creates nothing). Secrets are refused: mcgtui never reads them.
func (m *Manager) FetchYAML(ctx context.Context, ref model.Ref) (string, error) {
	if ref.Resource == "secrets" && (ref.APIVersion == "v1" || ref.APIVersion == "") {
		return "", fmt.Errorf("mcgtui does not read Secrets")
	}
	m.mu.Lock()
	conn, ok := m.conns[ref.Cluster]
	e := m.entries[ref.Cluster]
	m.mu.Unlock()
	var u *unstructured.Unstructured
	switch {
	case ok && conn.Dynamic != nil:
		gv, err := schema.ParseGroupVersion(ref.APIVersion)
		if err != nil {
			return "", fmt.Errorf("bad apiVersion %q: %w", ref.APIVersion, err)
		}
		if u, err = conn.Dynamic.Resource(gv.WithResource(ref.Resource)).Namespace(ref.Namespace).Get(ctx, ref.Name, metav1.GetOptions{}); err != nil {
			return "", err
		}
	case e == nil || e.hub || m.opts.Hub.Dynamic == nil:
		return "", fmt.Errorf("no access to cluster %s", ref.Cluster)
	case m.opts.ReadOnly:
		return "", fmt.Errorf("read-only: mcgtui creates nothing, not even a ManagedClusterView, so %s on %s (reached through hub facts only) cannot be opened",
			ref.Name, ref.Cluster)
	default:
		var err error
		if u, err = clusterview.Fetch(ctx, m.opts.Hub.Dynamic, ref, m.opts.ViewTimeout); err != nil {
			return "", err
		}
	}
	u.SetManagedFields(nil)
	if ann := u.GetAnnotations(); ann != nil {
		delete(ann, "kubectl.kubernetes.io/last-applied-configuration")
		if len(ann) == 0 {
			ann = nil
		}
		u.SetAnnotations(ann)
	}
	out, err := yaml.Marshal(u.Object)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// Settled reports whether every source of every cluster in f has finished its first attempt
// (Ready or failed), which is when `mcgtui status` can print its verdicts.
func Settled(f *model.Fleet) bool {
	if f == nil {
		return false
	}
	for _, c := range f.Clusters {
		if !c.PolicySource.State.Settled() {
			return false
		}
		for _, s := range c.Sources {
			if !s.State.Settled() {
				return false
			}
		}
		if c.Portworx != nil && !c.Portworx.Source.State.Settled() {
			return false // the Portworx SDK's first poll
		}
	}
	return true
}
