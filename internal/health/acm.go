package health

import (
	"time"

	"github.com/mcgtui/mcgtui/internal/model"
)

// joinGrace is how long a newly created ManagedCluster may take to join before not having
// joined is Critical: importing a cluster (agent install, CSR approval) takes a few minutes.
const joinGrace = 10 * time.Minute

// The taints the OCM registration controller puts on a ManagedCluster whose Available condition
// is Unknown (lease lost) or False.
const (
	taintUnreachable = "cluster.open-cluster-management.io/unreachable"
	taintUnavailable = "cluster.open-cluster-management.io/unavailable"
)

// The rows of docs/health.md's ManagedCluster table, in its order.
const (
	mcAvailableUnknown = iota
	mcAvailableFalse
	mcNotJoinedLate
	mcTaint
	mcNotAcceptedBySpec
	mcNotAccepted
	mcNotJoinedYet
	mcClockNotSynced
	mcAvailableNotReported
)

// ManagedCluster judges the hub's record of a managed cluster: above all its Available
// condition, which the hub flips to Unknown when the agent stops renewing its lease, then whether
// the hub accepts it and whether its agent joined. now is the moment the snapshot is judged.
func ManagedCluster(mc *model.ManagedCluster, now time.Time) model.Health {
	var j judgement
	switch mc.Available.Status {
	case "True":
	case "False":
		j.add(mcAvailableFalse, model.VerdictCritical, conditionText(mc.Available, "not available"))
	case "Unknown":
		j.add(mcAvailableUnknown, model.VerdictCritical, conditionText(mc.Available, "availability Unknown"))
	default:
		if mc.Joined.Status == "True" {
			j.add(mcAvailableNotReported, model.VerdictUnknown, "ManagedClusterConditionAvailable not reported yet")
		}
	}
	switch {
	case !mc.HubAcceptsClient:
		j.add(mcNotAcceptedBySpec, model.VerdictWarning, "not accepted: spec.hubAcceptsClient is false")
	case mc.Accepted.Status != "True":
		j.add(mcNotAccepted, model.VerdictWarning, "not accepted: "+conditionText(mc.Accepted, "HubAcceptedManagedCluster is "+statusOrAbsent(mc.Accepted)))
	case mc.Joined.Status != "True":
		text := "not joined: " + conditionText(mc.Joined, "ManagedClusterJoined is "+statusOrAbsent(mc.Joined))
		if !mc.Created.IsZero() && now.Sub(mc.Created) < joinGrace {
			j.add(mcNotJoinedYet, model.VerdictWarning, text)
		} else {
			j.add(mcNotJoinedLate, model.VerdictCritical, text)
		}
	}
	for _, t := range mc.Taints {
		// The taints repeat what Available says; they matter when they linger after Available
		// turned True again, because placements still avoid the cluster.
		if t.Key == taintUnreachable || t.Key == taintUnavailable {
			j.add(mcTaint, model.VerdictCritical, "taint "+t.Key+":"+t.Effect)
		}
	}
	if c, ok := model.FindCondition(mc.Conditions, "ManagedClusterConditionClockSynced"); ok && c.Status == "False" {
		j.add(mcClockNotSynced, model.VerdictWarning, conditionText(c, "clock not synced with the hub"))
	}
	j.decodeIssues(&mc.Meta)
	return j.result()
}

// statusOrAbsent renders a condition status for a reason, saying "absent" for a missing one.
func statusOrAbsent(c model.Condition) string {
	if c.Status == "" {
		return "absent"
	}
	return c.Status
}
