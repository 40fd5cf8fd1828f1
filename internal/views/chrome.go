package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// fleetSummary is the fleet-wide roll-up shown in the header and the status bar. It is
// computed once per fleet from the per-cluster summaries (O(clusters), never O(objects)).
type fleetSummary struct {
	clusters  int
	available int
	apps      int
	problems  int
	// ready and present count, per product, the clusters whose source is Ready, and those
	// where the product is present at all (not NotInstalled).
	ready   [model.NumProducts]int
	present [model.NumProducts]int
	hubACM  model.SourceState
	hasHub  bool
	syncing bool
	updated time.Time // the newest cluster snapshot
}

func summarizeFleet(f *model.Fleet) fleetSummary {
	var s fleetSummary
	if f == nil {
		return s
	}
	s.clusters = len(f.Clusters)
	for _, c := range f.Clusters {
		// A cluster whose API cannot be reached or read is a problem of its own, on top of
		// its objects' problems; a hub with no ManagedCluster of its own is available while
		// its API answers.
		failing := false
		for _, src := range c.Sources {
			failing = failing || src.State.Failed()
		}
		if (c.Managed != nil && c.Managed.Available.Status == "True") || (c.Hub && c.Managed == nil && !failing) {
			s.available++
		}
		if failing || (c.Managed != nil && c.Managed.Health.Verdict >= model.VerdictWarning) {
			s.problems++
		}
		apps := f.AppsFor(c)
		sum := c.Summary
		s.apps += apps.Total
		s.problems += apps.Problems + sum.Secrets.Problems + sum.Stores.Problems +
			sum.Volumes.Problems + sum.Nodes.Problems + sum.Policies.Problems
		for p := model.Product(0); p < model.NumProducts; p++ {
			st := c.Sources[p].State
			if st == model.StateSyncing {
				s.syncing = true
			}
			if st != model.StateNotInstalled {
				s.present[p]++
			}
			if st == model.StateReady {
				s.ready[p]++
			}
		}
		if c.Hub {
			s.hasHub, s.hubACM = true, c.Sources[model.ProductACM].State
		}
		if c.Updated.After(s.updated) {
			s.updated = c.Updated
		}
	}
	return s
}

// headerLine is the top line: who we look at and how the fleet is doing.
func (m *Model) headerLine() string {
	st := &m.env.Styles
	ctx := m.opts.HubContext
	if m.fleet != nil && m.fleet.HubContext != "" {
		ctx = m.fleet.HubContext
	}
	parts := []string{st.Title.Render("mcgtui")}
	if ctx != "" {
		parts = append(parts, "context "+ctx)
	}
	if m.fleet != nil {
		s := &m.summary
		problems := components.Plural(s.problems, "problem")
		if s.problems > 0 {
			problems = m.env.VerdictStyle(model.VerdictWarning).Render(problems)
		}
		parts = append(parts, components.Plural(s.clusters, "cluster")+fmt.Sprintf(" · %d available · ", s.available)+
			components.Plural(s.apps, "app")+" · "+problems)
	}
	line := strings.Join(parts, "  ")
	var badges []string
	if m.opts.Demo || (m.fleet != nil && m.fleet.Demo) {
		badges = append(badges, st.Badge.Render(" DEMO "))
	}
	if m.opts.ReadOnly {
		badges = append(badges, st.Dim.Render("read-only"))
	}
	return withBadges(line, strings.Join(badges, " "), m.width)
}

// withBadges ends the header line with the badges (DEMO, read-only) and cuts the rest of the
// line, not the badges, when the terminal is too narrow for both: what mode the dashboard is
// in must show at any width.
func withBadges(line, badges string, width int) string {
	if badges == "" {
		return line
	}
	room := width - components.TextWidth(badges) - 2
	if room < 1 {
		return components.Clip(badges, width)
	}
	return components.Clip(line, room) + "  " + badges
}

// statusLine is the bottom line: each source's state across the fleet, data age, spinner.
func (m *Model) statusLine() string {
	st := &m.env.Styles
	if m.fleet == nil {
		if m.syncingContext != "" {
			return m.status.Spinner() + " Syncing context " + humanize.OneLine(m.syncingContext) + "…"
		}
		return m.status.Spinner() + " waiting for the first fleet snapshot…"
	}
	s := &m.summary
	var parts []string
	for p := model.ProductArgoCD; p < model.NumProducts; p++ {
		text := fmt.Sprintf("%s %d/%d", rows.ProductShort(p), s.ready[p], s.present[p])
		if p == model.ProductArgoCD {
			text += " ready"
		}
		if s.ready[p] < s.present[p] {
			text = st.Notice.Render(text)
		}
		parts = append(parts, text)
	}
	if s.hasHub {
		text := "acm " + rows.StateShort(s.hubACM)
		if s.hubACM != model.StateReady {
			text = st.Notice.Render(text)
		}
		parts = append(parts, text)
	}
	line := strings.Join(parts, " · ") + " · updated " + humanize.Age(m.env.Now(), s.updated) + " ago"
	if m.syncingContext != "" { // after a context switch, until every source of the new fleet settled
		line = st.Notice.Render("Syncing context "+humanize.OneLine(m.syncingContext)) + " · " + line
	}
	if m.updatesClosed {
		line += " · " + st.ErrorMsg.Render("updates stopped")
	}
	return m.status.View(line, m.busy())
}

// messageLine renders the last error or notice, if any.
func (m *Model) messageLine() string {
	if m.message == "" {
		return ""
	}
	if m.messageIsError {
		return m.env.Styles.ErrorMsg.Render(m.message)
	}
	return m.env.Styles.InfoMsg.Render(m.message)
}
