package views

import (
	"strings"

	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// commands maps every ":" command and alias to the list it opens. A new list is one line here
// and its name in commandNames.
func commands() map[string]rows.Kind {
	return map[string]rows.Kind{
		"clusters": rows.KindClusters, "cluster": rows.KindClusters, "fleet": rows.KindClusters, "mc": rows.KindClusters,
		"apps": rows.KindApps, "app": rows.KindApps, "applications": rows.KindApps, "application": rows.KindApps,
		"secrets": rows.KindSecrets, "secret": rows.KindSecrets, "es": rows.KindSecrets, "externalsecrets": rows.KindSecrets,
		"stores": rows.KindStores, "store": rows.KindStores, "secretstores": rows.KindStores, "css": rows.KindStores,
		"volumes": rows.KindVolumes, "volume": rows.KindVolumes, "pvc": rows.KindVolumes, "pvcs": rows.KindVolumes,
		"nodes": rows.KindNodes, "node": rows.KindNodes, "px": rows.KindNodes, "storagenodes": rows.KindNodes,
		"policies": rows.KindPolicies, "policy": rows.KindPolicies, "plc": rows.KindPolicies, "governance": rows.KindPolicies,
	}
}

// commandNames are the main commands, in the order the prompt's hint shows them.
func commandNames() []string {
	return []string{"clusters", "apps", "secrets", "stores", "volumes", "nodes", "policies", "triage", "map", "ctx", "quit"}
}

// parseCommand resolves a command line; quit is true for ":q" and ":quit".
func parseCommand(s string) (kind rows.Kind, quit, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "q" || s == "quit" || s == "q!" {
		return 0, true, true
	}
	kind, ok = commands()[s]
	return kind, false, ok
}
