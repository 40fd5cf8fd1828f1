package rows

import "github.com/mcgtui/mcgtui/internal/model"

// Kind is what a list shows: the fleet's clusters or one kind of object.
type Kind uint8

// The kinds of list.
const (
	KindClusters Kind = iota
	KindApps
	KindSecrets
	KindStores
	KindVolumes
	KindNodes
	KindPolicies
)

// Title is the list's name in breadcrumbs and tabs.
func (k Kind) Title() string {
	switch k {
	case KindClusters:
		return "Clusters"
	case KindApps:
		return "Apps"
	case KindSecrets:
		return "Secrets"
	case KindStores:
		return "Stores"
	case KindVolumes:
		return "Volumes"
	case KindNodes:
		return "Nodes"
	case KindPolicies:
		return "Policies"
	}
	return "?"
}

// Product is the product whose source delivers the list's objects.
func (k Kind) Product() model.Product {
	switch k {
	case KindApps:
		return model.ProductArgoCD
	case KindSecrets, KindStores:
		return model.ProductESO
	case KindVolumes, KindNodes:
		return model.ProductPortworx
	}
	return model.ProductACM
}

// Column describes one table column: how the table lays it out (components.Column) and
// how wide its cells may ask to be.
type Column struct {
	Title string
	// Max caps the width a column asks for, however long its cells are (0: no cap).
	Max int
	// Flex columns take the width left over by the others. When columns are dropped to fit,
	// a flex column counts Min (or its natural width if smaller); it is cut further only
	// when nothing else can go.
	Flex bool
	Min  int
	// Drop orders hiding on narrow terminals: the highest number is hidden first; 0 never.
	Drop int
	// Age columns show Row.Since relative to now, computed when the visible rows are drawn.
	Age bool
	// State columns sort by verdict, worst first, and take the row's verdict colour.
	State bool
}

// fleetColumns returns the columns of the fleet (home) page, one row per cluster.
func fleetColumns() []Column {
	return []Column{
		{Title: "NAME", Flex: true, Min: 20, Max: 40},
		{Title: "AVAIL", Drop: 3, Max: 7},
		{Title: "VERSION", Drop: 7, Max: 12},
		{Title: "CLOUD", Drop: 8, Max: 10},
		{Title: "APPS", Drop: 2, Max: 14},
		{Title: "SECRETS", Drop: 4, Max: 12},
		{Title: "VOLUMES", Drop: 6, Max: 12},
		{Title: "PX NODES", Drop: 5, Max: 12},
		{Title: "POLICIES", Drop: 6, Max: 12},
		{Title: "STATE", Flex: true, Min: 24, State: true},
		{Title: "UPDATED", Drop: 4, Age: true},
	}
}

