package actions

import (
	"context"
	"errors"
	"testing"

	"github.com/mcgtui/mcgtui/internal/model"
)

func TestReadOnlyRefusesWithoutRunning(t *testing.T) {
	ran := false
	a := New("Refresh app", model.Ref{Cluster: "east", Name: "app"}, "east", false, func(context.Context) error { ran = true; return nil })
	if err := (Runner{ReadOnly: true}).Run(context.Background(), a); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("read-only run: got %v, want ErrReadOnly", err)
	}
	if ran {
		t.Fatal("read-only mode ran the action")
	}
	if err := (Runner{}).Run(context.Background(), a); err != nil || !ran {
		t.Fatalf("normal run: err=%v ran=%v", err, ran)
	}
}
