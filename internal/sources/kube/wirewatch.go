package kube

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"

	"github.com/mcgtui/mcgtui/internal/sources/decode"
)

// The wire watch: a watch whose events are read straight from the API server's JSON stream
// and projected as they arrive, instead of through client-go's stream decoder. That decoder
// parses every event several times over (framing, the event envelope, the object's kind, the
// object) into an unstructured map that the projection then reads once and drops; with 20,000
// Argo CD Applications that was most of the CPU of a full sync (docs/performance.md). Here an
// event is one line of JSON (the API server writes each event compact, followed by a
// newline), the envelope is split off without parsing the object, and the object is decoded
// once: by the kind's wire decoder where it has one, else into a map for its map decoder.

// maxEventBytes bounds one watch event; etcd refuses objects over 1.5 MiB, so a longer line
// is a broken stream, not an object.
const maxEventBytes = 16 << 20

// wireObject is what a wire watch hands the reflector: the projection, plus the resource
// version and initial-events-end mark the reflector reads from every event. The store keeps
// only the projection (projectWith unwraps it).
type wireObject struct {
	p          *Projected
	rv         string
	initialEnd bool
}

var _ runtime.Object = (*wireObject)(nil)

func (w *wireObject) GetObjectKind() schema.ObjectKind { return schema.EmptyObjectKind }

func (w *wireObject) DeepCopyObject() runtime.Object { c := *w; return &c }

// GetObjectMeta implements metav1.ObjectMetaAccessor, through which the reflector reads the
// resource version and the bookmark's annotation, and client-go's stores key objects.
func (w *wireObject) GetObjectMeta() metav1.Object {
	m := &metav1.ObjectMeta{ResourceVersion: w.rv}
	if w.p != nil {
		m.Namespace, m.Name = w.p.Namespace, w.p.Name
	}
	if w.initialEnd {
		m.Annotations = map[string]string{metav1.InitialEventsAnnotationKey: "true"}
	}
	return m
}

// wireWatch starts a watch of gvr (in namespace, "" for all) with opts and returns it; its
// events carry *wireObject (or *metav1.Status for errors).
func wireWatch(ctx context.Context, client rest.Interface, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions, project func([]byte) (*Projected, string, error)) (watch.Interface, error) {
	opts.Watch = true
	ctx, cancel := context.WithCancel(ctx)
	body, err := client.Get().AbsPath(resourcePath(gvr, namespace)...).
		SpecificallyVersionedParams(&opts, scheme.ParameterCodec, schema.GroupVersion{Version: "v1"}). // as the dynamic client
		SetHeader("Accept", "application/json").
		Stream(ctx)
	if err != nil {
		cancel()
		return nil, err
	}
	w := &streamWatch{result: make(chan watch.Event), cancel: cancel, body: body, project: project}
	w.done.Add(1)
	go w.receive(ctx)
	return w, nil
}

// resourcePath is the URL path of a resource's collection.
func resourcePath(gvr schema.GroupVersionResource, namespace string) []string {
	p := []string{"/apis", gvr.Group, gvr.Version}
	if gvr.Group == "" {
		p = []string{"/api", gvr.Version}
	}
	if namespace != "" {
		p = append(p, "namespaces", namespace)
	}
	return append(p, gvr.Resource)
}

// streamWatch reads one watch response body, one event per line.
type streamWatch struct {
	result  chan watch.Event
	cancel  context.CancelFunc
	body    io.ReadCloser
	project func([]byte) (*Projected, string, error)
	stop    sync.Once
	done    sync.WaitGroup
}

func (w *streamWatch) ResultChan() <-chan watch.Event { return w.result }

// Stop ends the watch: the body is closed, the reader goroutine ends and closes the channel.
func (w *streamWatch) Stop() {
	w.stop.Do(func() {
		w.cancel()
		_ = w.body.Close()
	})
}

func (w *streamWatch) receive(ctx context.Context) {
	defer w.done.Done()
	defer close(w.result)
	defer w.Stop()
	r := bufio.NewReaderSize(w.body, 64<<10)
	var long []byte // a line longer than the buffer, gathered
	for {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			if len(long)+len(line) > maxEventBytes {
				w.send(ctx, errorEvent(fmt.Errorf("watch event longer than %d bytes", maxEventBytes)))
				return
			}
			long = append(long, line...)
			continue
		}
		if long != nil {
			line, long = append(long, line...), nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			ev, ok := w.decode(line)
			if !w.send(ctx, ev) || !ok {
				return
			}
		}
		if err != nil {
			// EOF or a broken connection: the watch ends, and the reflector watches again from
			// the last resource version it saw, as it does when client-go's watch ends.
			return
		}
	}
}

