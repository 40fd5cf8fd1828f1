package scale

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
	dynamicfake "k8s.io/client-go/dynamic/fake"

	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

var (
	fakeWatchOnce sync.Once
	fakeWatchSize float64
)

// fakeWatchBytes is the heap that one watch of client-go's fake dynamic client holds (its
// buffered result channel), measured once.
func fakeWatchBytes() float64 {
	fakeWatchOnce.Do(func() {
		gvr := schema.GroupVersionResource{Group: "example.io", Version: "v1", Resource: "widgets"}
		dyn := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(kruntime.NewScheme(),
			map[schema.GroupVersionResource]string{gvr: "WidgetList"})
		const n = 2000
		watches := make([]watch.Interface, 0, n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for range n {
			w, err := dyn.Resource(gvr).Watch(context.Background(), metav1.ListOptions{})
			if err != nil {
				panic(err)
			}
			watches = append(watches, w)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		fakeWatchSize = float64(after.HeapAlloc-before.HeapAlloc) / n
		for _, w := range watches {
			w.Stop()
		}
	})
	return fakeWatchSize
}

// appToggler flips one Application on one managed cluster between Synced and OutOfSync.
type appToggler struct {
	r         *Running
	conn      kube.Conn
	namespace string
	name      string
}

func newAppToggler(b testing.TB, s *Source, r *Running) *appToggler {
	b.Helper()
	conn := s.Spokes[len(s.Spokes)/2]
	list, err := conn.Dynamic.Resource(argocd.ApplicationsGVR).List(context.Background(), metav1.ListOptions{})
	if err != nil || len(list.Items) == 0 {
		b.Fatalf("no application on %s: %v", conn.Cluster, err)
	}
	app := list.Items[len(list.Items)-1]
	return &appToggler{r: r, conn: conn, namespace: app.GetNamespace(), name: app.GetName()}
}

// toggle changes the app's sync status and waits until a published fleet shows it.
func (a *appToggler) toggle(b testing.TB, i int) {
	b.Helper()
	want := "OutOfSync"
	if i%2 == 1 {
		want = "Synced"
	}
	ctx := context.Background()
	apps := a.conn.Dynamic.Resource(argocd.ApplicationsGVR).Namespace(a.namespace)
	u, err := apps.Get(ctx, a.name, metav1.GetOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if err := unstructured.SetNestedField(u.Object, want, "status", "sync", "status"); err != nil {
		b.Fatal(err)
	}
	if _, err := apps.Update(ctx, u, metav1.UpdateOptions{}); err != nil {
		b.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for !a.shown(want) {
		if time.Now().After(deadline) {
			b.Fatalf("the change of %s/%s never showed", a.conn.Cluster, a.name)
		}
		time.Sleep(time.Millisecond)
	}
}

func (a *appToggler) shown(sync string) bool {
	c := a.r.Manager.Latest().Cluster(a.conn.Cluster)
	if c == nil {
		return false
	}
	for i := range c.Apps {
		if c.Apps[i].Name == a.name && c.Apps[i].Namespace == a.namespace {
			return c.Apps[i].SyncStatus == sync
		}
	}
	return false
}
