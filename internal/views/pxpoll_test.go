package views

import (
	"sync"
	"testing"
)

// pollingBackend records SetPortworxActive calls.
type pollingBackend struct {
	Backend
	mu    sync.Mutex
	calls []bool
}

func (b *pollingBackend) SetPortworxActive(on bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.calls = append(b.calls, on)
}

func (b *pollingBackend) got() []bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]bool(nil), b.calls...)
}

// Opening a Portworx list turns the SDK's polling on (which polls at once); leaving it turns
// polling off. Other pages leave it alone.
func TestPortworxPagesTurnPollingOnAndOff(t *testing.T) {
	h := newHarness(t, 160, 48)
	pb := &pollingBackend{Backend: h.m.backend}
	h.m.backend = pb
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	if got := pb.got(); len(got) != 0 {
		t.Fatalf("apps page: %v", got)
	}
	h.press(":")
	h.typeText("volumes")
	h.press("enter")
	if got := pb.got(); len(got) != 1 || !got[0] {
		t.Fatalf("volumes page: %v, want [true]", got)
	}
	h.press("esc")
	if got := pb.got(); len(got) != 2 || got[1] {
		t.Errorf("after leaving: %v, want [true false]", got)
	}
}
