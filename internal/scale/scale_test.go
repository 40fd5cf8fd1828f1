package scale

import (
	"context"
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/util/diff"
)

// The reference fleet loads completely: every cluster, every object the informers store.
func TestSmallFleetLoads(t *testing.T) {
	s := NewSource(20)
	n, err := s.ListAll(context.Background())
	if err != nil || n != s.Objects {
		t.Fatalf("LIST floor saw %d objects (%v), the source has %d", n, err, s.Objects)
	}
	r, err := s.Run(timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	apps, secrets, stores, volumes, px := Count(r.Fleet)
	if apps != s.Apps || secrets == 0 || stores == 0 || volumes == 0 || px == 0 {
		t.Fatalf("loaded %d apps (want %d), %d secrets, %d stores, %d volumes, %d px", apps, s.Apps, secrets, stores, volumes, px)
	}
}

// Streamed, the fleet loads through the wire list (one LIST per kind, read as it arrives) and
// the wire watch into the same snapshots as through client-go's lists; a later change arrives
// on the watch. It also catches destinations resolved with a ManagedCluster list that came
// after the hub's Applications.
func TestSmallFleetStreams(t *testing.T) {
	s := NewSource(20)
	listed, err := s.Run(timeout)
	if err != nil {
		t.Fatal(err)
	}
	listed.Stop()
	lists := s.Calls.Lists.Load()
	s.Stream = true
	r, err := s.Run(timeout)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	if n := s.Calls.Lists.Load() - lists; n != lists {
		t.Errorf("the streamed load made %d LISTs, want %d (one per kind, as the listed load)", n, lists)
	}
	for _, want := range listed.Fleet.Clusters {
		got := r.Fleet.Cluster(want.Name)
		if got == nil {
			t.Fatalf("cluster %s missing from the streamed fleet", want.Name)
		}
		if !reflect.DeepEqual(got.Apps, want.Apps) || !reflect.DeepEqual(got.Secrets, want.Secrets) ||
			!reflect.DeepEqual(got.Stores, want.Stores) || !reflect.DeepEqual(got.Volumes, want.Volumes) {
			t.Errorf("cluster %s: the streamed snapshot differs from the listed one: apps %d/%d secrets %d/%d stores %d/%d volumes %d/%d", want.Name,
				len(got.Apps), len(want.Apps), len(got.Secrets), len(want.Secrets), len(got.Stores), len(want.Stores), len(got.Volumes), len(want.Volumes))
			t.Log(diff.Diff(want.Apps, got.Apps), diff.Diff(want.Secrets, got.Secrets), diff.Diff(want.Stores, got.Stores), diff.Diff(want.Volumes, got.Volumes))
		}
	}
	change := newAppToggler(t, s, r)
	change.toggle(t, 0)
	change.toggle(t, 1)
}
