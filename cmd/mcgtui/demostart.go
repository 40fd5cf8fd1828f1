package main

import (
	"context"
	"time"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
)

// startingDemo is the demo's backend while the demo fleet is generated and loaded into its
// fake clients, in the background: the dashboard starts at once and draws its first frame
// ("waiting for the first fleet snapshot…") without waiting for it (docs/performance.md,
// start-up). Fleets are forwarded from the real backend once it runs; the other methods,
// used only once a fleet is on screen, wait for it.
type startingDemo struct {
	ready   chan struct{}
	b       *backend
	updates chan *model.Fleet
}

// startDemo builds and starts the demo backend (and its simulator) in the background.
func startDemo(ctx context.Context, readOnly bool, scenario string) *startingDemo {
	s := &startingDemo{ready: make(chan struct{}), updates: make(chan *model.Fleet, 1)}
	go func() {
		b, sim := demoBackend(readOnly)
		_ = startScenario(ctx, b, scenario) // the name was checked with the flags
		b.start(ctx, sim)
		s.b = b
		close(s.ready)
		forwardLatest(ctx, b.Updates(), s.updates, nil)
	}()
	return s
}

// forwardLatest copies fleets from src to dst until ctx ends; a fleet the reader has not
// taken yet is replaced by the newer one, as fleet.Manager.Updates does. sent, when not nil,
// is told each fleet before it is handed on.
func forwardLatest(ctx context.Context, src <-chan *model.Fleet, dst chan *model.Fleet, sent func(*model.Fleet)) {
	for {
		var f *model.Fleet
		select {
		case <-ctx.Done():
			return
		case f = <-src:
		}
		if sent != nil {
			sent(f)
		}
		select {
		case dst <- f:
			continue
		default:
		}
		select {
		case <-dst:
		default:
		}
		dst <- f // the only writer, and the buffer was just emptied
	}
}

func (s *startingDemo) backend() *backend {
	<-s.ready
	return s.b
}

// Updates implements views.Backend.
func (s *startingDemo) Updates() <-chan *model.Fleet { return s.updates }

// FetchYAML implements views.Backend.
func (s *startingDemo) FetchYAML(ctx context.Context, ref model.Ref) (string, error) {
	return s.backend().FetchYAML(ctx, ref)
}

// Executor implements views.Backend.
func (s *startingDemo) Executor() actions.Executor { return s.backend().Executor() }

// Target implements views.Backend.
func (s *startingDemo) Target(ref model.Ref) actions.Target { return s.backend().Target(ref) }

// Diff implements views.Backend.
func (s *startingDemo) Diff(ctx context.Context, app model.App) (diff.Result, error) {
	return s.backend().Diff(ctx, app)
}

// wait gives the demo's sources a moment to stop once ctx has ended.
func (s *startingDemo) wait(limit time.Duration) {
	select {
	case <-s.ready:
		s.b.wait(limit)
	case <-time.After(limit):
	}
}
