package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/mcgtui/mcgtui/internal/humanize"
	"github.com/mcgtui/mcgtui/internal/model"
)

func write(t *testing.T, rows []Row, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rows, format); err != nil {
		t.Fatalf("Write(%q): %v", format, err)
	}
	return buf.String()
}

func TestWriteTable(t *testing.T) {
	golden.RequireEqual(t, []byte(write(t, Rows(testFleet()), "table")))
}

func TestWriteDefaultIsTable(t *testing.T) {
	rows := Rows(testFleet())
	if got, want := write(t, rows, ""), write(t, rows, FormatTable); got != want {
		t.Errorf("format \"\" differs from table:\n%s", got)
	}
}

func TestWriteWide(t *testing.T) { golden.RequireEqual(t, []byte(write(t, Rows(testFleet()), "wide"))) }

func TestWriteProblems(t *testing.T) {
	golden.RequireEqual(t, []byte(write(t, Problems(Rows(testFleet())), "table")))
}

func TestWriteJSON(t *testing.T) { golden.RequireEqual(t, []byte(write(t, Rows(testFleet()), "json"))) }

func TestJSONRoundTrip(t *testing.T) {
	rows := Rows(testFleet())
	out := write(t, rows, FormatJSON)
	if !strings.HasSuffix(out, "}\n") {
		t.Errorf("JSON output should end with a newline")
	}
	var doc Document
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("parse JSON: %v", err)
	}
	if !reflect.DeepEqual(doc.Items, rows) {
		t.Errorf("rows do not round-trip:\n got %+v\nwant %+v", doc.Items, rows)
	}
	want := Document{SchemaVersion: 1, Clusters: 3, ExitCode: 1, Verdicts: VerdictCounts{OK: 13, Warning: 2, Critical: 7}}
	doc.Items = nil
	if !reflect.DeepEqual(doc, want) {
		t.Errorf("document totals: got %+v, want %+v", doc, want)
	}
}

func TestJSONEmpty(t *testing.T) {
	out := write(t, nil, FormatJSON)
	if !strings.Contains(out, `"items": []`) {
		t.Errorf("an empty report must have an empty items list, got:\n%s", out)
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Rows(testFleet()), "yaml"); err == nil || buf.Len() != 0 {
		t.Errorf("Write(yaml) = %v and %d bytes, want an error and no output", err, buf.Len())
	}
	for _, f := range []string{"", "table", "wide", "json"} {
		if err := CheckFormat(f); err != nil {
			t.Errorf("CheckFormat(%q) = %v", f, err)
		}
	}
}

func TestRowsOrder(t *testing.T) {
	var got []string
	for _, r := range Rows(testFleet()) {
		got = append(got, r.Cluster+" "+r.Kind+" "+r.Namespace+"/"+r.Name)
	}
	want := []string{
		"hub Cluster /hub",
		"hub Source /portworx",
		"hub Application argocd/guestbook-cluster2",
		"hub Application argocd/velero-test",
		"hub Application openshift-gitops/cluster-config",
		"hub ApplicationSet argocd/guestbook",
		"cluster1 ManagedCluster /cluster1",
		"cluster1 Source /argocd",
		"cluster1 ClusterSecretStore /vault-backend",
		"cluster1 ExternalSecret payments/database-credentials",
		"cluster1 ExternalSecret payments/legacy-api-token",
		"cluster1 ExternalSecret payments/stripe-api-key",
		"cluster1 PersistentVolumeClaim payments/db-data",
		"cluster1 PersistentVolumeClaim payments/ledger-data",
		"cluster1 SecretStore payments/aws-secretsmanager",
		"cluster1 StorageCluster portworx/px-cluster-6f3c9b1e",
		"cluster1 StorageNode portworx/worker-1",
		"cluster1 StorageNode portworx/worker-2",
		"cluster2 ManagedCluster /cluster2",
		"cluster2 Source /argocd",
		"cluster2 Source /eso",
		"cluster2 Source /portworx",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("row order:\n got %q\nwant %q", got, want)
	}
	if Rows(nil) != nil {
		t.Errorf("Rows(nil) should be nil")
	}
}

func TestSourceVerdicts(t *testing.T) {
	c := &model.ClusterSnapshot{Name: "c"}
	states := []model.SourceState{model.StateUnreachable, model.StateStale, model.StateSyncing, model.StateNotInstalled}
	for i, s := range states {
		c.Sources[i].State = s
	}
	want := []model.Verdict{model.VerdictCritical, model.VerdictWarning, model.VerdictWarning, model.VerdictOK}
	rows := sourceRows(c)
	if len(rows) != len(want) {
		t.Fatalf("got %d source rows, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		if model.Verdict(r.Verdict) != want[i] || r.Reason == "" || r.SourceState != states[i].String() {
			t.Errorf("source %s: got %v %q %q, want %v with a reason", r.Name, r.Verdict, r.Reason, r.SourceState, want[i])
		}
	}
	if v, _ := sourceVerdict(model.StateNoAccess); v != model.VerdictOK {
		t.Errorf("NoAccess should be OK, got %v", v)
	}
}

