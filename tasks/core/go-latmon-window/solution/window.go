package latmon

// Window holds the values observed during the last Span milliseconds and answers order
// statistics over them. See SPEC.md section 2.
type Window struct {
	span   int64
	latest int64
	seen   bool
	fifo   []obs // in arrival order; fifo[head:] is live
	head   int
	tree   *treap
}

type obs struct {
	ts, v int64
}

// NewWindow returns an empty window of the given span in milliseconds.
func NewWindow(span int64) (*Window, error) {
	if span <= 0 {
		return nil, ErrBadSpan
	}
	return &Window{span: span, tree: newTreap(0x9e3779b97f4a7c15)}, nil
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
	w.fifo = append(w.fifo, obs{ts, v})
	w.tree.insert(v)
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
	for w.head < len(w.fifo) && w.fifo[w.head].ts <= cutoff {
		w.tree.remove(w.fifo[w.head].v)
		w.head++
	}
	if w.head > 1024 && w.head*2 > len(w.fifo) {
		n := copy(w.fifo, w.fifo[w.head:])
		w.fifo = w.fifo[:n]
		w.head = 0
	}
	return nil
}

// Len returns the number of values in the window.
func (w *Window) Len() int { return len(w.fifo) - w.head }

// Quantile returns the nearest-rank quantile for permille (0..1000): the value of rank
// max(1, ceil(permille*n/1000)) in ascending order.
func (w *Window) Quantile(permille int) (int64, error) {
	if permille < 0 || permille > 1000 {
		return 0, ErrBadQuantile
	}
	n := w.Len()
	if n == 0 {
		return 0, ErrEmpty
	}
	rank := (int64(permille)*int64(n) + 999) / 1000
	if rank < 1 {
		rank = 1
	}
	return w.tree.kth(int(rank)), nil
}

// CountAtMost returns how many values in the window are <= v.
func (w *Window) CountAtMost(v int64) int { return w.tree.countLE(v) }