// objectColumns returns the columns of an object list; fleet-wide lists start with CLUSTER.
// A cluster's app list starts with FROM instead: the cluster holding a hub Application that
// deploys here, blank for the cluster's own apps.
func objectColumns(k Kind, fleetWide bool) []Column {
	if k == KindPolicies {
		return policyColumns(fleetWide)
	}
	var cols []Column
	switch {
	case fleetWide:
		cols = append(cols, Column{Title: "CLUSTER", Max: 20})
	case k == KindApps:
		cols = append(cols, Column{Title: "FROM", Max: 20, Drop: 3})
	}
	switch k {
	case KindApps:
		cols = append(cols,
			Column{Title: "NAMESPACE", Max: 20, Drop: 6},
			Column{Title: "NAME", Flex: true, Min: 20, Max: 48},
			Column{Title: "PROJECT", Max: 16, Drop: 8},
			Column{Title: "SYNC", Max: 10, Drop: 2},
			Column{Title: "HEALTH", Max: 11, Drop: 3},
			Column{Title: "DEST", Max: 20, Drop: 5},
			Column{Title: "STATE", Flex: true, Min: 24, State: true},
			Column{Title: "AGE", Drop: 9, Age: true})
	case KindSecrets:
		cols = append(cols,
			Column{Title: "NAMESPACE", Max: 20, Drop: 6},
			Column{Title: "NAME", Flex: true, Min: 20, Max: 48},
			Column{Title: "KIND", Max: 21, Drop: 7},
			Column{Title: "STORE", Max: 20, Drop: 5},
			Column{Title: "READY", Max: 7, Drop: 2},
			Column{Title: "STATE", Flex: true, Min: 24, State: true},
			Column{Title: "REFRESHED", Drop: 8, Age: true})
	case KindStores:
		cols = append(cols,
			Column{Title: "NAMESPACE", Max: 20, Drop: 6},
			Column{Title: "NAME", Flex: true, Min: 20, Max: 48},
			Column{Title: "KIND", Max: 18, Drop: 7},
			Column{Title: "PROVIDER", Max: 10, Drop: 5},
			Column{Title: "READY", Max: 7, Drop: 2},
			Column{Title: "STATE", Flex: true, Min: 24, State: true},
			Column{Title: "AGE", Drop: 9, Age: true})
	case KindVolumes:
		cols = append(cols,
			Column{Title: "NAMESPACE", Max: 20, Drop: 6},
			Column{Title: "NAME", Flex: true, Min: 20, Max: 48},
			Column{Title: "PHASE", Max: 8, Drop: 2},
			Column{Title: "SIZE", Max: 8, Drop: 5},
			Column{Title: "REPLICAS", Max: 16, Drop: 3},
			Column{Title: "ATTACHED", Max: 20, Drop: 8},
			Column{Title: "CLASS", Max: 20, Drop: 7},
			Column{Title: "STATE", Flex: true, Min: 24, State: true},
			Column{Title: "AGE", Drop: 9, Age: true})
	case KindNodes:
		cols = append(cols,
			Column{Title: "KIND", Max: 14, Drop: 4},
			Column{Title: "NAME", Flex: true, Min: 20, Max: 40},
			Column{Title: "PHASE", Max: 12, Drop: 2},
			Column{Title: "VERSION", Max: 14, Drop: 6},
			Column{Title: "IP", Max: 15, Drop: 7},
			Column{Title: "USED", Max: 16, Drop: 5},
			Column{Title: "POOLS", Max: 24, Drop: 3},
			Column{Title: "STATE", Flex: true, Min: 24, State: true})
	}
	return cols
}

// policyColumns are a cluster's Policies tab (its replicated policies) or, fleet-wide, the
// root policies of :policies.
func policyColumns(fleetWide bool) []Column {
	if fleetWide {
		return []Column{
			{Title: "NAMESPACE", Max: 24, Drop: 6},
			{Title: "NAME", Flex: true, Min: 20, Max: 48},
			{Title: "CLUSTERS", Max: 9, Drop: 2},
			{Title: "REMEDIATION", Max: 11, Drop: 5},
			{Title: "SEVERITY", Max: 8, Drop: 4},
			{Title: "STANDARDS", Max: 24, Drop: 7},
			{Title: "STATE", Flex: true, Min: 24, State: true},
		}
	}
	return []Column{
		{Title: "POLICY", Flex: true, Min: 20, Max: 48},
		{Title: "COMPLIANT", Max: 12, Drop: 2},
		{Title: "TEMPLATE", Max: 32, Drop: 5},
		{Title: "SEVERITY", Max: 8, Drop: 4},
		{Title: "REMEDIATION", Max: 11, Drop: 6},
		{Title: "STATE", Flex: true, Min: 24, State: true},
	}
}

// ColumnsFor returns the columns of a list of kind k, fleet-wide when cluster is "".
func ColumnsFor(k Kind, cluster string) []Column {
	if k == KindClusters {
		return fleetColumns()
	}
	return objectColumns(k, cluster == "")
}

// StateColumn returns the index of the verdict column, the default sort.
func StateColumn(cols []Column) int {
	for i, c := range cols {
		if c.State {
			return i
		}
	}
	return 0
}
