package scale

import (
	"context"
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
