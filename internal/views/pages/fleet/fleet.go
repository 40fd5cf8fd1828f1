// Package fleet is the fleet (home) page, one row per cluster, and the fleet-wide lists
// opened with ":apps" and friends: a list of one kind over every cluster, with a notice
// naming the clusters it has no data from.
package fleet

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/pages"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// Page is the fleet page (kind rows.KindClusters) or a fleet-wide list of another kind.
type Page struct {
	list   *pages.List
	notice string // which clusters the list has no data from, and why
	width  int
	height int
	env    *pages.Env
}

// New returns the page listing kind over the whole fleet.
func New(kind rows.Kind, e *pages.Env) *Page {
	return &Page{list: pages.NewList(kind, "", e), env: e}
}

// SetSize implements pages.Page.
func (p *Page) SetSize(w, h int) {
	p.width, p.height = w, h
	p.list.SetSize(w, h-len(p.noticeLines()))
}

func (p *Page) noticeLines() []string {
	return components.NoticeLines(p.notice, p.width, p.height, &p.env.Styles)
}

// Title implements pages.Page.
func (p *Page) Title() string {
	if p.list.Kind() == rows.KindClusters {
		return "Fleet " + p.list.Describe()
	}
	return p.list.Kind().Title() + " · all clusters " + p.list.Describe()
}

// View implements pages.Page.
func (p *Page) View() string {
	if notice := p.noticeLines(); len(notice) > 0 {
		return strings.Join(notice, "\n") + "\n" + p.list.View()
	}
	return p.list.View()
}

// KeyMap implements pages.Page.
func (p *Page) KeyMap() components.TitledKeyMap { return p.list.Table().KeyMap() }

// Show implements pages.Page.
func (p *Page) Show(f *model.Fleet) tea.Cmd {
	if p.list.Kind() != rows.KindClusters {
		p.notice = MissingNotice(f, p.list.Kind().Product())
		p.SetSize(p.width, p.height)
	}
	return p.list.Refresh(f)
}

// noticeNames is how many clusters a notice names before it counts the rest: two lines of it
// are shown, and at 3,500 clusters the whole list would cost more to build and wrap, on
// every frame, than the frame itself (docs/performance.md).
const noticeNames = 8

// MissingNotice names the clusters a fleet-wide list has no current data from (source not
// Ready), and those without the product; "" when every cluster delivers. O(clusters).
func MissingNotice(f *model.Fleet, p model.Product) string {
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
				missing = append(missing, c.Name+" ("+rows.StateShort(st)+")")
			}
		}
	}
	var parts []string
	if nMissing > 0 {
		parts = append(parts, "no data from "+joinSome(missing, nMissing))
	}
	if nAbsent > 0 {
		parts = append(parts, rows.ProductTitle(p)+" not installed on "+joinSome(absent, nAbsent))
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

// HandleKey implements pages.Page.
func (p *Page) HandleKey(msg tea.KeyPressMsg) tea.Cmd {
	if key.Matches(msg, p.list.Table().KeyMap().Open) {
		return p.list.OpenRow()
	}
	cmd, _ := p.list.HandleKey(msg)
	return cmd
}

// Wheel implements pages.Page.
func (p *Page) Wheel(n int) { p.list.Wheel(n) }

// ActiveList implements pages.Page.
func (p *Page) ActiveList() *pages.List { return p.list }

// Owns implements pages.Page: the list's row builds.
func (p *Page) Owns(id int) bool { return id == p.list.ID() }

// Receive implements pages.Page.
func (p *Page) Receive(msg pages.Routed) tea.Cmd {
	if m, ok := msg.(pages.RowsMsg); ok {
		return p.list.Apply(m)
	}
	return nil
}

// Subject implements pages.SubjectPage.
func (p *Page) Subject() (pages.Subject, bool) { return pages.ListSubject(p.list) }
