package views

import (
	"errors"
	"os"
	"os/exec"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

// externalDiffMsg carries the temporary live/ and target/ trees written for an external diff
// of app and the command that compares them, or why they could not be written.
type externalDiffMsg struct {
	app  model.Ref
	root string    // the temporary folder holding both trees; removed after the tool exits
	cmd  *exec.Cmd // $MCGTUI_DIFF, $KUBECTL_EXTERNAL_DIFF, or diff -u -N
	err  error
}

// externalDiffDoneMsg reports how the external diff tool for app ended; its trees are gone.
type externalDiffDoneMsg struct {
	app model.Ref
	err error
}

// writeDiffTrees returns the Cmd that writes the modified resources of r as two folders, as
// kubectl diff does, and picks the diff program (both touch the file system or environment).
func writeDiffTrees(app model.Ref, r diff.Result) tea.Cmd {
	return func() tea.Msg {
		root, live, target, err := diff.WriteTrees(r)
		if err != nil {
			if root != "" {
				err = errors.Join(err, os.RemoveAll(root))
			}
			return externalDiffMsg{app: app, err: err}
		}
		return externalDiffMsg{app: app, root: root, cmd: diff.ExternalCommand(live, target)}
	}
}

// onExternalDiff hands the terminal to the diff program once the trees are written.
func (m *Model) onExternalDiff(msg externalDiffMsg) tea.Cmd {
	if msg.err != nil {
		m.setMessage("could not write the diff of "+msg.app.Name+" for an external tool: "+humanize.OneLine(msg.err.Error()), true)
		return nil
	}
	return m.execProcess(msg.cmd, externalDiffFinished(msg.app, msg.root))
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
