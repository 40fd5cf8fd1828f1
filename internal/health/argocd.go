package health

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// The rows of docs/health.md's Application table, in its order: between equal verdicts the
// earlier row wins.
const (
	appNoStatus = iota
	appOpFailed
	appOpError
	appLastOpFailed
	appOpRetrying
	appOpRunning
	appOpTerminating
	appOpUnknownPhase
	appConditionError
	appConditionWarning
	appHealthDegraded
	appHealthMissing
	appHealthUnknown
	appHealthProgressing
	appHealthSuspended
	appHealthOther
	appOutOfSync
	appSyncUnknown
	appSyncOther
)

// The rows of docs/health.md's ApplicationSet table, in its order.
const (
	appSetNoConditions = iota
	appSetErrorOccurred
	appSetParametersNotGenerated
	appSetResourcesNotUpToDate
	appSetRolloutProgressing
)

// App judges an Argo CD Application from its sync status, health status, last operation and
// conditions. The reason is that of the worst finding; ties go to the most specific one (a
// failed sync's message before a SyncError condition before the health status before OutOfSync),
// because the sync and health columns already show the raw statuses.
func App(a *model.App) model.Health {
	var j judgement
	if a.SyncStatus == "" && a.HealthStatus == "" && a.Operation == nil && len(typed(a.Conditions)) == 0 {
		j.add(appNoStatus, model.VerdictUnknown, "no status yet: Argo CD has not reconciled this application")
	}
	appOperation(&j, a)
	appConditions(&j, a.Conditions)
	appHealth(&j, a)
	appSync(&j, a)
	j.decodeIssues(&a.Meta)
	return j.result()
}

// appOperation judges status.operationState. A failed sync is Critical while the app is not
// Synced and Healthy; once it is, the failure is history and only a Warning.
func appOperation(j *judgement, a *model.App) {
	op := a.Operation
	if op == nil {
		return
	}
	switch op.Phase {
	case "Failed", "Error":
		label, rank := "sync failed", appOpFailed
		if op.Phase == "Error" {
			label, rank = "sync error", appOpError
		}
		if a.SyncStatus == "Synced" && a.HealthStatus == "Healthy" {
			j.add(appLastOpFailed, model.VerdictWarning, withMessage("last "+label, op.Message))
			return
		}
		j.add(rank, model.VerdictCritical, withMessage(label, op.Message))
	case "Running":
		if op.RetryCount > 0 {
			j.add(appOpRetrying, model.VerdictWarning, withMessage(fmt.Sprintf("sync retrying (attempt %d)", op.RetryCount+1), op.Message))
			return
		}
		j.add(appOpRunning, model.VerdictOK, withMessage("syncing", op.Message))
	case "Terminating":
		j.add(appOpTerminating, model.VerdictOK, withMessage("sync terminating", op.Message))
	case "Succeeded", "":
	default:
		// Not a phase Argo CD writes (OperationPhase): mcgtui cannot tell what it means.
		j.add(appOpUnknownPhase, model.VerdictUnknown, withMessage(fmt.Sprintf("unknown operation phase %q", op.Phase), op.Message))
	}
}

// appConditions judges status.conditions. Argo CD names error conditions "...Error" and warning
// conditions "...Warning" (ApplicationConditionType), so the suffix decides.
func appConditions(j *judgement, conds []model.Condition) {
	for _, c := range typed(conds) {
		switch {
		case strings.HasSuffix(c.Type, "Error"):
			j.add(appConditionError, model.VerdictCritical, withMessage(c.Type, c.Message))
		case strings.HasSuffix(c.Type, "Warning"):
			j.add(appConditionWarning, model.VerdictWarning, withMessage(c.Type, c.Message))
		}
	}
}

