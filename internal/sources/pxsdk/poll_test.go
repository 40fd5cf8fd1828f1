package pxsdk

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
	"go.uber.org/goleak"
)

// fakeOpener serves the real gateway's answers from testdata/sdk, or fails as told.
type fakeOpener struct {
	mu       sync.Mutex
	openErr  error
	getErr   map[string]error // by path
	opened   atomic.Int32
	inflight atomic.Int32
	peak     atomic.Int32
}

func (o *fakeOpener) Open(context.Context, string) (Session, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.opened.Add(1)
	if o.openErr != nil {
		return nil, o.openErr
	}
	return &fakeSession{o: o}, nil
}

type fakeSession struct{ o *fakeOpener }

func (s *fakeSession) Path() string { return "service-proxy" }
func (s *fakeSession) Close()       {}

func (s *fakeSession) Get(_ context.Context, path string) ([]byte, error) {
	n := s.o.inflight.Add(1)
	defer s.o.inflight.Add(-1)
	for {
		p := s.o.peak.Load()
		if n <= p || s.o.peak.CompareAndSwap(p, n) {
			break
		}
	}
	time.Sleep(time.Millisecond)
	s.o.mu.Lock()
	err := s.o.getErr[path]
	s.o.mu.Unlock()
	if err != nil {
		return nil, err
	}
	name := map[string]string{pathCluster: "cluster-inspectcurrent.json", pathNodes: "nodes.json", pathVolumes: "volumes.json"}[path]
	switch {
	case strings.HasPrefix(path, "/v1/nodes/inspect/"):
		name = "node-" + strings.TrimPrefix(path, "/v1/nodes/inspect/") + ".json"
	case strings.HasPrefix(path, "/v1/volumes/inspect/"):
		name = "volume-" + strings.TrimPrefix(path, "/v1/volumes/inspect/") + ".json"
	}
	b, err := os.ReadFile(filepath.Join("testdata", "sdk", name))
	if err != nil {
		return nil, &StatusError{Code: http.StatusNotFound, SDK: true, Message: "not found"}
	}
	return b, nil
}

func TestPollStates(t *testing.T) {
	o := &fakeOpener{getErr: map[string]error{}}
	p := NewPoller("c", o, nil)
	p.Limits.Parallel = 2
	ctx := context.Background()

	res := p.Once(ctx, "portworx")
	if res.Source.State != model.StateReady || len(res.Volumes) != 7 || len(res.Nodes) != 4 || res.Quorum != "ok" {
		t.Fatalf("first poll: %s %q, %d volumes, %d nodes", res.Source.State, res.Source.Reason, len(res.Volumes), len(res.Nodes))
	}
	if peak := o.peak.Load(); peak > 2 {
		t.Errorf("%d requests at once, limit 2", peak)
	}
	if res.Volumes[0].Health == (model.Health{}) && res.Health == (model.Health{}) {
		t.Error("poll result not judged")
	}

	// A volume that disappears between the list and its inspect is left out, not an error.
	o.mu.Lock()
	o.getErr["/v1/volumes/inspect/551234567890123456"] = &StatusError{Code: http.StatusNotFound, SDK: true}
	o.mu.Unlock()
	if res := p.Once(ctx, "portworx"); res.Source.State != model.StateReady || len(res.Volumes) != 6 {
		t.Errorf("volume gone: %s, %d volumes", res.Source.State, len(res.Volumes))
	}

	// The SDK fails after a good poll: Stale, the last good data kept.
	o.mu.Lock()
	o.getErr[pathVolumes] = errors.New("dial tcp 10.0.0.1:9021: connect: connection refused")
	o.mu.Unlock()
	stale := p.Once(ctx, "portworx")
	if stale.Source.State != model.StateStale || len(stale.Volumes) != 6 || !strings.Contains(stale.Source.Reason, "connection refused") {
		t.Errorf("after a failure: %s %q, %d volumes", stale.Source.State, stale.Source.Reason, len(stale.Volumes))
	}
	again := p.Once(ctx, "portworx")
	if again.Source.Since != stale.Source.Since {
		t.Errorf("Stale since moved: %v then %v", stale.Source.Since, again.Source.Since)
	}

	// A new poller whose first poll fails has no data, and the failure's state.
	o2 := &fakeOpener{getErr: map[string]error{pathCluster: &StatusError{Code: http.StatusForbidden, Message: `services "portworx-api" is forbidden`}}}
	if res := NewPoller("c", o2, nil).Once(ctx, "portworx"); res.Source.State != model.StateForbidden || !res.Polled.IsZero() {
		t.Errorf("forbidden: %s %q", res.Source.State, res.Source.Reason)
	}
}

func TestStateFor(t *testing.T) {
	tests := []struct {
		err   error
		state model.SourceState
		text  string
	}{
		{&StatusError{Code: 401, SDK: true, Message: "Invalid or missing authentication token"}, model.StateAuthRequired, "MCGTUI_PORTWORX_TOKEN"},
		{&StatusError{Code: 403, SDK: true, Message: "Access denied"}, model.StateAuthRequired, "security is on"},
		{&StatusError{Code: 403, SDK: true, TokenSent: true, Message: "Unable to authenticate token"}, model.StateForbidden, "refused the token"},
		{&StatusError{Code: 403, Reason: "Forbidden", Message: "cannot get services/proxy"}, model.StateForbidden, "services/proxy"},
		{&StatusError{Code: 404, Reason: "NotFound", Message: `services "portworx-api" not found`}, model.StateNotInstalled, "no portworx-api service in px"},
		{&StatusError{Code: 503, Reason: "ServiceUnavailable", Message: "no endpoints available"}, model.StateUnreachable, "no endpoints"},
		{&StatusError{Code: 500, SDK: true, Message: "internal"}, model.StateUnreachable, "portworx sdk: HTTP 500"},
		{context.DeadlineExceeded, model.StateUnreachable, "timeout"},
	}
	for _, tt := range tests {
		st := StateFor(tt.err, "px")
		if st.State != tt.state || !strings.Contains(st.Reason, tt.text) {
			t.Errorf("%v: %s %q, want %s containing %q", tt.err, st.State, st.Reason, tt.state, tt.text)
		}
	}
}

func TestRunPollsOnDemandAndWhileActive(t *testing.T) {
	defer goleak.VerifyNone(t)
	o := &fakeOpener{getErr: map[string]error{}}
	updates := make(chan struct{}, 16)
	p := NewPoller("c", o, func() { updates <- struct{}{} })
	p.Limits.MinInterval, p.Limits.Interval = 10*time.Millisecond, 20*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); p.Run(ctx) }()
	wait := func(what string) {
		t.Helper()
		select {
		case <-updates:
		case <-time.After(10 * time.Second):
			t.Fatalf("no poll: %s", what)
		}
	}
	p.SetNamespace("portworx")
	wait("when the namespace became known")
	if p.Latest() == nil || p.Latest().Source.State != model.StateReady {
		t.Fatalf("latest: %+v", p.Latest())
	}
	p.Poll()
	wait("on demand")
	p.SetActive(true)
	wait("page opened")
	wait("while active")
	p.SetActive(false)
	p.SetNamespace("")
	if p.Latest() != nil {
		t.Error("Portworx gone, data kept")
	}
	cancel()
	<-done
}
