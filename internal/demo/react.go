package demo

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// The Simulator's reactions: like the real controllers, it watches the objects users act on and
// answers what they write — an Application's .operation (a sync) or refresh annotation, the
// force-sync annotation of an ExternalSecret, ClusterExternalSecret or PushSecret. The watch
// goroutines only queue the objects that carry a request; one goroutine handles the queue and
// finishes the syncs it started once they have been Running for opDelay.

// Annotations the controllers act on (the same strings as in the argocd and eso sources):
// ESO's ClusterExternalSecret controller passes on only its own prefixed force-sync.
const (
	refreshAnnotation          = "argocd.argoproj.io/refresh"
	forceSyncAnnotation        = "force-sync"
	clusterForceSyncAnnotation = "external-secrets.io/force-sync"
)

// forceSyncAnnotationOf is the force-sync annotation the controller of resource acts on.
func forceSyncAnnotationOf(resource string) string {
	if resource == "clusterexternalsecrets" {
		return clusterForceSyncAnnotation
	}
	return forceSyncAnnotation
}

// defaultOpDelay is how long a requested sync stays Running: long enough to be seen.
const defaultOpDelay = 1500 * time.Millisecond

var appsGVR = gvr("argoproj.io", "v1alpha1", "applications")

// requestedOp is a sync a user requested, Running until due.
type requestedOp struct {
	ref objRef
	due time.Time
}

// reactQueue holds the objects whose requests are to be handled, each once, in arrival order.
type reactQueue struct {
	mu      sync.Mutex
	pending []objRef
	queued  map[objRef]bool
	wake    chan struct{} // capacity 1: a pending wake-up covers every add before it is taken
}

func (q *reactQueue) add(ref objRef) {
	q.mu.Lock()
	if !q.queued[ref] {
		q.queued[ref] = true
		q.pending = append(q.pending, ref)
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *reactQueue) take() []objRef {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := q.pending
	q.pending = nil
	clear(q.queued)
	return out
}

// watchedResources are the resources whose objects users act on, at every served version:
// an ESO object patched at one version is seen only at that version's copy.
func (s *Simulator) watchedResources(cluster string) []schema.GroupVersionResource {
	out := []schema.GroupVersionResource{appsGVR}
	for _, v := range s.eso[cluster] {
		out = append(out, gvr(esoGroup, v, "externalsecrets"), gvr(esoGroup, v, "clusterexternalsecrets"))
	}
	return append(out, gvr(esoGroup, "v1alpha1", "pushsecrets"))
}

// hasRequest reports whether an object carries a request for its controller.
func hasRequest(u *unstructured.Unstructured, resource string) bool {
	if resource == appsGVR.Resource {
		_, op := u.Object["operation"]
		_, refresh := u.GetAnnotations()[refreshAnnotation]
		return op || refresh
	}
	return u.GetAnnotations()[forceSyncAnnotationOf(resource)] != ""
}

// startWatches lists and watches the watched resources on every cluster; requests already
// present are queued. Resources a cluster does not serve are skipped.
func (s *Simulator) startWatches(ctx context.Context, wg *sync.WaitGroup) {
	for _, conn := range s.all {
		for _, res := range s.watchedResources(conn.Cluster) {
			s.watch(ctx, wg, conn, res)
		}
	}
}

func (s *Simulator) watch(ctx context.Context, wg *sync.WaitGroup, conn kube.Conn, res schema.GroupVersionResource) {
	client := conn.Dynamic.Resource(res)
	if d, ok := conn.Dynamic.(*servedOnly); ok && d.served[res] {
		// The simulator plays the controllers: it watches the fake itself, so that a resource
		// withdrawn for a while (policy-drift) does not end its watch for good.
		client = d.FakeDynamicClient.Resource(res)
	}
	list, err := client.List(ctx, metav1.ListOptions{})
	if err != nil {
		return
	}
	queue := func(u *unstructured.Unstructured) {
		if hasRequest(u, res.Resource) {
			s.queue.add(objRef{cluster: conn.Cluster, gvr: res, namespace: u.GetNamespace(), name: u.GetName()})
		}
	}
	for i := range list.Items {
		queue(&list.Items[i])
	}
	// Watching from the list's resourceVersion skips the existing objects, which the fake
	// would otherwise replay into a channel of limited size.
	w, err := client.Watch(ctx, metav1.ListOptions{ResourceVersion: list.GetResourceVersion()})
	if err != nil {
		return
	}
	wg.Go(func() {
		defer w.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.ResultChan():
				if !ok {
					return
				}
				if u, isObj := ev.Object.(*unstructured.Unstructured); isObj && (ev.Type == watch.Added || ev.Type == watch.Modified) {
					queue(u)
				}
			}
		}
	})
}

