package views

import (
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/diff"
)

// selectPayments opens the fleet-wide app list filtered down to cluster-east-1's payments app.
func selectPayments(h *harness) {
	h.press(":")
	h.typeText("apps")
	h.press("enter", "/")
	h.typeText("payments")
	h.press("enter")
}

func TestGoldenSyncDialog(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		selectPayments(h)
		h.press("s")
	})
}

func TestGoldenSyncDialogDangerous(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		selectPayments(h)
		h.press("s", "tab", "tab", "down", "space", "down", "down", "space") // prune and force
		h.press("y")
	})
}

// markThreeClusters marks apps on the hub, cluster-east-1 and cluster-west-2 in :apps.
func markThreeClusters(h *harness) {
	h.press(":")
	h.typeText("apps")
	h.press("enter")
	h.press("space", "space", "j", "j", "space") // edge-9 (hub), payments (east), guestbook (west)
}

func TestGoldenBulkDialog(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		markThreeClusters(h)
		h.press("s")
	})
}

func TestGoldenDriftView(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		selectPayments(h)
		h.press("d")
	})
}

func TestGoldenDiffView(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.b.diff = paymentsDiff()
		selectPayments(h)
		h.press("D")
	})
}

func TestGoldenDiffViewNextResource(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.b.diff = paymentsDiff()
		selectPayments(h)
		h.press("D", "]")
	})
}

func TestGoldenDiffError(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.b.yaml["payments"] = paymentsYAML
		selectPayments(h)
		h.press("D")
	})
}

// paymentsDiff is a diff of the payments app as Argo CD's server would return it: two
// modified resources (one to be created) and one in sync.
func paymentsDiff() *diff.Result {
	r := diff.Result{
		App:    testFleet().Clusters[1].Apps[1].Ref,
		Source: "Argo CD API https://openshift-gitops-server-openshift-gitops.apps.hub.example.com",
		Resources: []diff.Resource{
			{Group: "apps", Kind: "Deployment", Namespace: "payments", Name: "payments-api", Modified: true,
				LiveYAML:   deploymentYAML("2", "registry.example.com/payments/api:1.4.2", "256Mi"),
				TargetYAML: deploymentYAML("3", "registry.example.com/payments/api:1.5.0", "512Mi")},
			{Kind: "ConfigMap", Namespace: "payments", Name: "payments-config", Modified: true,
				TargetYAML: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: payments-config\n  namespace: payments\ndata:\n  LOG_LEVEL: info\n  FEATURE_REFUNDS: \"true\"\n"},
			{Kind: "Service", Namespace: "payments", Name: "payments-api",
				LiveYAML: "kind: Service\n", TargetYAML: "kind: Service\n"},
		},
	}
	return &r
}

func deploymentYAML(replicas, image, memory string) string {
	return `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app.kubernetes.io/instance: payments
  name: payments-api
  namespace: payments
spec:
  replicas: ` + replicas + `
  selector:
    matchLabels:
      app: payments-api
  template:
    metadata:
      labels:
        app: payments-api
    spec:
      containers:
      - image: ` + image + `
        name: api
        ports:
        - containerPort: 8080
        resources:
          limits:
            memory: ` + memory + `
          requests:
            cpu: 100m
`
}

// TestKeymapFromTheConfig: an action bound to other keys in the config answers to them (and
// no longer to its default), and help lists the configured keys. The bindings belong to the
// model: one built beside it without a keymap keeps the defaults.
func TestKeymapFromTheConfig(t *testing.T) {
	h := newHarnessWith(t, 80, 24, Options{HubContext: "hub-admin", Keymap: config.Keymap{"sync": {"x", "ctrl+s"}, "down": {"J"}}})
	h.send(fleetMsg{fleet: testFleet()})
	plain := newFleetHarness(t, 80, 24)
	selectPayments(h)
	h.press("s")
	if strings.Contains(h.screen(), "Sync Application") {
		t.Fatalf("s still syncs after sync was bound to x:\n%s", h.screen())
	}
	h.press("?")
	if help := h.screen(); !strings.Contains(help, "x/ctrl+s") {
		t.Errorf("help does not show the configured keys:\n%s", help)
	}
	h.press("esc", "x")
	if !strings.Contains(h.screen(), "Sync Application openshift-gitops/payments") {
		t.Fatalf("x does not open the sync dialog:\n%s", h.screen())
	}
	selectPayments(plain)
	plain.press("s")
	if !strings.Contains(plain.screen(), "Sync Application openshift-gitops/payments") {
		t.Fatalf("a model without a keymap lost the default s:\n%s", plain.screen())
	}
}

