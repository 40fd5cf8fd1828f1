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
	"strings"

	"github.com/mcgtui/mcgtui/internal/humanize"
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
	reason, msg := c.Reason, humanize.OneLine(c.Message)
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
	if m := humanize.OneLine(message); m != "" {
		return label + ": " + m
	}
	return label
}
