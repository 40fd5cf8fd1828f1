package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestStatusDemoTriage(t *testing.T) {
	code, stdout, stderr := runCmd(t, "status", "--demo", "--triage")
	if code != 1 {
		t.Fatalf("demo has trouble by design: want exit 1, got %d (stderr %q)", code, stderr)
	}
	if !regexp.MustCompile(`^\d+ problems · \d+ causes\n`).MatchString(stdout) {
		t.Errorf("triage should start with its header:\n%s", stdout)
	}
	if !strings.Contains(stdout, "1. Critical  ClusterSecretStore vault-backend on cluster-gcp-eu") ||
		!strings.Contains(stdout, "[store, certain: uses ClusterSecretStore vault-backend]") {
		t.Errorf("the broken store should be the first cause with its secrets beneath:\n%s", stdout)
	}
}

func TestStatusDemoJSONHasCauses(t *testing.T) {
	_, stdout, _ := runCmd(t, "status", "--demo", "-o", "json", "--problems")
	var doc struct {
		SchemaVersion int `json:"schemaVersion"`
		Items         []struct {
			CausedBy []string `json:"causedBy"`
		} `json:"items"`
		Causes []struct {
			ID       string `json:"id"`
			Symptoms []struct {
				Link, Certainty, Why, Via string
			} `json:"symptoms"`
		} `json:"causes"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.SchemaVersion != 1 || len(doc.Causes) == 0 || doc.Causes[0].ID != "cluster-gcp-eu/ClusterSecretStore/vault-backend" {
		t.Fatalf("schema %d, %d causes, first %+v", doc.SchemaVersion, len(doc.Causes), doc.Causes)
	}
	explained := 0
	for _, it := range doc.Items {
		explained += len(it.CausedBy)
	}
	if explained < len(doc.Causes[0].Symptoms) {
		t.Errorf("%d rows name a cause; the first cause alone explains %d", explained, len(doc.Causes[0].Symptoms))
	}
}

func TestStatusDemoScenario(t *testing.T) {
	code, stdout, stderr := runCmd(t, "status", "--demo", "--scenario", "px-node-down", "--triage")
	if code != 1 {
		t.Fatalf("want exit 1, got %d (stderr %q)", code, stderr)
	}
	if !strings.Contains(stdout, "PersistentVolumeClaim cache/redis-data-redis-master-1") ||
		!strings.Contains(stdout, "[statefulset-claim, likely: claim of StatefulSet cache/redis-master") {
		t.Errorf("the scenario's chain is missing:\n%s", stdout)
	}
}

func TestScenarioFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"status", "--scenario", "vault-outage"},
		{"status", "--demo", "--scenario", "meteor"},
		{"demo", "--scenario", "meteor"},
	} {
		code, _, stderr := runCmd(t, args...)
		if code != 2 || !strings.HasPrefix(stderr, "mcgtui: --scenario ") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the flag named", args, code, stderr)
		}
	}
	code, stdout, _ := runCmd(t, "demo", "--help")
	for _, name := range []string{"vault-outage", "px-node-down", "cluster-lost", "bad-commit", "policy-drift"} {
		if code != 0 || !strings.Contains(stdout, "\n  "+name+" ") {
			t.Errorf("demo --help should list scenario %s (exit %d):\n%s", name, code, stdout)
		}
	}
}

func TestDemoBackendIncidents(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	d := startDemo(ctx, true, "")
	defer func() { cancel(); d.wait(3 * time.Second) }()
	if got := d.Incidents(); len(got) != 5 || got[0] != "vault-outage" {
		t.Fatalf("incidents: %v", got)
	}
	if err := d.Inject(ctx, "bad-commit"); err != nil {
		t.Fatal(err)
	}
	if err := d.Inject(ctx, "bad-commit"); err == nil {
		t.Errorf("the same incident twice should be refused")
	}
	if err := d.HealAll(ctx); err != nil || len(d.backend().sim.Active()) != 0 {
		t.Errorf("HealAll: %v, still active %v", err, d.backend().sim.Active())
	}
	real := &backend{}
	if real.Incidents() != nil || real.Inject(ctx, "bad-commit") == nil || real.HealAll(ctx) == nil {
		t.Errorf("a real hub has no incidents")
	}
}
