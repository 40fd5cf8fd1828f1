package diffview

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/views/components"
	"github.com/mcgtui/mcgtui/internal/views/rows"
)

// diffLayout is a fetched diff rendered into pane lines, with where each modified resource
// and each hunk starts, for the next/previous keys and the header.
type diffLayout struct {
	lines     []string
	resources []int    // first line of each modified resource
	titles    []string // each modified resource's title
	hunks     []int    // every "@@" line
}

// layoutDiff renders every modified resource of r: a title line, a note when one side is
// missing, then its unified diff coloured (+ green, - red, @@ cyan).
func layoutDiff(r diff.Result, st *components.Styles) diffLayout {
	var l diffLayout
	mods := r.Modified()
	for i, res := range mods {
		title := humanize.OneLine(res.Title())
		l.resources = append(l.resources, len(l.lines))
		l.titles = append(l.titles, title)
		l.lines = append(l.lines, st.Section.Render(fmt.Sprintf("%d/%d %s", i+1, len(mods), title)))
		switch {
		case res.LiveYAML == "":
			l.lines = append(l.lines, st.Dim.Render(" not in the cluster yet: a sync creates it"))
		case res.TargetYAML == "":
			l.lines = append(l.lines, st.Dim.Render(" no longer in git: a sync with prune deletes it"))
		}
		unified := res.Unified()
		if unified == "" {
			l.lines = append(l.lines, st.Dim.Render(" Argo CD reports it modified; the normalized live and desired states are equal"))
		}
		for _, line := range strings.Split(strings.TrimRight(unified, "\n"), "\n") {
			if unified == "" {
				break
			}
			if strings.HasPrefix(line, "@@") {
				l.hunks = append(l.hunks, len(l.lines))
			}
			l.lines = append(l.lines, colorDiffLine(line, st))
		}
		l.lines = append(l.lines, "")
	}
	return l
}

// colorDiffLine colours one unified diff line by its first characters; text is shown as given
// (Argo CD masks Secret data), with control characters made harmless.
func colorDiffLine(line string, st *components.Styles) string {
	text := " " + humanize.Sanitize(strings.ReplaceAll(line, "\t", "  "))
	switch {
	case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
		return st.Header.Render(text)
	case strings.HasPrefix(line, "+"):
		return st.Added.Render(text)
	case strings.HasPrefix(line, "-"):
		return st.Removed.Render(text)
	case strings.HasPrefix(line, "@@"):
		return st.Hunk.Render(text)
	case strings.HasPrefix(line, `\`):
		return st.Dim.Render(text)
	}
	return text
}

// resourceAt is the index of the resource whose lines include line y.
func (l *diffLayout) resourceAt(y int) int {
	i := 0
	for j, start := range l.resources {
		if start <= y {
			i = j
		}
	}
	return i
}

// fallbackLines is the diff page's text while loading or after an error: why there is no
// diff, the out-of-sync resources from the app's status, and the app's live YAML.
func (p *Page) fallbackLines() []string {
	st := &p.env.Styles
	if p.loading {
		return []string{st.Dim.Render(" asking Argo CD for the diff of " + p.ref.Name + "…")}
	}
	out := []string{
		st.ErrorMsg.Render(" could not get the diff: " + humanize.Sanitize(p.err.Error())),
		"",
		st.Section.Render("Out-of-sync resources (from the app's status)"),
	}
	if p.app == nil {
		out = append(out, " the app is no longer in the fleet")
	} else {
		out = append(out, rows.ResourceTable(p.app.Resources, true, p.width)...)
	}
	out = append(out, "", st.Section.Render("Live "+p.ref.Kind+" YAML"))
	switch {
	case p.yamlWait:
		return append(out, st.Dim.Render(" loading…"))
	case p.yamlErr != nil:
		return append(out, st.ErrorMsg.Render(" could not fetch YAML: "+humanize.Sanitize(p.yamlErr.Error())))
	}
	for _, l := range p.yaml {
		out = append(out, " "+humanize.Sanitize(strings.ReplaceAll(l, "\t", "  ")))
	}
	return out
}

// diffKeyMap holds the diff page's keys.
type diffKeyMap struct {
	scroll       components.ScrollKeyMap
	Left         key.Binding
	Right        key.Binding
	NextResource key.Binding
	PrevResource key.Binding
	NextHunk     key.Binding
	PrevHunk     key.Binding
	External     key.Binding
}

func newDiffKeyMap(bs components.Bindings) diffKeyMap {
	return diffKeyMap{
		scroll:       components.NewScrollKeyMap(bs),
		Left:         key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "scroll left")),
		Right:        key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "scroll right")),
		NextResource: bs.Bind("nextResource", key.NewBinding(key.WithKeys("]", "n"), key.WithHelp("]/n", "next resource"))),
		PrevResource: bs.Bind("prevResource", key.NewBinding(key.WithKeys("[", "N"), key.WithHelp("[/N", "previous resource"))),
		NextHunk:     bs.Bind("nextHunk", key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next hunk"))),
		PrevHunk:     bs.Bind("prevHunk", key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous hunk"))),
		External:     bs.Bind("externalDiff", key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in external diff"))),
	}
}
