package clusterproxy

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/sources/kube"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
)

var (
	// RoutesGVR is OpenShift's Route, served on OpenShift hubs only.
	RoutesGVR = schema.GroupVersionResource{Group: "route.openshift.io", Version: "v1", Resource: "routes"}
	// AddOnsGVR is the ManagedClusterAddOn (one per cluster namespace per addon).
	AddOnsGVR = schema.GroupVersionResource{Group: "addon.open-cluster-management.io", Version: "v1alpha1", Resource: "managedclusteraddons"}
)

const (
	// RouteName is the Route of cluster-proxy's user endpoint that MCE creates.
	RouteName = "cluster-proxy-addon-user"
	// DefaultNamespace is where MCE installs it.
	DefaultNamespace = "multicluster-engine"
	// AddOnName is the ManagedClusterAddOn of cluster-proxy in each cluster's namespace.
	AddOnName = "cluster-proxy"
)

// Options configure a Resolver.
type Options struct {
	Hub       kube.Conn    // the hub's clients (Route, ManagedClusterAddOns)
	HubConfig *rest.Config // the hub user's credentials, reused for the proxy
	// Endpoint is the proxy's URL from --cluster-proxy or the config file; "" finds the Route.
	Endpoint  string
	Namespace string // the Route's namespace; default DefaultNamespace
	TLS       TLS
	Creds     map[string]Credentials // per cluster
	Getenv    func(string) string
	// Retry is how long to wait before asking the hub again after a failure (default 30 s).
	Retry time.Duration
}

// Resolver knows the proxy endpoint and which clusters have the addon available, and builds
// connections through the proxy. Changes are signalled on Changed.
type Resolver struct {
	opts    Options
	changed chan struct{}
	// wanted is closed by the first Conn call: with a context for every cluster nothing is
	// asked of the hub for the proxy (at 3,500 clusters the addon list is not free).
	wanted     chan struct{}
	wantedOnce sync.Once

	mu       sync.Mutex
	endpoint string
	why      string // why there is no endpoint
	addons   map[string]addonState
	addonErr string // why the addons could not be read ("" when they were)
	listed   bool
}

type addonState struct {
	available bool
	reason    string
}

// NewResolver prepares a resolver; Run finds the endpoint and watches the addons.
func NewResolver(opts Options) *Resolver {
	if opts.Namespace == "" {
		opts.Namespace = DefaultNamespace
	}
	if opts.Retry <= 0 {
		opts.Retry = 30 * time.Second
	}
	r := &Resolver{opts: opts, changed: make(chan struct{}, 1), wanted: make(chan struct{}),
		endpoint: opts.Endpoint, addons: map[string]addonState{}}
	if r.endpoint == "" {
		r.why = "cluster-proxy endpoint not found yet"
	}
	return r
}

// Changed is signalled whenever the endpoint or an addon's availability changed.
func (r *Resolver) Changed() <-chan struct{} { return r.changed }

func (r *Resolver) signal() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// Run finds the endpoint (unless given) and keeps the addons' availability current until ctx
// ends, once some cluster has asked for the proxy. Failures are kept as reasons and retried.
func (r *Resolver) Run(ctx context.Context) {
	select {
	case <-ctx.Done():
		return
	case <-r.wanted:
	}
	var wg sync.WaitGroup
	if r.opts.Endpoint == "" {
		wg.Add(1)
		go func() { defer wg.Done(); r.findEndpoint(ctx) }()
	}
	r.pollAddOns(ctx)
	wg.Wait()
}

// findEndpoint reads the Route until it is found (routes change rarely; no watch is kept).
func (r *Resolver) findEndpoint(ctx context.Context) {
	for {
		url, why := r.routeURL(ctx)
		r.mu.Lock()
		changed := url != r.endpoint || why != r.why
		r.endpoint, r.why = url, why
		r.mu.Unlock()
		if changed {
			r.signal()
		}
		if url != "" {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.opts.Retry):
		}
	}
}

