package detail

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// pxctlLines shows a claim's Portworx volume laid out as `pxctl volume inspect` prints it:
// the volume's fields, its replica sets with each node's pool (a node missing from the current
// set is marked "*", as pxctl marks it), and the replication status in pxc's words.
func pxctlLines(v *model.PXVolume) []string {
	field := func(k, val string) string { return fmt.Sprintf("   %-24s:  %s", k, humanize.Sanitize(val)) }
	lines := []string{fmt.Sprintf(" %-26s:  %s", "Volume", humanize.Sanitize(v.ID))}
	size := rows.SizeCell(v.Size)
	if v.Usage > 0 {
		size += " (used " + rows.SizeCell(v.Usage) + ")"
	}
	state := strings.ToLower(strings.TrimPrefix(v.State, "VOLUME_STATE_"))
	if v.AttachedOn != "" {
		state = "Attached: " + rows.FirstNonEmpty(v.AttachedHost, v.AttachedOn)
	}
	shared := "no"
	if v.Shared {
		shared = "yes"
	}
	lines = append(lines,
		field("Name", rows.Dash(v.Name)),
		field("Size", size),
		field("HA", fmt.Sprint(v.HALevel)),
		field("IO Priority", rows.Dash(v.Cos)),
		field("Shared", shared),
		field("Status", strings.ToLower(strings.TrimPrefix(v.Status, "VOLUME_STATUS_"))),
		field("State", state),
		"   Replica sets on nodes:")
	for i, set := range v.ReplicaSets {
		lines = append(lines, fmt.Sprintf("      Set %d", i))
		for j, id := range set.Nodes {
			name := id
			if j < len(set.Hosts) && set.Hosts[j] != "" {
				name = set.Hosts[j]
			}
			if j < len(set.Pools) {
				name += " (Pool " + set.Pools[j] + ")"
			}
			if set.Current != nil && !contains(set.Current, id) {
				name += " *"
			}
			lines = append(lines, fmt.Sprintf("        %-20s:  %s", "Node", humanize.Sanitize(name)))
		}
		for _, id := range set.ReAdding {
			lines = append(lines, fmt.Sprintf("        %-20s:  %s", "Re-adding on", humanize.Sanitize(id)))
		}
	}
	lines = append(lines, field("Replication Status", replicationWords(v.Replication)))
	if v.Error != "" {
		lines = append(lines, field("Error", humanize.OneLine(v.Error)))
	}
	return lines
}

// replicationWords names a replication state as pxc does ("Not in quorum" for a failed
// resync), with the counts.
func replicationWords(r model.PXReplication) string {
	words := map[string]string{
		model.ReplUp: "Up", model.ReplResync: "Resync", model.ReplResyncFailed: "Not in quorum (resync failed)",
		model.ReplDegraded: "Degraded", model.ReplReAdding: "Degraded (re-adding)", model.ReplDetached: "Detached",
		model.ReplRestore: "Restore",
	}[r.State]
	return fmt.Sprintf("%s (%d/%d current)", rows.FirstNonEmpty(words, r.State), r.Current, r.Total)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
