package kube

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	discoveryfake "k8s.io/client-go/discovery/fake"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	clienttesting "k8s.io/client-go/testing"
)

var widgets = schema.GroupVersionResource{Group: "example.io", Version: "v1", Resource: "widgets"}

// widgetSpec is a one-kind product whose "apps" are widget names, enough to exercise the
// plumbing without any real product's decoder.
func widgetSpec() ProductSpec {
	return ProductSpec{
		Product: model.ProductArgoCD,
		Kinds: []KindSpec{{Group: "example.io", Versions: []string{"v1"}, Resource: "widgets", Required: true,
			Decode: func(u *unstructured.Unstructured, cluster string) any {
				return model.App{Meta: model.Meta{Ref: model.Ref{Cluster: cluster, Name: u.GetName(), Namespace: u.GetNamespace()}},
					SyncStatus: u.GetLabels()["sync"]}
			}}},
		Build: func(s *model.ClusterSnapshot, items [][]*Projected) { s.Apps = Collect[model.App](items[0]) },
	}
}

func widget(name, sync string) *unstructured.Unstructured {
	u := &unstructured.Unstructured{}
	u.SetAPIVersion("example.io/v1")
	u.SetKind("Widget")
	u.SetNamespace("ns")
	u.SetName(name)
	u.SetLabels(map[string]string{"sync": sync})
	return u
}

func fakeConn(served bool, objs ...runtime.Object) (Conn, *dynamicfake.FakeDynamicClient) {
	dyn := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(),
		map[schema.GroupVersionResource]string{widgets: "WidgetList"}, objs...)
	disc := &discoveryfake.FakeDiscovery{Fake: &clienttesting.Fake{}}
	if served {
		disc.Resources = []*metav1.APIResourceList{{GroupVersion: "example.io/v1", APIResources: []metav1.APIResource{{Name: "widgets", Namespaced: true, Kind: "Widget"}}}}
	}
	return Conn{Cluster: "east", Context: "ctx-east", Dynamic: dyn, Discovery: disc}, dyn
}

// recorder collects published snapshots and lets a test wait for one that matches.
type recorder struct {
	mu    sync.Mutex
	snaps []*model.ClusterSnapshot
	ch    chan struct{}
}

func newRecorder() *recorder { return &recorder{ch: make(chan struct{}, 1)} }

func (r *recorder) publish(s *model.ClusterSnapshot) {
	r.mu.Lock()
	r.snaps = append(r.snaps, s)
	r.mu.Unlock()
	select {
	case r.ch <- struct{}{}:
	default:
	}
}

func (r *recorder) waitFor(t *testing.T, what string, ok func(*model.ClusterSnapshot) bool) *model.ClusterSnapshot {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		r.mu.Lock()
		if n := len(r.snaps); n > 0 && ok(r.snaps[n-1]) {
			s := r.snaps[n-1]
			r.mu.Unlock()
			return s
		}
		r.mu.Unlock()
		select {
		case <-r.ch:
		case <-deadline:
			t.Fatalf("no snapshot with %s", what)
		}
	}
}

func runSource(t *testing.T, conn Conn) *recorder {
	t.Helper()
	rec := newRecorder()
	src := NewClusterSource(conn, SourceOptions{Products: []ProductSpec{widgetSpec()}, Publish: rec.publish, Coalesce: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); src.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return rec
}

func TestSourceSyncsAndFollowsWatch(t *testing.T) {
	conn, dyn := fakeConn(true, widget("a", "Synced"))
	rec := runSource(t, conn)
	s := rec.waitFor(t, "Ready and one app", func(s *model.ClusterSnapshot) bool {
		return s.Sources[model.ProductArgoCD].State == model.StateReady && len(s.Apps) == 1
	})
	if s.Name != "east" || s.Apps[0].Cluster != "east" || s.Context != "ctx-east" {
		t.Fatalf("snapshot does not carry its cluster: %+v", s)
	}
	if _, err := dyn.Resource(widgets).Namespace("ns").Create(context.Background(), widget("b", "OutOfSync"), metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	s = rec.waitFor(t, "the created app", func(s *model.ClusterSnapshot) bool { return len(s.Apps) == 2 })
	if s.Apps[0].Name != "a" || s.Apps[1].Name != "b" || s.Apps[1].SyncStatus != "OutOfSync" {
		t.Fatalf("apps not sorted or decoded: %+v", s.Apps)
	}
}

func TestSourceNotInstalled(t *testing.T) {
	conn, _ := fakeConn(false)
	rec := runSource(t, conn)
	s := rec.waitFor(t, "NotInstalled", func(s *model.ClusterSnapshot) bool {
		return s.Sources[model.ProductArgoCD].State == model.StateNotInstalled
	})
	if s.Sources[model.ProductArgoCD].Reason == "" {
		t.Fatal("NotInstalled without a reason")
	}
}

func TestSourceForbiddenThenRecovers(t *testing.T) {
	conn, dyn := fakeConn(true, widget("a", "Synced"))
	var mu sync.Mutex
	forbid := true
	dyn.PrependReactor("list", "widgets", func(clienttesting.Action) (bool, runtime.Object, error) {
		mu.Lock()
		defer mu.Unlock()
		if forbid {
			return true, nil, apierrors.NewForbidden(schema.GroupResource{Group: "example.io", Resource: "widgets"}, "", nil)
		}
		return false, nil, nil
	})
	rec := runSource(t, conn)
	s := rec.waitFor(t, "Forbidden", func(s *model.ClusterSnapshot) bool {
		return s.Sources[model.ProductArgoCD].State == model.StateForbidden
	})
	if s.Sources[model.ProductArgoCD].Reason == "" {
		t.Fatal("Forbidden without a reason")
	}
	mu.Lock()
	forbid = false
	mu.Unlock()
	rec.waitFor(t, "recovery to Ready", func(s *model.ClusterSnapshot) bool {
		return s.Sources[model.ProductArgoCD].State == model.StateReady && len(s.Apps) == 1
	})
}
