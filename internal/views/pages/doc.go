// Package pages is the contract between the root model and its pages, and what every page
// shares: the Page interface, the messages a page sends to the root (open a page, fetch,
// notify) and the asynchronous results the root routes back to it by id (ADR 0003), the
// Env (styles, clock, ids, marks), the List (a table fed by row builds in tea.Cmds) and the
// subject the root's action keys act on.
//
// Each screen is a package below this one (fleet, cluster, detail, drift, diffview). A page
// never imports another page: it asks the root to open one with a message, and the root,
// which imports them all, builds it. A new page is a package here implementing Page, an
// Open…Msg in messages.go, and one case in the root's open router.
package pages
