package rows

import (
	"fmt"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// textWidth is ansi.StringWidth with a fast path for plain ASCII, which most cells are.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c < 0x20 {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// CountCell renders a roll-up as "good/total", with "!n" appended when n objects have problems.
func CountCell(c model.Counts) string {
	s := fmt.Sprintf("%d/%d", c.Good, c.Total)
	if c.Problems > 0 {
		s += fmt.Sprintf(" !%d", c.Problems)
	}
	return s
}

// VerdictText renders a verdict with its reason: "Critical: app billing: Degraded".
func VerdictText(h model.Health) string {
	if h.Reason == "" {
		return h.Verdict.String()
	}
	return h.Verdict.String() + ": " + humanize.Sanitize(h.Reason)
}

// ProductTitle is a product's name as an SRE would write it in a sentence.
func ProductTitle(p model.Product) string {
	switch p {
	case model.ProductACM:
		return "ACM"
	case model.ProductArgoCD:
		return "Argo CD"
	case model.ProductESO:
		return "External Secrets"
	case model.ProductPortworx:
		return "Portworx"
	}
	return p.String()
}

// ProductShort is a product's name in the status bar.
func ProductShort(p model.Product) string {
	if p == model.ProductPortworx {
		return "px"
	}
	return p.String()
}

// StateShort is a source state in a few lower-case words, as a table cell shows it.
func StateShort(s model.SourceState) string {
	switch s {
	case model.StateSyncing:
		return "syncing"
	case model.StateReady:
		return "ready"
	case model.StateNotInstalled:
		return "not installed"
	case model.StateForbidden:
		return "forbidden"
	case model.StateUnreachable:
		return "unreachable"
	case model.StateStale:
		return "stale"
	case model.StateNoAccess:
		return "no access"
	}
	return s.String()
}

// SourceNotice explains in one line why a product's data on a cluster is missing, partial or
// old; "" when the source is Ready. now dates a Stale source.
func SourceNotice(p model.Product, cluster string, st model.SourceStatus, now time.Time) string {
	reason := humanize.Sanitize(st.Reason)
	with := func(s string) string {
		if reason == "" {
			return s
		}
		return s + ": " + reason
	}
	switch st.State {
	case model.StateReady:
		return ""
	case model.StateSyncing:
		return fmt.Sprintf("%s on %s is syncing: waiting for the first full list…", ProductTitle(p), cluster)
	case model.StateNotInstalled:
		return fmt.Sprintf("%s not installed on %s", ProductTitle(p), cluster)
	case model.StateForbidden:
		return with(fmt.Sprintf("%s on %s: forbidden", ProductTitle(p), cluster))
	case model.StateUnreachable:
		return with(fmt.Sprintf("%s unreachable", cluster)) + " — retrying"
	case model.StateStale:
		return with(fmt.Sprintf("%s on %s is stale (%s)", ProductTitle(p), cluster, humanize.Age(now, st.Since))) +
			" — showing last known data"
	case model.StateNoAccess:
		if reason == "" {
			reason = "no kubeconfig context for " + cluster
		}
		return "no access: " + reason + " — showing hub-side facts only"
	}
	return with(fmt.Sprintf("%s on %s: %s", ProductTitle(p), cluster, st.State))
}

// SizeCell renders a byte count for a table cell; "-" when unknown.
func SizeCell(n int64) string {
	if n <= 0 {
		return "-"
	}
	return humanize.Bytes(n)
}
