package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"k8s.io/klog/v2"
)

// setupLogging keeps client-go's logs off the terminal, which belongs to the UI: to the
// --log-file when given, else nowhere.
func setupLogging(path string) (func(), error) {
	fs := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(fs)
	_ = fs.Set("logtostderr", "false")
	_ = fs.Set("alsologtostderr", "false")
	_ = fs.Set("stderrthreshold", "FATAL")
	if path == "" {
		klog.SetOutput(io.Discard)
		return func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("--log-file: %w", err)
	}
	klog.SetOutput(f)
	return func() { klog.Flush(); _ = f.Close() }, nil
}

// withLogging runs f with client-go's logs set up for --log-file, and flushed afterwards.
func withLogging(path string, f func() error) error {
	closeLog, err := setupLogging(path)
	if err != nil {
		return usageError{err.Error()}
	}
	defer closeLog()
	return f()
}
