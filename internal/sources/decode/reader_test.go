package decode

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/mcgtui/mcgtui/internal/model"
)

func mustJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestScalars(t *testing.T) {
	obj := mustJSON(t, `{
		"s": "x", "n": 3, "f": 2.5, "big": 1e30, "b": true, "null": null,
		"t": "2026-08-20T10:21:37Z", "tfrac": "2026-08-20T10:21:37.5Z", "tbad": "yesterday",
		"d": "15m", "dzero": "0", "dbad": "soon",
		"nested": {"s": "y"}, "str": "not-an-object"
	}`)
	r := New(obj)
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"Str", r.Str("s"), "x"},
		{"Str absent", r.Str("missing"), ""},
		{"Str null", r.Str("null"), ""},
		{"Str nested", r.Str("nested", "s"), "y"},
		{"Str wrong type", r.Str("n"), ""},
		{"Int", r.Int("n"), int64(3)},
		{"Int fraction", r.Int("f"), int64(0)},
		{"Int too big", r.Int("big"), int64(0)},
		{"Bool", r.Bool("b"), true},
		{"Bool wrong type", r.Bool("s"), false},
		{"Time", r.Time("t"), time.Date(2026, 8, 20, 10, 21, 37, 0, time.UTC)},
		{"Time fraction", r.Time("tfrac"), time.Date(2026, 8, 20, 10, 21, 37, 5e8, time.UTC)},
		{"Time bad", r.Time("tbad"), time.Time{}},
		{"Through non-object", r.Str("str", "deeper"), ""},
		{"Has", r.Has("nested", "s"), true},
		{"Has null", r.Has("null"), false},
	}
	for _, c := range checks {
		got, want := c.got, c.want
		if tm, ok := got.(time.Time); ok {
			if !tm.Equal(want.(time.Time)) {
				t.Errorf("%s: got %v, want %v", c.name, got, want)
			}
			continue
		}
		if got != want {
			t.Errorf("%s: got %#v, want %#v", c.name, got, want)
		}
	}
	for _, c := range []struct {
		path []string
		want time.Duration
		raw  string
	}{
		{[]string{"d"}, 15 * time.Minute, "15m"},
		{[]string{"dzero"}, 0, "0"},
		{[]string{"dbad"}, 0, "soon"},
		{[]string{"missing"}, 0, ""},
	} {
		if d, raw := r.Duration(c.path...); d != c.want || raw != c.raw {
			t.Errorf("Duration(%v) = %v, %q; want %v, %q", c.path, d, raw, c.want, c.raw)
		}
	}
	want := []string{
		"n: want string, got float64",
		"f: want integer, got 2.5",
		"big: want integer, got 1e+30",
		"s: want bool, got string",
		`tbad: bad timestamp "yesterday"`,
		"str: want object, got string",
		`dbad: bad duration "soon"`,
	}
	if got := r.Issues(); !reflect.DeepEqual(got, want) {
		t.Errorf("issues:\n got %q\nwant %q", got, want)
	}
}

func TestNestedPaths(t *testing.T) {
	obj := mustJSON(t, `{"status": {
		"resources": [{"kind": "Service"}, "oops", {"kind": 7}],
		"opts": ["a", 1, "b"],
		"conditions": "x",
		"labels": {"a": "1", "b": 2}
	}}`)
	r := New(obj)
	st := r.Map("status")
	var kinds []string
	st.Each([]string{"resources"}, func(e *Reader) { kinds = append(kinds, e.Str("kind")) })
	if !reflect.DeepEqual(kinds, []string{"Service", ""}) {
		t.Errorf("kinds = %q", kinds)
	}
	if got := st.StrSlice("opts"); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("StrSlice = %q", got)
	}
	if got := st.Conditions("conditions"); got != nil {
		t.Errorf("Conditions = %v", got)
	}
	if got := st.StrMap("labels"); !reflect.DeepEqual(got, map[string]string{"a": "1"}) {
		t.Errorf("StrMap = %v", got)
	}
	r.Map("status", "resources") // a list, not an object
	want := []string{
		"status.resources[1]: want object, got string",
		"status.resources[2].kind: want string, got float64",
		"status.opts[1]: want string, got float64",
		"status.conditions: want list, got string",
		"status.labels.b: want string, got float64",
		"status.resources: want object, got list",
	}
	if got := r.Issues(); !reflect.DeepEqual(got, want) {
		t.Errorf("issues:\n got %q\nwant %q", got, want)
	}
}

