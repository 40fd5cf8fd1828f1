package views

import (
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages"
)

// externalDiffDoneMsg reports how the external diff tool for app ended; its trees are gone.
type externalDiffDoneMsg struct {
	app model.Ref
	err error
}

// onExternalDiff hands the terminal to the diff program once the trees are written.
func (m *Model) onExternalDiff(msg pages.ExternalDiffMsg) tea.Cmd {
	if msg.Err != nil {
		m.setMessage("could not write the diff of "+msg.App.Name+" for an external tool: "+humanize.OneLine(msg.Err.Error()), true)
		return nil
	}
	return m.execProcess(msg.Cmd, externalDiffFinished(msg.App, msg.Root))
}

// externalDiffFinished is the callback run when the diff program exits: it removes the trees
// and reports the exit. Exit status 1 means "differences found", not a failure.
func externalDiffFinished(app model.Ref, root string) tea.ExecCallback {
	return func(err error) tea.Msg {
		if diff.IsDifferencesExit(err) {
			err = nil
		}
		return externalDiffDoneMsg{app: app, err: errors.Join(err, os.RemoveAll(root))}
	}
}

// onExternalDiffDone says how the external diff ended.
func (m *Model) onExternalDiffDone(msg externalDiffDoneMsg) {
	if msg.err != nil {
		m.setMessage("external diff of "+msg.app.Name+" failed: "+humanize.OneLine(msg.err.Error()), true)
		return
	}
	m.setMessage("external diff of "+msg.app.Name+" closed", false)
}