// appHealth judges status.health. Progressing and Suspended are OK with a reason: Argo CD turns a
// rollout that stops progressing into Degraded by itself (progress deadlines), and a suspended
// resource (CronJob, paused Rollout) is usually deliberate.
func appHealth(j *judgement, a *model.App) {
	switch a.HealthStatus {
	case "Degraded":
		j.add(appHealthDegraded, model.VerdictCritical, withMessage(a.HealthStatus, healthDetail(a)))
	case "Missing":
		j.add(appHealthMissing, model.VerdictCritical, withMessage(a.HealthStatus, healthDetail(a)))
	case "Unknown":
		j.add(appHealthUnknown, model.VerdictUnknown, withMessage("health Unknown", healthDetail(a)))
	case "Progressing":
		j.add(appHealthProgressing, model.VerdictOK, withMessage(a.HealthStatus, healthDetail(a)))
	case "Suspended":
		j.add(appHealthSuspended, model.VerdictOK, withMessage(a.HealthStatus, healthDetail(a)))
	case "Healthy", "":
	default:
		// Not a health status Argo CD writes: it says nothing mcgtui can judge, so the app is
		// not known to be healthy either.
		j.add(appHealthOther, model.VerdictUnknown, withMessage(fmt.Sprintf("unknown health status %q", a.HealthStatus), healthDetail(a)))
	}
}

// healthDetail explains the app's health status: the app-level message when Argo CD wrote one,
// otherwise the first resource with the same health and its message.
func healthDetail(a *model.App) string {
	if a.HealthMessage != "" {
		return a.HealthMessage
	}
	for _, r := range a.Resources {
		if r.Health != a.HealthStatus {
			continue
		}
		name := r.Kind + " " + r.Name
		if r.HealthMessage == "" {
			return name
		}
		if strings.Contains(r.HealthMessage, r.Name) {
			return r.HealthMessage
		}
		return name + ": " + r.HealthMessage
	}
	return ""
}

// appSync judges status.sync. OutOfSync is a Warning (drift, not an outage) whose reason counts
// the resources that differ and those Argo CD would prune.
func appSync(j *judgement, a *model.App) {
	switch a.SyncStatus {
	case "OutOfSync":
		j.add(appOutOfSync, model.VerdictWarning, outOfSyncText(a.Resources))
	case "Unknown":
		j.add(appSyncUnknown, model.VerdictUnknown, "sync status Unknown")
	case "Synced", "":
	default:
		j.add(appSyncOther, model.VerdictUnknown, fmt.Sprintf("unknown sync status %q", a.SyncStatus))
	}
}

// outOfSyncText is "OutOfSync: 2 resources differ (1 requires pruning)".
func outOfSyncText(resources []model.AppResource) string {
	differ, prune := 0, 0
	for _, r := range resources {
		if r.Status == "OutOfSync" {
			differ++
		}
		if r.RequiresPruning {
			prune++
		}
	}
	if differ == 0 {
		return "OutOfSync"
	}
	text := "OutOfSync: " + plural(differ, "resource differs", "resources differ")
	switch {
	case prune == 1:
		text += " (1 requires pruning)"
	case prune > 1:
		text += fmt.Sprintf(" (%d require pruning)", prune)
	}
	return text
}

// plural formats a count with the singular or plural phrase.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// AppSet judges an Argo CD ApplicationSet from its conditions: ErrorOccurred=True or
// ParametersGenerated=False is Critical (no Applications are being generated or updated),
// ResourcesUpToDate=False is a Warning, RolloutProgressing=True is OK with a reason.
func AppSet(s *model.AppSet) model.Health {
	var j judgement
	conds := typed(s.Conditions)
	if len(conds) == 0 {
		j.add(appSetNoConditions, model.VerdictUnknown, "no status yet: no conditions reported")
	}
	for _, c := range conds {
		switch {
		case c.Type == "ErrorOccurred" && c.Status == "True":
			j.add(appSetErrorOccurred, model.VerdictCritical, conditionText(c, "ErrorOccurred"))
		case c.Type == "ParametersGenerated" && c.Status == "False":
			j.add(appSetParametersNotGenerated, model.VerdictCritical, conditionText(c, "parameters not generated"))
		case c.Type == "ResourcesUpToDate" && c.Status == "False":
			j.add(appSetResourcesNotUpToDate, model.VerdictWarning, conditionText(c, "resources not up to date"))
		case c.Type == "RolloutProgressing" && c.Status == "True":
			j.add(appSetRolloutProgressing, model.VerdictOK, conditionText(c, "rollout progressing"))
		}
	}
	j.decodeIssues(&s.Meta)
	return j.result()
}
