package diffview

import (
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/mcgtui/mcgtui/internal/diff"
	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/pages"
)

// writeDiffTrees returns the Cmd that writes the modified resources of r as two folders, as
// kubectl diff does, and picks the diff program (both touch the file system or environment);
// the root runs the program.
func writeDiffTrees(app model.Ref, r diff.Result) tea.Cmd {
	return func() tea.Msg {
		root, live, target, err := diff.WriteTrees(r)
		if err != nil {
			if root != "" {
				err = errors.Join(err, os.RemoveAll(root))
			}
			return pages.ExternalDiffMsg{App: app, Err: err}
		}
		return pages.ExternalDiffMsg{App: app, Root: root, Cmd: diff.ExternalCommand(live, target)}
	}
}
