package main

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/demo"
	"github.com/mcgtui/mcgtui/internal/views"
)

// runUI opens the dashboard on the hub or, with demoMode, on the embedded fleet, which is
// generated while the dashboard starts (startingDemo).
func runUI(ctx context.Context, o options, cfg config.Config, demoMode bool) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		source views.Backend
		wait   func(time.Duration)
		vo     = views.Options{ReadOnly: o.readOnly}
	)
	if demoMode {
		d := startDemo(ctx, o.readOnly, o.scenario)
		source, wait = d, d.wait
		vo.Demo, vo.HubContext = true, demo.ContextName(demo.HubName)
	} else {
		b, err := connectBackend(o, cfg)
		if err != nil {
			return err
		}
		b.start(ctx)
		source, wait = b, b.wait
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
