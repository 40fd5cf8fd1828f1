// Package version holds the build's version, set by the release build (.goreleaser.yaml) with
//
//	-ldflags "-X github.com/mcgtui/mcgtui/internal/version.Version=v1.2.3
//	          -X github.com/mcgtui/mcgtui/internal/version.Commit=abc1234
//	          -X github.com/mcgtui/mcgtui/internal/version.Date=2026-11-29T12:00:00Z"
//
// A `go install …@v1.2.3` build is not stamped; Get then reads the module version and, when
// the toolchain recorded them, the commit and its time from the binary's build info.
package version

import (
	"cmp"
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is "dev" for builds that were not stamped.
var Version = "dev"

// Commit is the git commit of a release build.
var Commit = ""

// Date is when a release build was made (RFC 3339).
var Date = ""

// Info describes the running binary.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"buildDate"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

// Get returns the stamped values, filled in from the build info where a value was not stamped.
func Get() Info {
	info := Info{Version: Version, Commit: Commit, Date: Date, GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	if info.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Commit = cmp.Or(info.Commit, s.Value)
		case "vcs.time":
			info.Date = cmp.Or(info.Date, s.Value)
		}
	}
	return info
}

// String is the one line `mcgtui version` prints.
func (i Info) String() string {
	return fmt.Sprintf("mcgtui %s (commit %s, built %s, %s, %s)", i.Version,
		cmp.Or(i.Commit, "unknown"), cmp.Or(i.Date, "unknown"), i.GoVersion, i.Platform)
}
