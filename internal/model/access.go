package model

// Access is the path by which mcgtui reads a cluster's objects. Every cluster row says which
// one it is, because what can be shown, how fresh it is and what can be done all depend on it.
type Access string

const (
	// AccessContext: a kubeconfig context reaches the cluster's API server (watches, actions).
	AccessContext Access = "ctx"
	// AccessProxy: the cluster's API server through the hub's cluster-proxy user endpoint,
	// with the hub user's credentials (watches, actions, as with a context).
	AccessProxy Access = "proxy"
	// AccessSearch: ACM search's index, polled (read only; only what the collector indexes).
	AccessSearch Access = "search"
	// AccessHub: hub facts only (the ManagedCluster record, hub Applications deploying there).
	AccessHub Access = "hub"
)

// Watched reports whether the path reads the cluster's API server itself: full objects,
// watches and actions.
func (a Access) Watched() bool { return a == AccessContext || a == AccessProxy }
