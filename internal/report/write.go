package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// The output formats of `mcgtui status -o`.
const (
	FormatTable = "table"
	FormatWide  = "wide"
	FormatJSON  = "json"
)

// SchemaVersion is the "schemaVersion" of the JSON document. It changes only if a field is
// renamed or removed, which the contract forbids short of a major release; added fields keep it.
const SchemaVersion = 1

// tableReasonWidth is where the table format cuts reasons, so that a row fits a wide terminal
// line; the wide and JSON formats never cut them.
const tableReasonWidth = 100

// Document is the JSON output: the rows with a few totals, so that scripts need not count.
type Document struct {
	// SchemaVersion identifies the layout of this document; see SchemaVersion.
	SchemaVersion int `json:"schemaVersion"`
	// Clusters is the number of clusters in the report.
	Clusters int `json:"clusters"`
	// Verdicts counts the items by verdict.
	Verdicts VerdictCounts `json:"verdicts"`
	// ExitCode is the exit status the command returns for these items (0 or 1).
	ExitCode int `json:"exitCode"`
	// Items are the rows, in report order.
	Items []Row `json:"items"`

	// Causes are the root causes, ranked (causes.go); absent when the writer was given no
	// cause graph.
	Causes []CauseItem `json:"causes,omitzero"`
}

// VerdictCounts counts rows by verdict.
type VerdictCounts struct {
	OK       int `json:"ok"`
	Unknown  int `json:"unknown"`
	Warning  int `json:"warning"`
	Critical int `json:"critical"`
}

// CheckFormat returns an error unless format is one Write accepts ("" means table). The command
// calls it before connecting, so that a typo is a usage error rather than a wasted wait.
func CheckFormat(format string) error {
	switch format {
	case "", FormatTable, FormatWide, FormatJSON:
		return nil
	}
	return fmt.Errorf("unknown output format %q: want %s, %s or %s", format, FormatTable, FormatWide, FormatJSON)
}

// Write prints rows in the given format: "table" (the default, also for ""), "wide" or "json".
func Write(w io.Writer, rows []Row, format string) error {
	return WriteWithCauses(w, rows, nil, format)
}

// WriteWithCauses is Write with the fleet's causes, which the JSON document lists in
// "causes" ([] when there are none; absent when causes is nil). Table and wide print the
// rows only.
func WriteWithCauses(w io.Writer, rows []Row, causes []CauseItem, format string) error {
	if err := CheckFormat(format); err != nil {
		return err
	}
	switch format {
	case FormatJSON:
		return writeJSON(w, rows, causes)
	case FormatWide:
		return writeTable(w, rows, true)
	}
	return writeTable(w, rows, false)
}

// NewDocument wraps rows in the JSON document with its totals.
func NewDocument(rows []Row) Document {
	doc := Document{SchemaVersion: SchemaVersion, ExitCode: ExitCode(rows), Items: rows}
	if doc.Items == nil {
		doc.Items = []Row{}
	}
	for i := range rows {
		switch rows[i].Kind {
		case "Cluster", "ManagedCluster":
			doc.Clusters++
		}
		switch model.Verdict(rows[i].Verdict) {
		case model.VerdictOK:
			doc.Verdicts.OK++
		case model.VerdictUnknown:
			doc.Verdicts.Unknown++
		case model.VerdictWarning:
			doc.Verdicts.Warning++
		case model.VerdictCritical:
			doc.Verdicts.Critical++
		}
	}
	return doc
}

// writeJSON writes the document pretty-printed, ending in a newline.
func writeJSON(w io.Writer, rows []Row, causes []CauseItem) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	doc := NewDocument(rows)
	doc.Causes = causes
	return enc.Encode(doc)
}

// writeTable writes aligned columns; wide adds STATUS and DETAILS and keeps reasons whole.
func writeTable(w io.Writer, rows []Row, wide bool) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 8, 2, ' ', 0)
	header := []string{"CLUSTER", "KIND", "NAMESPACE", "NAME", "VERDICT"}
	if wide {
		header = append(header, "STATUS", "DETAILS")
	}
	header = append(header, "REASON")
	writeLine(tw, header)
	for i := range rows {
		r := &rows[i]
		cells := []string{r.Cluster, r.Kind, orDash(r.Namespace), r.Name, r.Verdict.String()}
		reason := cell(r.Reason)
		if wide {
			cells = append(cells, orDash(status(r)), orDash(details(r)))
		} else {
			reason = truncate(reason, tableReasonWidth)
		}
		writeLine(tw, append(cells, reason))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Every line has every cell, so that the columns stay aligned, which pads the cell before an
	// empty reason; trim that padding rather than leave trailing blanks.
	var out bytes.Buffer
	for line := range bytes.Lines(buf.Bytes()) {
		out.Write(bytes.TrimRight(line, " \n"))
		out.WriteByte('\n')
	}
	_, err := w.Write(out.Bytes())
	return err
}

// writeLine writes one tab-separated line; cells are cleaned so that they cannot break it.
func writeLine(tw io.Writer, cells []string) {
	for i, c := range cells {
		cells[i] = cell(c)
	}
	// The tabwriter buffers everything and reports write errors from Flush.
	_, _ = io.WriteString(tw, strings.Join(cells, "\t")+"\n")
}

// cell makes object text safe for one table cell: white space (tabs and newlines would break
// the table) flattened to single spaces, control, bidi and zero-width characters (terminal
// escapes in a condition reason) removed.
func cell(s string) string { return humanize.Printable(s) }

// orDash shows an empty cell as "-" so that columns stay readable.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// truncate cuts s to at most width runes, marking the cut with "…".
func truncate(s string, width int) string {
	if len(s) <= width {
		return s
	}
	runes := []rune(s)
	if len(runes) <= width {
		return s
	}
	return strings.TrimRight(string(runes[:width-1]), " ") + "…"
}
