package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/report"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
)

// problemsFound is status's "something is Warning or Critical": exit 1, nothing on stderr.
type problemsFound struct{}

func (problemsFound) Error() string { return "problems found" }
func (problemsFound) ExitCode() int { return 1 }

// statusOptions are `mcgtui status`'s.
type statusOptions struct {
	options
	output   string
	timeout  time.Duration
	demo     bool
	problems bool
	triage   bool // see triage.go
	out, err io.Writer
}

func newStatusCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &statusOptions{output: "table", timeout: 30 * time.Second, out: stdout, err: stderr}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Print every verdict without a UI; exit 0 all fine, 1 problems, 2 errors",
		Long: `Print every verdict without a UI, for scripts: exit 0 when everything is fine, 1 when
something is Warning or Critical, 2 on a usage, config or connection error (one line on stderr).`,
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Complete(cmd); err != nil {
				return err
			}
			if err := o.Validate(cmd); err != nil {
				return err
			}
			return withLogging(o.logFile, func() error { return o.Run(cmd.Context()) })
		},
	}
	fs := cmd.Flags()
	o.addCommonFlags(fs)
	o.addConnectionFlags(fs)
	fs.VarP(oneOf{&o.output, []string{"table", "wide", "json"}}, "output", "o", "output format: table, wide or json")
	fs.Var(positiveDuration{&o.timeout}, "timeout", "how long to wait for every source to be ready or failed, e.g. 30s")
	fs.BoolVar(&o.demo, "demo", false, "report on the embedded demo fleet instead of a cluster (no connection flags)")
	fs.BoolVar(&o.problems, "problems", false, "list only objects that are Warning or Critical")
	o.addTriageFlags(cmd)
	o.registerCompletions(cmd)
	return cmd
}

// Complete loads the config and resolves the connection flags.
func (o *statusOptions) Complete(cmd *cobra.Command) error {
	if err := o.completeCommon(cmd); err != nil {
		return err
	}
	o.completeConnection(cmd)
	return nil
}

// Validate rejects bad values, and connection flags with --demo, which would ignore them.
func (o *statusOptions) Validate(cmd *cobra.Command) error {
	if err := o.checkScenario(o.demo); err != nil {
		return err
	}
	if o.demo {
		if set := changedFlags(cmd, connectionFlagNames()); len(set) > 0 {
			return usagef("--demo reports on the embedded fleet and takes no connection flags: %s", strings.Join(set, ", "))
		}
		return nil
	}
	return o.validateConnection()
}

// Run waits until every source is Ready or failed (or the timeout), then prints the verdicts.
// A hub that cannot be reached or listed is an error (exit 2), not a verdict.
func (o *statusOptions) Run(ctx context.Context) error {
	var (
		b   *backend
		err error
	)
	if o.demo {
		b, _ = demoBackend(true) // no simulator: status reports one moment
		if err := startScenario(ctx, b, o.scenario); err != nil {
			return err
		}
	} else if b, err = connectBackend(o.options, o.cfg); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); b.wait(3 * time.Second) }()
	b.start(ctx)

	f, settled := waitSettled(ctx, b, o.timeout)
	if err := hubError(f); err != nil {
		return err
	}
	if f == nil || !hubSettled(f) {
		// The fleet itself was never listed: nothing below would be a verdict. Ask the hub
		// once more, briefly, for the words of the failure (refused, TLS, no answer …).
		return fmt.Errorf("hub context %q did not answer within %s: %s", b.hubContext, o.timeout, b.probe(ctx))
	}
	if !settled {
		fmt.Fprintf(o.err, "mcgtui: timed out after %s; still syncing: %s\n", o.timeout, stillSyncing(f))
	}
	rows := report.Rows(f)
	if o.problems {
		rows = report.Problems(rows)
	}
	if err := writeReport(o.out, f, rows, o.output, o.triage); err != nil {
		return err
	}
	if report.ExitCode(report.Rows(f)) != 0 {
		return problemsFound{}
	}
	return nil
}

// waitSettled polls the manager's latest fleet (a local read, not an API call) until every
// source has settled, the timeout passes, or ctx ends.
func waitSettled(ctx context.Context, b *backend, timeout time.Duration) (*model.Fleet, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if f := b.Latest(); fleet.Settled(f) {
			return f, true
		}
		select {
		case <-ctx.Done():
			return b.Latest(), false
		case <-deadline.C:
			return b.Latest(), false
		case <-tick.C:
		}
	}
}

// hubSettled reports whether the hub's fleet source (the ManagedCluster list, or discovery
// finding there is none) has finished its first attempt.
func hubSettled(f *model.Fleet) bool {
	hub := f.Cluster(f.HubName)
	return hub != nil && hub.Sources[model.ProductACM].State.Settled()
}

// hubError reports a hub whose fleet could not be read at all.
func hubError(f *model.Fleet) error {
	if f == nil {
		return nil
	}
	hub := f.Cluster(f.HubName)
	if hub == nil {
		return nil
	}
	acm := hub.Sources[model.ProductACM]
	switch acm.State {
	case model.StateUnreachable, model.StateForbidden:
		return fmt.Errorf("cannot read the fleet from hub context %q: %s: %s", f.HubContext, acm.State, acm.Reason)
	}
	return nil
}
