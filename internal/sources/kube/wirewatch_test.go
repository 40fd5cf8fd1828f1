package kube

import (
	"context"
	"io"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/watch"
)

// A wire watch reads the API server's event lines: objects projected with their resource
// version, the initial-events-end bookmark, error events, and events it must parse as JSON.
func TestStreamWatchEvents(t *testing.T) {
	stream := strings.Join([]string{
		`{"type":"ADDED","object":{"kind":"Thing","metadata":{"namespace":"ns","name":"a","resourceVersion":"5"}}}`,
		"",
		`{ "object": {"kind":"Thing","metadata":{"namespace":"ns","name":"b","resourceVersion":"6"}}, "type": "MODIFIED" }`,
		`{"type":"DELETED","object":{"kind":"Thing","metadata":{"namespace":"ns","name":"a","resourceVersion":"7"}}}`,
		`{"type":"BOOKMARK","object":{"kind":"Thing","metadata":{"resourceVersion":"8","annotations":{"k8s.io/initial-events-end":"true"}}}}`,
		`{"type":"ERROR","object":{"kind":"Status","status":"Failure","reason":"Expired","code":410,"message":"too old"}}`,
		`{"type":"ADDED","object":{"kind":"Thing","metadata":{"name":"x"` + strings.Repeat(" ", 100<<10) + `}}}`,
	}, "\n") + "\n"
	kind := KindSpec{Decode: func(u *unstructured.Unstructured, cluster string) any { return cluster + "/" + u.GetName() }}
	w := &streamWatch{result: make(chan watch.Event), cancel: func() {}, body: io.NopCloser(strings.NewReader(stream)),
		project: wireProjector(kind, "c1")}
	w.done.Add(1)
	go w.receive(context.Background())
	var got []string
	for ev := range w.ResultChan() {
		switch o := ev.Object.(type) {
		case *wireObject:
			m := o.GetObjectMeta()
			s := string(ev.Type) + " " + m.GetNamespace() + "/" + m.GetName() + "@" + m.GetResourceVersion()
			if o.p != nil {
				s += " " + o.p.Value.(string)
			}
			if m.GetAnnotations()[metav1.InitialEventsAnnotationKey] == "true" {
				s += " end"
			}
			got = append(got, s)
		case *metav1.Status:
			got = append(got, string(ev.Type)+" "+string(o.Reason))
		}
	}
	want := []string{
		"ADDED ns/a@5 c1/a", "MODIFIED ns/b@6 c1/b", "DELETED ns/a@7 c1/a", "BOOKMARK /@8 end",
		"ERROR Expired", "ADDED /x@ c1/x",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A broken stream ends with an error event, which makes the reflector watch again.
func TestStreamWatchBrokenEvent(t *testing.T) {
	w := &streamWatch{result: make(chan watch.Event), cancel: func() {}, body: io.NopCloser(strings.NewReader("{\"type\":\"ADDED\",\"object\":{\n")),
		project: wireProjector(KindSpec{Decode: func(*unstructured.Unstructured, string) any { return nil }}, "c1")}
	w.done.Add(1)
	go w.receive(context.Background())
	var types []watch.EventType
	for ev := range w.ResultChan() {
		types = append(types, ev.Type)
	}
	if len(types) != 1 || types[0] != watch.Error {
		t.Errorf("events %v, want one ERROR", types)
	}
}
