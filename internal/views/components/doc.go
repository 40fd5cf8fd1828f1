// Package components holds mcgtui's reusable terminal widgets: the table (visible-row
// rendering, column priorities, sort marker), the scroll pane, the ":"/"/" prompt, the help
// overlay, the status bar (with its spinner), and the styles and text helpers they share.
// A component knows nothing of mcgtui's objects (it never imports internal/model,
// internal/health or internal/actions): its owner hands it cells, lines and key maps. Each
// has SetSize and View, a key map where it takes keys, and an Update (or HandleKey) that
// reports what happened instead of reaching into its owner.
package components
