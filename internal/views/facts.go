package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// objectFacts returns the key fields of an object for its detail page, its conditions, and
// extra lines (an app's unhealthy resources). Every kind starts with its verdict.
func objectFacts(obj any, now time.Time) (facts [][]string, conds []model.Condition, extra []string) {
	meta := func(m *model.Meta, h model.Health) {
		facts = append(facts,
			[]string{"Verdict", verdictText(h)},
			[]string{"Kind", m.Kind + " (" + m.APIVersion + ")"},
			[]string{"Name", joinNonEmpty("/", m.Namespace, m.Name)},
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
		add("Destination", joinNonEmpty(" · ", appDest(o), o.Destination.Server, o.Destination.Namespace))
		add("Project", dash(o.Project))
		add("Sync", joinNonEmpty(" @ ", o.SyncStatus, shortRev(o.Revision)))
		add("Health", joinNonEmpty(": ", o.HealthStatus, o.HealthMessage))
		for _, s := range o.Sources {
			add("Source", joinNonEmpty(" ", s.RepoURL, s.Path, s.Chart, s.TargetRevision))
		}
		add("Auto-sync", fmt.Sprintf("%v (prune %v, self-heal %v)", o.AutoSync, o.AutoPrune, o.SelfHeal))
		if op := o.Operation; op != nil {
			add("Operation", joinNonEmpty(": ", op.Phase, op.Message)+
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
		add("Ready", conditionSummary(o.Ready))
		add("Store", joinNonEmpty(" ", o.StoreKind, o.StoreName))
		add("Target", dash(o.TargetName))
		add("Refresh", fmt.Sprintf("every %s, last %s ago", dash(o.RefreshIntervalRaw), humanize.Age(now, o.RefreshTime)))
		if len(o.ProvisionedNamespaces)+len(o.FailedNamespaces) > 0 {
			add("Namespaces", fmt.Sprintf("%d provisioned, %d failed %s", len(o.ProvisionedNamespaces),
				len(o.FailedNamespaces), strings.Join(o.FailedNamespaces, ",")))
		}
		conds = o.Conditions
	case *model.SecretStore:
		meta(&o.Meta, o.Health)
		add("Ready", conditionSummary(o.Ready))
		add("Provider", joinNonEmpty(" ", o.Provider, o.ProviderServer))
		add("Capabilities", dash(o.Capabilities))
		conds = o.Conditions
	case *model.Volume:
		meta(&o.Meta, o.Health)
		add("Phase", dash(o.Phase))
		add("Size", fmt.Sprintf("requested %s, capacity %s", sizeCell(o.Requested), sizeCell(o.Capacity)))
		add("Class", joinNonEmpty(" · ", o.StorageClass, o.Provisioner))
		add("Access modes", dash(strings.Join(o.AccessModes, ",")))
		add("Volume", joinNonEmpty(" · ", o.VolumeName, o.PVPhase, o.VolumeHandle))
	case *model.StorageCluster:
		meta(&o.Meta, o.Health)
		add("Phase", dash(o.Phase))
		add("Version", dash(o.Version))
		add("PX cluster", joinNonEmpty(" · ", o.ClusterName, o.ClusterUID))
		conds = o.Conditions
	case *model.StorageNode:
		meta(&o.Meta, o.Health)
		add("Phase", dash(o.Phase))
		add("Version", dash(o.Version))
		add("IP", dash(o.IP))
		add("Storage", usage(o.StorageUsed, o.StorageTotal))
		add("Node UID", dash(o.NodeUID))
		conds = o.Conditions
	default:
		add("Object", "no longer in the latest snapshot")
	}
	return facts, conds, extra
}

// appResourceLines lists an app's resources that are out of sync or not healthy.
func appResourceLines(a *model.App) []string {
	rows := [][]string{{"KIND", "NAMESPACE/NAME", "STATUS", "HEALTH"}}
	for _, r := range a.Resources {
		bad := r.Status == "OutOfSync" || r.RequiresPruning ||
			(r.Health != "" && r.Health != "Healthy")
		if !bad {
			continue
		}
		rows = append(rows, []string{r.Kind, joinNonEmpty("/", r.Namespace, r.Name), dash(r.Status),
			joinNonEmpty(": ", r.Health, humanize.Sanitize(r.HealthMessage))})
		if len(rows) > 50 {
			rows = append(rows, []string{"…"})
			break
		}
	}
	if len(rows) == 1 {
		return nil
	}
	return alignRows(rows)
}

func shortRev(r string) string {
	if len(r) > 12 {
		return r[:12]
	}
	return r
}

// findObject looks ref up again in a newer fleet; nil when it is gone. It runs in a Cmd.
func findObject(f *model.Fleet, ref model.Ref) any {
	c := f.Cluster(ref.Cluster)
	if c == nil {
		return nil
	}
	same := func(m *model.Meta) bool {
		return m.Resource == ref.Resource && m.Namespace == ref.Namespace && m.Name == ref.Name
	}
	for i := range c.Apps {
		if same(&c.Apps[i].Meta) {
			return &c.Apps[i]
		}
	}
	for i := range c.Secrets {
		if same(&c.Secrets[i].Meta) {
			return &c.Secrets[i]
		}
	}
	for i := range c.Stores {
		if same(&c.Stores[i].Meta) {
			return &c.Stores[i]
		}
	}
	for i := range c.Volumes {
		if same(&c.Volumes[i].Meta) {
			return &c.Volumes[i]
		}
	}
	for i := range c.StorageClusters {
		if same(&c.StorageClusters[i].Meta) {
			return &c.StorageClusters[i]
		}
	}
	for i := range c.StorageNodes {
		if same(&c.StorageNodes[i].Meta) {
			return &c.StorageNodes[i]
		}
	}
	return nil
}
