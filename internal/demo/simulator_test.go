package demo

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/tools/cache"
	clusterinformers "open-cluster-management.io/api/client/cluster/informers/externalversions"
	clusterv1 "open-cluster-management.io/api/cluster/v1"

	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/eso"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

// testSimulator returns a simulator on a fresh default fleet whose clock starts at testNow and
// advances a minute per Step.
func testSimulator(t *testing.T, seed int64) (*Simulator, *Fleet, map[string]kube.Conn) {
	t.Helper()
	f := defaultFleet(t)
	hub, spokes := Conns(f)
	s := NewSimulator(f, hub, spokes, seed)
	var mu sync.Mutex
	clock := testNow
	s.now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Minute)
		return clock
	}
	return s, f, connsByName(hub, spokes)
}

// runSteps steps n times and returns every change.
func runSteps(t *testing.T, s *Simulator, n int) []Change {
	t.Helper()
	var all []Change
	for range n {
		changes, err := s.Step(context.Background())
		if err != nil {
			t.Fatalf("step: %v", err)
		}
		all = append(all, changes...)
	}
	return all
}

func TestSimulatorIsDeterministic(t *testing.T) {
	a, _, _ := testSimulator(t, 3)
	b, _, _ := testSimulator(t, 3)
	ca, cb := runSteps(t, a, 150), runSteps(t, b, 150)
	if len(ca) == 0 || !reflect.DeepEqual(ca, cb) {
		t.Fatalf("same seed, different changes (%d vs %d)", len(ca), len(cb))
	}
	kinds := map[string]bool{}
	whats := map[string]bool{}
	for _, c := range ca {
		kinds[c.Kind] = true
		whats[strings.SplitN(c.What, ":", 2)[0]] = true
	}
	for _, k := range []string{"Application", "ExternalSecret", "StorageNode", "ManagedCluster"} {
		if !kinds[k] {
			t.Errorf("no %s changed in 150 steps (%v)", k, whats)
		}
	}
	for _, w := range []string{"OutOfSync", "sync running", "synced", "refreshed"} {
		if !whats[w] {
			t.Errorf("no %q change in 150 steps", w)
		}
	}
}

// TestSimulatorKeepsStickyTrouble checks that the scripted trouble survives a long run.
func TestSimulatorKeepsStickyTrouble(t *testing.T) {
	s, f, conns := testSimulator(t, 5)
	runSteps(t, s, 300)
	ctx := context.Background()
	for _, tr := range f.Trouble {
		if !tr.Sticky {
			continue
		}
		before := object(f, tr.Cluster, tr.Kind, tr.Namespace, tr.Name)
		if tr.Kind == "ManagedCluster" {
			mc, err := conns[HubName].OCM.ClusterV1().ManagedClusters().Get(ctx, tr.Name, metav1.GetOptions{})
			if err != nil || !meta.IsStatusConditionPresentAndEqual(mc.Status.Conditions, clusterv1.ManagedClusterConditionAvailable, "Unknown") {
				t.Errorf("%s lost its stopped lease: %v", tr.Name, err)
			}
			continue
		}
		gvr := argocd.ApplicationsGVR
		switch tr.Kind {
		case "ExternalSecret":
			gvr = eso.GVR(cluster(f, tr.Cluster).ESOVersions[0], eso.ExternalSecrets)
		case "Application":
		default:
			continue
		}
		after, err := conns[tr.Cluster].Dynamic.Resource(gvr).Namespace(tr.Namespace).Get(ctx, tr.Name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before.Object["status"], after.Object["status"]) {
			t.Errorf("sticky %s %s/%s changed", tr.Kind, tr.Namespace, tr.Name)
		}
	}
}

// TestSimulatorChangesReachWatchers watches Applications on every cluster and checks that
// the simulator's changes arrive, with a fresh resourceVersion each.
func TestSimulatorChangesReachWatchers(t *testing.T) {
	s, _, conns := testSimulator(t, 9)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var watchers []watch.Interface
	for _, c := range conns {
		w, err := c.Dynamic.Resource(argocd.ApplicationsGVR).Watch(ctx, metav1.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer w.Stop()
		watchers = append(watchers, w)
	}
	// A watch without a resourceVersion starts with the existing objects, as on a real server.
	for _, w := range watchers {
		for len(w.ResultChan()) > 0 {
			<-w.ResultChan()
		}
	}
	changes := runSteps(t, s, 20)
	wantApps := 0
	for _, c := range changes {
		if c.Kind == "Application" {
			wantApps++
		}
	}
	got := 0
	versions := map[string]bool{}
	for _, w := range watchers {
	drain:
		for {
			select {
			case ev := <-w.ResultChan():
				u := ev.Object.(*unstructured.Unstructured)
				if ev.Type != watch.Modified || versions[u.GetResourceVersion()] {
					t.Errorf("event %s with resourceVersion %q", ev.Type, u.GetResourceVersion())
				}
				versions[u.GetResourceVersion()] = true
				got++
			default:
				break drain
			}
		}
	}
	if wantApps == 0 || got != wantApps {
		t.Errorf("watchers saw %d app updates, simulator reported %d", got, wantApps)
	}
}

func TestSimulatorRunStopsOnCancel(t *testing.T) {
	s, _, _ := testSimulator(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx, time.Millisecond)
		close(done)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

// TestLeaseChangeReachesTypedInformer runs the typed OCM informer the acm source uses and
// checks that a lease lapse written by the simulator arrives.
func TestLeaseChangeReachesTypedInformer(t *testing.T) {
	s, _, conns := testSimulator(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	factory := clusterinformers.NewSharedInformerFactory(conns[HubName].OCM, 0)
	defer func() {
		cancel()
		factory.Shutdown()
	}()
	informer := factory.Cluster().V1().ManagedClusters().Informer()
	var mu sync.Mutex
	var available string
	if _, err := informer.AddEventHandler(cache.ResourceEventHandlerFuncs{
		UpdateFunc: func(_, obj any) {
			mc := obj.(*clusterv1.ManagedCluster)
			if mc.Name == "cluster-east-1" {
				mu.Lock()
				available = string(meta.FindStatusCondition(mc.Status.Conditions, clusterv1.ManagedClusterConditionAvailable).Status)
				mu.Unlock()
			}
		},
	}); err != nil {
		t.Fatal(err)
	}
	factory.Start(ctx.Done())
	for typ, ok := range factory.WaitForCacheSync(ctx.Done()) {
		if !ok {
			t.Fatalf("%v did not sync", typ)
		}
	}
	if _, err := s.updateManagedCluster(ctx, "cluster-east-1", "test", func(mc *clusterv1.ManagedCluster) {
		setLeaseStopped(mc, testNow)
	}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return available == "Unknown"
	})
}
