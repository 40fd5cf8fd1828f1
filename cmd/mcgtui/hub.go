package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/client-go/tools/clientcmd"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
	"github.com/mcgtui/mcgtui/internal/views"
)

// switchStopLimit bounds the wait for the old fleet's sources to stop on a context switch;
// they stop within a moment (every watch ends with its context), and a switch must not hang
// on one that does not.
const switchStopLimit = 10 * time.Second

// hubSession is the dashboard's backend on a real hub: the running fleet of one kubeconfig
// context, which :ctx replaces by the fleet of another context without a restart
// (views.ContextSwitcher). Its Updates channel outlives the fleets: each fleet's snapshots are
// forwarded to it while the fleet runs.
type hubSession struct {
	parent  context.Context
	o       options // the flags and config every fleet of the session is built with
	updates chan *model.Fleet
	lastGen atomic.Uint64 // the generation last forwarded

	switching sync.Mutex // one switch at a time

	mu        sync.RWMutex
	cur       *backend
	stop      context.CancelFunc // ends cur's sources and its forwarder
	forwarded chan struct{}      // closed once cur's forwarder has returned
}

// newHubSession starts b, the fleet of the first context, until parent ends.
func newHubSession(parent context.Context, o options, b *backend) *hubSession {
	s := &hubSession{parent: parent, o: o, updates: make(chan *model.Fleet, 1)}
	s.run(b)
	return s
}

// run starts b and forwards its fleets; the caller holds no lock and no fleet runs.
func (s *hubSession) run(b *backend) {
	ctx, cancel := context.WithCancel(s.parent)
	forwarded := make(chan struct{})
	b.start(ctx)
	go func() {
		defer close(forwarded)
		forwardLatest(ctx, b.Updates(), s.updates, func(f *model.Fleet) { s.lastGen.Store(f.Generation) })
	}()
	s.mu.Lock()
	s.cur, s.stop, s.forwarded = b, cancel, forwarded
	s.mu.Unlock()
}

func (s *hubSession) current() *backend {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.cur
}

// halt stops the running fleet: its forwarder at once (nothing of it reaches the views
// afterwards), its sources within limit; it reports whether they all stopped.
func (s *hubSession) halt(limit time.Duration) bool {
	s.mu.RLock()
	b, stop, forwarded := s.cur, s.stop, s.forwarded
	s.mu.RUnlock()
	stop()
	<-forwarded
	return b.wait(limit)
}

// wait stops the fleet once the dashboard has ended (its context is done by then), after a
// switch still under way, so that the fleet it started is the one stopped.
func (s *hubSession) wait(limit time.Duration) {
	s.switching.Lock()
	defer s.switching.Unlock()
	s.halt(limit)
}

// Contexts implements views.ContextSwitcher: the kubeconfig is read again, so a context added
// since the start (kubectl config set-context) is listed.
func (s *hubSession) Contexts() (views.ContextList, error) {
	kc, err := kube.LoadKubeconfig(s.o.kubeconfig)
	if err != nil {
		return views.ContextList{}, err
	}
	l := views.ContextList{Current: s.current().hubContext}
	for _, c := range kc.ContextInfos() {
		l.Contexts = append(l.Contexts, views.KubeContext{Name: c.Name, Cluster: c.Cluster, User: c.User, Namespace: c.Namespace})
	}
	return l, nil
}

