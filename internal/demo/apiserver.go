package demo

import (
	"errors"
	"slices"
	"strconv"
	"sync/atomic"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	kruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clienttesting "k8s.io/client-go/testing"
)

// The reactors below give the fake dynamic clients the parts of an API server's behaviour that
// mcgtui's actions and the Simulator rely on and the fake tracker lacks: the review APIs that
// tell who the user is and what they may do, a fresh resourceVersion on every write, and
// optimistic concurrency on updates. Reactors run under the fake client's lock, so they call
// the tracker directly, never the client.

// DemoUser is the identity the demo clusters report for the current user (SelfSubjectReview),
// which mcgtui records as the initiator of the syncs it starts.
const DemoUser = "demo-admin"

// RestrictedNamespace is the namespace on RestrictedCluster in which the demo user may not
// patch anything: its SelfSubjectAccessReviews answer allowed=false, so that mcgtui's
// "no permission" path can be seen in the demo. It holds one Application.
const (
	RestrictedNamespace = "team-restricted"
	RestrictedCluster   = "cluster-azure-us"
)

// Review APIs: create-only resources that every API server serves.
var reviewResources = []servedResource{
	{gvr("authorization.k8s.io", "v1", "selfsubjectaccessreviews"), "SelfSubjectAccessReview", false, nil, false},
	{gvr("authentication.k8s.io", "v1", "selfsubjectreviews"), "SelfSubjectReview", false, nil, false},
}

// createOnly reports whether a served resource supports create only (the review APIs).
func createOnly(r schema.GroupVersionResource) bool {
	return slices.ContainsFunc(reviewResources, func(s servedResource) bool { return s.gvr == r })
}

// resourceVersions hands out the resourceVersions of a fleet's writes. Real API servers bump an
// object's resourceVersion on every write, and watchers may skip an update that keeps it; the
// tracker only versions its own bookkeeping. One counter serves all clusters of a fleet, above
// every resourceVersion the builder writes.
type resourceVersions struct{ n atomic.Int64 }

func newResourceVersions() *resourceVersions {
	rv := &resourceVersions{}
	rv.n.Store(50_000_000)
	return rv
}

// next returns a fresh resourceVersion.
func (rv *resourceVersions) next() string { return strconv.FormatInt(rv.n.Add(1), 10) }

// addAPIServerReactors installs the reactors on a cluster's fake dynamic client; denied lists
// the namespaces where SelfSubjectAccessReviews are refused.
func addAPIServerReactors(d *servedOnly, denied []string) {
	tracker := d.Tracker()
	d.PrependReactor("create", "selfsubjectaccessreviews", func(a clienttesting.Action) (bool, kruntime.Object, error) {
		u, ok := a.(clienttesting.CreateAction).GetObject().(*unstructured.Unstructured)
		if !ok {
			return true, nil, apierrors.NewBadRequest("SelfSubjectAccessReview expected")
		}
		ns, _, _ := unstructured.NestedString(u.Object, "spec", "resourceAttributes", "namespace")
		// The RBAC authorizer gives no reason when no rule allows the request.
		u.Object["status"] = m{"allowed": !slices.Contains(denied, ns)}
		return true, u, nil
	})
	d.PrependReactor("create", "selfsubjectreviews", func(a clienttesting.Action) (bool, kruntime.Object, error) {
		u, ok := a.(clienttesting.CreateAction).GetObject().(*unstructured.Unstructured)
		if !ok {
			return true, nil, apierrors.NewBadRequest("SelfSubjectReview expected")
		}
		u.Object["status"] = m{"userInfo": m{"username": DemoUser,
			"groups": strs("system:cluster-admins", "system:authenticated:oauth", "system:authenticated")}}
		return true, u, nil
	})
	d.PrependReactor("update", "*", func(a clienttesting.Action) (bool, kruntime.Object, error) {
		return updateWithVersion(tracker, d.rv, a)
	})
	d.PrependReactor("patch", "*", clienttesting.ObjectReaction(versioningTracker{tracker, d.rv}))
}

// updateWithVersion stores an update the way an API server does: an update that carries a
// resourceVersion other than the stored one is refused with 409 Conflict (an update without
// one is unconditional), and the stored object gets a fresh resourceVersion.
func updateWithVersion(tracker clienttesting.ObjectTracker, rv *resourceVersions, a clienttesting.Action) (bool, kruntime.Object, error) {
	u, ok := a.(clienttesting.UpdateAction).GetObject().(*unstructured.Unstructured)
	if !ok {
		return false, nil, nil
	}
	res, ns := a.GetResource(), a.GetNamespace()
	stored, err := tracker.Get(res, ns, u.GetName(), metav1.GetOptions{})
	if err != nil {
		return true, nil, err
	}
	if sm, err := meta.Accessor(stored); err == nil && u.GetResourceVersion() != "" && u.GetResourceVersion() != sm.GetResourceVersion() {
		return true, nil, apierrors.NewConflict(res.GroupResource(), u.GetName(),
			errors.New("the object has been modified; please apply your changes to the latest version and try again"))
	}
	u.SetResourceVersion(rv.next()) // u belongs to the action copy the fake made for reactors
	if err := tracker.Update(res, u, ns, metav1.UpdateOptions{}); err != nil {
		return true, nil, err
	}
	return true, u.DeepCopy(), nil
}

// versioningTracker stores patched objects with a fresh resourceVersion.
type versioningTracker struct {
	clienttesting.ObjectTracker
	rv *resourceVersions
}

// Patch implements clienttesting.ObjectTracker.
func (t versioningTracker) Patch(res schema.GroupVersionResource, obj kruntime.Object, ns string, opts ...metav1.PatchOptions) error {
	if om, err := meta.Accessor(obj); err == nil {
		om.SetResourceVersion(t.rv.next())
	}
	return t.ObjectTracker.Patch(res, obj, ns, opts...)
}
