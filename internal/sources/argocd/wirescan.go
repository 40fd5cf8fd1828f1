package argocd

import "github.com/mcgtui/mcgtui/internal/sources/decode"

// The wire types read by hand with decode.Scanner: the same fields, with the same rules, as
// decode.UnmarshalWire reads them by reflection (FuzzScanApplicationMatchesUnmarshal), in one
// pass and without copying strings that DecodeApplicationJSON interns anyway.

func (w *wireApp) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "apiVersion":
			s.String(&w.APIVersion)
		case "kind":
			s.String(&w.Kind)
		case "metadata":
			w.Metadata.Scan(s)
		case "spec":
			w.Spec.scan(s)
		case "status":
			w.Status.scan(s)
		default:
			return false
		}
		return true
	})
}

func (w *wireAppSpec) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "project":
			s.String(&w.Project)
		case "destination":
			w.Destination.scan(s)
		case "source":
			w.Source = scanPtr(s, (*wireSource).scan)
		case "sources":
			scanList(s, &w.Sources, (*wireSource).scan)
		case "syncPolicy":
			w.SyncPolicy.scan(s)
		default:
			return false
		}
		return true
	})
}

func (w *wireDestination) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "server":
			s.String(&w.Server)
		case "name":
			s.String(&w.Name)
		case "namespace":
			s.String(&w.Namespace)
		default:
			return false
		}
		return true
	})
}

func (w *wireSource) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "repoURL":
			s.String(&w.RepoURL)
		case "path":
			s.String(&w.Path)
		case "chart":
			s.String(&w.Chart)
		case "targetRevision":
			s.String(&w.TargetRevision)
		default:
			return false
		}
		return true
	})
}

func (w *wireSyncPolicy) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "syncOptions":
			s.Strings(&w.SyncOptions)
		case "automated":
			w.Automated = scanPtr(s, (*wireAutomated).scan)
		default:
			return false
		}
		return true
	})
}

func (w *wireAutomated) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "enabled":
			w.Enabled = s.BoolPtr()
		case "prune":
			s.Bool(&w.Prune)
		case "selfHeal":
			s.Bool(&w.SelfHeal)
		default:
			return false
		}
		return true
	})
}

func (w *wireAppStatus) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "sync":
			s.Object(func(key []byte) bool {
				switch string(key) {
				case "status":
					s.String(&w.Sync.Status)
				case "revision":
					s.String(&w.Sync.Revision)
				case "revisions":
					s.Strings(&w.Sync.Revisions)
				default:
					return false
				}
				return true
			})
		case "health":
			w.Health.scan(s)
		case "operationState":
			w.OperationState = scanPtr(s, (*wireOperation).scan)
		case "conditions":
			scanList(s, &w.Conditions, (*decode.WireCondition).Scan)
		case "resources":
			scanList(s, &w.Resources, (*wireResource).scan)
		case "history":
			scanList(s, &w.History, (*wireHistory).scan)
		case "reconciledAt":
			s.String(&w.ReconciledAt)
		default:
			return false
		}
		return true
	})
}

func (w *wireHealth) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "status":
			s.String(&w.Status)
		case "message":
			s.String(&w.Message)
		case "lastTransitionTime":
			s.String(&w.LastTransitionTime)
		default:
			return false
		}
		return true
	})
}

func (w *wireOperation) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "phase":
			s.String(&w.Phase)
		case "message":
			s.String(&w.Message)
		case "startedAt":
			s.String(&w.StartedAt)
		case "finishedAt":
			s.String(&w.FinishedAt)
		case "retryCount":
			s.Int(&w.RetryCount)
		case "syncResult":
			s.Object(func(key []byte) bool {
				switch string(key) {
				case "revision":
					s.String(&w.SyncResult.Revision)
				case "revisions":
					s.Strings(&w.SyncResult.Revisions)
				case "resources":
					scanList(s, &w.SyncResult.Resources, (*wireSyncResult).scan)
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
}

func (w *wireSyncResult) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "group":
			s.String(&w.Group)
		case "kind":
			s.String(&w.Kind)
		case "namespace":
			s.String(&w.Namespace)
		case "name":
			s.String(&w.Name)
		case "status":
			s.String(&w.Status)
		case "message":
			s.String(&w.Message)
		case "hookPhase":
			s.String(&w.HookPhase)
		default:
			return false
		}
		return true
	})
}

func (w *wireResource) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "group":
			s.String(&w.Group)
		case "version":
			s.String(&w.Version)
		case "kind":
			s.String(&w.Kind)
		case "namespace":
			s.String(&w.Namespace)
		case "name":
			s.String(&w.Name)
		case "status":
			s.String(&w.Status)
		case "health":
			w.Health.scan(s)
		case "requiresPruning":
			s.Bool(&w.RequiresPruning)
		default:
			return false
		}
		return true
	})
}

func (w *wireHistory) scan(s *decode.Scanner) {
	s.Object(func(key []byte) bool {
		switch string(key) {
		case "id":
			s.Int(&w.ID)
		case "revision":
			s.String(&w.Revision)
		case "revisions":
			s.Strings(&w.Revisions)
		case "deployedAt":
			s.String(&w.DeployedAt)
		case "initiatedBy":
			s.Object(func(key []byte) bool {
				switch string(key) {
				case "username":
					s.String(&w.InitiatedBy.Username)
				case "automated":
					s.Bool(&w.InitiatedBy.Automated)
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
}

// scanPtr reads an object into a new T, as encoding/json fills a nil *T (null: nil).
func scanPtr[T any](s *decode.Scanner, scan func(*T, *decode.Scanner)) *T {
	if s.Null() {
		return nil
	}
	v := new(T)
	scan(v, s)
	return v
}

// scanList reads an array of objects as encoding/json fills a []*T: null elements are nil,
// null is a nil slice, [] an empty one.
func scanList[T any](s *decode.Scanner, dst *[]*T, scan func(*T, *decode.Scanner)) {
	list := (*dst)[:0]
	if list == nil {
		list = []*T{}
	}
	if !s.Array(func() { list = append(list, scanPtr(s, scan)) }) {
		*dst = nil
		return
	}
	*dst = list
}
