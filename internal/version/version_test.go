package version

import (
	"runtime"
	"strings"
	"testing"
)

func TestStampedValuesWin(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, Date = v, c, d }(Version, Commit, Date)
	Version, Commit, Date = "v1.2.3", "abc1234", "2026-11-29T12:00:00Z"
	got := Get().String()
	want := "mcgtui v1.2.3 (commit abc1234, built 2026-11-29T12:00:00Z, " + runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestUnstampedBuildSaysSo(t *testing.T) {
	if s := Get().String(); !strings.HasPrefix(s, "mcgtui ") || !strings.Contains(s, runtime.Version()) {
		t.Fatalf("%q", s)
	}
}
