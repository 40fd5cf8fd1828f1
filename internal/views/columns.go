package views

import "github.com/mcgtui/mcgtui/internal/model"

// listKind is what a list shows: the fleet's clusters or one kind of object.
type listKind uint8

const (
	kindClusters listKind = iota
	kindApps
	kindSecrets
	kindStores
	kindVolumes
	kindNodes
)

// title is the list's name in breadcrumbs and tabs.
func (k listKind) title() string {
	switch k {
	case kindClusters:
		return "Clusters"
	case kindApps:
		return "Apps"
	case kindSecrets:
		return "Secrets"
	case kindStores:
		return "Stores"
	case kindVolumes:
		return "Volumes"
	case kindNodes:
		return "Nodes"
	}
	return "?"
}

// product is the product whose source delivers the list's objects.
func (k listKind) product() model.Product {
	switch k {
	case kindApps:
		return model.ProductArgoCD
	case kindSecrets, kindStores:
		return model.ProductESO
	case kindVolumes, kindNodes:
		return model.ProductPortworx
	}
	return model.ProductACM
}

// column describes one table column and how it behaves when the terminal is narrow.
type column struct {
	title string
	// max caps the width a column asks for, however long its cells are (0: no cap).
	max int
	// flex columns take the width left over by the others. When columns are dropped to fit,
	// a flex column counts min (or its natural width if smaller); it is cut further only
	// when nothing else can go.
	flex bool
	min  int
	// drop orders hiding on narrow terminals: the highest number is hidden first; 0 never.
	drop int
	// age columns show row.since relative to now, computed when the visible rows are drawn.
	age bool
	// state columns sort by verdict, worst first, and take the row's verdict colour.
	state bool
}

// fleetColumns are the columns of the fleet (home) page, one row per cluster.
var fleetColumns = []column{
	{title: "NAME", flex: true, min: 20, max: 40},
	{title: "AVAIL", drop: 3, max: 7},
	{title: "VERSION", drop: 7, max: 12},
	{title: "CLOUD", drop: 8, max: 10},
	{title: "APPS", drop: 2, max: 14},
	{title: "SECRETS", drop: 4, max: 12},
	{title: "VOLUMES", drop: 6, max: 12},
	{title: "PX NODES", drop: 5, max: 12},
	{title: "STATE", flex: true, min: 24, state: true},
	{title: "UPDATED", drop: 4, age: true},
}

// objectColumns returns the columns of an object list; fleet-wide lists start with CLUSTER.
// A cluster's app list starts with FROM instead: the cluster holding a hub Application that
// deploys here, blank for the cluster's own apps.
func objectColumns(k listKind, fleetWide bool) []column {
	var cols []column
	switch {
	case fleetWide:
		cols = append(cols, column{title: "CLUSTER", max: 20})
	case k == kindApps:
		cols = append(cols, column{title: "FROM", max: 20, drop: 3})
	}
	switch k {
	case kindApps:
		cols = append(cols,
			column{title: "NAMESPACE", max: 20, drop: 6},
			column{title: "NAME", flex: true, min: 20, max: 48},
			column{title: "PROJECT", max: 16, drop: 8},
			column{title: "SYNC", max: 10, drop: 2},
			column{title: "HEALTH", max: 11, drop: 3},
			column{title: "DEST", max: 20, drop: 5},
			column{title: "STATE", flex: true, min: 24, state: true},
			column{title: "AGE", drop: 9, age: true})
	case kindSecrets:
		cols = append(cols,
			column{title: "NAMESPACE", max: 20, drop: 6},
			column{title: "NAME", flex: true, min: 20, max: 48},
			column{title: "KIND", max: 21, drop: 7},
			column{title: "STORE", max: 20, drop: 5},
			column{title: "READY", max: 7, drop: 2},
			column{title: "STATE", flex: true, min: 24, state: true},
			column{title: "REFRESHED", drop: 8, age: true})
	case kindStores:
		cols = append(cols,
			column{title: "NAMESPACE", max: 20, drop: 6},
			column{title: "NAME", flex: true, min: 20, max: 48},
			column{title: "KIND", max: 18, drop: 7},
			column{title: "PROVIDER", max: 10, drop: 5},
			column{title: "READY", max: 7, drop: 2},
			column{title: "STATE", flex: true, min: 24, state: true},
			column{title: "AGE", drop: 9, age: true})
	case kindVolumes:
		cols = append(cols,
			column{title: "NAMESPACE", max: 20, drop: 6},
			column{title: "NAME", flex: true, min: 20, max: 48},
			column{title: "PHASE", max: 8, drop: 2},
			column{title: "SIZE", max: 8, drop: 5},
			column{title: "CLASS", max: 20, drop: 7},
			column{title: "STATE", flex: true, min: 24, state: true},
			column{title: "AGE", drop: 9, age: true})
	case kindNodes:
		cols = append(cols,
			column{title: "KIND", max: 14, drop: 4},
			column{title: "NAME", flex: true, min: 20, max: 40},
			column{title: "PHASE", max: 12, drop: 2},
			column{title: "VERSION", max: 14, drop: 6},
			column{title: "IP", max: 15, drop: 7},
			column{title: "USED", max: 16, drop: 5},
			column{title: "STATE", flex: true, min: 24, state: true})
	}
	return cols
}

// columnsFor returns the columns of a list of kind k, fleet-wide when cluster is "".
func columnsFor(k listKind, cluster string) []column {
	if k == kindClusters {
		return fleetColumns
	}
	return objectColumns(k, cluster == "")
}

// stateColumn returns the index of the verdict column, the default sort.
func stateColumn(cols []column) int {
	for i, c := range cols {
		if c.state {
			return i
		}
	}
	return 0
}
