package latmon

import "sort"

// Window holds the values observed during the last Span milliseconds and answers order
// statistics over them. See SPEC.md section 2.
type Window struct {
	span   int64
	latest int64
	seen   bool
	items  []obs // in arrival order
}

type obs struct {
	ts, v int64
}

// NewWindow returns an empty window of the given span in milliseconds.
func NewWindow(span int64) (*Window, error) {
	if span <= 0 {
		return nil, ErrBadSpan
	}
	return &Window{span: span}, nil
}

// Span returns the window's span.
func (w *Window) Span() int64 { return w.span }

// Latest returns the window's time: the latest timestamp given to Add or Advance (0 before any).
func (w *Window) Latest() int64 { return w.latest }

// Add records value v at time ts. ts must not be earlier than the window's time.
func (w *Window) Add(ts, v int64) error {
	if err := w.Advance(ts); err != nil {
		return err
	}
	w.items = append(w.items, obs{ts, v})
	return nil
}

// Advance moves the window's time to ts without adding a value, dropping what falls out.
func (w *Window) Advance(ts int64) error {
	if w.seen && ts < w.latest {
		return ErrOutOfOrder
	}
	w.seen = true
	w.latest = ts
	cutoff := ts - w.span
	i := 0
	for i < len(w.items) && w.items[i].ts < cutoff {
		i++
	}
	w.items = w.items[i:]
	return nil
}

// Len returns the number of values in the window.
func (w *Window) Len() int { return len(w.items) }

func (w *Window) sorted() []int64 {
	vals := make([]int64, len(w.items))
	for i, o := range w.items {
		vals[i] = o.v
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	return vals
}

// Quantile returns the nearest-rank quantile for permille (0..1000).
func (w *Window) Quantile(permille int) (int64, error) {
	if permille < 0 || permille > 1000 {
		return 0, ErrBadQuantile
	}
	n := w.Len()
	if n == 0 {
		return 0, ErrEmpty
	}
	rank := permille * n / 1000
	if rank < 1 {
		rank = 1
	}
	return w.sorted()[rank-1], nil
}

// CountAtMost returns how many values in the window are <= v.
func (w *Window) CountAtMost(v int64) int {
	c := 0
	for _, o := range w.items {
		if o.v <= v {
			c++
		}
	}
	return c
}
