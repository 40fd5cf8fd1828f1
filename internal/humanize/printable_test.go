package humanize

import "testing"

func TestPrintable(t *testing.T) {
	tests := map[string]string{
		"vault-backend":                       "vault-backend",
		"a\x1b[31mb\nc":                       "a [31mb c",
		"evil\u202etxt.exe":                   "eviltxt.exe",
		"zero\u200bwidth\ufeff joiner\u2066x": "zerowidth joinerx",
		"  spaced   out  ":                    "spaced out",
	}
	for in, want := range tests {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
