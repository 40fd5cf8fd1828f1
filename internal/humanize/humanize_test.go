package humanize

import (
	"testing"
	"time"
)

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0B", 512: "512B", 1536: "1.5Ki", 10 << 30: "10Gi", 300 << 30: "300Gi", 3 << 40: "3Ti"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDurationAndAge(t *testing.T) {
	for d, want := range map[time.Duration]string{-time.Second: "0s", 45 * time.Second: "45s", 14 * time.Minute: "14m",
		2*time.Hour + 13*time.Minute: "2h13m", 3 * time.Hour: "3h", 76 * time.Hour: "3d4h", 48 * time.Hour: "2d"} {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	for ago, want := range map[time.Duration]string{5 * time.Second: "5s", 5 * time.Minute: "5m", 30 * time.Hour: "30h", 72 * time.Hour: "3d", -time.Minute: "0s"} {
		if got := Age(now, now.Add(-ago)); got != want {
			t.Errorf("Age(-%v) = %q, want %q", ago, got, want)
		}
	}
	if Age(now, time.Time{}) != "-" {
		t.Error("zero time must render as -")
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                          "plain",
		"  padded  ":                     "padded",
		"two\nlines\tand  spaces":        "two lines and spaces",
		"escape \x1b[31mred\x1b[0m done": "escape [31mred [0m done",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSanitizeKeepsIndentation(t *testing.T) {
	if got := Sanitize("    key: a\tb\x1b"); got != "    key: a b " {
		t.Errorf("Sanitize = %q", got)
	}
}
