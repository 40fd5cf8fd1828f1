package scale

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
)

// The streamed wire: fake clients whose lists and watches are served as a real API server
// serves them to mcgtui (kube.Conn.Streams): a LIST gets the list's compact JSON in one
// response, read by mcgtui's wire list; a watch gets the fake's later changes, a line of
// compact JSON each; a watch-list request (sendInitialEvents) gets one ADDED event per object,
// then the bookmark that ends the initial events, then the changes. The fleet benchmarks then
// take the same per-cluster path as against a real API server (wire decoders, the list read as
// it arrives, one Replace), instead of client-go's list path.

// encodedList is one list's JSON, encoded once, and each item's JSON within it.
type encodedList struct {
	data  []byte
	items [][]byte // subslices of data
	rv    string   // the list's resourceVersion (the fake tracker's, per resource)
}

// encodeList encodes a list as the API server does (compact JSON, items last) and remembers
// where each item is, so that a watch-list stream serves the same bytes as events.
func encodeList(list *unstructured.UnstructuredList) (*encodedList, error) {
	header, err := json.Marshal(struct {
		APIVersion string         `json:"apiVersion"`
		Kind       string         `json:"kind"`
		Metadata   map[string]any `json:"metadata"`
	}{list.GetAPIVersion(), list.GetKind(), map[string]any{"resourceVersion": list.GetResourceVersion()}})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Write(header[:len(header)-1])
	buf.WriteString(`,"items":[`)
	spans := make([][2]int, 0, len(list.Items))
	for i := range list.Items {
		if i > 0 {
			buf.WriteByte(',')
		}
		item, err := json.Marshal(list.Items[i].Object)
		if err != nil {
			return nil, err
		}
		spans = append(spans, [2]int{buf.Len(), buf.Len() + len(item)})
		buf.Write(item)
	}
	buf.WriteString("]}")
	l := &encodedList{data: buf.Bytes(), rv: list.GetResourceVersion()}
	l.items = make([][]byte, len(spans))
	for i, s := range spans {
		l.items[i] = l.data[s[0]:s[1]:s[1]]
	}
	return l, nil
}

// streamClient returns the REST client a Conn's Streams field holds for the fake client dyn
// (a wireClient): its requests never leave the process.
func streamClient(cluster string, dyn wireClient) (rest.Interface, error) {
	// The rate limits mcgtui's own connections have (kube.ConnForConfig).
	cfg := &rest.Config{Host: "https://" + cluster + ".stream.invalid", QPS: 50, Burst: 100}
	cfg.NegotiatedSerializer = scheme.Codecs.WithoutConversion()
	return rest.UnversionedRESTClientForConfigAndClient(cfg, &http.Client{Transport: streamTransport{dyn}})
}

// streamTransport answers watch requests from a fake dynamic client.
type streamTransport struct{ dyn wireClient }

func (t streamTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	gvr, ns, err := parseResourcePath(req.URL.Path)
	q := req.URL.Query()
	if err != nil || req.Method != http.MethodGet {
		return statusResponse(req, apierrors.NewBadRequest(fmt.Sprintf("the streamed wire serves lists and watches only: %s %s", req.Method, req.URL))), nil
	}
	res := t.dyn.Interface.Resource(gvr).Namespace(ns)
	ctx := req.Context()
	if q.Get("watch") != "true" {
		// A LIST: the list's JSON in one response, as the watch cache serves resourceVersion 0;
		// with a selector, the fake's own list, encoded for this request.
		l, err := wireNamespaced{res, gvr, ns, t.dyn.encoded}.listJSON(ctx, metav1.ListOptions{
			LabelSelector: q.Get("labelSelector"), FieldSelector: q.Get("fieldSelector")})
		if err != nil {
			return statusResponse(req, err), nil
		}
		return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(l)), Request: req}, nil
	}
	t.dyn.encoded.calls.Watches.Add(1)
	// Changes come from the wire's own feed of the writes made through it, not from the fake
	// tracker's watch, which replays every object on each watch (work no API server does).
	// Subscribed before the list is taken, no change falls between the two (one may come twice,
	// which a watch allows).
	sub := t.dyn.encoded.subscribe(gvr, ns)
	// The list also says whether the watch is allowed (forbidden, not served).
	initial, err := t.dyn.encoded.encoded(ctx, res, gvr, ns)
	if err != nil {
		t.dyn.encoded.unsubscribe(sub)
		return statusResponse(req, err), nil
	}
	if q.Get("sendInitialEvents") != "true" {
		initial = nil
	}
	body, out := io.Pipe()
	go func() {
		defer t.dyn.encoded.unsubscribe(sub)
		err := serveWatch(ctx, out, initial, gvr, sub.events)
		_ = out.CloseWithError(err)
	}()
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"application/json"}}, Body: body, Request: req}, nil
}