func (w *streamWatch) send(ctx context.Context, ev watch.Event) bool {
	select {
	case w.result <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

// decode turns one line into an event; ok is false when the stream cannot go on.
func (w *streamWatch) decode(line []byte) (watch.Event, bool) {
	typ, obj, split, err := splitEvent(line)
	if err != nil {
		return errorEvent(err), false
	}
	switch t := watch.EventType(typ); t {
	case watch.Added, watch.Modified, watch.Deleted:
		p, rv, err := w.project(obj)
		if err != nil && split {
			// Not the envelope it looked like: parse it as JSON after all.
			if typ, obj, _, err = parseEvent(line); err == nil && watch.EventType(typ) == t {
				p, rv, err = w.project(obj)
			}
		}
		if err != nil {
			return errorEvent(err), false
		}
		return watch.Event{Type: t, Object: &wireObject{p: p, rv: rv}}, true
	case watch.Bookmark:
		var b struct {
			Metadata struct {
				ResourceVersion string            `json:"resourceVersion"`
				Annotations     map[string]string `json:"annotations"`
			} `json:"metadata"`
		}
		if err := json.Unmarshal(obj, &b); err != nil {
			return errorEvent(fmt.Errorf("bookmark: %w", err)), false
		}
		return watch.Event{Type: t, Object: &wireObject{rv: b.Metadata.ResourceVersion,
			initialEnd: b.Metadata.Annotations[metav1.InitialEventsAnnotationKey] == "true"}}, true
	case watch.Error:
		var st metav1.Status
		if err := json.Unmarshal(obj, &st); err != nil {
			return errorEvent(fmt.Errorf("error event: %w", err)), false
		}
		return watch.Event{Type: t, Object: &st}, true
	default:
		return errorEvent(fmt.Errorf("unknown watch event type %q", typ)), false
	}
}

// eventPrefix and objectKey are how the API server writes an event: the type first.
var (
	eventPrefix = []byte(`{"type":"`)
	objectField = []byte(`","object":`)
)

// splitEvent returns an event's type and object without parsing the object, which its decoder
// parses (and validates) once; split says so. An event written otherwise is parsed as JSON.
func splitEvent(line []byte) (typ string, obj []byte, split bool, err error) {
	line = bytes.TrimSpace(line)
	if rest, ok := bytes.CutPrefix(line, eventPrefix); ok {
		if i := bytes.IndexByte(rest, '"'); i > 0 && bytes.HasPrefix(rest[i:], objectField) && rest[len(rest)-1] == '}' {
			if t := rest[:i]; bytes.IndexByte(t, '\\') < 0 {
				return string(t), rest[i+len(objectField) : len(rest)-1], true, nil
			}
		}
	}
	return parseEvent(line)
}

// parseEvent parses an event as JSON.
func parseEvent(line []byte) (string, []byte, bool, error) {
	var ev struct {
		Type   string          `json:"type"`
		Object json.RawMessage `json:"object"`
	}
	if err := json.Unmarshal(line, &ev); err != nil {
		return "", nil, false, fmt.Errorf("watch event: %w", err)
	}
	return ev.Type, ev.Object, false, nil
}

// errorEvent is a watch error the reflector reports and recovers from by watching again.
func errorEvent(err error) watch.Event {
	return watch.Event{Type: watch.Error, Object: &metav1.Status{
		Status: metav1.StatusFailure, Code: http.StatusInternalServerError,
		Reason: metav1.StatusReasonInternalError, Message: err.Error(),
	}}
}

// wireProjector returns how a wire watch projects one object of kind: the kind's wire decoder
// when it has one and it reads the object cleanly, else the map decoder on the object decoded
// into a map, exactly as the list path does.
func wireProjector(kind KindSpec, cluster string) func([]byte) (*Projected, string, error) {
	return func(data []byte) (*Projected, string, error) {
		if kind.DecodeJSON != nil {
			if v, key, ok := kind.DecodeJSON(data, cluster); ok {
				return &Projected{Namespace: key.Namespace, Name: key.Name, Value: v}, key.ResourceVersion, nil
			}
		}
		var obj map[string]any
		if err := utiljson.Unmarshal(data, &obj); err != nil {
			return nil, "", fmt.Errorf("watch event object: %w", err)
		}
		u := &unstructured.Unstructured{Object: obj}
		return &Projected{
			Namespace: decode.Intern(u.GetNamespace()),
			Name:      decode.Intern(u.GetName()),
			Value:     kind.Decode(u, cluster),
		}, u.GetResourceVersion(), nil
	}
}