// routeURL returns https://HOST of the Route, or why there is none.
func (r *Resolver) routeURL(ctx context.Context) (string, string) {
	served, err := kube.Served(r.opts.Hub.Discovery, RoutesGVR)
	if err != nil {
		return "", "cluster-proxy endpoint: cannot ask the hub for Routes: " + err.Error()
	}
	if !served {
		return "", "cluster-proxy endpoint unknown: the hub serves no route.openshift.io Routes; pass --cluster-proxy URL"
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	u, err := r.opts.Hub.Dynamic.Resource(RoutesGVR).Namespace(r.opts.Namespace).Get(ctx, RouteName, metav1.GetOptions{})
	switch {
	case apierrors.IsNotFound(err):
		return "", fmt.Sprintf("cluster-proxy endpoint unknown: no Route %s/%s on the hub; pass --cluster-proxy URL", r.opts.Namespace, RouteName)
	case err != nil:
		return "", fmt.Sprintf("cluster-proxy endpoint: reading Route %s/%s: %v", r.opts.Namespace, RouteName, err)
	}
	host, _, _ := unstructured.NestedString(u.Object, "spec", "host")
	if host == "" {
		return "", fmt.Sprintf("cluster-proxy endpoint unknown: Route %s/%s has no spec.host", r.opts.Namespace, RouteName)
	}
	return "https://" + host, ""
}

// pollAddOns lists the cluster-proxy ManagedClusterAddOns of every cluster namespace, now and
// then every Retry: availability changes rarely and a list of one small object per cluster is
// cheap; a failing list is kept as the reason and does not hide the proxy (it may still work).
func (r *Resolver) pollAddOns(ctx context.Context) {
	for {
		r.listAddOns(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.opts.Retry):
		}
	}
}

func (r *Resolver) listAddOns(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	next := map[string]addonState{}
	why := ""
	opts := metav1.ListOptions{FieldSelector: "metadata.name=" + AddOnName, Limit: 500}
	for {
		list, err := r.opts.Hub.Dynamic.Resource(AddOnsGVR).List(ctx, opts)
		if err != nil {
			why = "cluster-proxy addon status unknown: " + err.Error()
			break
		}
		for i := range list.Items {
			next[list.Items[i].GetNamespace()] = judgeAddOn(&list.Items[i])
		}
		if opts.Continue = list.GetContinue(); opts.Continue == "" {
			break
		}
	}
	r.mu.Lock()
	changed := !r.listed || why != r.addonErr || (why == "" && !equalAddOns(next, r.addons))
	r.listed, r.addonErr = true, why
	if why == "" {
		r.addons = next
	}
	r.mu.Unlock()
	if changed {
		r.signal()
	}
}

// judgeAddOn reads the addon's Available condition.
func judgeAddOn(u *unstructured.Unstructured) addonState {
	conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
	for _, c := range conds {
		m, _ := c.(map[string]any)
		if m["type"] != "Available" {
			continue
		}
		st, _ := m["status"].(string)
		if st == "True" {
			return addonState{available: true}
		}
		reason, _ := m["reason"].(string)
		msg, _ := m["message"].(string)
		return addonState{reason: fmt.Sprintf("cluster-proxy addon Available=%s %s %s", st, reason, msg)}
	}
	return addonState{available: true, reason: "cluster-proxy addon reports no Available condition yet"}
}

func equalAddOns(a, b map[string]addonState) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Conn returns the connection to cluster through the proxy, or why there is none. It does
// not touch the network.
func (r *Resolver) Conn(cluster string) (kube.Conn, bool, string) {
	r.wantedOnce.Do(func() { close(r.wanted) })
	r.mu.Lock()
	endpoint, why := r.endpoint, r.why
	addon, known := r.addons[cluster]
	listed, addonErr := r.listed, r.addonErr
	r.mu.Unlock()
	if endpoint == "" {
		return kube.Conn{}, false, why
	}
	note := ""
	switch {
	case !listed:
		return kube.Conn{}, false, "cluster-proxy addon status not read yet"
	case addonErr != "":
		note = addonErr // unknown: try the proxy, it answers for itself
	case !known:
		return kube.Conn{}, false, "cluster-proxy addon not installed for " + cluster
	case !addon.available:
		return kube.Conn{}, false, addon.reason
	}
	getenv := r.opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := ClusterConfig(r.opts.HubConfig, endpoint, cluster, r.opts.TLS, r.opts.Creds[cluster], getenv)
	if err != nil {
		return kube.Conn{}, false, err.Error()
	}
	c, err := Conn(cfg, cluster)
	if err != nil {
		return kube.Conn{}, false, "cluster-proxy: " + err.Error()
	}
	c.Note = note
	return c, true, ""
}
