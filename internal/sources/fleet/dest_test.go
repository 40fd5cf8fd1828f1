package fleet

import (
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func TestDestinationResolution(t *testing.T) {
	d := newDestinations([]model.ManagedCluster{
		{Meta: model.Meta{Ref: model.Ref{Name: "east"}}, ClientURLs: []string{"https://api.east.example:6443"}},
	}, map[string]string{"hub": "https://api.hub.example:6443"})
	cases := []struct {
		on   string
		dest model.Destination
		want string
	}{
		{"hub", model.Destination{Server: "https://kubernetes.default.svc"}, "hub"},
		{"east", model.Destination{Name: "in-cluster"}, "east"},
		{"hub", model.Destination{Name: "east"}, "east"},
		{"hub", model.Destination{Server: "https://API.east.example:6443/"}, "east"},
		{"hub", model.Destination{Name: "elsewhere"}, ""},
	}
	for _, c := range cases {
		if got := d.resolve(c.on, c.dest); got != c.want {
			t.Errorf("resolve(%s, %+v) = %q, want %q", c.on, c.dest, got, c.want)
		}
	}
}
