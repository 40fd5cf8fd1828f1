package views

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// paymentsRef is the ref of cluster-east-1's payments app in the test fleet.
func paymentsRef() model.Ref { return testFleet().Clusters[1].Apps[1].Ref }

func appRef(cluster, name string) model.Ref {
	return model.Ref{Cluster: cluster, APIVersion: "argoproj.io/v1alpha1", Resource: "applications",
		Kind: "Application", Namespace: "openshift-gitops", Name: name}
}

func TestSyncDialogDefaultsToNo(t *testing.T) {
	for _, keys := range [][]string{{"enter"}, {"esc"}, {"y", "n", "enter"}, {"tab", "left", "enter"}} {
		t.Run(strings.Join(keys, ","), func(t *testing.T) {
			h := newFleetHarness(t, 160, 48)
			selectPayments(h)
			h.press("s")
			if h.m.dialog == nil {
				t.Fatalf("s on an app must open the dialog; message %q", h.m.message)
			}
			want := []actions.Target{{Ref: paymentsRef(), Context: "east-admin"}}
			if !reflect.DeepEqual(h.b.exec.checked, want) {
				t.Fatalf("permission checked for %+v, want %+v", h.b.exec.checked, want)
			}
			h.press(keys...)
			if h.m.dialog != nil || len(h.b.exec.requests) != 0 {
				t.Fatalf("%v must close the dialog and send nothing; sent %+v", keys, h.b.exec.requests)
			}
			if !strings.Contains(h.screen(), "sync cancelled: nothing was sent") {
				t.Fatal("cancelling must say that nothing was sent")
			}
		})
	}
}

func TestSyncYesSendsTheChosenOptions(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	selectPayments(h)
	h.press("s", "tab", "tab") // No → Yes → revision
	h.typeText("v1.2.3")
	h.press("down", "space")                 // prune
	h.press("down", "down", "down", "space") // apply out-of-sync only
	h.press("down", "space")                 // the first out-of-sync resource
	h.press("y", "enter")
	want := []actions.Request{{
		Kind:    actions.Sync,
		Targets: []actions.Target{{Ref: paymentsRef(), Context: "east-admin"}},
		Sync: actions.SyncOptions{Revision: "v1.2.3", Prune: true, ApplyOutOfSyncOnly: true,
			Resources: []actions.ResourceRef{{Group: "apps", Kind: "Deployment", Namespace: "payments", Name: "payments-api"}}},
	}}
	if !reflect.DeepEqual(h.b.exec.requests, want) {
		t.Fatalf("sent %+v\nwant %+v", h.b.exec.requests, want)
	}
	if h.m.message != "sync sent to 1 app" || h.m.dialog != nil {
		t.Fatalf("message %q, dialog open %v", h.m.message, h.m.dialog != nil)
	}
}

func TestBulkMarksAcrossClusterPagesMakeOneRequest(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press("/")
	h.typeText("east")
	h.press("enter", "enter", "space") // cluster-east-1 › Apps: payments (worst first)
	h.press("esc", "esc", "/")
	h.typeText("west")
	h.press("enter", "enter", "space") // cluster-west-2 › Apps: guestbook
	if !strings.Contains(h.screen(), "2 marked on 2 clusters") {
		t.Fatal("the title must count the marks across clusters")
	}
	h.press("esc", "esc", ":") // the marks stay while moving on
	h.typeText("apps")
	h.press("enter", "s") // the cursor is on an unmarked app: the action applies to the marks
	if h.m.dialog == nil {
		t.Fatalf("no dialog; message %q", h.m.message)
	}
	screen := h.screen()
	for _, line := range []string{"Sync 2 applications on 2 clusters", "cluster-east-1 (context east-admin)",
		"cluster-west-2 (context west-admin)", "openshift-gitops/payments", "openshift-gitops/guestbook"} {
		if !strings.Contains(screen, line) {
			t.Fatalf("the bulk dialog must show %q:\n%s", line, screen)
		}
	}
	h.press("y", "enter")
	if len(h.b.exec.requests) != 1 {
		t.Fatalf("want one request, got %d", len(h.b.exec.requests))
	}
	req := h.b.exec.requests[0]
	want := []actions.Target{{Ref: paymentsRef(), Context: "east-admin"},
		{Ref: appRef("cluster-west-2", "guestbook"), Context: "west-admin"}}
	if req.Kind != actions.Sync || !reflect.DeepEqual(req.Targets, want) {
		t.Fatalf("request %+v, want sync of %+v", req, want)
	}
	wantLines := []string{"cluster-east-1 (context east-admin)", "  openshift-gitops/payments",
		"cluster-west-2 (context west-admin)", "  openshift-gitops/guestbook"}
	if !reflect.DeepEqual(req.Lines(), wantLines) {
		t.Fatalf("targets grouped as %q", req.Lines())
	}
	if h.m.env.Marks.Len() != 0 || h.m.message != "sync sent to 2 apps" {
		t.Fatalf("marks %d, message %q: sent targets are unmarked", h.m.env.Marks.Len(), h.m.message)
	}
}

