// Package diff holds what the diff view shows for one Argo CD Application: per managed
// resource, the live and desired state as YAML and their unified diff. Providers (the Argo CD
// server's REST API, the demo) fill a Result; the views render it. Pure Go: no client library.
package diff

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/mcgtui/mcgtui/internal/model"
)

// Resource is one managed resource of an app.
type Resource struct {
	Group     string `json:"group,omitempty"`
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	// Modified is Argo CD's verdict: the live state differs from the desired one.
	Modified bool `json:"modified"`
	// LiveYAML is the normalized live state; "" when the resource does not exist yet.
	LiveYAML string `json:"live,omitempty"`
	// TargetYAML is the predicted live state after a sync (else the target state); "" when the
	// resource would be pruned.
	TargetYAML string `json:"target,omitempty"`
}

// Title names the resource: "apps/Deployment guestbook/guestbook-ui".
func (r Resource) Title() string {
	kind := r.Kind
	if r.Group != "" {
		kind = r.Group + "/" + r.Kind
	}
	return kind + " " + strings.TrimPrefix(r.Namespace+"/"+r.Name, "/")
}

// Unified is the resource's unified diff, live → target; "" when they are equal.
func (r Resource) Unified() string {
	return Unified("live/"+r.fileName(), "target/"+r.fileName(), r.LiveYAML, r.TargetYAML)
}

// Unified is the unified diff of two texts with three lines of context, in GNU diff -u's form:
// "--- old" and "+++ new" lines, then hunks whose headers omit a count of 1 ("@@ -3 +3,2 @@"),
// hunks whose context lines touch printed as one; "" when the texts are equal. The changes are
// go-internal's anchored diff (docs/adr/0008-unified-diff.md), whose line numbers are right
// across merged hunks.
func Unified(oldName, newName, old, new string) string {
	out := string(diff.Diff(oldName, []byte(old), newName, []byte(new)))
	if out == "" {
		return ""
	}
	var (
		sb    strings.Builder
		hunks []hunk
	)
	for _, line := range strings.SplitAfter(out, "\n") {
		switch {
		case strings.HasPrefix(line, "diff "):
			// diff.Diff starts with a "diff OLD NEW" line, which diff -u does not print.
		case strings.HasPrefix(line, "--- "), strings.HasPrefix(line, "+++ "):
			if len(hunks) == 0 {
				sb.WriteString(line)
				continue
			}
			hunks[len(hunks)-1].body = append(hunks[len(hunks)-1].body, line)
		case strings.HasPrefix(line, "@@ "):
			var h hunk
			if _, err := fmt.Sscanf(line, "@@ -%d,%d +%d,%d @@", &h.oldStart, &h.oldCount, &h.newStart, &h.newCount); err != nil {
				return out // not the form diff.Diff writes: show it as it is rather than guess
			}
			if n := len(hunks); n > 0 && hunks[n-1].touches(h) {
				hunks[n-1].oldCount += h.oldCount
				hunks[n-1].newCount += h.newCount
				continue
			}
			hunks = append(hunks, h)
		case line != "" && len(hunks) > 0:
			hunks[len(hunks)-1].body = append(hunks[len(hunks)-1].body, line)
		}
	}
	for _, h := range hunks {
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", gnuRange(h.oldStart, h.oldCount), gnuRange(h.newStart, h.newCount))
		for _, line := range h.body {
			sb.WriteString(line)
		}
	}
	return sb.String()
}

// hunk is one "@@" section of a unified diff: 1-based starts (of the line before, when the
// count is 0) and line counts of each side.
type hunk struct {
	oldStart, oldCount, newStart, newCount int
	body                                   []string
}

// touches reports whether next starts right where h ends: GNU diff prints them as one hunk
// (its context lines meet), go-internal as two.
func (h hunk) touches(next hunk) bool {
	return h.oldCount > 0 && next.oldCount > 0 && h.oldStart+h.oldCount == next.oldStart
}

// gnuRange writes a hunk range as GNU diff does: "3" for one line, "3,2" otherwise.
func gnuRange(start, count int) string {
	if count == 1 {
		return strconv.Itoa(start)
	}
	return strconv.Itoa(start) + "," + strconv.Itoa(count)
}

// fileName is the resource's file in a diff tree: GROUP_KIND_NAMESPACE_NAME.yaml, like
// kubectl diff's.
func (r Resource) fileName() string {
	parts := []string{r.Group, r.Kind, r.Namespace, r.Name}
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(p, "/", "_")
	}
	return strings.Join(parts, "_") + ".yaml"
}

// Result is every managed resource of one app, modified ones first as the provider ordered them.
type Result struct {
	App model.Ref `json:"app"`
	// Source says where the diff came from ("Argo CD API https://argocd.example", "demo").
	Source    string     `json:"source"`
	Resources []Resource `json:"resources"`
}

// Modified returns the resources that differ.
func (r Result) Modified() []Resource {
	var out []Resource
	for _, res := range r.Resources {
		if res.Modified || res.LiveYAML != res.TargetYAML {
			out = append(out, res)
		}
	}
	return out
}

// Provider fetches the diff of one app. Errors explain themselves to an SRE: "no Argo CD
// server configured for cluster east", "401 Unauthorized from https://argocd.example".
type Provider interface {
	Diff(ctx context.Context, app model.App) (Result, error)
}

// HunkStarts returns the line numbers (0-based) of the "@@" hunk headers of a unified diff,
// for the view's next/previous hunk keys.
func HunkStarts(unified string) []int {
	var out []int
	for i, line := range strings.Split(unified, "\n") {
		if strings.HasPrefix(line, "@@") {
			out = append(out, i)
		}
	}
	return out
}
