package pages

// The kubeconfig's contexts, as plain data: the root asks the backend for them (it reads the
// kubeconfig in a Cmd) and hands them to the contexts page; the views never see client-go.

// KubeContext is one kubeconfig context: the cluster and user entries it names and its default
// namespace, as `kubectl config get-contexts` shows them.
type KubeContext struct {
	Name, Cluster, User, Namespace string
}

// ContextList is the kubeconfig's contexts, sorted by name, and the context the hub's fleet
// runs on now.
type ContextList struct {
	Current  string
	Contexts []KubeContext
}

// LoadContextsMsg asks the root to read the kubeconfig's contexts for page PageID; the answer
// is a ContextsMsg.
type LoadContextsMsg struct{ PageID int }

// ContextsMsg carries the kubeconfig's contexts read for page PageID (0: for the prompt's
// completion only), or why they could not be read.
type ContextsMsg struct {
	PageID int
	List   ContextList
	Err    error
}

// RouteID implements Routed.
func (m ContextsMsg) RouteID() int { return m.PageID }

// SwitchContextMsg asks the root to move the dashboard to the hub of another context.
type SwitchContextMsg struct{ Name string }

// FleetFree is a page that draws without a fleet snapshot (the contexts page: a hub that never
// answers is a reason to switch away from it).
type FleetFree interface {
	FleetFree()
}