func TestBulkOutcomeKeepsFailedMarks(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.b.exec.fail["payments"] = errors.New(`applications.argoproj.io "payments" is forbidden`)
	markThreeClusters(h)
	h.press("s", "y", "enter")
	want := `sync sent to 2 apps; 1 failed: cluster-east-1 openshift-gitops/payments: applications.argoproj.io "payments" is forbidden`
	if h.m.message != want || !h.m.messageIsError {
		t.Fatalf("message %q, want %q", h.m.message, want)
	}
	if h.m.env.Marks.Len() != 1 || !h.m.env.Marks.Has(rows.ObjectKey(&testFleet().Clusters[1].Apps[1].Meta)) {
		t.Fatal("the failed target must stay marked for a retry")
	}
}

func TestOtherActionsSendTheirKind(t *testing.T) {
	cases := []struct {
		list, filter, key string
		kind              actions.Kind
		ref               model.Ref
	}{
		{"apps", "payments", "r", actions.Refresh, paymentsRef()},
		{"apps", "payments", "R", actions.HardRefresh, paymentsRef()},
		{"secrets", "api-token", "f", actions.ForceSync, testFleet().Clusters[1].Secrets[1].Ref},
	}
	for _, c := range cases {
		t.Run(c.kind.String(), func(t *testing.T) {
			h := newFleetHarness(t, 160, 48)
			h.press(":")
			h.typeText(c.list)
			h.press("enter", "/")
			h.typeText(c.filter)
			h.press("enter", c.key, "y", "enter")
			want := []actions.Request{{Kind: c.kind, Targets: []actions.Target{{Ref: c.ref, Context: "east-admin"}}}}
			if !reflect.DeepEqual(h.b.exec.requests, want) {
				t.Fatalf("sent %+v, want %+v", h.b.exec.requests, want)
			}
		})
	}
}

func TestActionKeysOnlyWhereTheyApply(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press("s", "f", "space", "d") // the fleet page: clusters have no actions
	h.press(":")
	h.typeText("secrets")
	h.press("enter", "s", "r", "d", "D") // app keys on external secrets
	if len(h.b.exec.checked) != 0 || h.m.dialog != nil || len(h.m.stack) != 2 {
		t.Fatalf("keys that do not apply must do nothing (checked %d, stack %d)", len(h.b.exec.checked), len(h.m.stack))
	}
	h.press("?")
	help := h.screen()
	if !strings.Contains(help, "force-sync…") || strings.Contains(help, "hard refresh…") || strings.Contains(help, "drift view") {
		t.Fatalf("help on external secrets must list f and no app keys:\n%s", help)
	}
	h.press("esc", ":")
	h.typeText("apps")
	h.press("enter", "?")
	help = h.screen()
	for _, k := range []string{"sync…", "refresh…", "hard refresh…", "mark for bulk action", "unmark all", "drift view", "diff view"} {
		if !strings.Contains(help, k) {
			t.Fatalf("help on apps must list %q:\n%s", k, help)
		}
	}
	if strings.Contains(help, "force-sync…") {
		t.Fatal("help on apps must not list f")
	}
}

