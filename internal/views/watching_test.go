package views

import (
	"slices"
	"testing"
)

// Opening a cluster's page tells the backend to watch it (cluster-proxy's bounded set), and
// leaving it, by esc or by a ":" jump, tells it the cluster was left; other pages do not.
func TestClusterPagesTellTheBackendWhatIsWatched(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press("enter") // the first row: cluster-east-1
	if !slices.Equal(h.b.entered, []string{"cluster-east-1"}) || len(h.b.left) != 0 {
		t.Fatalf("after opening: entered %v, left %v", h.b.entered, h.b.left)
	}
	h.press("enter") // an object's detail page: not a cluster
	h.press("esc")
	if len(h.b.entered) != 1 || len(h.b.left) != 0 {
		t.Fatalf("a detail page entered or left a cluster: entered %v, left %v", h.b.entered, h.b.left)
	}
	h.press("esc")
	if !slices.Equal(h.b.left, []string{"cluster-east-1"}) {
		t.Fatalf("after esc: left %v", h.b.left)
	}
	h.press("enter")
	h.typeText(":apps")
	h.press("enter")
	if !slices.Equal(h.b.left, []string{"cluster-east-1", "cluster-east-1"}) {
		t.Fatalf("after a : jump: entered %v, left %v", h.b.entered, h.b.left)
	}
}
