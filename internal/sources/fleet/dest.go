package fleet

import (
	"maps"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// inCluster is how Argo CD names the cluster it runs on.
const (
	inClusterServer = "https://kubernetes.default.svc"
	inClusterName   = "in-cluster"
)

// destinations maps Argo CD destinations to fleet cluster names. It is rebuilt (never
// modified) whenever the ManagedCluster list changes, so sources can read it without locks.
type destinations struct {
	byName   map[string]string // cluster name → itself
	byServer map[string]string // normalised API URL → cluster name
}

func newDestinations(clusters []model.ManagedCluster, servers map[string]string) *destinations {
	d := &destinations{byName: map[string]string{}, byServer: map[string]string{}}
	for _, mc := range clusters {
		d.byName[mc.Name] = mc.Name
		for _, u := range mc.ClientURLs {
			d.byServer[normalizeURL(u)] = mc.Name
		}
	}
	for name, server := range servers {
		if server != "" {
			d.byServer[normalizeURL(server)] = name
		}
		d.byName[name] = name
	}
	return d
}

// equal reports whether d and o resolve every destination alike.
func (d *destinations) equal(o *destinations) bool {
	return o != nil && maps.Equal(d.byName, o.byName) && maps.Equal(d.byServer, o.byServer)
}

// resolve returns the fleet cluster an app on cluster `on` deploys to, or "".
func (d *destinations) resolve(on string, dest model.Destination) string {
	switch {
	case dest.Server == inClusterServer, dest.Name == inClusterName:
		return on
	case dest.Name != "":
		return d.byName[dest.Name]
	case dest.Server != "":
		return d.byServer[normalizeURL(dest.Server)]
	}
	return ""
}

func normalizeURL(u string) string { return strings.TrimSuffix(strings.ToLower(u), "/") }