func TestExitCode(t *testing.T) {
	row := func(v model.Verdict) Row { return Row{Verdict: Verdict(v)} }
	tests := []struct {
		rows []Row
		want int
	}{
		{nil, 0},
		{[]Row{row(model.VerdictOK), row(model.VerdictUnknown)}, 0},
		{[]Row{row(model.VerdictOK), row(model.VerdictWarning)}, 1},
		{[]Row{row(model.VerdictCritical)}, 1},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.rows); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.rows, got, tt.want)
		}
	}
	if got := ExitCode(Problems(Rows(testFleet()))); got != 1 {
		t.Errorf("the test fleet has problems, ExitCode = %d", got)
	}
}

func TestTableCutsLongReasons(t *testing.T) {
	rows := []Row{{Cluster: "c", Kind: "Source", Name: "eso", Verdict: Verdict(model.VerdictWarning), Reason: longReason + "\nsecond line"}}
	table := write(t, rows, FormatTable)
	if !strings.Contains(table, "…") || strings.Contains(table, "second line") || strings.Count(table, "\n") != 2 {
		t.Errorf("table should cut the reason to one line:\n%s", table)
	}
	wide := write(t, rows, FormatWide)
	if !strings.Contains(wide, "reason second line") {
		t.Errorf("wide should keep the whole reason on one line:\n%s", wide)
	}
}

func TestVerdictText(t *testing.T) {
	var v Verdict
	if err := v.UnmarshalText([]byte("Critical")); err != nil || model.Verdict(v) != model.VerdictCritical {
		t.Errorf("UnmarshalText(Critical) = %v, %v", v, err)
	}
	if err := v.UnmarshalText([]byte("Fine")); err == nil {
		t.Errorf("UnmarshalText(Fine) should fail")
	}
}

// TestStoreKeepsKindPerReference: a PushSecret naming a ClusterSecretStore and a SecretStore
// keeps each name with its own kind in the store field.
func TestStoreKeepsKindPerReference(t *testing.T) {
	c := &model.ClusterSnapshot{Name: "c"}
	e := &model.ExternalSecret{Stores: []model.StoreRef{{Kind: "ClusterSecretStore", Name: "vault"}, {Kind: "SecretStore", Name: "aws"}}}
	if got := secretRow(c, e).Store; got != "ClusterSecretStore/vault,SecretStore/aws" {
		t.Fatalf("store %q", got)
	}
}

// TestSyncingClusterIsNeverOK: a cluster whose sources never finished listing is not OK, even
// though none of its (absent) objects is a problem.
func TestSyncingClusterIsNeverOK(t *testing.T) {
	c := &model.ClusterSnapshot{Name: "east"}
	if r := clusterRow(c); r.Verdict == Verdict(model.VerdictOK) {
		t.Fatalf("cluster with every source Syncing is %v %q", r.Verdict, r.Reason)
	}
}

// TestTableHidesInvisibleCharactersAndAlignsCells: names with bidi controls and zero-width
// characters reach the table made visible, and a CJK name (two cells a character) does not
// shift the columns after it.
func TestTableHidesInvisibleCharactersAndAlignsCells(t *testing.T) {
	rows := []Row{
		{Cluster: "east", Kind: "Application", Namespace: "argocd", Name: "pay\u202Estnemyap", Verdict: Verdict(model.VerdictOK), Reason: "fine\u200B"},
		{Cluster: "east", Kind: "Application", Namespace: "argocd", Name: "支払い", Verdict: Verdict(model.VerdictOK)},
		{Cluster: "east", Kind: "Application", Namespace: "argocd", Name: "a\uFEFFb\u2066c", Verdict: Verdict(model.VerdictOK)},
	}
	for _, format := range []string{"table", "wide"} {
		out := write(t, rows, format)
		for _, r := range []string{"\u202E", "\u200B", "\uFEFF", "\u2066"} {
			if strings.Contains(out, r) {
				t.Errorf("%s output contains %U:\n%s", format, []rune(r)[0], out)
			}
		}
		verdictAt := -1
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			i := strings.Index(line, "VERDICT")
			if i < 0 {
				i = strings.Index(line, "OK")
			}
			at := humanize.Width(line[:i])
			if verdictAt >= 0 && at != verdictAt {
				t.Errorf("%s: VERDICT column at cell %d, want %d:\n%s", format, at, verdictAt, out)
			}
			verdictAt = at
		}
	}
}
