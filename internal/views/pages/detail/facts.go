package detail

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// objectFacts returns the key fields of an object for its detail page, its conditions, and
// extra lines (an app's unhealthy resources). Every kind starts with its verdict.
func objectFacts(obj any, now time.Time) (facts [][]string, conds []model.Condition, extra []string) {
	meta := func(m *model.Meta, h model.Health) {
		facts = append(facts,
			[]string{"Verdict", rows.VerdictText(h)},
			[]string{"Kind", m.Kind + " (" + m.APIVersion + ")"},
			[]string{"Name", rows.JoinNonEmpty("/", m.Namespace, m.Name)},
			[]string{"Cluster", m.Cluster},
			[]string{"Created", humanize.Age(now, m.Created) + " ago"})
		if len(m.DecodeIssues) > 0 {
			facts = append(facts, []string{"Decode issues", strings.Join(m.DecodeIssues, "; ")})
		}
	}
	add := func(k, v string) { facts = append(facts, []string{k, humanize.Sanitize(v)}) }
	switch o := obj.(type) {
	case *model.App:
		meta(&o.Meta, o.Health)
		add("Destination", rows.JoinNonEmpty(" · ", rows.AppDest(o), o.Destination.Server, o.Destination.Namespace))
		add("Project", rows.Dash(o.Project))
		add("Sync", rows.JoinNonEmpty(" @ ", o.SyncStatus, rows.ShortRev(o.Revision)))
		add("Health", rows.JoinNonEmpty(": ", o.HealthStatus, o.HealthMessage))
		for _, s := range o.Sources {
			add("Source", rows.JoinNonEmpty(" ", s.RepoURL, s.Path, s.Chart, s.TargetRevision))
		}
		add("Auto-sync", fmt.Sprintf("%v (prune %v, self-heal %v)", o.AutoSync, o.AutoPrune, o.SelfHeal))
		if op := o.Operation; op != nil {
			add("Operation", rows.JoinNonEmpty(": ", op.Phase, op.Message)+
				fmt.Sprintf(" (started %s ago, retries %d)", humanize.Age(now, op.StartedAt), op.RetryCount))
		}
		add("Reconciled", humanize.Age(now, o.ReconciledAt)+" ago")
		extra = appResourceLines(o)
		conds = o.Conditions
	case *model.AppSet:
		meta(&o.Meta, o.Health)
		conds = o.Conditions
	case *model.ExternalSecret:
		meta(&o.Meta, o.Health)
		add("Ready", rows.ConditionSummary(o.Ready))
		add("Store", rows.StoreRefs(o, "/"))
		add("Target", rows.Dash(o.TargetName))
		add("Refresh", fmt.Sprintf("every %s, last %s ago", rows.Dash(o.RefreshIntervalRaw), humanize.Age(now, o.RefreshTime)))
		if len(o.ProvisionedNamespaces)+len(o.FailedNamespaces) > 0 {
			add("Namespaces", fmt.Sprintf("%d provisioned, %d failed %s", len(o.ProvisionedNamespaces),
				len(o.FailedNamespaces), strings.Join(o.FailedNamespaces, ",")))
		}
		conds = o.Conditions
	case *model.SecretStore:
		meta(&o.Meta, o.Health)
		add("Ready", rows.ConditionSummary(o.Ready))
		add("Provider", rows.JoinNonEmpty(" ", o.Provider, o.ProviderServer))
		add("Capabilities", rows.Dash(o.Capabilities))
		conds = o.Conditions
	case *model.Volume:
		meta(&o.Meta, o.Health)
		add("Phase", rows.Dash(o.Phase))
		add("Size", fmt.Sprintf("requested %s, capacity %s", rows.SizeCell(o.Requested), rows.SizeCell(o.Capacity)))
		add("Class", rows.JoinNonEmpty(" · ", o.StorageClass, o.Provisioner))
		add("Access modes", rows.Dash(strings.Join(o.AccessModes, ",")))
		add("Volume", rows.JoinNonEmpty(" · ", o.VolumeName, o.PVPhase, o.VolumeHandle))
		switch {
		case o.SDK != nil:
			add("Replicas", rows.ReplicasCell(o)+" · attached "+rows.AttachedCell(o))
		case o.SDKMissing:
			add("Portworx", "the SDK does not list volume "+o.VolumeHandle)
		}
	case *model.StorageCluster:
		meta(&o.Meta, o.Health)
		add("Phase", rows.Dash(o.Phase))
		add("Version", rows.Dash(o.Version))
		add("PX cluster", rows.JoinNonEmpty(" · ", o.ClusterName, o.ClusterUID))
		conds = o.Conditions
	case *model.StorageNode:
		meta(&o.Meta, o.Health)
		add("Phase", rows.Dash(o.Phase))
		add("Version", rows.Dash(o.Version))
		add("IP", rows.Dash(o.IP))
		add("Storage", rows.Usage(o.StorageUsed, o.StorageTotal))
		add("Node UID", rows.Dash(o.NodeUID))
		conds = o.Conditions
	case *model.Policy:
		meta(&o.Meta, o.Health)
		policyFacts(o, add)
		extra = historyLines(o, now)
	case *rows.RootPolicy:
		meta(&o.Policy.Meta, o.Policy.Health)
		policyFacts(o.Policy, add)
		extra = rootPolicyLines(o, now)
	default:
		add("Object", "no longer in the latest snapshot")
	}
	return facts, conds, extra
}

// appResourceLines lists an app's resources that are out of sync or not healthy.
func appResourceLines(a *model.App) []string {
	table := [][]string{{"KIND", "NAMESPACE/NAME", "STATUS", "HEALTH"}}
	for _, r := range a.Resources {
		bad := r.Status == "OutOfSync" || r.RequiresPruning ||
			(r.Health != "" && r.Health != "Healthy")
		if !bad {
			continue
		}
		table = append(table, []string{r.Kind, rows.JoinNonEmpty("/", r.Namespace, r.Name), rows.Dash(r.Status),
			rows.JoinNonEmpty(": ", r.Health, humanize.Sanitize(r.HealthMessage))})
		if len(table) > 50 {
			table = append(table, []string{"…"})
			break
		}
	}
	if len(table) == 1 {
		return nil
	}
	return rows.AlignRows(table)
}
