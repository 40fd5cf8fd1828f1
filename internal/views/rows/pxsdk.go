package rows

import (
	"fmt"
	"strings"

	"github.com/mcgtui/mcgtui/internal/model"
)

// ReplicasCell is a claim's replication from the Portworx SDK: "3/3" when healthy, the state
// after the counts otherwise ("2/3 degraded", "2/2 resync"); "no volume" when the SDK does not
// list the claim's volume, "-" before a poll.
func ReplicasCell(v *model.Volume) string {
	x := v.SDK
	if x == nil {
		if v.SDKMissing {
			return "no volume"
		}
		return "-"
	}
	r := x.Replication
	cell := fmt.Sprintf("%d/%d", r.Current, r.Total)
	switch r.State {
	case model.ReplUp, "":
	case model.ReplDetached:
		if len(r.Down) > 0 {
			cell += " down"
		}
	default:
		cell += " " + r.State
	}
	return cell
}

// AttachedCell is the node a claim's Portworx volume is attached on: its hostname when the
// SDK lists the node, else attached_on as written; "-" when detached or not polled.
func AttachedCell(v *model.Volume) string {
	if v.SDK == nil {
		return "-"
	}
	return Dash(FirstNonEmpty(v.SDK.AttachedHost, v.SDK.AttachedOn))
}

// PoolsCell lists a Portworx node's pools as "id:used%" ("0:15% 1:95%"), "-" without SDK
// data.
func PoolsCell(n *model.PXNode) string {
	if n == nil || len(n.Pools) == 0 {
		return "-"
	}
	parts := make([]string, 0, len(n.Pools))
	for _, p := range n.Pools {
		pct := "?"
		if p.Total > 0 {
			pct = fmt.Sprintf("%d%%", p.Used*100/p.Total)
		}
		parts = append(parts, fmt.Sprintf("%d:%s", p.ID, pct))
	}
	return strings.Join(parts, " ")
}
