package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/argocd"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// backend is a running fleet manager plus, in the demo, the simulator that moves it; it is
// what the views see (views.Backend).
type backend struct {
	*fleet.Manager
	hubContext string
	demo       bool
	exec       actions.Executor
	diffs      diff.Provider           // nil: no diff source (Diff says so)
	hub        kube.Conn               // the hub's clients; zero in the demo
	sim        *demo.Simulator         // the demo's simulator; nil on a real hub
	runners    []func(context.Context) // run beside the manager (the cluster-proxy resolver)
	wg         sync.WaitGroup
}

// Executor implements views.Backend.
func (b *backend) Executor() actions.Executor { return b.exec }

// Diff implements views.Backend.
func (b *backend) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	if b.diffs == nil {
		return diff.Result{}, fmt.Errorf("no Argo CD server configured for cluster %s", app.Cluster)
	}
	return b.diffs.Diff(ctx, app)
}

// withActions sets the executor: none in read-only mode, else one that audits every attempt.
func (b *backend) withActions(readOnly bool) *backend {
	if readOnly {
		b.exec = actions.ReadOnly{}
	} else {
		b.exec = fleet.NewExecutor(b.Manager, &actions.AuditLog{Path: actions.DefaultAuditPath()})
	}
	return b
}

// start runs the manager (and simulator) until ctx ends; wait blocks until they stopped.
func (b *backend) start(ctx context.Context, extra ...func(context.Context)) {
	b.wg.Add(1)
	go func() { defer b.wg.Done(); b.Run(ctx) }()
	for _, f := range append(b.runners, extra...) {
		b.wg.Add(1)
		go func() { defer b.wg.Done(); f(ctx) }()
	}
}

// wait gives the sources a moment to stop cleanly after their context ended, and reports
// whether they all stopped within limit.
func (b *backend) wait(limit time.Duration) bool {
	done := make(chan struct{})
	go func() { b.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(limit):
		return false
	}
}

// probeTimeout bounds probe: it runs once, after status has already waited its timeout.
const probeTimeout = 3 * time.Second

