package pages

import (
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
	"github.com/mcgtui/mcgtui/internal/views/components"
)

// The table colours a row by int(row.Tone): the component's tones must follow model.Verdict.
func TestVerdictsAreTones(t *testing.T) {
	for v, tone := range map[model.Verdict]int{model.VerdictOK: components.ToneOK, model.VerdictUnknown: components.ToneUnknown,
		model.VerdictWarning: components.ToneWarning, model.VerdictCritical: components.ToneCritical} {
		if int(v) != tone {
			t.Errorf("verdict %v is %d, tone %d", v, int(v), tone)
		}
	}
}
