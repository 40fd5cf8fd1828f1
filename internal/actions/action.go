// Package actions describes mutating operations as values: what they do, to which object on
// which cluster, whether they are dangerous, and how to run them. The views show an action's
// fields in a confirmation dialog that defaults to No; read-only mode refuses every action.
// The operations themselves (sync, refresh, force-sync) arrive with a later issue.
package actions

import (
	"context"
	"errors"

	"github.com/mcgtui/mcgtui/internal/model"
)

// ErrReadOnly is returned by Run for every action while mcgtui runs read-only.
var ErrReadOnly = errors.New("refused: mcgtui is running read-only (--readonly)")

// Action is one mutating operation on one object.
type Action struct {
	Title     string    // "Sync application payments-api"
	Target    model.Ref // carries the cluster the request goes to
	Context   string    // kubeconfig context of Target.Cluster
	Dangerous bool      // shown in red and never the default choice
	// Options are shown in the confirmation dialog, in order ("prune=true").
	Options []string
	run     func(ctx context.Context) error
}

// New builds an action around the function that performs it.
func New(title string, target model.Ref, context string, dangerous bool, run func(ctx context.Context) error) Action {
	return Action{Title: title, Target: target, Context: context, Dangerous: dangerous, run: run}
}

// Runner runs actions, refusing all of them in read-only mode.
type Runner struct{ ReadOnly bool }

// Run performs a confirmed action.
func (r Runner) Run(ctx context.Context, a Action) error {
	if r.ReadOnly {
		return ErrReadOnly
	}
	if a.run == nil {
		return errors.New("action has nothing to run")
	}
	return a.run(ctx)
}
