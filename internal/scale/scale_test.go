package scale

import (
	"context"
	"reflect"
	"testing"
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

// Streamed, the fleet loads through watch-list events on the wire watch, without a LIST, into
// the same snapshots as through the lists; a later change arrives on the same stream.
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
	if n := s.Calls.Lists.Load() - lists; n != 0 {
		t.Errorf("the streamed load made %d LISTs, want none", n)
	}
	for _, want := range listed.Fleet.Clusters {
		got := r.Fleet.Cluster(want.Name)
		if got == nil {
			t.Fatalf("cluster %s missing from the streamed fleet", want.Name)
		}
		if !reflect.DeepEqual(got.Apps, want.Apps) || !reflect.DeepEqual(got.Secrets, want.Secrets) ||
			!reflect.DeepEqual(got.Stores, want.Stores) || !reflect.DeepEqual(got.Volumes, want.Volumes) {
			t.Errorf("cluster %s: the streamed snapshot differs from the listed one", want.Name)
		}
	}
	change := newAppToggler(t, s, r)
	change.toggle(t, 0)
	change.toggle(t, 1)
}
