package main

import (
	"context"
	"io"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/views"
)

// dashboardOptions are the root command's: the dashboard on a real hub.
type dashboardOptions struct {
	options
	out        io.Writer
	isTerminal func() bool // stdin and stdout are terminals; replaced in tests
}

func newDashboardOptions(stdout io.Writer) *dashboardOptions {
	return &dashboardOptions{out: stdout, isTerminal: func() bool { return terminals(os.Stdin, stdout) }}
}

// addFlags binds the dashboard's flags: the common ones and the connection ones.
func (o *dashboardOptions) addFlags(fs *pflag.FlagSet) {
	o.addCommonFlags(fs)
	o.addConnectionFlags(fs)
}

// Complete loads the config and resolves the connection flags.
func (o *dashboardOptions) Complete(cmd *cobra.Command) error {
	if err := o.completeCommon(cmd); err != nil {
		return err
	}
	o.completeConnection(cmd)
	return nil
}

// Validate rejects bad flag values and a missing terminal.
func (o *dashboardOptions) Validate() error {
	if err := o.validateConnection(); err != nil {
		return err
	}
	return needTerminal(o.isTerminal)
}

// Run opens the dashboard on the hub until the user quits.
func (o *dashboardOptions) Run(ctx context.Context) error {
	return withLogging(o.logFile, func() error { return runUI(ctx, o.options, false) })
}

// demoOptions are `mcgtui demo`'s: no connection flags, since nothing is connected to.
type demoOptions struct {
	options
	isTerminal func() bool
}

func newDemoCmd(stdout io.Writer) *cobra.Command {
	o := &demoOptions{isTerminal: func() bool { return terminals(os.Stdin, stdout) }}
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Open the dashboard on an embedded, simulated fleet (no cluster needed)",
		Args:  unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Complete(cmd); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return o.Run(cmd.Context())
		},
	}
	o.addCommonFlags(cmd.Flags())
	o.addScenarioFlag(cmd)
	return cmd
}

// Complete loads the config.
func (o *demoOptions) Complete(cmd *cobra.Command) error { return o.completeCommon(cmd) }

// Validate checks that there is a terminal to draw on.
func (o *demoOptions) Validate() error {
	if err := o.checkScenario(true); err != nil {
		return err
	}
	return needTerminal(o.isTerminal)
}

// Run opens the dashboard on the embedded fleet until the user quits.
func (o *demoOptions) Run(ctx context.Context) error {
	return withLogging(o.logFile, func() error { return runUI(ctx, o.options, true) })
}

// terminals reports whether stdin and stdout are both terminals.
func terminals(stdin *os.File, stdout io.Writer) bool {
	f, ok := stdout.(*os.File)
	return ok && term.IsTerminal(int(stdin.Fd())) && term.IsTerminal(int(f.Fd()))
}

// needTerminal is the dashboard's check that it can draw: without a terminal (a pipe, a cron
// job, CI) it would hang or print escape codes, so it says where the same answers are.
func needTerminal(isTerminal func() bool) error {
	if isTerminal() {
		return nil
	}
	return usagef("the dashboard needs a terminal on stdin and stdout; for scripts use 'mcgtui status'")
}

// runUI opens the dashboard on the hub or, with demoMode, on the embedded fleet, which is
// generated while the dashboard starts (startingDemo).
func runUI(ctx context.Context, o options, demoMode bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		source views.Backend
		wait   func(time.Duration)
		vo     = views.Options{ReadOnly: o.readOnly, Theme: o.cfg.Theme, Keymap: o.cfg.Keymap}
	)
	if demoMode {
		d := startDemo(ctx, o.readOnly, o.scenario)
		source, wait = d, d.wait
		vo.Demo, vo.HubContext = true, demo.ContextName(demo.HubName)
	} else {
		b, err := connectBackend(o, o.cfg)
		if err != nil {
			return err
		}
		hub := newHubSession(ctx, o, b) // :ctx moves it to another context (hub.go)
		source, wait = hub, hub.wait
		vo.HubContext = b.hubContext
	}
	_, err := tea.NewProgram(traceStartup(views.New(source, vo)), tea.WithContext(ctx)).Run()
	cancel()
	wait(3 * time.Second)
	if err == tea.ErrInterrupted || ctx.Err() != nil && err != nil {
		return nil
	}
	return err
}
