package kube

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
)

// The wire list: the initial list of a kind on a real API server (docs/adr/0016). It is one
// LIST, read as it arrives: each item is projected by the kind's wire decoder while the rest
// of the body is still on its way, so decoding overlaps the transfer and the whole list is
// never held, neither as bytes nor as unstructured maps. The reflector then watches from the
// list's resourceVersion with wireWatch, so nothing is sent while nothing changes.

// listOptions are the leniencies of the list's own tokenizer: each item is validated by the
// decoder that reads it (decode.Scanner), so the list level accepts what encoding/json would.
var listOptions = []jsontext.Options{
	jsontext.AllowInvalidUTF8(true),
	jsontext.AllowDuplicateNames(true),
}

// wireList is what a wire list hands the reflector: the list's metadata and one *wireObject
// per item, which the store unwraps as it unwraps a watch's objects.
type wireList struct {
	metav1.TypeMeta
	metav1.ListMeta
	Items []runtime.Object
}

var _ runtime.Object = (*wireList)(nil)

func (l *wireList) DeepCopyObject() runtime.Object {
	c := *l
	c.Items = append([]runtime.Object(nil), l.Items...)
	return &c
}

// listWire lists gvr (in namespace, "" for all) with opts, projecting each item with project.
// An API error (forbidden, expired, not found) comes back as client-go's StatusError, as from
// the dynamic client, so the reflector treats it the same way.
func listWire(ctx context.Context, client rest.Interface, gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions, project func([]byte) (*Projected, string, error)) (runtime.Object, error) {
	opts.Watch = false
	body, err := client.Get().AbsPath(resourcePath(gvr, namespace)...).
		SpecificallyVersionedParams(&opts, scheme.ParameterCodec, schema.GroupVersion{Version: "v1"}). // as the dynamic client
		SetHeader("Accept", "application/json").
		Stream(ctx)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	return readWireList(body, project)
}

// readWireList reads a list response: an object whose "metadata" holds the list's
// resourceVersion and continue token, and whose "items" are the objects.
func readWireList(r io.Reader, project func([]byte) (*Projected, string, error)) (*wireList, error) {
	dec := jsontext.NewDecoder(bufio.NewReaderSize(r, 64<<10), listOptions...)
	list := &wireList{}
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return nil, listError(err, "not a JSON object")
	}
	for dec.PeekKind() != '}' {
		name, err := dec.ReadToken()
		if err != nil {
			return nil, listError(err, "")
		}
		switch name.String() {
		case "metadata":
			raw, err := dec.ReadValue()
			if err != nil {
				return nil, listError(err, "")
			}
			if err := json.Unmarshal(raw, &list.ListMeta); err != nil {
				return nil, fmt.Errorf("list metadata: %w", err)
			}
		case "items":
			if err := readItems(dec, list, project); err != nil {
				return nil, err
			}
		default:
			if err := dec.SkipValue(); err != nil {
				return nil, listError(err, "")
			}
		}
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, listError(err, "")
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return nil, listError(err, "data after the list")
	}
	return list, nil
}

// readItems reads the items array (null is an empty list, as encoding/json reads it).
func readItems(dec *jsontext.Decoder, list *wireList, project func([]byte) (*Projected, string, error)) error {
	switch dec.PeekKind() {
	case 'n':
		_, err := dec.ReadToken()
		return listError(err, "")
	case '[':
	default:
		return listError(dec.SkipValue(), "items is not an array")
	}
	if _, err := dec.ReadToken(); err != nil {
		return listError(err, "")
	}
	for dec.PeekKind() != ']' {
		raw, err := dec.ReadValue()
		if err != nil {
			return listError(err, "")
		}
		if raw.Kind() != '{' {
			return fmt.Errorf("list item %d is not an object", len(list.Items))
		}
		p, rv, err := project(raw)
		if err != nil {
			return fmt.Errorf("list item %d: %w", len(list.Items), err)
		}
		list.Items = append(list.Items, &wireObject{p: p, rv: rv})
	}
	_, err := dec.ReadToken()
	return listError(err, "")
}

// listError words a broken list body in one line; what (when err is nil) says what was wrong.
func listError(err error, what string) error {
	switch {
	case err == nil && what == "":
		return nil
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("list response: the body ended early")
	case err != nil:
		return fmt.Errorf("list response: %w", err)
	default:
		return errors.New("list response: " + what)
	}
}