// probe asks the hub for its version once and returns what went wrong, in the client's words
// ("connection refused", "x509: …", "context deadline exceeded" for a server that accepts
// connections and never answers), for the error of a hub whose fleet never synced.
func (b *backend) probe(ctx context.Context) string {
	if b.hub.Discovery == nil {
		return "no answer"
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	_, err := b.hub.Discovery.RESTClient().Get().AbsPath("/version").Do(ctx).Raw()
	switch {
	case err == nil:
		return "the server answers /version, but listing the fleet never completed"
	case ctx.Err() != nil:
		return fmt.Sprintf("%s accepts connections but sent no answer within %s", b.hub.Server, probeTimeout)
	}
	return humanize.OneLine(err.Error())
}

// connectBackend builds the sources for a real hub from the kubeconfig. It fails only on
// local problems (no kubeconfig, no such context); a hub that cannot be reached is a state.
func connectBackend(o options, cfg config.Config) (*backend, error) {
	kc, err := kube.LoadKubeconfig(o.kubeconfig)
	if err != nil {
		return nil, err
	}
	if c := o.overrides.Context.Cluster; c != "" && !kc.HasCluster(c) {
		return nil, usagef("--cluster %q: no such cluster in the kubeconfig", c)
	}
	if u := o.overrides.Context.AuthInfo; u != "" && !kc.HasUser(u) {
		return nil, usagef("--user %q: no such user in the kubeconfig", u)
	}
	kc = kc.WithHubOverrides(o.overrides)
	hubCtx := o.context
	if hubCtx == "" {
		hubCtx = kc.CurrentContext()
	}
	if hubCtx == "" {
		return nil, fmt.Errorf("no hub context: pass --context or set a current-context in the kubeconfig")
	}
	if !kc.HasContext(hubCtx) {
		return nil, fmt.Errorf("context %q not found in kubeconfig", hubCtx)
	}
	hub, err := kc.Conn(hubCtx, hubCtx, true)
	if err != nil {
		return nil, err
	}
	mapping, err := cfg.ContextMapping(o.clusterContexts)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	for name, ctx := range mapping {
		if !kc.HasContext(ctx) {
			return nil, fmt.Errorf("cluster %s: context %q not found in kubeconfig", name, ctx)
		}
	}
	connect, resolve, reconnect, err := pathConnector(o.access, cfg, kc, hubCtx, hub, fleet.KubeconfigConnector(kc, mapping, hubCtx))
	if err != nil {
		return nil, err
	}
	var maxProxy, linger int
	if cp := cfg.ClusterProxy; cp != nil {
		maxProxy, linger = cp.MaxWatched, cp.LingerSeconds
	}
	mgr := fleet.New(fleet.Options{
		Hub:             hub,
		MaxProxyWatched: maxProxy,
		ProxyLinger:     time.Duration(linger) * time.Second,
		Connect:         connect,
		Reconnect:       reconnect,
		ReadOnly:        o.readOnly,
		Products:        fleet.ProductsIn(o.namespace, o.argocdNamespace),
		Portworx:        fleet.PortworxOpeners(fleet.EnvTokens(cfg.PortworxTokenEnvs())),
	})
	b := &backend{Manager: mgr, hubContext: hubCtx, hub: hub, diffs: argocdDiffs(o, cfg, hubCtx), runners: []func(context.Context){resolve}}
	return b.withActions(o.readOnly), nil
}

// argocdDiffs is the diff provider of a real hub: each cluster's Argo CD REST API, found
// through the config file, the --argocd-* flags, $ARGOCD_SERVER / $ARGOCD_AUTH_TOKEN and the
// argocd CLI's login file.
func argocdDiffs(o options, cfg config.Config, hubCluster string) diff.Provider {
	return argocd.NewDiffProvider(argocd.Settings{
		HubCluster: hubCluster,
		Config:     cfg,
		ConfigPath: o.configPath,
		Flag: config.ArgoCDServer{
			Server:    o.argocdServer,
			Insecure:  o.argocdInsecure,
			PlainText: o.argocdPlaintext,
		},
	})
}

// demoBackend builds the embedded demo fleet on client-go's fake clients; the sources are the
// same code as for a real hub. The simulator is returned to be started with the manager.
func demoBackend(readOnly bool) (*backend, func(context.Context)) {
	f := demo.Build(demo.Options{Now: time.Now()})
	hub, spokes := demo.Conns(f)
	byName := make(map[string]kube.Conn, len(spokes))
	for _, c := range spokes {
		byName[c.Cluster] = demo.Path(c, false)
	}
	mgr := fleet.New(fleet.Options{
		Hub:      demo.Path(hub, true),
		Demo:     true,
		Portworx: demo.PortworxOpeners(),
		Connect: func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
			c, ok := byName[mc.Name]
			if !ok {
				return kube.Conn{}, false, demo.NoPathReason(mc.Name)
			}
			return c, true, ""
		},
	})
	sim := demo.NewSimulator(f, hub, spokes, 1)
	b := &backend{Manager: mgr, hubContext: hub.Context, demo: true, diffs: f.DiffProvider(hub, spokes), sim: sim}
	return b.withActions(readOnly), func(ctx context.Context) { sim.Run(ctx, 2*time.Second) }
}

// stillSyncing names the sources that had not settled, for the timeout message.
func stillSyncing(f *model.Fleet) string {
	var names []string
	if f == nil {
		return "everything"
	}
	for _, c := range f.Clusters {
		for p, s := range c.Sources {
			if !s.State.Settled() {
				names = append(names, c.Name+"/"+model.Product(p).String())
			}
		}
	}
	sort.Strings(names)
	if len(names) > 8 {
		names = append(names[:8], fmt.Sprintf("and %d more", len(names)-8))
	}
	return strings.Join(names, ", ")
}