// serveWatch writes the initial events (when asked for), their closing bookmark, and then the
// changes written since, one line each, until ctx ends or the reader goes away.
func serveWatch(ctx context.Context, out io.Writer, initial *encodedList, gvr schema.GroupVersionResource, events <-chan watch.Event) error {
	if initial != nil {
		line := make([]byte, 0, 64<<10)
		for _, item := range initial.items {
			line = append(append(append(line[:0], `{"type":"ADDED","object":`...), item...), "}\n"...)
			if _, err := out.Write(line); err != nil {
				return err
			}
		}
		bookmark := fmt.Sprintf(`{"type":"BOOKMARK","object":{"apiVersion":%q,"kind":"Bookmark","metadata":{"resourceVersion":%q,"annotations":{%q:"true"}}}}`+"\n",
			gvr.GroupVersion().String(), initial.rv, metav1.InitialEventsAnnotationKey)
		if _, err := io.WriteString(out, bookmark); err != nil {
			return err
		}
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-events:
			if !ok {
				return nil // it fell behind (see publish): the client watches again
			}
			line, err := json.Marshal(struct {
				Type   watch.EventType `json:"type"`
				Object any             `json:"object"`
			}{ev.Type, ev.Object})
			if err != nil {
				return err
			}
			if _, err := out.Write(append(line, '\n')); err != nil {
				return err
			}
		}
	}
}

// parseResourcePath reads a collection's path: /api/v1[/namespaces/NS]/RESOURCE or
// /apis/GROUP/VERSION[/namespaces/NS]/RESOURCE.
func parseResourcePath(path string) (gvr schema.GroupVersionResource, ns string, err error) {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch {
	case len(parts) >= 3 && parts[0] == "api":
		gvr.Version, parts = parts[1], parts[2:]
	case len(parts) >= 4 && parts[0] == "apis":
		gvr.Group, gvr.Version, parts = parts[1], parts[2], parts[3:]
	default:
		return gvr, "", fmt.Errorf("not a resource path: %s", path)
	}
	if len(parts) == 3 && parts[0] == "namespaces" {
		ns, parts = parts[1], parts[2:]
	}
	if len(parts) != 1 {
		return gvr, "", fmt.Errorf("not a collection path: %s", path)
	}
	gvr.Resource = parts[0]
	return gvr, ns, nil
}

// statusResponse answers with err as the API server words its errors: a Status object.
func statusResponse(req *http.Request, err error) *http.Response {
	var st apierrors.APIStatus
	status := metav1.Status{Status: metav1.StatusFailure, Code: http.StatusInternalServerError,
		Reason: metav1.StatusReasonInternalError, Message: err.Error()}
	if errors.As(err, &st) && st.Status().Code != 0 {
		status = st.Status()
	}
	status.Kind, status.APIVersion = "Status", "v1"
	data, _ := json.Marshal(status)
	return &http.Response{StatusCode: int(status.Code), Status: http.StatusText(int(status.Code)), Proto: "HTTP/1.1",
		ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(data)), Request: req}
}

// streamingClient is a wireClient that tells client-go's reflectors it supports watch-list,
// as a real API server's client does.
type streamingClient struct{ wireClient }

func (streamingClient) IsWatchListSemanticsUnSupported() bool { return false }

var _ dynamic.Interface = streamingClient{}

// subscriber is one streamed watch's share of the writes made through the wire.
type subscriber struct {
	gvr    schema.GroupVersionResource
	ns     string // "" for every namespace
	events chan watch.Event
	closed bool
}

// subscribe starts a feed of the writes to gvr in ns ("" for all).
func (e *encodedLists) subscribe(gvr schema.GroupVersionResource, ns string) *subscriber {
	sub := &subscriber{gvr: gvr, ns: ns, events: make(chan watch.Event, 256)}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.subscribers == nil {
		e.subscribers = map[*subscriber]bool{}
	}
	e.subscribers[sub] = true
	return sub
}

func (e *encodedLists) unsubscribe(sub *subscriber) {
	e.mu.Lock()
	defer e.mu.Unlock()
	delete(e.subscribers, sub)
}

// publish hands a write to every subscriber of its resource and namespace. One that has fallen
// 256 events behind is ended instead, as an API server ends a watch that cannot keep up.
func (e *encodedLists) publish(gvr schema.GroupVersionResource, typ watch.EventType, obj *unstructured.Unstructured) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for sub := range e.subscribers {
		if sub.closed || sub.gvr != gvr || (sub.ns != "" && sub.ns != obj.GetNamespace()) {
			continue
		}
		select {
		case sub.events <- watch.Event{Type: typ, Object: obj}:
		default:
			sub.closed = true
			close(sub.events)
		}
	}
}
