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

// TestInvisibleAndReorderingCharacters: bidi controls and zero-width characters from objects
// are made visible, never passed to the terminal, in one-line text and in text shown as-is.
func TestInvisibleAndReorderingCharacters(t *testing.T) {
	invisible := []rune{0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
		0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C, 0x00AD}
	for _, r := range invisible {
		in := "pay" + string(r) + "ments"
		if got := OneLine(in); got != "pay\uFFFDments" {
			t.Errorf("OneLine(%q) = %q", in, got)
		}
		if got := Sanitize("  " + in); got != "  pay\uFFFDments" {
			t.Errorf("Sanitize(%q) = %q", in, got)
		}
	}
	if got := OneLine("a\u2028b\u2029c"); got != "a b c" {
		t.Errorf("line separators: %q", got)
	}
	for _, s := range []string{"plain", "日本語", "emoji 🚀", "é"} {
		if OneLine(s) != s || Sanitize(s) != s {
			t.Errorf("%q changed", s)
		}
	}
}

func TestWidthAndTruncateCountCells(t *testing.T) {
	if w := Width("日本語"); w != 6 {
		t.Errorf("Width(日本語) = %d, want 6", w)
	}
	if w := Width(OneLine("a\u200Bb")); w != 3 {
		t.Errorf("a zero-width space made visible takes a cell: width %d", w)
	}
	if got := Truncate("日本語テキスト", 7); got != "日本語…" || Width(got) > 7 {
		t.Errorf("Truncate = %q (width %d)", got, Width(got))
	}
	if got := Truncate("short", 10); got != "short" {
		t.Errorf("Truncate = %q", got)
	}
}