func TestIssuesDedupedAndCapped(t *testing.T) {
	r := New(mustJSON(t, `{"sync": "x", "list": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}`))
	r.Str("sync", "status")
	r.Str("sync", "revision")
	if got := r.Issues(); len(got) != 1 {
		t.Fatalf("want one issue for the bad intermediate field, got %q", got)
	}
	r.Each([]string{"list"}, func(*Reader) {})
	got := r.Issues()
	if len(got) != maxIssues+1 || got[maxIssues] != moreIssues {
		t.Errorf("want %d issues ending in %q, got %d: %q", maxIssues+1, moreIssues, len(got), got)
	}
}

func TestQuantity(t *testing.T) {
	cases := []struct {
		in    any
		want  int64
		issue bool
	}{
		{"100Gi", 100 << 30, false},
		{"14612Mi", 14612 << 20, false},
		{"0", 0, false},
		{"1.5Ki", 1536, false},
		{"1E", 1e18, false},
		{"1e3", 1000, false},
		{"0.5", 1, false}, // rounded up, as resource.Quantity.Value does
		{int64(1024), 1024, false},
		{float64(2048), 2048, false},
		{"lots", 0, true},
		{"1e-999999999", 0, true}, // ParseQuantity would spin on this
		{"1e99999999999999999999", 0, true},
		{"9999999999999999999999Ei", 0, true},
		{true, 0, true},
	}
	for _, c := range cases {
		r := New(map[string]any{"q": c.in})
		start := time.Now()
		got := r.Quantity("q")
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("Quantity(%v) took %v", c.in, elapsed)
		}
		if got != c.want || (len(r.Issues()) > 0) != c.issue {
			t.Errorf("Quantity(%v) = %d, issues %q; want %d, issue %v", c.in, got, r.Issues(), c.want, c.issue)
		}
	}
}

func TestMetaAndConditions(t *testing.T) {
	u := &unstructured.Unstructured{Object: mustJSON(t, `{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
		"metadata": {"name": "a", "namespace": "argocd", "uid": "u-1", "resourceVersion": "42",
			"creationTimestamp": "2026-01-02T03:04:05Z", "labels": {"x": "y"}},
		"status": {"conditions": [
			{"type": "Ready", "status": "True", "reason": "R", "message": "m", "lastTransitionTime": "2026-01-02T03:04:05Z"},
			{"type": "Other", "lastTransitionTime": 5}
		]}
	}`)}
	r := Of(u)
	got := r.Meta("hub", "applications")
	want := model.Meta{
		Ref: model.Ref{Cluster: "hub", APIVersion: "argoproj.io/v1alpha1", Resource: "applications",
			Kind: "Application", Namespace: "argocd", Name: "a"},
		UID: "u-1", ResourceVersion: "42", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Meta:\n got %+v\nwant %+v", got, want)
	}
	conds := r.Conditions("status", "conditions")
	wantConds := []model.Condition{
		{Type: "Ready", Status: "True", Reason: "R", Message: "m", LastTransition: want.Created},
		{Type: "Other"},
	}
	if !reflect.DeepEqual(conds, wantConds) {
		t.Errorf("Conditions:\n got %+v\nwant %+v", conds, wantConds)
	}
	wantIssues := []string{"status.conditions[1].lastTransitionTime: want string, got float64"}
	if !reflect.DeepEqual(r.Issues(), wantIssues) {
		t.Errorf("issues = %q", r.Issues())
	}
	if m := MetaOf(nil, "c", "x"); m.Name != "" || m.DecodeIssues != nil {
		t.Errorf("MetaOf(nil) = %+v", m)
	}
}

func TestZeroAndNilReaders(t *testing.T) {
	var zero Reader
	zero.Str("a", "b")
	zero.Map("a").Str("b")
	zero.Addf([]string{"x"}, "recorded")
	if got := zero.Issues(); len(got) != 1 {
		t.Errorf("zero Reader issues = %q", got)
	}
	var nilReader *Reader
	nilReader.Addf(nil, "ignored")
	if nilReader.Str("a") != "" || nilReader.Map("a").Str("b") != "" || nilReader.Issues() != nil {
		t.Error("nil Reader must read as empty")
	}
}
