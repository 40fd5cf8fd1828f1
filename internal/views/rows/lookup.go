package rows

import (
	"slices"
	"strings"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
)

// FindObject looks ref up again in a newer fleet; nil when it is gone. It runs in a Cmd.
func FindObject(f *model.Fleet, ref model.Ref) any {
	c := f.Cluster(ref.Cluster)
	if c == nil {
		return nil
	}
	same := func(m *model.Meta) bool {
		return m.Resource == ref.Resource && m.Namespace == ref.Namespace && m.Name == ref.Name
	}
	for i := range c.Apps {
		if same(&c.Apps[i].Meta) {
			return &c.Apps[i]
		}
	}
	for i := range c.Secrets {
		if same(&c.Secrets[i].Meta) {
			return &c.Secrets[i]
		}
	}
	for i := range c.Stores {
		if same(&c.Stores[i].Meta) {
			return &c.Stores[i]
		}
	}
	for i := range c.Volumes {
		if same(&c.Volumes[i].Meta) {
			return &c.Volumes[i]
		}
	}
	for i := range c.StorageClusters {
		if same(&c.StorageClusters[i].Meta) {
			return &c.StorageClusters[i]
		}
	}
	for i := range c.StorageNodes {
		if same(&c.StorageNodes[i].Meta) {
			return &c.StorageNodes[i]
		}
	}
	return findPolicy(c, same)
}

// TargetRevision is the app's target revision(s) as the spec says; "HEAD" is Argo CD's
// default when a source names none.
func TargetRevision(a *model.App) string {
	var revs []string
	for _, s := range a.Sources {
		rev := FirstNonEmpty(s.TargetRevision, "HEAD")
		if !slices.Contains(revs, rev) {
			revs = append(revs, rev)
		}
	}
	if len(revs) == 0 {
		return "the app's target revision"
	}
	return strings.Join(revs, ", ")
}

// OutOfSyncResources lists the app's resources that are out of sync or require pruning.
func OutOfSyncResources(a *model.App) []actions.ResourceRef {
	var out []actions.ResourceRef
	for _, r := range a.Resources {
		if r.Status == "OutOfSync" || r.RequiresPruning {
			out = append(out, actions.ResourceRef{Group: r.Group, Kind: r.Kind, Namespace: r.Namespace, Name: r.Name})
		}
	}
	return out
}
