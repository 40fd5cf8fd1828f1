// Package version holds the build's version, set by the release build with
// -ldflags "-X github.com/mcgtui/mcgtui/internal/version.Version=v1.2.3".
package version

// Version is "dev" for builds that were not stamped.
var Version = "dev"

// Commit is the git commit of a release build.
var Commit = ""
