package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/report"
	"github.com/mcgtui/mcgtui/internal/sources/fleet"
)

// problemsFound is status's "something is Warning or Critical": exit 1, nothing on stderr.
type problemsFound struct{}

func (problemsFound) Error() string { return "problems found" }
func (problemsFound) ExitCode() int { return 1 }

// runStatus waits until every source is Ready or failed (or the timeout), then prints the
// verdicts. A hub that cannot be reached or listed is an error (exit 2), not a verdict.
func runStatus(ctx context.Context, o options, cfg config.Config, stdout, stderr io.Writer) error {
	switch o.output {
	case "table", "wide", "json":
	default:
		return usagef("-o %q: want table, wide or json", o.output)
	}
	var (
		b     *backend
		extra []func(context.Context)
		err   error
	)
	if o.demo {
		b, _ = demoBackend(true) // no simulator: status reports one moment
		if err := startScenario(ctx, b, o.scenario); err != nil {
			return err
		}
	} else if b, err = connectBackend(o, cfg); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer func() { cancel(); b.wait(3 * time.Second) }()
	b.start(ctx, extra...)

	f, settled := waitSettled(ctx, b, o.timeout)
	if f == nil {
		return fmt.Errorf("no data from context %q within %s", b.hubContext, o.timeout)
	}
	if err := hubError(f); err != nil {
		return err
	}
	if !settled {
		fmt.Fprintf(stderr, "mcgtui: timed out after %s; still syncing: %s\n", o.timeout, stillSyncing(f))
	}
	rows := report.Rows(f)
	if o.problems {
		rows = report.Problems(rows)
	}
	if err := writeReport(stdout, f, rows, o.output, o.triage); err != nil {
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

// hubError reports a hub whose fleet could not be read at all.
func hubError(f *model.Fleet) error {
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
