package actions

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func alice(string) string { return "alice" }

func TestAuditLogOneLinePerAttempt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "mcgtui", "audit.log")
	log := &AuditLog{Path: path}
	r := Request{Kind: Sync, Targets: []Target{target("east", "argocd", "a"), target("west", "argocd", "b")}, Sync: SyncOptions{Prune: true}}
	results := []Result{{Target: r.Targets[0]}, {Target: r.Targets[1], Err: errors.New("an operation is already running")}}
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	if err := log.Record(Entries(r, results, alice, now)...); err != nil {
		t.Fatal(err)
	}
	if err := log.Record(Entries(Request{Kind: Refresh, Targets: r.Targets[:1]}, ReadOnly{}.Execute(nil, Request{Kind: Refresh, Targets: r.Targets[:1]}), alice, now)...); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []AuditEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e AuditEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		got = append(got, e)
	}
	if len(got) != 3 {
		t.Fatalf("%d lines, want 3", len(got))
	}
	if got[0].Result != "ok" || got[0].User != "alice" || got[0].Cluster != "east" || got[0].Options[0] != "prune" {
		t.Errorf("first entry %+v", got[0])
	}
	if got[1].Result != "error" || got[1].Error == "" || got[2].Result != "refused" {
		t.Errorf("failures not recorded: %+v %+v", got[1], got[2])
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", st.Mode().Perm())
	}
}
