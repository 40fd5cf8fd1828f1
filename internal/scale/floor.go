package scale

import (
	"context"
	"runtime"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/mcgtui/mcgtui/internal/sources/acm"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
	"github.com/mcgtui/mcgtui/internal/sources/kube"
)

// listed is one resource of one cluster that mcgtui watches.
type listed struct {
	conn kube.Conn
	gvr  schema.GroupVersionResource
}

// watchedResources returns every resource mcgtui lists and watches on the fleet: per
// cluster, the first served version of each kind of fleet.DefaultProducts, and the hub's
// ManagedClusters. Resolved once with discovery, as the sources do.
func (s *Source) watchedResources() []listed {
	s.resolveOnce.Do(func() {
		products := fleet.DefaultProducts("")
		s.resources = append(s.resources, listed{s.Hub, acm.ManagedClustersGVR})
		for _, conn := range append([]kube.Conn{s.Hub}, s.Spokes...) {
			for _, p := range products {
				for _, k := range p.Kinds {
					for _, v := range k.Versions {
						gvr := schema.GroupVersionResource{Group: k.Group, Version: v, Resource: k.Resource}
						if served(conn, gvr) {
							s.resources = append(s.resources, listed{conn, gvr})
							break
						}
					}
				}
			}
		}
	})
	return s.resources
}

func served(conn kube.Conn, gvr schema.GroupVersionResource) bool {
	list, err := conn.Discovery.ServerResourcesForGroupVersion(gvr.GroupVersion().String())
	if err != nil {
		return false
	}
	for _, r := range list.APIResources {
		if r.Name == gvr.Resource {
			return true
		}
	}
	return false
}

// Watches is the number of watches mcgtui opens on the fleet: one per resource it lists.
func (s *Source) Watches() int { return len(s.watchedResources()) }

// ListAll lists every resource mcgtui watches, through the same clients, on GOMAXPROCS
// goroutines, and returns the number of objects: the LIST floor that loading the fleet is
// compared with (what any client pays to receive the fleet, before mcgtui does anything).
func (s *Source) ListAll(ctx context.Context) (int, error) {
	resources := s.watchedResources()
	var (
		mu       sync.Mutex
		total    int
		firstErr error
		wg       sync.WaitGroup
		next     = make(chan listed)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range next {
				list, err := r.conn.Dynamic.Resource(r.gvr).List(ctx, metav1.ListOptions{})
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if err == nil {
					total += len(list.Items)
				}
				mu.Unlock()
			}
		})
	}
	for _, r := range resources {
		next <- r
	}
	close(next)
	wg.Wait()
	return total, firstErr
}
