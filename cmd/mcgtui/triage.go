package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/demo"
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

// addScenarioFlag adds --scenario to `mcgtui demo` (and `status --demo`), its completion, and
// the list of scenarios, one line each, to the command's help.
func (o *options) addScenarioFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.scenario, "scenario", "", "start the demo fleet in an incident (see Scenarios)")
	var names []string
	var help strings.Builder
	help.WriteString("\n\nScenarios (--scenario NAME):")
	for _, in := range demo.Incidents() {
		names = append(names, in.Name)
		fmt.Fprintf(&help, "\n  %-13s %s", in.Name, in.Help)
	}
	if cmd.Long == "" {
		cmd.Long = cmd.Short
	}
	cmd.Long += help.String()
	_ = cmd.RegisterFlagCompletionFunc("scenario", cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
}

// addTriageFlags adds status's --triage and --scenario.
func (o *statusOptions) addTriageFlags(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&o.triage, "triage", false, "print the root causes, ranked, each with the problems it explains (table and wide)")
	o.addScenarioFlag(cmd)
}

// checkScenario refuses an unknown scenario, or one for a fleet that is not the demo's.
func (o *options) checkScenario(demoFleet bool) error {
	switch {
	case o.scenario == "":
		return nil
	case !demoFleet:
		return usagef("--scenario needs --demo")
	case !demo.IsIncident(o.scenario):
		var names []string
		for _, in := range demo.Incidents() {
			names = append(names, in.Name)
		}
		return usagef("--scenario %q: want %s", o.scenario, strings.Join(names, ", "))
	}
	return nil
}

// startScenario injects the named incident into the demo's fleet before it is watched.
func startScenario(ctx context.Context, b *backend, name string) error {
	if name == "" || b.sim == nil {
		return nil
	}
	_, err := b.sim.Inject(ctx, name)
	return err
}

// Incidents names the incidents the dashboard's :incident can inject; none on a real hub.
func (b *backend) Incidents() []string {
	if b.sim == nil {
		return nil
	}
	var names []string
	for _, in := range demo.Incidents() {
		names = append(names, in.Name)
	}
	return names
}

// Inject starts an incident in the demo (:incident NAME).
func (b *backend) Inject(ctx context.Context, name string) error {
	if b.sim == nil {
		return errors.New("incidents exist only in the demo")
	}
	_, err := b.sim.Inject(ctx, name)
	return err
}

// HealAll ends every incident of the demo (:heal).
func (b *backend) HealAll(ctx context.Context) error {
	if b.sim == nil {
		return errors.New("incidents exist only in the demo")
	}
	_, err := b.sim.HealAll(ctx)
	return err
}

// Incidents implements the dashboard's demo control; it does not wait for the demo to start
// (the dashboard asks while it draws its first frame).
func (s *startingDemo) Incidents() []string {
	var names []string
	for _, in := range demo.Incidents() {
		names = append(names, in.Name)
	}
	return names
}

// Inject implements the dashboard's demo control.
func (s *startingDemo) Inject(ctx context.Context, name string) error {
	return s.backend().Inject(ctx, name)
}

// HealAll implements the dashboard's demo control.
func (s *startingDemo) HealAll(ctx context.Context) error { return s.backend().HealAll(ctx) }