// SwitchContext implements views.ContextSwitcher. The new fleet is built first, from the
// kubeconfig as it is now, with the same flags and config, so that a context that does not
// exist (or any other local problem) leaves the running fleet alone. Then every source, watch,
// poller and proxy watch of the old fleet is stopped, and the new fleet starts, numbering its
// snapshots after the old fleet's last (ADR 0003: the views drop the old fleet's late ones).
func (s *hubSession) SwitchContext(name string) (views.ContextSwitch, error) {
	s.switching.Lock()
	defer s.switching.Unlock()
	o := switchedOptions(s.o, name)
	next, err := connectBackend(o, o.cfg)
	if err != nil {
		return views.ContextSwitch{}, err
	}
	var note []string
	if !s.halt(switchStopLimit) {
		note = append(note, fmt.Sprintf("some of the old hub's sources had not stopped after %s", switchStopLimit))
	}
	select { // a snapshot of the old fleet the views have not taken yet
	case <-s.updates:
	default:
	}
	after := s.lastGen.Load()
	next.ContinueAfter(after)
	s.run(next)
	if flags := hubConnectionFlags(s.o.overrides); len(flags) > 0 {
		note = append(note, strings.Join(flags, ", ")+" applied to the first context only: "+name+" uses its own cluster and user")
	}
	return views.ContextSwitch{Context: next.hubContext, After: after, Note: strings.Join(note, "; ")}, nil
}

// switchedOptions are the options of the fleet on another context: kubectl's semantics of a
// context switch, the context's own cluster and user. The connection flags given for the hub
// (--server, --token, --user, --cluster, --as …) named or replaced the first context's cluster
// and user, and are dropped; --request-timeout, -n and every mcgtui flag and config setting
// are kept.
func switchedOptions(o options, name string) options {
	o.context = name
	o.overrides = clientcmd.ConfigOverrides{Timeout: o.overrides.Timeout}
	return o
}

// hubConnectionFlags names the connection flags that were given for the hub and that a
// context switch drops (see switchedOptions).
func hubConnectionFlags(ov clientcmd.ConfigOverrides) []string {
	a, c := ov.AuthInfo, ov.ClusterInfo
	set := []struct {
		flag string
		on   bool
	}{
		{"--server", c.Server != ""},
		{"--certificate-authority", c.CertificateAuthority != ""},
		{"--insecure-skip-tls-verify", c.InsecureSkipTLSVerify},
		{"--tls-server-name", c.TLSServerName != ""},
		{"--proxy-url", c.ProxyURL != ""},
		{"--disable-compression", c.DisableCompression},
		{"--cluster", ov.Context.Cluster != ""},
		{"--user", ov.Context.AuthInfo != ""},
		{"--token", a.Token != ""},
		{"--client-certificate", a.ClientCertificate != ""},
		{"--client-key", a.ClientKey != ""},
		{"--username", a.Username != ""},
		{"--password", a.Password != ""},
		{"--as", a.Impersonate != ""},
		{"--as-group", len(a.ImpersonateGroups) > 0},
		{"--as-uid", a.ImpersonateUID != ""},
	}
	var out []string
	for _, f := range set {
		if f.on {
			out = append(out, f.flag)
		}
	}
	return out
}

// Updates implements views.Backend: the running fleet's snapshots, whichever context it is on.
func (s *hubSession) Updates() <-chan *model.Fleet { return s.updates }

// FetchYAML implements views.Backend.
func (s *hubSession) FetchYAML(ctx context.Context, ref model.Ref) (string, error) {
	return s.current().FetchYAML(ctx, ref)
}

// Executor implements views.Backend.
func (s *hubSession) Executor() actions.Executor { return s.current().Executor() }

// Target implements views.Backend.
func (s *hubSession) Target(ref model.Ref) actions.Target { return s.current().Target(ref) }

// Diff implements views.Backend.
func (s *hubSession) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	return s.current().Diff(ctx, app)
}

// Enter implements views.ClusterWatcher.
func (s *hubSession) Enter(cluster string) { s.current().Enter(cluster) }

// Leave implements views.ClusterWatcher.
func (s *hubSession) Leave(cluster string) { s.current().Leave(cluster) }

// SetPortworxActive implements views.PortworxPoller.
func (s *hubSession) SetPortworxActive(on bool) { s.current().SetPortworxActive(on) }

var (
	_ views.ContextSwitcher = (*hubSession)(nil)
	_ views.ClusterWatcher  = (*hubSession)(nil)
	_ views.PortworxPoller  = (*hubSession)(nil)
)
