package demo

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// DiffSource is the Source of the demo's diffs.
const DiffSource = "demo"

// DiffProvider serves the diffs of the fleet's Applications, as the Argo CD server's
// managed-resources API would, from the demo's model of what each app manages (manifests.go).
// Every call reads the Application from its cluster's fake client, so the diff follows the
// app's current state: its OutOfSync resources differ (workload image, replicas and config
// checksum; ConfigMap data; a resource to prune has no target, one to create no live state),
// its Synced ones do not, and after a successful sync nothing does. Secret data is masked as
// Argo CD masks it. hub and spokes are the connections Conns returned for f.
func (f *Fleet) DiffProvider(hub kube.Conn, spokes []kube.Conn) diff.Provider {
	p := &diffProvider{conns: map[string]kube.Conn{}, noAccess: map[string]bool{}}
	for _, c := range append([]kube.Conn{hub}, spokes...) {
		if c.Dynamic != nil {
			p.conns[c.Cluster] = c
		}
	}
	for _, c := range f.Clusters {
		p.noAccess[c.Name] = c.NoAccess
	}
	return p
}

type diffProvider struct {
	conns    map[string]kube.Conn
	noAccess map[string]bool
}

// Diff implements diff.Provider.
func (p *diffProvider) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	conn, ok := p.conns[app.Cluster]
	if !ok {
		if p.noAccess[app.Cluster] {
			return diff.Result{}, fmt.Errorf("no kubeconfig context for cluster %s", app.Cluster)
		}
		return diff.Result{}, fmt.Errorf("demo: no cluster %s", app.Cluster)
	}
	u, err := conn.Dynamic.Resource(appsGVR).Namespace(app.Namespace).Get(ctx, app.Name, metav1.GetOptions{})
	if err != nil {
		return diff.Result{}, err
	}
	res, err := diffOf(app.Cluster, u)
	res.App = app.Ref
	return res, err
}

// diffOf renders the live and target state of every managed resource of an Application,
// modified ones first, each group in status.resources order.
func diffOf(cluster string, u *unstructured.Unstructured) (diff.Result, error) {
	a := newAppModel(cluster, u)
	var modified, same []diff.Resource
	for _, res := range resourcesOf(appStatus(u.DeepCopy())) {
		rt := resourceOf(res)
		ns, _ := res["namespace"].(string)
		outOfSync := res["status"] == "OutOfSync"
		var live, target m
		pruning, _ := res["requiresPruning"].(bool)
		switch {
		case !outOfSync:
			live, target = a.render(res, false), a.render(res, false)
		case pruning:
			live = a.render(res, false)
		case isMissing(res):
			target = a.render(res, true)
		default:
			live, target = a.render(res, false), a.render(res, true)
		}
		if rt.kind == "Secret" && rt.group == "" {
			maskSecretData(target, live)
		}
		r := diff.Resource{Group: rt.group, Kind: rt.kind, Namespace: ns, Name: rt.name, Modified: outOfSync}
		var err error
		if r.LiveYAML, err = toYAML(live); err != nil {
			return diff.Result{}, err
		}
		if r.TargetYAML, err = toYAML(target); err != nil {
			return diff.Result{}, err
		}
		if outOfSync {
			modified = append(modified, r)
		} else {
			same = append(same, r)
		}
	}
	return diff.Result{Source: DiffSource, Resources: append(modified, same...)}, nil
}

// toYAML renders a manifest; nil (no such state) is "".
func toYAML(obj m) (string, error) {
	if obj == nil {
		return "", nil
	}
	out, err := yaml.Marshal(obj)
	return string(out), err
}
