package health

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// pendingCriticalAfter is how long a claim may stay Pending before it is Critical rather than a
// Warning: provisioning a Portworx volume takes seconds, so minutes mean it is stuck.
const pendingCriticalAfter = 10 * time.Minute

// nodeFullPercent is the storage use at which a StorageNode gets a Warning: Portworx pools
// degrade and stop taking new volumes as they approach full.
const nodeFullPercent = 90

// The rows of docs/health.md's StorageCluster table, in its order.
const (
	scPhaseDown = iota
	scRuntimeDown
	scInitializing
	scOtherPhase
	scRuntimeOther
	scOperationFailed
	scOperationInProgress
	scNoStatus
)

// The rows of docs/health.md's StorageNode table, in its order.
const (
	nodePhaseDown = iota
	nodeInitFailed
	nodeOtherPhase
	nodeKVDB
	nodeFull
	nodeNoPhase
)

// The rows of docs/health.md's PersistentVolumeClaim table, in its order.
const (
	volPendingLong = iota
	volPendingShort
	volLost
	volPVFailed
	volPVReleased
	volOtherPhase
	volNoPhase
	volWaitingForConsumer
)

// StorageCluster judges a Portworx StorageCluster from its phase and conditions. Running (and the
// legacy phase Online written by operators up to 1.10) is healthy; the RuntimeState condition of
// current operators then says whether Portworx itself is Online.
func StorageCluster(c *model.StorageCluster) model.Health {
	var j judgement
	conds := typed(c.Conditions)
	switch c.Phase {
	case "Running", "Online":
		// Healthy phase; the conditions below may still find a problem.
	case "":
		if len(conds) == 0 {
			j.add(scNoStatus, model.VerdictUnknown, "no status yet")
		}
	case "Failed", "Offline", "NotInQuorum":
		j.add(scPhaseDown, model.VerdictCritical, withMessage(c.Phase, runtimeMessage(conds)))
	case "Initializing":
		j.add(scInitializing, model.VerdictWarning, withMessage("Initializing", conditionMessage(conds, "Install")))
	default:
		// Degraded, Uninstalling, UpdatePaused, Unknown …: Portworx may still serve I/O, and
		// the StorageNodes carry the Critical verdicts of the nodes that are down.
		j.add(scOtherPhase, model.VerdictWarning, withMessage(c.Phase, runtimeMessage(conds)))
	}
	for _, cond := range conds {
		clusterCondition(&j, cond)
	}
	j.decodeIssues(&c.Meta)
	return j.result()
}

// clusterCondition judges one StorageCluster condition. Portworx conditions carry a state, not
// True/False: RuntimeState is Online/Offline/NotInQuorum/Unknown, and operations (Install,
// Upgrade, Update, Delete, Preflight, Migration …) are InProgress/Completed/Failed/Timeout.
func clusterCondition(j *judgement, c model.Condition) {
	typ := baseType(c.Type)
	label := typ + " " + c.Status
	if typ == "RuntimeState" {
		switch c.Status {
		case "Online", "":
		case "Offline", "NotInQuorum", "Failed":
			j.add(scRuntimeDown, model.VerdictCritical, withMessage(label, c.Message))
		default:
			j.add(scRuntimeOther, model.VerdictWarning, withMessage(label, c.Message))
		}
		return
	}
	switch c.Status {
	case "Failed", "Timeout":
		j.add(scOperationFailed, model.VerdictWarning, withMessage(label, c.Message))
	case "InProgress":
		j.add(scOperationInProgress, model.VerdictOK, withMessage(label, c.Message))
	}
}

// runtimeMessage is the RuntimeState condition's message, or "".
func runtimeMessage(conds []model.Condition) string { return conditionMessage(conds, "RuntimeState") }

// conditionMessage is the message of the first condition of the given type (see baseType), or "".
func conditionMessage(conds []model.Condition, condType string) string {
	for _, c := range conds {
		if baseType(c.Type) == condType {
			return c.Message
		}
	}
	return ""
}

// baseType is a Portworx condition's type without the component the decoder puts in front of
// it ("Portworx/RuntimeState" is RuntimeState): the rules are about the type, whichever
// component reports it.
func baseType(condType string) string {
	if i := strings.LastIndexByte(condType, '/'); i >= 0 {
		return condType[i+1:]
	}
	return condType
}

