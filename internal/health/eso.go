package health

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// staleFactor is how many refresh intervals may pass without a refresh before an ExternalSecret
// counts as stale. One missed refresh is normal jitter (the controller is busy, or restarted);
// two means refreshing has stopped.
const staleFactor = 2

// The rows of docs/health.md's ESO tables, in their order. The three Ready rows come first in
// every ESO table.
const (
	esoReadyFalse = iota
	esoReadyUnknown
	esoNoReady
	esoFailedEverywhere // ClusterExternalSecret
	esoFailedSomewhere  // ClusterExternalSecret
	esoStale            // ExternalSecret, PushSecret
	esoValidationUnknown
)

// ExternalSecret judges an ESO ExternalSecret, ClusterExternalSecret or PushSecret (Meta.Kind
// says which) from its Ready condition and, for ExternalSecrets and PushSecrets, from how long ago
// it last refreshed. now is the moment the snapshot is judged.
func ExternalSecret(e *model.ExternalSecret, now time.Time) model.Health {
	var j judgement
	readyCondition(&j, e.Ready)
	if e.Kind == "ClusterExternalSecret" {
		failedNamespaces(&j, e)
	} else {
		staleRefresh(&j, e, now)
	}
	j.decodeIssues(&e.Meta)
	return j.result()
}

// readyCondition judges the Ready condition shared by every ESO kind: False is Critical with
// the controller's reason, Unknown or absent is Unknown (the controller has not decided yet).
func readyCondition(j *judgement, ready model.Condition) {
	switch ready.Status {
	case "True":
		// Healthy; nothing to add.
	case "False":
		j.add(esoReadyFalse, model.VerdictCritical, conditionText(ready, "not ready"))
	case "Unknown":
		j.add(esoReadyUnknown, model.VerdictUnknown, conditionText(ready, "Ready is Unknown"))
	case "":
		j.add(esoNoReady, model.VerdictUnknown, "no Ready condition yet")
	default:
		j.add(esoNoReady, model.VerdictUnknown, fmt.Sprintf("Ready is %q", ready.Status))
	}
}

// staleRefresh warns when refreshing has stopped: the last refresh is more than staleFactor
// intervals old. A zero interval means the secret is synced once and never refreshed, so it
// cannot be stale; neither can a secret whose spec.refreshPolicy is CreatedOnce (fetched once)
// or OnChange (fetched again only when its spec changes): ESO never refreshes those on a timer.
func staleRefresh(j *judgement, e *model.ExternalSecret, now time.Time) {
	if e.RefreshInterval <= 0 || e.RefreshTime.IsZero() {
		return
	}
	switch e.RefreshPolicy {
	case "CreatedOnce", "OnChange":
		return
	}
	age := now.Sub(e.RefreshTime)
	if age <= staleFactor*e.RefreshInterval {
		return
	}
	interval := e.RefreshIntervalRaw
	if interval == "" {
		interval = humanize.Duration(e.RefreshInterval)
	}
	j.add(esoStale, model.VerdictWarning, fmt.Sprintf("stale: last refresh %s ago (refreshInterval %s)", humanize.Duration(age), interval))
}

// failedNamespaces judges a ClusterExternalSecret's per-namespace results: failing everywhere
// is Critical, failing in some namespaces is a Warning.
func failedNamespaces(j *judgement, e *model.ExternalSecret) {
	failed := len(e.FailedNamespaces)
	if failed == 0 {
		return
	}
	names := listSome(e.FailedNamespaces, 3)
	if len(e.ProvisionedNamespaces) == 0 {
		j.add(esoFailedEverywhere, model.VerdictCritical, fmt.Sprintf("failed in all %s: %s", plural(failed, "namespace", "namespaces"), names))
		return
	}
	total := failed + len(e.ProvisionedNamespaces)
	j.add(esoFailedSomewhere, model.VerdictWarning, fmt.Sprintf("failed in %d of %d namespaces: %s", failed, total, names))
}

// listSome joins the first limit items and says how many were left out.
func listSome(items []string, limit int) string {
	if len(items) <= limit {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s (+%d more)", strings.Join(items[:limit], ", "), len(items)-limit)
}

// SecretStore judges an ESO SecretStore or ClusterSecretStore from its Ready condition, which
// the controller sets after validating the provider configuration: False (InvalidProviderConfig,
// ValidationFailed, InvalidStoreConfiguration …) is Critical.
func SecretStore(s *model.SecretStore) model.Health {
	var j judgement
	readyCondition(&j, s.Ready)
	if s.Ready.Status == "True" && s.Ready.Reason == "ValidationUnknown" {
		// The provider cannot be validated up front; ESO still marks the store Ready.
		j.add(esoValidationUnknown, model.VerdictOK, conditionText(s.Ready, ""))
	}
	j.decodeIssues(&s.Meta)
	return j.result()
}
