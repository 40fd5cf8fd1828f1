package main

import (
	"io"
	"time"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/report"
)

// writeReport prints status's report: with --triage and a table or wide format, the cause
// trees (docs/status.md, "Triage"); otherwise the rows, to which the JSON format adds the
// causes and each row's causedBy.
func writeReport(w io.Writer, f *model.Fleet, rows []report.Row, format string, triage bool) error {
	g := causes.Build(f)
	now := time.Now()
	if triage && format != report.FormatJSON {
		return report.WriteTriage(w, g, now)
	}
	if format != report.FormatJSON {
		return report.Write(w, rows, format)
	}
	return report.WriteWithCauses(w, report.WithCauses(f, rows, g), report.Causes(g, now), format)
}