// StorageNode judges a Portworx StorageNode from its phase (a mirror of its NodeState
// condition), its NodeInit and NodeKVDB conditions and how full its storage is.
func StorageNode(n *model.StorageNode) model.Health {
	var j judgement
	conds := typed(n.Conditions)
	detail := conditionMessage(conds, "NodeState")
	switch n.Phase {
	case "Online":
	case "":
		j.add(nodeNoPhase, model.VerdictUnknown, "no status yet")
	case "Offline", "NotInQuorum", "Failed":
		j.add(nodePhaseDown, model.VerdictCritical, withMessage(n.Phase, detail))
	default:
		// Initializing, Maintenance, Decommissioned, Degraded, Unknown …: not serving
		// normally, but either expected to pass or an administrator's choice.
		j.add(nodeOtherPhase, model.VerdictWarning, withMessage(n.Phase, detail))
	}
	for _, c := range conds {
		switch typ := baseType(c.Type); {
		case typ == "NodeInit" && c.Status == "Failed":
			j.add(nodeInitFailed, model.VerdictCritical, withMessage("NodeInit Failed", c.Message))
		case typ == "NodeKVDB" && (c.Status == "Offline" || c.Status == "Failed" || c.Status == "NotInQuorum"):
			j.add(nodeKVDB, model.VerdictWarning, withMessage("KVDB "+c.Status, c.Message))
		}
	}
	if n.StorageTotal > 0 {
		if pct := n.StorageUsed * 100 / n.StorageTotal; pct >= nodeFullPercent {
			j.add(nodeFull, model.VerdictWarning, fmt.Sprintf("storage %d%% full (%s of %s)", pct, humanize.Bytes(n.StorageUsed), humanize.Bytes(n.StorageTotal)))
		}
	}
	j.decodeIssues(&n.Meta)
	return j.result()
}

// Volume judges a PersistentVolumeClaim and its PersistentVolume. A Pending claim is a Warning
// that turns Critical after pendingCriticalAfter; the reason says for how long. A Lost claim or
// a Failed volume is Critical.
func Volume(v *model.Volume, now time.Time) model.Health {
	var j judgement
	switch v.Phase {
	case "Bound":
	case "Pending":
		pending(&j, v, now)
	case "Lost":
		text := "Lost: the bound PersistentVolume no longer exists"
		if v.VolumeName != "" {
			text = "Lost: PersistentVolume " + v.VolumeName + " no longer exists"
		}
		j.add(volLost, model.VerdictCritical, text)
	case "":
		j.add(volNoPhase, model.VerdictUnknown, "no status yet")
	default:
		j.add(volOtherPhase, model.VerdictWarning, "phase "+v.Phase)
	}
	switch v.PVPhase {
	case "Failed":
		j.add(volPVFailed, model.VerdictCritical, "PersistentVolume "+v.VolumeName+" Failed: reclamation failed")
	case "Released":
		j.add(volPVReleased, model.VerdictWarning, "PersistentVolume "+v.VolumeName+" Released: its claim was deleted")
	}
	j.decodeIssues(&v.Meta)
	return j.result()
}

// pending judges a Pending claim by its age. A claim of a WaitForFirstConsumer StorageClass
// stays Pending by design until a pod that uses it is scheduled, which the scheduler records
// as the selected-node annotation: until then it is waiting, not stuck.
func pending(j *judgement, v *model.Volume, now time.Time) {
	if v.WaitForFirstConsumer && v.SelectedNode == "" {
		j.add(volWaitingForConsumer, model.VerdictOK, "Pending: waiting for first consumer (WaitForFirstConsumer)")
		return
	}
	if v.Created.IsZero() {
		j.add(volPendingShort, model.VerdictWarning, "Pending")
		return
	}
	age := now.Sub(v.Created)
	text := "Pending for " + humanize.Duration(age)
	if age >= pendingCriticalAfter {
		j.add(volPendingLong, model.VerdictCritical, text)
		return
	}
	j.add(volPendingShort, model.VerdictWarning, text)
}
