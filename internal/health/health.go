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

// judgement collects the findings about one object and keeps the worst. Between findings of
// the same verdict, the rule listed first in docs/health.md wins (its rank, the row of the
// kind's table counted from 0), whatever order the object lists its conditions in; between two
// findings of the same rule (two conditions of one kind), the reason that sorts first wins, so
// the result never depends on the object's order either.
type judgement struct {
	health model.Health
	rank   int
}

// rankDecodeIssues ranks "cannot read" after every row of every table: it is not a rule of its
// own but a note that the rules above could not see everything.
const rankDecodeIssues = 1000

// add records a finding of the rule at rank. An OK finding with a reason (for example
// "Progressing") is kept only while nothing worse is known.
func (j *judgement) add(rank int, v model.Verdict, reason string) {
	cur := j.health
	switch {
	case v > cur.Verdict, v == cur.Verdict && cur.Reason == "":
	case v < cur.Verdict, reason == "":
		return
	case rank > j.rank, rank == j.rank && reason >= cur.Reason:
		return
	}
	j.health, j.rank = model.Health{Verdict: v, Reason: reason}, rank
}

// decodeIssues records Meta.DecodeIssues as an Unknown finding: the object may be fine, but
// mcgtui could not read all of it, so it cannot say so.
func (j *judgement) decodeIssues(m *model.Meta) {
	if len(m.DecodeIssues) > 0 {
		j.add(rankDecodeIssues, model.VerdictUnknown, "cannot read: "+strings.Join(m.DecodeIssues, ", "))
	}
}

// typed returns the conditions that have a type: one without says nothing a rule can match
// (the CRDs require no field of a condition), so every rule ignores it.
func typed(conds []model.Condition) []model.Condition {
	for _, c := range conds {
		if c.Type == "" {
			out := make([]model.Condition, 0, len(conds))
			for _, c := range conds {
				if c.Type != "" {
					out = append(out, c)
				}
			}
			return out
		}
	}
	return conds
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
