package main

import (
	"os"
	"runtime/pprof"
)

// cpuProfileEnv names a file into which mcgtui writes a CPU profile of its whole run, for
// measuring ingest against a real API server (docs/performance.md, make bench-peers). Nothing
// else sets it.
const cpuProfileEnv = "MCGTUI_CPUPROFILE"

// startCPUProfile starts the CPU profile when MCGTUI_CPUPROFILE is set and returns what stops
// it; a file that cannot be created only loses the profile.
func startCPUProfile() func() {
	path := os.Getenv(cpuProfileEnv)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); _ = f.Close() }
}
