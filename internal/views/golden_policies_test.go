package views

import "testing"

// The Policies tab of a cluster whose OpenShift GitOps policy is NonCompliant: one row per
// policy with its failing template, and the latest message in STATE.
func TestGoldenClusterPolicies(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press("/")
		h.typeText("west")
		h.press("enter", "enter", "6")
	})
}

// :policies lists the root policies across the fleet: clusters compliant N/M, remediation,
// severity, standards.
func TestGoldenFleetPolicies(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("policies")
		h.press("enter")
	})
}

// A root policy's detail: its facts, the per-cluster table and the failing copies' history.
func TestGoldenPolicyDetail(t *testing.T) {
	goldenScreens(t, func(h *harness) {
		h.press(":")
		h.typeText("policies")
		h.press("enter", "/")
		h.typeText("gitops")
		h.press("enter", "enter")
	})
}
