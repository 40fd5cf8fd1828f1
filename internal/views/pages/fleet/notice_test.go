package fleet

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

// A fleet-wide list over thousands of unreachable clusters names a few and counts the rest:
// the notice is built and wrapped on every frame.
func TestMissingNoticeNamesAFewClusters(t *testing.T) {
	f := &model.Fleet{Generation: 1}
	for i := range 3500 {
		c := &model.ClusterSnapshot{Name: fmt.Sprintf("cluster-%04d", i)}
		c.Sources[model.ProductArgoCD] = model.SourceStatus{State: model.StateNoAccess}
		f.Clusters = append(f.Clusters, c)
	}
	got := MissingNotice(f, model.ProductArgoCD)
	if !strings.HasPrefix(got, "no data from cluster-0000 (no access), ") || !strings.HasSuffix(got, " and 3492 more") {
		t.Fatalf("notice: %q", got)
	}
	if lines := components.NoticeLines(got, 160, 48, &st); len(lines) != 2 {
		t.Fatalf("want the notice on two lines, got %d", len(lines))
	}
}

var st = components.DefaultStyles()
