package scale

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/demo"
)

// HistoryEntries is how many status.history entries every Application of PeerObjects has.
const HistoryEntries = 5

// PeerObjects returns the objects of issue #14's hub (make bench-peers): n Applications with
// realistic status (10 status.resources, 5 history entries, the last sync's results) and n/2
// ExternalSecrets, taken from the reference fleet's managed clusters. Each keeps its
// namespace; names are prefixed with the cluster's index so that they stay unique in one
// cluster. ok is false when the reference fleet generated has fewer.
func PeerObjects(n int) (apps, secrets []*unstructured.Unstructured, ok bool) {
	f := demo.Build(demo.ReferenceOptions(n/20 + n/200 + 2)) // some clusters have fewer apps
	for i, c := range f.Clusters {
		if c.Hub {
			continue // its Applications have 2 resources each; the managed clusters' have 10
		}
		prefix := fmt.Sprintf("c%04d-", i)
		for _, u := range c.Objects {
			switch {
			case u.GetKind() == "Application" && len(apps) < n:
				u = u.DeepCopy()
				padHistory(u, HistoryEntries)
				apps = append(apps, u)
			case u.GetKind() == "ExternalSecret" && len(secrets) < n/2:
				u = u.DeepCopy()
				secrets = append(secrets, u)
			default:
				continue
			}
			u.SetName(prefix + u.GetName())
		}
	}
	return apps, secrets, len(apps) == n && len(secrets) == n/2
}

// padHistory repeats an Application's oldest history entry, with ever smaller ids, until it
// has want entries (the demo keeps one per commit it knows, 4).
func padHistory(u *unstructured.Unstructured, want int) {
	history, _, _ := unstructured.NestedSlice(u.Object, "status", "history")
	if len(history) == 0 || len(history) >= want {
		return
	}
	first, _ := history[0].(map[string]any)
	id, _, _ := unstructured.NestedInt64(first, "id")
	for len(history) < want {
		id--
		entry := (&unstructured.Unstructured{Object: first}).DeepCopy().Object
		entry["id"] = id
		history = append([]any{entry}, history...)
	}
	_ = unstructured.SetNestedSlice(u.Object, history, "status", "history")
}

// NewHubSource is issue #14's hub in process: one cluster (the hub, no managed clusters)
// holding PeerObjects(apps) on fake clients whose watches stream (Stream is set), the shape
// make bench-peers loads into a real API server.
func NewHubSource(apps int) (*Source, error) {
	appObjs, secretObjs, ok := PeerObjects(apps)
	if !ok {
		return nil, fmt.Errorf("the reference fleet has %d Applications and %d ExternalSecrets, want %d and %d",
			len(appObjs), len(secretObjs), apps, apps/2)
	}
	f := demo.Build(demo.ReferenceOptions(1))
	hub := f.Clusters[0] // the hub comes first
	hub.Objects = nil
	for _, u := range f.Clusters[0].Objects {
		if u.GetKind() != "Application" && u.GetKind() != "ExternalSecret" {
			hub.Objects = append(hub.Objects, u)
		}
	}
	hub.Objects = append(append(hub.Objects, appObjs...), secretObjs...)
	s := newSourceOf(&demo.Fleet{Hub: f.Hub, Clusters: []demo.Cluster{hub}}, 0, true)
	s.Stream = true
	return s, nil
}
