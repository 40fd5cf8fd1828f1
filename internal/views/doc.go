// Package views is mcgtui's terminal UI: a k9s-like dashboard over the fleet snapshots that
// the sources publish. This package is the root: the tea.Model with the page stack, the
// routing of asynchronous results to the page that asked (by id; each page checks its
// generations, ADR 0003), the marks, the action flow (permission check → confirmation dialog
// → execute), the global keys and the chrome around the page (header, status and message
// lines, prompt, help). It does the I/O the pages ask for with messages, in tea.Cmds.
//
// Below it (docs/adr/0005-views-packages.md): pages (the contract) and one package per
// screen under pages/, confirm (the action dialog), components (widgets that know nothing
// of mcgtui's objects) and rows (snapshots → rows, pure). Arrows run one way: root → pages →
// components/rows → model; a page never imports a page. Nothing here imports client-go.
//
// Work that grows with the fleet (building, filtering and sorting rows) runs in tea.Cmds; the
// results come back as messages stamped with generations, and stale ones are dropped. Update
// and View only touch what is on screen.
package views
