package views

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
)

// env is what every page shares: styles, the clock, the id counter for async routing and the
// objects marked for a bulk action.
type env struct {
	st    styles
	now   func() time.Time
	ids   int
	marks *marks
	// spin is the spinner's current frame while it turns ("" when still), for the rows of
	// operations in progress.
	spin string
}

// nextID returns a fresh id that routes async messages to the component that asked.
func (e *env) nextID() int {
	e.ids++
	return e.ids
}

// page is one screen of the navigation stack (fleet, cluster, fleet-wide list, detail).
type page interface {
	// SetSize sets the body size: the page draws its breadcrumb elsewhere (see Title).
	SetSize(w, h int)
	// Title is the breadcrumb line above the body.
	Title() string
	// View renders the body in at most the size set.
	View() string
	// KeyMap lists the page's keys for the help overlay.
	KeyMap() titledKeyMap
	// Show is called when the page becomes visible, when a new fleet arrives while it is
	// visible, and on every clock tick; it must be cheap when nothing changed.
	Show(f *model.Fleet) tea.Cmd
	// HandleKey handles a key press and reports whether the page used it.
	HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool)
	// Wheel scrolls by n lines (mouse wheel; negative is up).
	Wheel(n int)
	// ActiveList is the list that "/" filters, or nil.
	ActiveList() *list
	// Lists returns every list the page owns, to route rowsMsg.
	Lists() []*list
}

// openClusterMsg asks the model to open the cluster page of the named cluster.
type openClusterMsg struct{ name string }

// openDetailMsg asks the model to open the detail page of an object row.
type openDetailMsg struct{ row row }

// openDriftMsg asks the model to open the drift page of an app row.
type openDriftMsg struct{ row row }

// openDiffMsg asks the model to open the diff page of an app row (fetching the diff).
type openDiffMsg struct{ row row }

// routedPage is a page that receives asynchronous results addressed to its id.
type routedPage interface {
	pageID() int
}

// objectFollower is a page that shows one object and follows it into newer fleets.
type objectFollower interface {
	routedPage
	SetObject(msg objectMsg)
}

// closer is a page with work to cancel when it is closed (a fetch still running).
type closer interface {
	Close()
}

// followObject returns the Cmd that looks ref up again in a newer fleet for page id; seen is
// the page's last fleet generation and is updated. The first fleet a page sees is the one
// its row was built from, so nothing is looked up then.
func followObject(id int, ref model.Ref, seen *uint64, f *model.Fleet) tea.Cmd {
	if f == nil || f.Generation == *seen {
		return nil
	}
	first := *seen == 0
	*seen = f.Generation
	if first {
		return nil
	}
	gen := f.Generation
	return func() tea.Msg { return objectMsg{pageID: id, fleetGen: gen, obj: findObject(f, ref)} }
}
func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// openRow returns the navigation message for pressing enter on a row.
func openRow(l *list) tea.Cmd {
	r, ok := l.table.Selected()
	if !ok {
		return nil
	}
	if l.q.kind == kindClusters {
		return send(openClusterMsg{name: r.key})
	}
	return send(openDetailMsg{row: r})
}

// listPage is the fleet (home) page or a fleet-wide list opened with ":apps" and friends.
type listPage struct {
	list   *list
	notice string // which clusters the list has no data from, and why
	width  int
	height int
	env    *env
}

func newListPage(kind listKind, e *env) *listPage {
	return &listPage{list: newList(e.nextID(), kind, "", e), env: e}
}

// SetSize implements page.
func (p *listPage) SetSize(w, h int) {
	p.width, p.height = w, h
	p.list.SetSize(w, h-len(p.noticeLines()))
}

func (p *listPage) noticeLines() []string {
	return noticeLines(p.notice, p.width, p.height, &p.env.st)
}

// Title implements page.
func (p *listPage) Title() string {
	if p.list.q.kind == kindClusters {
		return "Fleet " + p.list.Describe()
	}
	return p.list.q.kind.title() + " · all clusters " + p.list.Describe()
}

// View implements page.
func (p *listPage) View() string {
	if notice := p.noticeLines(); len(notice) > 0 {
		return strings.Join(notice, "\n") + "\n" + p.list.View()
	}
	return p.list.View()
}

// KeyMap implements page.
func (p *listPage) KeyMap() titledKeyMap { return p.list.table.keys }

// Show implements page.
func (p *listPage) Show(f *model.Fleet) tea.Cmd {
	if p.list.q.kind != kindClusters {
		p.notice = missingNotice(f, p.list.q.kind.product())
		p.SetSize(p.width, p.height)
	}
	return p.list.Refresh(f)
}

// noticeNames is how many clusters a notice names before it counts the rest: two lines of it
// are shown, and at 3,500 clusters the whole list would cost more to build and wrap, on
// every frame, than the frame itself (docs/performance.md).
const noticeNames = 8

// missingNotice names the clusters a fleet-wide list has no current data from (source not
// Ready), and those without the product; "" when every cluster delivers. O(clusters).
func missingNotice(f *model.Fleet, p model.Product) string {
	if f == nil {
		return ""
	}
	var missing, absent []string
	nMissing, nAbsent := 0, 0
	for _, c := range f.Clusters {
		switch st := c.Sources[p].State; st {
		case model.StateReady:
		case model.StateNotInstalled:
			if nAbsent++; nAbsent <= noticeNames {
				absent = append(absent, c.Name)
			}
		default:
			if nMissing++; nMissing <= noticeNames {
				missing = append(missing, c.Name+" ("+stateShort(st)+")")
			}
		}
	}
	var parts []string
	if nMissing > 0 {
		parts = append(parts, "no data from "+joinSome(missing, nMissing))
	}
	if nAbsent > 0 {
		parts = append(parts, productTitle(p)+" not installed on "+joinSome(absent, nAbsent))
	}
	return strings.Join(parts, " · ")
}

// joinSome lists names, then how many of total it leaves out.
func joinSome(names []string, total int) string {
	s := strings.Join(names, ", ")
	if more := total - len(names); more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

// HandleKey implements page.
func (p *listPage) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if key.Matches(msg, p.list.table.keys.Open) {
		return openRow(p.list), true
	}
	return p.list.HandleKey(msg)
}

// Wheel implements page.
func (p *listPage) Wheel(n int) { p.list.Wheel(n) }

// ActiveList implements page.
func (p *listPage) ActiveList() *list { return p.list }

// Lists implements page.
func (p *listPage) Lists() []*list { return []*list{p.list} }

// Subject implements subjectPage.
func (p *listPage) Subject() (subject, bool) { return listSubject(p.list) }
