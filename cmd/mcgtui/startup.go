package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// startupTraceEnv names a file to which the dashboard appends, as Unix nanoseconds, when main
// started, when it drew its first frame, and its first frame with the fleet page's rows
// ("main NS", "frame NS" and "fleet NS" lines).
// BenchmarkStartup reads it; nothing else sets it.
const startupTraceEnv = "MCGTUI_STARTUP_TRACE"

// traceMain records when main started, after the runtime and every package's init, when
// MCGTUI_STARTUP_TRACE is set.
func traceMain() {
	if path := os.Getenv(startupTraceEnv); path != "" {
		(&startupTrace{path: path}).write("main", time.Now())
	}
}

// traceStartup wraps the root model so that the first frames are timed when
// MCGTUI_STARTUP_TRACE is set; otherwise it returns m unchanged.
func traceStartup(m tea.Model) tea.Model {
	path := os.Getenv(startupTraceEnv)
	if path == "" {
		return m
	}
	return &startupTrace{Model: m, path: path}
}

// startupTrace is the root model with its first frames timed.
type startupTrace struct {
	tea.Model
	path         string
	first, fleet sync.Once
	fleetSeen    bool
}

// Update implements tea.Model, keeping the wrapper as the root.
func (s *startupTrace) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := s.Model.Update(msg)
	s.Model = m
	return s, cmd
}

// View implements tea.Model: the inner view, its time recorded the first time, and the first
// time it shows a fleet.
func (s *startupTrace) View() tea.View {
	v := s.Model.View()
	now := time.Now()
	s.first.Do(func() { s.write("frame", now) })
	// The fleet page's rows are on screen once neither the wait for the first snapshot nor
	// the row count still loading ("Fleet (…)") is.
	if !s.fleetSeen && !strings.Contains(v.Content, "waiting for the first fleet snapshot") &&
		strings.Contains(v.Content, "Fleet (") && !strings.Contains(v.Content, "Fleet (…)") {
		s.fleetSeen = true
		s.fleet.Do(func() { s.write("fleet", now) })
	}
	return v
}

func (s *startupTrace) write(what string, at time.Time) {
	f, err := os.OpenFile(s.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	fmt.Fprintf(f, "%s %d\n", what, at.UnixNano())
}
