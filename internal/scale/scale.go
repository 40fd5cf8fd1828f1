// Package scale loads the reference fleets of the scale targets (demo.ReferenceOptions)
// through mcgtui's real sources, on client-go's fake clients, for the benchmarks of
// docs/performance.md. Nothing in the product imports it.
package scale

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"

	"k8s.io/client-go/rest"
)

// Sizes of the reference fleets, in managed clusters.
const (
	S = demo.ReferenceSmall
	L = demo.ReferenceLarge
)

// watchedKinds are the kinds whose objects mcgtui's informers store (fleet.DefaultProducts
// plus the hub's ManagedClusters); the demo's Namespaces and AppProjects are not watched.
var watchedKinds = map[string]bool{
	"Application": true, "ApplicationSet": true,
	"ExternalSecret": true, "ClusterExternalSecret": true, "PushSecret": true,
	"SecretStore": true, "ClusterSecretStore": true,
	"StorageCluster": true, "StorageNode": true, "StorageClass": true,
	"PersistentVolumeClaim": true, "PersistentVolume": true,
}

// Source is a reference fleet served by fake clients: the API servers a manager watches.
type Source struct {
	// Clusters is the number of managed clusters (the hub not counted).
	Clusters int
	// Objects counts the objects the informers store on every API of the fleet, the
	// ManagedClusters included: the denominator of "bytes per object".
	Objects int
	// Apps counts the Applications, the rows of the fleet-wide :apps list.
	Apps   int
	Hub    kube.Conn
	Spokes []kube.Conn
	// Calls counts the list and watch requests made through the wire (see NewSource).
	Calls APICalls
	// Stream makes the managers NewManager returns watch as against a real API server: the
	// watch-list's events streamed as JSON lines to mcgtui's wire watch (see streamTransport),
	// instead of a LIST through the fake clients. Set it before NewManager or Run.
	Stream  bool
	streams map[string]rest.Interface // by cluster, when the source crosses the wire

	resolveOnce sync.Once
	resources   []listed
}

// NewSource generates the reference fleet with the given number of managed clusters and loads
// it into fake clients whose lists cross the wire (see wireClient). The generated objects are
// dropped: only the fake clients' copies stay.
func NewSource(clusters int) *Source { return newSource(clusters, true) }

func newSource(clusters int, wire bool) *Source {
	return newSourceOf(demo.Build(demo.ReferenceOptions(clusters)), clusters, wire)
}

// newSourceOf loads a generated fleet with the given number of managed clusters.
func newSourceOf(f *demo.Fleet, clusters int, wire bool) *Source {
	s := &Source{Clusters: clusters}
	for _, c := range f.Clusters {
		if c.Managed != nil {
			s.Objects++
		}
		for _, u := range c.Objects {
			kind := u.GetKind()
			if watchedKinds[kind] {
				s.Objects++
			}
			if kind == "Application" {
				s.Apps++
			}
		}
	}
	s.Hub, s.Spokes = demo.Conns(f)
	if wire {
		s.streams = map[string]rest.Interface{}
		for _, c := range append([]*kube.Conn{&s.Hub}, pointers(s.Spokes)...) {
			wc := newWireClient(c.Dynamic, &s.Calls)
			c.Dynamic = wc
			streams, err := streamClient(c.Cluster, wc)
			if err != nil {
				panic("scale: " + err.Error()) // a fixed in-process configuration
			}
			s.streams[c.Cluster] = streams
		}
	}
	return s
}

func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// conn returns c as a manager started now gets it: with its streamed watches when s.Stream.
func (s *Source) conn(c kube.Conn) kube.Conn {
	if !s.Stream || s.streams == nil {
		return c
	}
	if wc, ok := c.Dynamic.(wireClient); ok {
		c.Dynamic, c.Streams = streamingClient{wc}, s.streams[c.Cluster]
	}
	return c
}

// NewManager returns a manager of the source's fleet with the product's default settings.
func (s *Source) NewManager() *fleet.Manager {
	byName := make(map[string]kube.Conn, len(s.Spokes))
	for _, c := range s.Spokes {
		byName[c.Cluster] = s.conn(c)
	}
	return fleet.New(fleet.Options{
		Hub:  s.conn(s.Hub),
		Demo: true,
		Connect: func(mc *model.ManagedCluster) (kube.Conn, bool, string) {
			c, ok := byName[mc.Name]
			return c, ok, "no kubeconfig context for " + mc.Name
		},
	})
}

// Loaded reports whether f holds the whole source: every cluster, every source settled.
func (s *Source) Loaded(f *model.Fleet) bool {
	return f != nil && len(f.Clusters) == s.Clusters+1 && fleet.Settled(f)
}

// Running is a manager started on a source.
type Running struct {
	Manager *fleet.Manager
	// Fleet is the first published fleet that held the whole source.
	Fleet *model.Fleet
	// Took is the time from starting the manager to that fleet's publication (polled every
	// millisecond, so at most a millisecond late).
	Took   time.Duration
	cancel context.CancelFunc
	done   chan struct{}
}

// Stop stops the manager and waits for every source to end.
func (r *Running) Stop() {
	r.cancel()
	<-r.done
}

// Run starts a manager on the source and waits until it has published the whole fleet.
func (s *Source) Run(timeout time.Duration) (*Running, error) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &Running{Manager: s.NewManager(), cancel: cancel, done: make(chan struct{})}
	start := time.Now()
	go func() { defer close(r.done); r.Manager.Run(ctx) }()
	deadline := start.Add(timeout)
	for {
		if f := r.Manager.Latest(); s.Loaded(f) {
			r.Fleet, r.Took = f, time.Since(start)
			return r, nil
		}
		if time.Now().After(deadline) {
			r.Stop()
			return nil, fmt.Errorf("the %d-cluster fleet did not load within %s", s.Clusters, timeout)
		}
		time.Sleep(time.Millisecond)
	}
}

// Load returns the fleet a manager publishes for the reference fleet of the given size, with
// the manager stopped and the fake clients dropped: what the views get, and nothing else.
// The lists do not cross the wire (see wireClient): the views do not care, and it is faster.
func Load(clusters int) (*model.Fleet, error) {
	s := newSource(clusters, false)
	r, err := s.Run(10 * time.Minute)
	if err != nil {
		return nil, err
	}
	r.Stop()
	return r.Fleet, nil
}

// Count returns the objects in a fleet's snapshots by list: apps, ExternalSecrets (and their
// cluster-wide kinds), stores, Portworx volumes and Portworx StorageClusters plus nodes.
func Count(f *model.Fleet) (apps, secrets, stores, volumes, px int) {
	for _, c := range f.Clusters {
		apps += len(c.Apps)
		secrets += len(c.Secrets)
		stores += len(c.Stores)
		volumes += len(c.Volumes)
		px += len(c.StorageClusters) + len(c.StorageNodes)
	}
	return
}
