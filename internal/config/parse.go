package config

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in the config file, at a position, about one field.
type Error struct {
	File         string
	Line, Column int
	Path         string // "clusters.east.contxt"; "" for the document itself
	Msg          string
}

func (e *Error) Error() string {
	where := fmt.Sprintf("config %s:%d:%d", e.File, e.Line, e.Column)
	if e.Path == "" {
		return where + ": " + e.Msg
	}
	return where + ": " + e.Path + ": " + e.Msg
}

// parse reads data into c: first against the shape of Config, field by field, so that an
// unknown key or a value of the wrong kind is reported where it is (yaml.v3 nodes keep their
// line and column), then by decoding, then by checking values (theme colours, keymap keys).
func parse(file string, data []byte, c *Config) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); scanErr == nil {
			return &Error{File: file, Line: line, Column: 1, Msg: strings.TrimPrefix(err.Error(), fmt.Sprintf("yaml: line %d: ", line))}
		}
		return &Error{File: file, Line: 1, Column: 1, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil // an empty file
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil
	}
	if err := checkShape(file, root, reflect.TypeFor[Config](), ""); err != nil {
		return err
	}
	if err := root.Decode(c); err != nil { // the shape check above should leave nothing here
		return &Error{File: file, Line: root.Line, Column: root.Column, Msg: oneLine(err.Error())}
	}
	return c.validate(file, root)
}

// checkShape compares a node with the Go type it decodes into.
func checkShape(file string, n *yaml.Node, t reflect.Type, path string) error {
	fail := func(n *yaml.Node, path, format string, args ...any) error {
		return &Error{File: file, Line: n.Line, Column: n.Column, Path: path, Msg: fmt.Sprintf(format, args...)}
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // an empty value leaves the field at its zero value
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return fail(n, path, "want a mapping of fields, got %s", describe(n))
		}
		fields := structFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			sub := join(path, k.Value)
			f, ok := fields[k.Value]
			if !ok {
				msg := fmt.Sprintf("unknown field %q", k.Value)
				if s := suggest(k.Value, keys(fields)); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				} else {
					msg += "; known fields: " + strings.Join(keys(fields), ", ")
				}
				return fail(k, sub, "%s", msg)
			}
			if err := checkShape(file, v, f, sub); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return fail(n, path, "want a mapping, got %s", describe(n))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				return fail(k, path, "want a name as the key, got %s", describe(k))
			}
			if err := checkShape(file, v, t.Elem(), join(path, k.Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && reflect.PointerTo(t).Implements(unmarshalerType) {
			return nil // one value for a list, decoded as a list of one by the type (Keys)
		}
		if n.Kind != yaml.SequenceNode {
			return fail(n, path, "want a list, got %s", describe(n))
		}
		for i, item := range n.Content {
			if err := checkShape(file, item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			return fail(n, path, "want true or false, got %s", describe(n))
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return fail(n, path, "want a string, got %s", describe(n))
		}
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			return fail(n, path, "want a whole number, got %s", describe(n))
		}
	}
	return nil
}

// unmarshalerType is yaml.v3's Unmarshaler: a type that decodes itself may take other shapes.
var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

// oneLine joins a multi-line message (yaml.v3's "unmarshal errors:" list) into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, ":\n", ": ")), " ")
}

// structFields maps the YAML names of a struct's fields to their types.
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

func keys(m map[string]reflect.Type) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// describe names a node's kind for an error: "a list", "the string \"abc\"", "the number 5".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}

// suggest returns the candidate closest to a mistyped name (at most two edits, or one is a
// prefix of the other), or "".
func suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if strings.HasPrefix(strings.ToLower(c), strings.ToLower(name)) || strings.HasPrefix(strings.ToLower(name), strings.ToLower(c)) {
			d = min(d, 1)
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes (names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// nodeAt finds the value node at a dotted path below root ("theme.ok"), for errors found after
// decoding; root itself when the path is not there.
func nodeAt(root *yaml.Node, path ...string) *yaml.Node {
	n := root
	for _, name := range path {
		found := false
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				n, found = n.Content[i+1], true
				break
			}
		}
		if !found {
			return n
		}
	}
	return n
}

// validate checks the values the shape cannot: colours, keys and their conflicts, servers,
// access paths and credentials (validate.go).
func (c *Config) validate(file string, root *yaml.Node) error {
	at := func(msg string, path ...string) error {
		n := nodeAt(root, path...)
		return &Error{File: file, Line: n.Line, Column: n.Column, Path: strings.Join(path, "."), Msg: msg}
	}
	for _, f := range c.Theme.fields() {
		if f.value == "" {
			continue
		}
		if err := checkColour(f.value); err != nil {
			return at(err.Error(), "theme", f.name)
		}
	}
	servers := map[string]*ArgoCDServer{"argocd": c.ArgoCD}
	for name, cl := range c.Clusters {
		servers["clusters."+name+".argocd"] = cl.ArgoCD
	}
	for path, srv := range servers {
		if srv == nil {
			continue
		}
		if err := checkServer(srv.Server); err != nil {
			return at(err.Error(), append(strings.Split(path, "."), "server")...)
		}
		if srv.Insecure && srv.PlainText {
			return at("insecure and plainText: choose one (plaintext has no TLS to verify)", append(strings.Split(path, "."), "insecure")...)
		}
	}
	if action, err := c.Keymap.check(); err != nil {
		return at(err.Error(), "keymap", action)
	}
	if e := c.checkValues(); e != nil {
		return at(e.msg, e.path...)
	}
	return nil
}

// checkServer accepts an Argo CD server as host[:port][/path] or an http(s) URL without
// credentials (the full rules are argocd.NormalizeServer's, which runs when it is used).
func checkServer(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("required: the Argo CD API server, host[:port][/path] or an http(s) URL")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return fmt.Errorf("server %q: want host[:port][/path] or an http(s) URL without credentials", s)
	}
	return nil
}
