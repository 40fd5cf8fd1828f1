package main

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/config"
	"github.com/mcgtui/mcgtui/internal/views"
)

// runUI opens the dashboard on the hub or, with demo, on the embedded fleet.
func runUI(ctx context.Context, o options, cfg config.Config, demo bool) error {
	var (
		b     *backend
		extra []func(context.Context)
		err   error
	)
	if demo {
		var sim func(context.Context)
		b, sim = demoBackend(o.readOnly)
		extra = append(extra, sim)
	} else if b, err = connectBackend(o, cfg); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	b.start(ctx, extra...)
	m := views.New(b, views.Options{ReadOnly: o.readOnly, Demo: b.demo, HubContext: b.hubContext})
	_, err = tea.NewProgram(m, tea.WithContext(ctx)).Run()
	cancel()
	b.wait(3 * time.Second)
	if err == tea.ErrInterrupted || ctx.Err() != nil && err != nil {
		return nil
	}
	return err
}