// reactLoop handles queued requests as they come and finishes requested syncs when due.
func (s *Simulator) reactLoop(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		if d, ok := s.nextDue(); ok {
			timer.Reset(d)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.queue.wake:
		case <-timer.C:
		}
		timer.Stop()
		_, _ = s.react(ctx)
	}
}

// nextDue returns the time until the next requested sync is due.
func (s *Simulator) nextDue() (time.Duration, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.ops) == 0 {
		return 0, false
	}
	due := s.ops[0].due
	for _, op := range s.ops[1:] {
		if op.due.Before(due) {
			due = op.due
		}
	}
	return max(time.Until(due), 0), true
}

// react handles the queued requests, then finishes the requested syncs that are due.
func (s *Simulator) react(ctx context.Context) ([]Change, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes []Change
	var errs []error
	collect := func(c []Change, err error) {
		changes = append(changes, c...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, ref := range s.queue.take() {
		if ref.gvr.Resource == appsGVR.Resource {
			collect(s.reactApp(ctx, ref))
		} else {
			collect(s.reactForceSync(ctx, ref))
		}
	}
	collect(s.finishDueOps(ctx))
	return changes, errors.Join(errs...)
}

// requested reports whether a user's sync of the app is Running.
func (s *Simulator) requested(ref objRef) bool {
	return slices.ContainsFunc(s.ops, func(op *requestedOp) bool { return op.ref == ref })
}

// reactApp picks up an Application's requests: a sync in .operation starts (Running), a
// refresh annotation is removed once the app has been compared again (reconciledAt).
func (s *Simulator) reactApp(ctx context.Context, ref objRef) ([]Change, error) {
	now := s.clock()
	var began, refreshed bool
	var who string
	wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
		began, refreshed = false, false
		if op, ok := u.Object["operation"].(m); ok {
			delete(u.Object, "operation")
			who, _, _ = unstructured.NestedString(op, "initiatedBy", "username")
			beginOperation(u, op, now, s.broken[ref])
			began = true
		}
		if ann := u.GetAnnotations(); ann != nil {
			if _, ok := ann[refreshAnnotation]; ok {
				delete(ann, refreshAnnotation)
				u.SetAnnotations(ann)
				appStatus(u)["reconciledAt"] = stamp(now)
				refreshed = true
			}
		}
		return began || refreshed
	})
	if !wrote {
		return nil, err
	}
	var changes []Change
	if began {
		s.inFlight = slices.DeleteFunc(s.inFlight, func(a *appSync) bool { return a.ref == ref })
		s.ops = slices.DeleteFunc(s.ops, func(op *requestedOp) bool { return op.ref == ref })
		s.ops = append(s.ops, &requestedOp{ref: ref, due: time.Now().Add(s.opDelay)})
		changes = append(changes, ref.change("Application", "sync running, requested by "+who))
	}
	if refreshed {
		changes = append(changes, ref.change("Application", "refreshed"))
	}
	return changes, err
}

// finishDueOps ends the requested syncs that have been Running long enough: Succeeded, or
// Failed for the broken apps.
func (s *Simulator) finishDueOps(ctx context.Context) ([]Change, error) {
	now := time.Now()
	var changes []Change
	var errs []error
	kept := s.ops[:0]
	for _, op := range s.ops {
		if now.Before(op.due) {
			kept = append(kept, op)
			continue
		}
		at := s.clock()
		phase := ""
		wrote, err := s.modify(ctx, op.ref, false, func(u *unstructured.Unstructured) bool {
			phase = finishOperation(u, at, s.broken[op.ref])
			return phase != ""
		})
		if wrote {
			changes = append(changes, op.ref.change("Application", "sync "+phase))
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	clear(s.ops[len(kept):])
	s.ops = kept
	return changes, errors.Join(errs...)
}
