package pages

import (
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Page is one screen of the navigation stack.
type Page interface {
	// SetSize sets the body size: the page draws its breadcrumb elsewhere (see Title).
	SetSize(w, h int)
	// Title is the breadcrumb line above the body.
	Title() string
	// View renders the body in at most the size set.
	View() string
	// KeyMap lists the page's keys for the help overlay.
	KeyMap() components.TitledKeyMap
	// Show is called when the page becomes visible, when a new fleet arrives while it is
	// visible, and on every clock tick; it must be cheap when nothing changed.
	Show(f *model.Fleet) tea.Cmd
	// HandleKey handles a key press the root did not take.
	HandleKey(msg tea.KeyPressMsg) tea.Cmd
	// Wheel scrolls by n lines (mouse wheel; negative is up).
	Wheel(n int)
	// ActiveList is the list that "/" filters, or nil.
	ActiveList() *List
	// Owns reports whether the page (or one of its lists) asked for results addressed to id.
	Owns(id int) bool
	// Receive takes an asynchronous result addressed to an id the page owns.
	Receive(msg Routed) tea.Cmd
}

// Loader is a page that fetches something when it opens (YAML, a diff).
type Loader interface {
	// Loading reports whether the fetch is still running.
	Loading() bool
}

// Env is what every page shares with the root: styles, key bindings, the clock, the id counter for async
// routing, the objects marked for a bulk action, and the spinner's frame. The root owns it.
type Env struct {
	Styles components.Styles
	// Keys are the config file's key bindings, for every key map a page builds.
	Keys  components.Bindings
	Now   func() time.Time
	Marks *Marks
	// Spin is the spinner's current frame while it turns ("" when still), for the rows of
	// operations in progress.
	Spin string
	ids  int
}

// NewEnv returns an Env with mcgtui's styles, the clock now and no marks.
func NewEnv(now func() time.Time) *Env {
	return &Env{Styles: components.DefaultStyles(), Now: now, Marks: NewMarks()}
}

// NextID returns a fresh id that routes async messages to the page or list that asked.
func (e *Env) NextID() int {
	e.ids++
	return e.ids
}

// VerdictStyle is the colour of a verdict.
func (e *Env) VerdictStyle(v model.Verdict) lipgloss.Style { return e.Styles.ForTone(int(v)) }

// Send returns a Cmd that delivers msg.
func Send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// FollowObject returns the Cmd that looks ref up again in a newer fleet for page id; seen is
// the page's last fleet generation and is updated. The first fleet a page sees is the one
// its row was built from, so nothing is looked up then.
func FollowObject(id int, ref model.Ref, seen *uint64, f *model.Fleet) tea.Cmd {
	if f == nil || f.Generation == *seen {
		return nil
	}
	first := *seen == 0
	*seen = f.Generation
	if first {
		return nil
	}
	gen := f.Generation
	return func() tea.Msg { return ObjectMsg{PageID: id, FleetGen: gen, Obj: rows.FindObject(f, ref)} }
}

// Starter is a page with work to start when it opens: the root runs Start's Cmd once, right
// after the page is pushed (a detail page asks for its YAML, a diff page for its diff).
type Starter interface {
	Start() tea.Cmd
}

// Filterer is a page that "/" filters without being a list (the fleet map).
type Filterer interface {
	Filter() string
	SetFilter(s string) tea.Cmd
}
