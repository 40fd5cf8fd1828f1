package demo

import (
	"context"
	"errors"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// assessHealth plays Argo CD's health assessment on a cluster an incident touched: each app's
// recorded resource health (status.resources[].health, where this Argo CD records it) follows
// the live ExternalSecrets and child Applications, and the app's health becomes the worst of
// its resources. Children are assessed before their app-of-apps parents. Apps with a sync
// running are left to it. Apps that end up unhealthy are held from the simulator's drift
// until they recover.
func (s *Simulator) assessHealth(ctx context.Context, cluster string) ([]Change, error) {
	conn, ok := s.conns[cluster]
	if !ok {
		return nil, nil
	}
	list, err := conn.Dynamic.Resource(appsGVR).List(ctx, metav1.ListOptions{})
	if apierrors.IsNotFound(err) {
		return nil, nil // Argo CD is not installed there (policy-drift): nothing to assess
	}
	if err != nil {
		return nil, err
	}
	var changes []Change
	var errs []error
	for _, parents := range []bool{false, true} {
		for _, item := range list.Items {
			ref := objRef{cluster: cluster, gvr: appsGVR, namespace: item.GetNamespace(), name: item.GetName()}
			var health, base string
			wrote, err := s.modify(ctx, ref, false, func(u *unstructured.Unstructured) bool {
				st := appStatus(u)
				if phase, _, _ := unstructured.NestedString(st, "operationState", "phase"); phase == "Running" {
					return false
				}
				changed := false
				assessed := "Healthy" // the worst health of the resources assessed here
				for _, res := range resourcesOf(st) {
					h, ok := res["health"].(m)
					if !ok || (res["kind"] != "Application" && res["kind"] != "ExternalSecret") {
						continue
					}
					if (res["kind"] == "Application") != parents {
						assessed = worseHealth(assessed, h["status"])
						continue
					}
					want, msg, known := s.liveHealth(ctx, cluster, res)
					if known && (h["status"] != want || h["message"] != msg) {
						res["health"] = healthOf(want, msg)
						changed = true
					}
					assessed = worseHealth(assessed, res["health"].(m)["status"])
				}
				if !changed {
					return false
				}
				// The app's own health apart from what is assessed here is what it was before
				// an incident touched it (kept in before), so that recovering restores it.
				current, _ := child(st, "health")["status"].(string)
				var seen bool
				base, seen = s.inc.before[ref]
				if !seen {
					base = current
				}
				health = worseHealth(base, assessed)
				if health == base {
					delete(s.inc.before, ref)
				} else if !seen {
					s.inc.before[ref] = base
				}
				if current != health {
					st["health"] = m{"status": health, "lastTransitionTime": stamp(s.clock())}
				}
				return true
			})
			errs = append(errs, err)
			if wrote {
				s.hold(ref, health != base)
				changes = append(changes, ref.change("Application", "health "+health))
			}
		}
	}
	return changes, errors.Join(errs...)
}

// liveHealth is the health Argo CD gives a managed resource now: an ExternalSecret by its
// Ready condition (Argo CD's external-secrets.io health check), a child Application by its
// own health. known is false for kinds left as they are.
func (s *Simulator) liveHealth(ctx context.Context, cluster string, res m) (status, message string, known bool) {
	kind, _ := res["kind"].(string)
	ns, _ := res["namespace"].(string)
	name, _ := res["name"].(string)
	switch kind {
	case "ExternalSecret":
		u, err := s.get(ctx, objRef{cluster: cluster, gvr: gvr(esoGroup, s.eso[cluster][0], "externalsecrets"), namespace: ns, name: name})
		if err != nil {
			return "", "", false
		}
		conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
		for _, c := range conds {
			if cm, ok := c.(m); ok && cm["type"] == "Ready" {
				switch cm["status"] {
				case "True":
					return "Healthy", "", true
				case "False":
					msg, _ := cm["message"].(string)
					return "Degraded", msg, true
				}
			}
		}
		return "Progressing", "", true
	case "Application":
		u, err := s.get(ctx, objRef{cluster: cluster, gvr: appsGVR, namespace: ns, name: name})
		if err != nil {
			return "", "", false
		}
		h, _, _ := unstructured.NestedString(u.Object, "status", "health", "status")
		return h, "", h != ""
	}
	return "", "", false
}

// worseHealth is the worse of two Argo CD health statuses, as appHealth ranks them.
func worseHealth(a string, b any) string {
	rank := map[string]int{"Healthy": 0, "Progressing": 1, "Missing": 2, "Degraded": 3}
	if bs, ok := b.(string); ok && rank[bs] > rank[a] {
		return bs
	}
	return a
}

func healthOf(status, message string) m {
	h := m{"status": status}
	if message != "" {
		h["message"] = message
	}
	return h
}

// recordsResourceHealth reports whether the cluster's Argo CD stores resource health in its
// Applications (2.x does, 3.x by default does not): only there does an app's health follow
// what it manages in this simulation.
func (s *Simulator) recordsResourceHealth(ctx context.Context, cluster string) bool {
	u, err := s.findApp(ctx, cluster, "config-demo")
	if err != nil || u == nil {
		return false
	}
	for _, res := range resourcesOf(appStatus(u)) {
		if _, ok := res["health"].(m); ok {
			return true
		}
	}
	return false
}

// findApp returns the cluster's Application of the given name in any namespace, or nil.
func (s *Simulator) findApp(ctx context.Context, cluster, name string) (*unstructured.Unstructured, error) {
	conn, ok := s.conns[cluster]
	if !ok {
		return nil, nil
	}
	list, err := conn.Dynamic.Resource(appsGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i := range list.Items {
		if list.Items[i].GetName() == name {
			return &list.Items[i], nil
		}
	}
	return nil, nil
}
