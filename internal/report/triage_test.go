package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/mcgtui/mcgtui/internal/causes"
	"github.com/mcgtui/mcgtui/internal/model"
)

func TestWriteTriage(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTriage(&buf, causes.Build(testFleet()), now); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, buf.Bytes())
}

func TestWriteJSONWithCauses(t *testing.T) {
	f := testFleet()
	g := causes.Build(f)
	var buf bytes.Buffer
	if err := WriteWithCauses(&buf, WithCauses(f, Problems(Rows(f)), g), Causes(g, now), FormatJSON); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, buf.Bytes())

	var doc Document
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, c := range doc.Causes {
		ids[c.ID] = true
	}
	explained := 0
	for _, r := range doc.Items {
		for _, id := range r.CausedBy {
			if !ids[id] {
				t.Errorf("row %s/%s is caused by %q, which is not in causes", r.Kind, r.Name, id)
			}
			explained++
		}
	}
	if explained == 0 {
		t.Errorf("no row names its cause")
	}
}

func TestJSONCausesEmptyAndAbsent(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteWithCauses(&buf, nil, Causes(causes.Build(&model.Fleet{}), now), FormatJSON); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"causes": []`) {
		t.Errorf("a fleet without causes has an empty causes list:\n%s", buf.String())
	}
	buf.Reset()
	if err := Write(&buf, nil, FormatJSON); err != nil || strings.Contains(buf.String(), "causes") {
		t.Errorf("without a graph there is no causes field:\n%s", buf.String())
	}
}

func TestTriageCleansObjectText(t *testing.T) {
	f := testFleet()
	c := f.Cluster("cluster1")
	c.Stores[0].Name = "vault\x1b[31m\u202ebackend\u200b"
	c.Stores[0].Health.Reason = "bad\nthing \x07"
	var buf bytes.Buffer
	if err := WriteTriage(&buf, causes.Build(f), now); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07\u202e\u200b") || !strings.Contains(out, "bad thing") {
		t.Errorf("object text reached the output raw:\n%q", out)
	}
	if !slices.Contains(strings.Split(out, "\n"), "") {
		t.Errorf("causes should be separated by blank lines")
	}
}

func TestTableCleansObjectText(t *testing.T) {
	rows := []Row{{Cluster: "c", Kind: "ExternalSecret", Name: "x", Verdict: Verdict(model.VerdictCritical),
		Reason: "Bad\x1b]0;owned\x07Reason\u202e: message"}}
	for _, format := range []string{FormatTable, FormatWide} {
		out := write(t, rows, format)
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("%s: object text reached the output raw: %q", format, out)
		}
	}
}
