package views

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/model"
)

// The tabs of a cluster page: one list per object kind, then the conditions pane.
var clusterTabs = []listKind{kindApps, kindSecrets, kindStores, kindVolumes, kindNodes}

const conditionsTab = 5 // index of the Conditions tab, after the lists

// clusterPage shows one cluster: a tab per object kind and a Conditions tab.
type clusterPage struct {
	name       string
	lists      []*list
	active     int
	conditions viewport.Model
	snap       *model.ClusterSnapshot
	fleet      *model.Fleet
	width      int
	height     int
	keys       tabKeyMap
	scroll     scrollKeyMap
	env        *env
}

func newClusterPage(name string, e *env) *clusterPage {
	p := &clusterPage{name: name, keys: newTabKeyMap(), scroll: newScrollKeyMap(), env: e}
	for _, k := range clusterTabs {
		p.lists = append(p.lists, newList(e.nextID(), k, name, e))
	}
	p.conditions = newPane(p.scroll)
	return p
}

// SetSize implements page.
func (p *clusterPage) SetSize(w, h int) {
	p.width, p.height = w, h
	p.layout()
}

// layout sizes the active pane below the tab line and the notice, if any.
func (p *clusterPage) layout() {
	h := max(p.height-1-len(p.noticeLines()), 0)
	for _, l := range p.lists {
		l.SetSize(p.width, h)
	}
	p.conditions.SetWidth(p.width)
	p.conditions.SetHeight(max(p.height-1, 0))
}

// Title implements page.
func (p *clusterPage) Title() string {
	if l := p.ActiveList(); l != nil {
		return p.name + " › " + l.q.kind.title() + " " + l.Describe()
	}
	return p.name + " › Conditions"
}

// ActiveList implements page.
func (p *clusterPage) ActiveList() *list {
	if p.active < len(p.lists) {
		return p.lists[p.active]
	}
	return nil
}

// Lists implements page.
func (p *clusterPage) Lists() []*list { return p.lists }

// Subject implements subjectPage: the cursor row of the Apps or Secrets tab.
func (p *clusterPage) Subject() (subject, bool) { return listSubject(p.ActiveList()) }

// KeyMap implements page.
func (p *clusterPage) KeyMap() titledKeyMap {
	if l := p.ActiveList(); l != nil {
		return keyGroups{p.keys, l.table.keys}
	}
	return keyGroups{p.keys, p.scroll}
}

// Show implements page.
func (p *clusterPage) Show(f *model.Fleet) tea.Cmd {
	p.fleet = f
	p.snap = f.Cluster(p.name)
	p.layout()
	if p.active == conditionsTab {
		setPaneLines(&p.conditions, conditionLines(p.snap, p.name, &p.env.st, p.env.now()))
		return nil
	}
	return p.lists[p.active].Refresh(f)
}

// HandleKey implements page.
func (p *clusterPage) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, p.keys.Next):
		return p.switchTab((p.active + 1) % (conditionsTab + 1)), true
	case key.Matches(msg, p.keys.Prev):
		return p.switchTab((p.active + conditionsTab) % (conditionsTab + 1)), true
	case key.Matches(msg, p.keys.Jump):
		return p.switchTab(int(msg.String()[0] - '1')), true
	}
	if l := p.ActiveList(); l != nil {
		if key.Matches(msg, l.table.keys.Open) {
			return openRow(l), true
		}
		return l.HandleKey(msg)
	}
	switch {
	case key.Matches(msg, p.scroll.Top):
		p.conditions.GotoTop()
	case key.Matches(msg, p.scroll.Bottom):
		p.conditions.GotoBottom()
	default:
		var cmd tea.Cmd
		p.conditions, cmd = p.conditions.Update(msg)
		return cmd, true
	}
	return nil, true
}

func (p *clusterPage) switchTab(i int) tea.Cmd {
	p.active = max(min(i, conditionsTab), 0)
	return p.Show(p.fleet)
}

// Wheel implements page.
func (p *clusterPage) Wheel(n int) {
	if l := p.ActiveList(); l != nil {
		l.Wheel(n)
		return
	}
	if n < 0 {
		p.conditions.ScrollUp(-n)
	} else {
		p.conditions.ScrollDown(n)
	}
}

// notice explains a missing or partial tab (product not installed, no access …), or "".
func (p *clusterPage) notice() string {
	if p.snap == nil {
		if p.fleet == nil {
			return ""
		}
		return p.name + " is no longer in the fleet"
	}
	l := p.ActiveList()
	if l == nil {
		return ""
	}
	prod := l.q.kind.product()
	return sourceNotice(prod, p.name, p.snap.Sources[prod], p.env.now())
}

// noticeLines wraps the notice to the page width: at most two lines, and only when the
// page has room for them below the tabs.
func (p *clusterPage) noticeLines() []string {
	return noticeLines(p.notice(), p.width, p.height, &p.env.st)
}

// View implements page.
func (p *clusterPage) View() string {
	if p.height <= 0 || p.width <= 0 {
		return ""
	}
	parts := []string{clip(p.tabLine(), p.width)}
	notice := p.noticeLines()
	parts = append(parts, notice...)
	if l := p.ActiveList(); l != nil {
		if len(notice) > 0 && l.loaded && l.total == 0 {
			return strings.Join(parts, "\n") // nothing to list: the notice says why
		}
		parts = append(parts, l.View())
	} else {
		parts = append(parts, p.conditions.View())
	}
	return strings.Join(parts, "\n")
}

// tabLine renders the tabs; a tab whose objects include problems is marked "!".
func (p *clusterPage) tabLine() string {
	st := &p.env.st
	var b strings.Builder
	for i := 0; i <= conditionsTab; i++ {
		label := "Conditions"
		if i < len(clusterTabs) {
			label = clusterTabs[i].title()
		}
		worst := p.tabWorst(i)
		text := fmt.Sprintf(" %d %s", i+1, label)
		if worst >= model.VerdictWarning {
			text += "!"
		}
		text += " "
		style := st.tab
		if worst >= model.VerdictWarning {
			style = st.forVerdict(worst)
		}
		if i == p.active {
			style = style.Inherit(st.tabOn)
		}
		b.WriteString(style.Render(text))
	}
	return b.String()
}

// tabWorst is the worst verdict among a tab's objects, from the snapshot's roll-up.
func (p *clusterPage) tabWorst(tab int) model.Verdict {
	s := p.snap
	if s == nil {
		return model.VerdictOK
	}
	switch tab {
	case 0:
		return p.fleet.AppsFor(s).Worst
	case 1:
		return s.Summary.Secrets.Worst
	case 2:
		return s.Summary.Stores.Worst
	case 3:
		return s.Summary.Volumes.Worst
	case 4:
		w := s.Summary.Nodes.Worst
		for i := range s.StorageClusters {
			w = model.Worse(w, s.StorageClusters[i].Health.Verdict)
		}
		return w
	}
	if s.Managed != nil {
		return s.Managed.Health.Verdict
	}
	return model.VerdictOK
}
