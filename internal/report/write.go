package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

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
	header := []string{"CLUSTER", "KIND", "NAMESPACE", "NAME", "VERDICT"}
	if wide {
		header = append(header, "STATUS", "DETAILS")
	}
	header = append(header, "REASON")
	lines := make([][]string, 0, len(rows)+1)
	lines = append(lines, header)
	for i := range rows {
		r := &rows[i]
		cells := []string{cell(r.Cluster), cell(r.Kind), orDash(cell(r.Namespace)), cell(r.Name), r.Verdict.String()}
		reason := cell(r.Reason)
		if wide {
			cells = append(cells, orDash(cell(status(r))), orDash(cell(details(r))))
		} else {
			reason = humanize.Truncate(reason, tableReasonWidth)
		}
		lines = append(lines, append(cells, reason))
	}
	_, err := w.Write(align(lines))
	return err
}

// columnGap is the room between two columns, as kubectl leaves it.
const columnGap = 2

// align pads every cell but the last of each line to its column's width in terminal cells
// (not bytes or runes: a name in CJK or with emoji takes two cells a character), so that the
// columns line up on screen; lines carry no trailing blanks.
func align(lines [][]string) []byte {
	var widths []int
	for _, cells := range lines {
		for i, c := range cells {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], humanize.Width(c))
		}
	}
	var out bytes.Buffer
	for _, cells := range lines {
		var line strings.Builder
		for i, c := range cells {
			line.WriteString(c)
			if i < len(cells)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-humanize.Width(c)+columnGap))
			}
		}
		out.WriteString(strings.TrimRight(line.String(), " "))
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// cell makes object text safe for one table cell: no control, bidi or zero-width characters
// (humanize.OneLine), white space flattened to single spaces.
func cell(s string) string { return humanize.OneLine(s) }

// orDash shows an empty cell as "-" so that columns stay readable.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
