package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
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