func TestReadOnlyHidesAndRefuses(t *testing.T) {
	for _, how := range []string{"option", "executor"} {
		t.Run(how, func(t *testing.T) {
			h := newFleetHarness(t, 160, 48)
			h.m.opts.ReadOnly = how == "option"
			h.b.readOnly = how == "executor"
			h.press(":")
			h.typeText("apps")
			h.press("enter", "?")
			help := h.screen()
			if strings.Contains(help, "sync…") || strings.Contains(help, "mark for bulk action") || !strings.Contains(help, "drift view") {
				t.Fatalf("read-only help must hide the actions and keep the views:\n%s", help)
			}
			h.press("esc") // close the help
			for _, k := range []string{"s", "r", "R", "space"} {
				h.press(k)
				if h.m.message != readOnlyMessage || !strings.Contains(h.screen(), readOnlyMessage) {
					t.Fatalf("%s: message %q", k, h.m.message)
				}
			}
			if len(h.b.exec.checked)+len(h.b.exec.requests)+h.m.env.Marks.Len() != 0 || h.m.dialog != nil {
				t.Fatal("read-only must not check, send or mark anything")
			}
		})
	}
}

func TestPermissionDeniedShowsTheReasonAndSendsNothing(t *testing.T) {
	reason := "no permission to patch applications in namespace openshift-gitops on cluster-east-1"
	h := newFleetHarness(t, 160, 48)
	h.b.exec.deny["cluster-east-1"] = reason
	selectPayments(h)
	h.press("s")
	if h.m.dialog != nil || h.m.message != reason || !strings.Contains(h.screen(), reason) {
		t.Fatalf("want the reason %q and no dialog; message %q", reason, h.m.message)
	}
	h.press("esc", "esc")
	markThreeClusters(h)
	h.b.exec.deny["hub"] = "no access to cluster hub"
	h.press("s")
	// Two of three targets refused: the dialog says which and why, and offers the third.
	if h.m.dialog == nil || len(h.m.dialog.Request().Targets) != 1 || h.m.dialog.Request().Targets[0].Ref.Cluster != "cluster-west-2" {
		t.Fatalf("bulk: want a dialog for the one allowed target; message %q", h.m.message)
	}
	scr := h.screen()
	for _, want := range []string{"Refused, not sent (2):", "hub openshift-gitops/config-cluster-edge-9: no access to cluster hub",
		"cluster-east-1 openshift-gitops/payments: no permission to patch", "Yes runs it on the other 1 app only."} {
		if !strings.Contains(scr, want) {
			t.Errorf("dialog lacks %q:\n%s", want, scr)
		}
	}
	if len(h.b.exec.requests) != 0 {
		t.Fatal("nothing is sent before Yes")
	}
	h.press("y", "enter")
	if len(h.b.exec.requests) != 1 || len(h.b.exec.requests[0].Targets) != 1 || h.b.exec.requests[0].Targets[0].Ref.Cluster != "cluster-west-2" {
		t.Fatalf("Yes must send only the allowed target: %+v", h.b.exec.requests)
	}
}

// TestEveryTargetRefusedSendsNothing: when no target is allowed there is nothing to offer.
func TestEveryTargetRefusedSendsNothing(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	for _, c := range []string{"hub", "cluster-east-1", "cluster-west-2"} {
		h.b.exec.deny[c] = "no access to cluster " + c
	}
	markThreeClusters(h)
	h.press("s")
	want := "no access to cluster hub (and 2 more of 3 targets refused)"
	if h.m.dialog != nil || h.m.message != want || len(h.b.exec.requests) != 0 {
		t.Fatalf("message %q, want %q; dialog %v", h.m.message, want, h.m.dialog != nil)
	}
}

func TestStalePermissionAnswerIsDropped(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	selectPayments(h)
	_, first := h.m.Update(keyPress("r"))
	_, second := h.m.Update(keyPress("s"))
	h.run(first)
	if h.m.dialog != nil {
		t.Fatal("the answer to an older key press must be dropped")
	}
	h.run(second)
	if h.m.dialog == nil || h.m.dialog.Request().Kind != actions.Sync {
		t.Fatal("the answer to the latest key press opens its dialog")
	}
}

func TestRunningOperationShowsUntilTheSnapshotSaysOtherwise(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	if !strings.Contains(h.screen(), "Running…") {
		t.Fatal("an app whose operation is Running must say so in its SYNC cell")
	}
	f := testFleet()
	west := f.Clusters[2]
	west.Apps[0].Operation = &model.Operation{Phase: "Succeeded", Message: "successfully synced (all tasks run)"}
	h.send(fleetMsg{fleet: newTestFleet(101, f.Clusters...)})
	if strings.Contains(h.screen(), "Running…") {
		t.Fatal("the finished operation must show as soon as the snapshot says so")
	}
}