// TestAppDetailPageActionKeys: on an app's detail page the action and inspect keys work as on
// its row, and help lists them.
func TestAppDetailPageActionKeys(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	selectPayments(h)
	h.press("enter")
	if !strings.Contains(h.screen(), "cluster-east-1 › Application openshift-gitops/payments") {
		t.Fatalf("not the detail page:\n%s", h.screen())
	}
	h.press("?")
	help := h.screen()
	for _, want := range []string{"sync…", "refresh…", "hard refresh…", "drift view", "diff view"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	h.press("?", "s")
	if !strings.Contains(h.screen(), "Sync Application openshift-gitops/payments") {
		t.Fatalf("s does not open the sync dialog:\n%s", h.screen())
	}
	h.press("esc", "d")
	if !strings.Contains(h.screen(), "› drift") {
		t.Fatalf("d does not open the drift page:\n%s", h.screen())
	}
	h.press("esc")
	if scr := h.screen(); strings.Contains(scr, "› drift") || !strings.Contains(scr, "Kind         Application (argoproj.io/v1alpha1)") {
		t.Fatalf("esc does not go back to the detail page it came from:\n%s", scr)
	}
	h.press("esc")
	if scr := h.screen(); !strings.Contains(scr, `Apps · all clusters (1 of 7) · filter "payments"`) {
		t.Fatalf("esc does not go back to the filtered list:\n%s", scr)
	}
}

// TestEscGoesBackWhereYouCameFrom: list → drift → diff, then esc twice walks the same way back.
func TestEscGoesBackWhereYouCameFrom(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	h.b.diff = paymentsDiff()
	selectPayments(h)
	h.press("d", "D")
	if !strings.Contains(h.screen(), "› diff") {
		t.Fatalf("not the diff page:\n%s", h.screen())
	}
	h.press("esc")
	if !strings.Contains(h.screen(), "› drift") {
		t.Fatalf("esc from the diff opened from the drift page must go back to it:\n%s", h.screen())
	}
	h.press("esc")
	if !strings.Contains(h.screen(), `filter "payments"`) {
		t.Fatalf("esc from the drift page must go back to the filtered list:\n%s", h.screen())
	}
}

// TestTitleCountsMarksTheFilterHides: marks stay when a filter hides their rows, and the title
// says how many are off screen, since a bulk action runs on all of them.
func TestTitleCountsMarksTheFilterHides(t *testing.T) {
	h := newFleetHarness(t, 160, 48)
	markThreeClusters(h)
	if title := strings.Split(h.screen(), "\n")[1]; !strings.Contains(title, "3 marked on 3 clusters (u unmarks)") {
		t.Fatalf("title %q", title)
	}
	h.press("/")
	h.typeText("payments")
	h.press("enter")
	if title := strings.Split(h.screen(), "\n")[1]; !strings.Contains(title, "3 marked on 3 clusters, 2 not shown (u unmarks)") {
		t.Fatalf("title %q", title)
	}
}

// TestHelpInADialog: ? in a dialog lists the dialog's keys, and ? or esc goes back to the
// dialog, still open, still on No.
func TestHelpInADialog(t *testing.T) {
	h := newFleetHarness(t, 80, 24)
	selectPayments(h)
	h.press("s")
	if !strings.Contains(h.screen(), "↑: options · ?: keys") {
		t.Fatalf("the footer does not say how to reach the options:\n%s", h.screen())
	}
	h.press("?")
	if scr := h.screen(); !strings.Contains(scr, "the dialog's keys") || !strings.Contains(scr, "select Yes") {
		t.Fatalf("? does not show the dialog's keys:\n%s", scr)
	}
	h.press("esc")
	if h.m.dialog == nil || !strings.Contains(h.screen(), "Sync Application") {
		t.Fatalf("esc from the dialog's help must go back to the dialog:\n%s", h.screen())
	}
}
