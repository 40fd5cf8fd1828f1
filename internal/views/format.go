package views

import (
	"fmt"
	"strings"
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

// fit truncates s to width w (with an ellipsis) and pads it with spaces to exactly w cells.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := textWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-sw)
}

// clip truncates s to width w without padding; w <= 0 yields "".
func clip(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// countCell renders a roll-up as "good/total", with "!n" appended when n objects have problems.
func countCell(c model.Counts) string {
	s := fmt.Sprintf("%d/%d", c.Good, c.Total)
	if c.Problems > 0 {
		s += fmt.Sprintf(" !%d", c.Problems)
	}
	return s
}

// verdictText renders a verdict with its reason: "Critical: app billing: Degraded".
func verdictText(h model.Health) string {
	if h.Reason == "" {
		return h.Verdict.String()
	}
	return h.Verdict.String() + ": " + humanize.Sanitize(h.Reason)
}

// productTitle is a product's name as an SRE would write it in a sentence.
func productTitle(p model.Product) string {
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

// productShort is a product's name in the status bar.
func productShort(p model.Product) string {
	if p == model.ProductPortworx {
		return "px"
	}
	return p.String()
}

// stateShort is a source state in a few lower-case words, as a table cell shows it.
func stateShort(s model.SourceState) string {
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

// sourceNotice explains in one line why a product's data on a cluster is missing, partial or
// old; "" when the source is Ready. now dates a Stale source.
func sourceNotice(p model.Product, cluster string, st model.SourceStatus, now time.Time) string {
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
		return fmt.Sprintf("%s on %s is syncing: waiting for the first full list…", productTitle(p), cluster)
	case model.StateNotInstalled:
		return fmt.Sprintf("%s not installed on %s", productTitle(p), cluster)
	case model.StateForbidden:
		return with(fmt.Sprintf("%s on %s: forbidden", productTitle(p), cluster))
	case model.StateUnreachable:
		return with(fmt.Sprintf("%s unreachable", cluster)) + " — retrying"
	case model.StateStale:
		return with(fmt.Sprintf("%s on %s is stale (%s)", productTitle(p), cluster, humanize.Age(now, st.Since))) +
			" — showing last known data"
	case model.StateNoAccess:
		if reason == "" {
			reason = "no kubeconfig context for " + cluster
		}
		return "no access: " + reason + " — showing hub-side facts only"
	}
	return with(fmt.Sprintf("%s on %s: %s", productTitle(p), cluster, st.State))
}

// sizeCell renders a byte count for a table cell; "-" when unknown.
func sizeCell(n int64) string {
	if n <= 0 {
		return "-"
	}
	return humanize.Bytes(n)
}

// plural counts things: "1 cluster", "3 clusters".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
