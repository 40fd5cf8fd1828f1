// Package rows turns fleet snapshots into table rows: the row builders per kind, the
// columns of each kind of list, the row cache that makes a rebuild cost only what changed
// (docs/performance.md, ADR 0003), and the formatting of cells and detail tables. It is pure:
// no bubbletea, no I/O, no styles; the pages run its builds in tea.Cmds.
//
// A new column is a Column in objectColumns (or fleetColumns) for its kind plus a cell in
// that kind's row builder (builders.go), in the same position; a new kind is a Kind, its
// columns, its builder, and a ":" command in the root.
package rows
