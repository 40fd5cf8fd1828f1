package kube

import (
	"cmp"
	"fmt"
	"net"
	"slices"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/client-go/util/connrotation"
	clusterclient "open-cluster-management.io/api/client/cluster/clientset/versioned"
)

// Kubeconfig is the merged kubeconfig, loaded with kubectl's rules: --kubeconfig if given,
// else $KUBECONFIG (merged), else ~/.kube/config.
type Kubeconfig struct {
	rules *clientcmd.ClientConfigLoadingRules
	raw   clientcmdapi.Config
	// hub holds kubectl's connection flags (--server, --token, --as, --user, --cluster …),
	// applied to the hub's context only: managed clusters are reached through their own
	// contexts, unchanged.
	hub clientcmd.ConfigOverrides
}

// WithHubOverrides returns the kubeconfig with kubectl-style connection flags for the hub
// (its CurrentContext is ignored: Conn names the context).
func (k *Kubeconfig) WithHubOverrides(o clientcmd.ConfigOverrides) *Kubeconfig {
	c := *k
	c.hub = o
	return &c
}

// LoadKubeconfig reads and merges the kubeconfig. A missing or malformed file is an error
// that names the file.
func LoadKubeconfig(explicitPath string) (*Kubeconfig, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = explicitPath
	raw, err := rules.Load()
	if err != nil {
		return nil, fmt.Errorf("loading kubeconfig: %w", err)
	}
	return &Kubeconfig{rules: rules, raw: *raw}, nil
}

// CurrentContext is the kubeconfig's current-context ("" when unset).
func (k *Kubeconfig) CurrentContext() string { return k.raw.CurrentContext }

// Contexts returns the names of every context, sorted (for completion, and the dashboard's
// context list).
func (k *Kubeconfig) Contexts() []string {
	names := make([]string, 0, len(k.raw.Contexts))
	for name := range k.raw.Contexts {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// ContextInfo is what one kubeconfig context names: its cluster and user entries and its
// default namespace, as `kubectl config get-contexts` shows them.
type ContextInfo struct {
	Name, Cluster, User, Namespace string
}

// ContextInfos returns every context, sorted by name (the dashboard's :ctx list).
func (k *Kubeconfig) ContextInfos() []ContextInfo {
	out := make([]ContextInfo, 0, len(k.raw.Contexts))
	for _, name := range k.Contexts() {
		c := k.raw.Contexts[name]
		out = append(out, ContextInfo{Name: name, Cluster: c.Cluster, User: c.AuthInfo, Namespace: c.Namespace})
	}
	return out
}

// HasCluster reports whether a cluster entry of that name exists (for --cluster).
func (k *Kubeconfig) HasCluster(name string) bool { _, ok := k.raw.Clusters[name]; return ok }

// HasUser reports whether a user entry of that name exists (for --user).
func (k *Kubeconfig) HasUser(name string) bool { _, ok := k.raw.AuthInfos[name]; return ok }

// HasContext reports whether a context of that name exists.
func (k *Kubeconfig) HasContext(name string) bool { _, ok := k.raw.Contexts[name]; return ok }

// Server returns the API server URL of a context ("" when unknown).
func (k *Kubeconfig) Server(context string) string {
	c, ok := k.raw.Contexts[context]
	if !ok {
		return ""
	}
	if cl, ok := k.raw.Clusters[c.Cluster]; ok {
		return cl.Server
	}
	return ""
}

// ContextForServer returns a context whose cluster's server URL is url, or "".
func (k *Kubeconfig) ContextForServer(url string) string {
	want := strings.TrimSuffix(strings.ToLower(url), "/")
	for name := range k.raw.Contexts {
		if s := k.Server(name); s != "" && strings.TrimSuffix(strings.ToLower(s), "/") == want {
			return name
		}
	}
	return ""
}

// RESTConfig returns the client config of one context, as kubectl would build it (token,
// token file, exec or auth-provider plugin, client certificate); hub applies the hub's
// command-line overrides (--token, --user, …).
func (k *Kubeconfig) RESTConfig(context string, hub bool) (*rest.Config, error) {
	if !k.HasContext(context) {
		return nil, fmt.Errorf("context %q not found in kubeconfig", context)
	}
	overrides := clientcmd.ConfigOverrides{}
	if hub {
		overrides = k.hub
	}
	overrides.CurrentContext = context
	overrides.Context.Namespace = "" // mcgtui's namespace limit is its own (sources), not the client's
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(k.rules, &overrides).ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("context %q: %w", context, err)
	}
	return cfg, nil
}

// Conn builds the clients for one context. It does not contact the server: failures to reach
// it show up later, as source states.
func (k *Kubeconfig) Conn(context, cluster string, hub bool) (Conn, error) {
	cfg, err := k.RESTConfig(context, hub)
	if err != nil {
		return Conn{}, err
	}
	conn, err := ConnForConfig(cfg, cluster, hub)
	if err != nil {
		return Conn{}, fmt.Errorf("context %q: %w", context, err)
	}
	conn.Context, conn.Access = context, model.AccessContext
	return conn, nil
}

// ConnForConfig builds the clients for one API server from a client config (a context's, or
// one that goes through the hub's cluster-proxy). cfg is modified (see tune). It does not
// contact the server.
func ConnForConfig(cfg *rest.Config, cluster string, hub bool) (Conn, error) {
	// --request-timeout bounds single requests (discovery); the watch clients must not have one.
	requestTimeout := cmp.Or(cfg.Timeout, 15*time.Second)
	cfg.Timeout = 0
	dialer := tune(cfg)
	// One HTTP client for the dynamic client and the watch streams: one connection pool.
	httpClient, err := rest.HTTPClientFor(cfg)
	if err != nil {
		return Conn{}, err
	}
	dyn, err := dynamic.NewForConfigAndClient(cfg, httpClient)
	if err != nil {
		return Conn{}, err
	}
	scfg := rest.CopyConfig(cfg)
	scfg.NegotiatedSerializer = scheme.Codecs.WithoutConversion() // decodes error responses
	streams, err := rest.UnversionedRESTClientForConfigAndClient(scfg, httpClient)
	if err != nil {
		return Conn{}, err
	}
	// Discovery gets a request timeout; the watch clients must not have one.
	dcfg := rest.CopyConfig(cfg)
	dcfg.Timeout = requestTimeout
	disc, err := discovery.NewDiscoveryClientForConfig(dcfg)
	if err != nil {
		return Conn{}, err
	}
	conn := Conn{Cluster: cluster, Server: cfg.Host, Dynamic: dyn, Streams: streams, Discovery: disc, closeAll: dialer.CloseAll,
		REST: cfg}
	if hub {
		if conn.OCM, err = clusterclient.NewForConfig(cfg); err != nil {
			return Conn{}, err
		}
	}
	return conn, nil
}

// tune sets what a fleet-wide, watch-only client needs: enough QPS for a dozen initial lists
// per cluster, a dial timeout so that a black-holed server fails fast instead of after the
// kernel's minutes, and an identifying user agent. Every connection is dialled through the
// returned dialer, which can close them all (Conn.Close). A custom Dial also keeps client-go
// from sharing the transport with other configs, so closing them touches no other Conn.
func tune(cfg *rest.Config) *connrotation.Dialer {
	cfg.QPS, cfg.Burst = 50, 100
	cfg.UserAgent = "mcgtui"
	dialer := connrotation.NewDialer((&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext)
	cfg.Dial = dialer.DialContext
	return dialer
}
