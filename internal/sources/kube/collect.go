package kube

// Collect gathers the decoded values of type T from one or more kinds' items, in order.
func Collect[T any](lists ...[]any) []T {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n)
	for _, l := range lists {
		for _, it := range l {
			if v, ok := it.(T); ok {
				out = append(out, v)
			}
		}
	}
	return out
}
