package pages

import (
	"os/exec"

	"github.com/mcgtui/mcgtui/internal/actions"
	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Messages a page sends to the root. The root opens pages, runs fetches and shows messages;
// a page never does either itself.

// OpenClusterMsg asks the root to open the cluster page of the named cluster.
type OpenClusterMsg struct{ Name string }

// OpenDetailMsg asks the root to open the detail page of an object row.
type OpenDetailMsg struct{ Row rows.Row }

// OpenDriftMsg asks the root to open the drift page of an app row.
type OpenDriftMsg struct{ Row rows.Row }

// OpenDiffMsg asks the root to open the diff page of an app row (the page fetches the diff).
type OpenDiffMsg struct{ Row rows.Row }

// FetchYAMLMsg asks the root to fetch an object's current YAML for page PageID; the answer
// is a YAMLMsg. The fetch is cancelled when the page is closed.
type FetchYAMLMsg struct {
	PageID int
	Ref    model.Ref
}

// FetchDiffMsg asks the root to fetch an app's diff (live → desired) for page PageID; the
// answer is a DiffMsg. The fetch is cancelled when the page is closed.
type FetchDiffMsg struct {
	PageID int
	App    model.App
}

// NotifyMsg asks the root to show a line in the message line (an error in red).
type NotifyMsg struct {
	Text    string
	IsError bool
}

// ExternalDiffMsg carries the temporary live/ and target/ trees written for an external diff
// of App and the command that compares them, or why they could not be written; the root hands
// the terminal to the command.
type ExternalDiffMsg struct {
	App  model.Ref
	Root string    // the temporary folder holding both trees; removed after the tool exits
	Cmd  *exec.Cmd // $MCGTUI_DIFF, $KUBECTL_EXTERNAL_DIFF, or diff -u -N
	Err  error
}

// Asynchronous results, routed by the root to the page that owns their id (ADR 0003).

// Routed is an asynchronous result addressed to the page or list with id RouteID.
type Routed interface {
	RouteID() int
}

// RowsMsg carries a finished row build back to the list that asked for it. It is applied only
// if both generations still match: a newer fleet or a newer filter/sort makes it stale.
type RowsMsg struct {
	ListID   int
	FleetGen uint64 // the fleet generation the rows were built from
	ViewGen  uint64 // the list's query generation when the build started
	Res      rows.Result
}

// RouteID implements Routed.
func (m RowsMsg) RouteID() int { return m.ListID }

// YAMLMsg carries the YAML fetched for a page, or the error that stopped it.
type YAMLMsg struct {
	PageID int
	YAML   string
	Err    error
}

// RouteID implements Routed.
func (m YAMLMsg) RouteID() int { return m.PageID }

// DiffMsg carries the diff fetched for a diff page, or why it could not be fetched.
type DiffMsg struct {
	PageID int
	App    model.Ref
	Result diff.Result
	Err    error
}

// RouteID implements Routed.
func (m DiffMsg) RouteID() int { return m.PageID }

// ObjectMsg carries a page's object as found again in a newer fleet (nil: gone).
type ObjectMsg struct {
	PageID   int
	FleetGen uint64
	Obj      any
}

// RouteID implements Routed.
func (m ObjectMsg) RouteID() int { return m.PageID }

// ActMsg asks the root to run an action on these objects (the apps or secrets under a cause
// on the Triage page): permission check, confirmation dialog, execute, as for the action keys.
type ActMsg struct {
	Kind actions.Kind
	Refs []model.Ref
}
