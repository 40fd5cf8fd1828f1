// Package tmux drives a program in a real terminal for tests: tmux runs it, Keys types, Screen
// reads what a person would see, WaitFor polls for content (never a fixed sleep).
package tmux

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var sessions atomic.Int64

// Require skips the test when tmux is missing, or fails it when MCGTUI_REQUIRE_TMUX is set
// (the project's test command sets it, so CI never skips a terminal test silently).
func Require(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("MCGTUI_REQUIRE_TMUX") != "" {
			t.Fatal("tmux is required (MCGTUI_REQUIRE_TMUX is set) but not installed")
		}
		t.Skip("tmux not installed; the test command (hack/test.sh) requires it")
	}
}

// Session is one detached tmux session on a private server.
type Session struct {
	t      testing.TB
	socket string
}

// Start runs command (a shell command line) in a new width×height session. The session's
// server is killed when the test ends.
func Start(t testing.TB, width, height int, command string) *Session {
	t.Helper()
	s := &Session{t: t, socket: "mcgtui-test-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(sessions.Add(1), 10)}
	s.run("new-session", "-d", "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "-s", "main", command)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *Session) run(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Screen returns the visible screen as text.
func (s *Session) Screen() string { return s.run("capture-pane", "-p", "-t", "main") }

// Keys types keys one at a time (tmux key names: "Enter", "Escape", "Down", or text), with a
// short pause so that a lone ESC is not read as the start of an Alt sequence.
func (s *Session) Keys(keys ...string) {
	for _, k := range keys {
		s.run("send-keys", "-t", "main", k)
		time.Sleep(150 * time.Millisecond)
	}
}

// Type types text character by character.
func (s *Session) Type(text string) {
	for _, r := range text {
		s.Keys(string(r))
	}
}

// WaitFor polls the screen until it holds every text, failing the test after timeout.
func (s *Session) WaitFor(timeout time.Duration, texts ...string) string {
	s.t.Helper()
	return s.WaitUntil(timeout, strings.Join(texts, ", "), func(scr string) bool {
		for _, txt := range texts {
			if !strings.Contains(scr, txt) {
				return false
			}
		}
		return true
	})
}

// WaitUntil polls the screen until ok accepts it, failing the test after timeout.
func (s *Session) WaitUntil(timeout time.Duration, what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		scr := s.Screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %s:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// WaitExit waits for the file a command line wrote its exit status to ("cmd; echo $? > f")
// and returns that status.
func WaitExit(t testing.TB, file string, timeout time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if data, err := os.ReadFile(file); err == nil && strings.TrimSpace(string(data)) != "" {
			return strings.TrimSpace(string(data))
		}
		if time.Now().After(deadline) {
			t.Fatalf("the program did not exit within %s", timeout)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
