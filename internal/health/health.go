// Package health is the one place that turns decoded objects into verdicts.
//
// Every rule lives here so that the TUI, `mcgtui status` and the fleet roll-up agree on what is
// wrong and why. Each function judges one object on its own and returns a model.Health whose
// Reason is one line a human can act on; Apply judges a whole snapshot and adds the reasons that
// need a second object (an ExternalSecret failing because of its store, a Pending volume on a
// Portworx cluster with an offline node). The rules are written out for users in docs/health.md:
// keep that file in step with this package.
package health

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// judgement collects the findings about one object and keeps the worst. Ties go to the finding
// added first, so each rule function adds its findings in the order a user should read them.
type judgement struct {
	health model.Health
}

// add records a finding. An OK finding with a reason (for example "Progressing") is kept only
// while nothing worse is known, and never replaces an earlier reason of the same verdict.
func (j *judgement) add(v model.Verdict, reason string) {
	if v > j.health.Verdict || (v == j.health.Verdict && j.health.Reason == "") {
		j.health = model.Health{Verdict: v, Reason: reason}
	}
}

// decodeIssues records Meta.DecodeIssues as an Unknown finding: the object may be fine, but
// mcgtui could not read all of it, so it cannot say so.
func (j *judgement) decodeIssues(m *model.Meta) {
	if len(m.DecodeIssues) > 0 {
		j.add(model.VerdictUnknown, "cannot read: "+strings.Join(m.DecodeIssues, ", "))
	}
}

// result returns the worst finding; OK with no reason when nothing was found.
func (j *judgement) result() model.Health { return j.health }

// conditionText formats a condition as "Reason: Message", falling back to whichever is set, and
// to fallback when neither is. Messages are flattened to one line because they end up in table
// cells.
func conditionText(c model.Condition, fallback string) string {
	reason, msg := c.Reason, oneLine(c.Message)
	switch {
	case reason != "" && msg != "":
		return reason + ": " + msg
	case reason != "":
		return reason
	case msg != "":
		return msg
	}
	return fallback
}

// withMessage returns label, or "label: message" when message is set.
func withMessage(label, message string) string {
	if m := oneLine(message); m != "" {
		return label + ": " + m
	}
	return label
}

// oneLine collapses every run of white space (newlines included) into one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// shortDuration renders an age the way kubectl does: "45s", "14m", "2h13m", "3d4h".
func shortDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%dh", h)
		}
		return fmt.Sprintf("%dh%dm", h, m)
	}
	days, h := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour)
	if h == 0 {
		return fmt.Sprintf("%dd", days)
	}
	return fmt.Sprintf("%dd%dh", days, h)
}

// binaryBytes renders a byte count with a binary unit ("276Gi"), as Kubernetes quantities do.
func binaryBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%dB", n)
	}
	suffixes := []string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"}
	v, i := float64(n)/unit, 0
	for v >= unit && i < len(suffixes)-1 {
		v /= unit
		i++
	}
	if v >= 10 || v == float64(int64(v)) {
		return fmt.Sprintf("%.0f%s", v, suffixes[i])
	}
	return fmt.Sprintf("%.1f%s", v, suffixes[i])
}
