package actions

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func target(cluster, ns, name string) Target {
	return Target{Ref: model.Ref{Cluster: cluster, Kind: "Application", Namespace: ns, Name: name}, Context: "ctx-" + cluster}
}

func TestReadOnlyRefusesEverything(t *testing.T) {
	r := Request{Kind: Refresh, Targets: []Target{target("east", "argocd", "a"), target("west", "argocd", "b")}}
	var ro ReadOnly
	if ok, why := ro.Allowed(context.Background(), Sync, r.Targets[0]); ok || why == "" {
		t.Fatal("read-only allowed an action")
	}
	for _, res := range ro.Execute(context.Background(), r) {
		if !errors.Is(res.Err, ErrReadOnly) {
			t.Fatalf("read-only result %v", res.Err)
		}
	}
}

func TestRequestDescribesItself(t *testing.T) {
	r := Request{Kind: Sync, Targets: []Target{target("west", "argocd", "b"), target("east", "argocd", "a"), target("east", "apps", "c")},
		Sync: SyncOptions{Prune: true, Revision: "v2"}}
	if got := r.Title(); got != "Sync 3 applications on 2 clusters" {
		t.Errorf("Title = %q", got)
	}
	if !r.Dangerous() {
		t.Error("a pruning sync must be dangerous")
	}
	if r.Sync.DryRun = true; r.Dangerous() {
		t.Error("a dry run changes nothing and is not dangerous")
	}
	want := []string{"east (context ctx-east)", "  argocd/a", "  apps/c", "west (context ctx-west)", "  argocd/b"}
	if got := r.Lines(); !reflect.DeepEqual(got, want) {
		t.Errorf("Lines = %q, want %q", got, want)
	}
	if got := (Request{Kind: Refresh, Targets: r.Targets[1:]}).Title(); got != "Refresh 2 applications on east" {
		t.Errorf("one-cluster bulk Title = %q", got)
	}
	if got := r.Options(); !reflect.DeepEqual(got, []string{"revision=v2", "prune", "dry-run"}) {
		t.Errorf("Options = %q", got)
	}
	one := Request{Kind: HardRefresh, Targets: []Target{target("east", "argocd", "a")}}
	if got := one.Title(); got != "Hard refresh Application argocd/a on east" {
		t.Errorf("Title = %q", got)
	}
}

func TestKindApplies(t *testing.T) {
	if !Sync.Applies("Application") || Sync.Applies("ExternalSecret") || !ForceSync.Applies("PushSecret") || ForceSync.Applies("Application") {
		t.Fatal("Applies is wrong")
	}
}
