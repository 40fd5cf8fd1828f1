package actions

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// AuditEntry is one line of the audit log: one attempt on one target.
type AuditEntry struct {
	Time      time.Time `json:"time"`
	User      string    `json:"user,omitempty"` // the kube identity (SelfSubjectReview)
	Cluster   string    `json:"cluster"`
	Context   string    `json:"context,omitempty"`
	Action    string    `json:"action"`
	Kind      string    `json:"kind"`
	Namespace string    `json:"namespace,omitempty"`
	Name      string    `json:"name"`
	Options   []string  `json:"options,omitempty"`
	Result    string    `json:"result"` // ok, refused, error
	Error     string    `json:"error,omitempty"`
}

// AuditLog appends one JSON line per attempted action to a file, so that what mcgtui changed,
// or tried to, can be read back after a session.
type AuditLog struct {
	Path string
	mu   sync.Mutex
}

// DefaultAuditPath is $XDG_STATE_HOME/mcgtui/audit.log (~/.local/state/mcgtui/audit.log).
func DefaultAuditPath() string {
	dir := os.Getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "mcgtui", "audit.log")
}

// Record appends entries; the file and its folder are created private to the user.
func (l *AuditLog) Record(entries ...AuditEntry) error {
	if l == nil || l.Path == "" {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(l.Path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			_ = f.Close()
			return fmt.Errorf("audit log: %w", err)
		}
	}
	return f.Close()
}

// Entries builds the audit entries of a request's results; userOf names the kube identity
// used on a cluster.
func Entries(r Request, results []Result, userOf func(cluster string) string, now time.Time) []AuditEntry {
	out := make([]AuditEntry, 0, len(results))
	for _, res := range results {
		e := AuditEntry{
			Time: now.UTC(), User: userOf(res.Target.Ref.Cluster), Cluster: res.Target.Ref.Cluster, Context: res.Target.Context,
			Action: r.Kind.String(), Kind: res.Target.Ref.Kind, Namespace: res.Target.Ref.Namespace,
			Name: res.Target.Ref.Name, Options: r.Options(), Result: "ok",
		}
		switch {
		case res.Err == ErrReadOnly:
			e.Result, e.Error = "refused", res.Err.Error()
		case res.Err != nil:
			e.Result, e.Error = "error", res.Err.Error()
		}
		out = append(out, e)
	}
	return out
}
