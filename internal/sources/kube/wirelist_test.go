package kube

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mcgtui/mcgtui/internal/model"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"
)

func thingKind() KindSpec {
	return KindSpec{Decode: func(u *unstructured.Unstructured, cluster string) any { return cluster + "/" + u.GetName() }}
}

// A list body is read item by item: each projected with its resource version, the list's
// resourceVersion and continue token kept, other fields skipped wherever they come.
func TestReadWireList(t *testing.T) {
	body := `{"kind":"ThingList","apiVersion":"x/v1","items":[` +
		`{"kind":"Thing","metadata":{"namespace":"ns","name":"a","resourceVersion":"5"}},` +
		` {"kind":"Thing","metadata":{"namespace":"ns","name":"b","resourceVersion":"6"},"spec":{"x":[1,{"y":null}]}}` +
		`],"metadata":{"resourceVersion":"9","continue":"next"},"extra":{"z":1}}` + "\n"
	list, err := readWireList(strings.NewReader(body), wireProjector(thingKind(), "c1"))
	if err != nil {
		t.Fatal(err)
	}
	if list.ResourceVersion != "9" || list.Continue != "next" || len(list.Items) != 2 {
		t.Fatalf("list %+v", list)
	}
	var got []string
	for _, o := range list.Items {
		w := o.(*wireObject)
		got = append(got, w.p.Namespace+"/"+w.p.Name+"@"+w.rv+" "+w.p.Value.(string))
	}
	if want := "ns/a@5 c1/a,ns/b@6 c1/b"; strings.Join(got, ",") != want {
		t.Errorf("items %q, want %q", got, want)
	}
	for _, empty := range []string{`{"metadata":{"resourceVersion":"3"},"items":null}`, `{"metadata":{"resourceVersion":"3"},"items":[]}`, `{"metadata":{"resourceVersion":"3"}}`} {
		list, err := readWireList(strings.NewReader(empty), wireProjector(thingKind(), "c1"))
		if err != nil || len(list.Items) != 0 || list.ResourceVersion != "3" {
			t.Errorf("%s: %+v, %v", empty, list, err)
		}
	}
}

// A broken body is one line of error, never a panic or a partial list.
func TestReadWireListBroken(t *testing.T) {
	for _, body := range []string{
		``,
		`[]`,
		`{"items":[{"metadata":{"name":"a"}}`,
		`{"items":[{"metadata":{"name":"a"}},]}`,
		`{"items":[1]}`,
		`{"items":{"a":1}}`,
		`{"metadata":{"resourceVersion":5},"items":[]}`,
		`{"items":[]}{}`,
		`{"items":[]} x`,
	} {
		list, err := readWireList(strings.NewReader(body), wireProjector(thingKind(), "c1"))
		if err == nil || list != nil {
			t.Errorf("%q: %+v, %v; want an error", body, list, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "\n") || msg == "" {
			t.Errorf("%q: error %q is not one line", body, msg)
		}
	}
}

// Against a server that answers as the API server does, a kind lists once (one response, no
// limit, resourceVersion 0 from the watch cache), then watches from the list's
// resourceVersion without asking for initial events; an API error on the list is the
// product's state, as it is through the dynamic client.
func TestWireListThenWatch(t *testing.T) {
	var mu sync.Mutex
	var requests []string
	forbidden := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.RawQuery)
		deny := forbidden
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if deny {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,"message":"things is forbidden: User \"u\" cannot list"}`))
			return
		}
		if r.URL.Query().Get("watch") != "true" {
			_, _ = w.Write([]byte(`{"kind":"ThingList","metadata":{"resourceVersion":"10"},"items":[{"metadata":{"namespace":"ns","name":"a","resourceVersion":"4"}}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"type":"ADDED","object":{"metadata":{"namespace":"ns","name":"b","resourceVersion":"11"}}}` + "\n"))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	conn, err := ConnForConfig(&rest.Config{Host: srv.URL}, "c1", false)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	gvr := schema.GroupVersionResource{Group: "x", Version: "v1", Resource: "things"}
	var errs []error
	report := func(err error) {
		mu.Lock()
		errs = append(errs, err)
		mu.Unlock()
	}
	changes := make(chan struct{}, 16)
	kw := newKindWatch(conn, gvr, thingKind(), report, func() { changes <- struct{}{} }, nil)
	ctx := t.Context()
	go kw.run(ctx)
	waitFor(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(errs) > 0 && errs[0] != nil
	})
	mu.Lock()
	if st := stateFor(conn, errs[0], true); st.State != model.StateForbidden {
		t.Errorf("a forbidden list is %v (%v)", st.State, errs[0])
	}
	forbidden = false
	mu.Unlock()
	waitFor(t, func() bool { return kw.store.Len() == 2 })
	mu.Lock()
	defer mu.Unlock()
	var list, watch string
	for _, q := range requests {
		switch {
		case strings.Contains(q, "watch=true"):
			watch = q
		case list == "" || !strings.Contains(q, "watch"):
			list = q
		}
	}
	if strings.Contains(list, "limit=") || !strings.Contains(list, "resourceVersion=0") {
		t.Errorf("list query %q: want resourceVersion=0 and no limit", list)
	}
	if !strings.Contains(watch, "resourceVersion=10") || strings.Contains(watch, "sendInitialEvents") {
		t.Errorf("watch query %q: want the list's resourceVersion and no initial events", watch)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
