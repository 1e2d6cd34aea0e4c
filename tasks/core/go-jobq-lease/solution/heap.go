package jobq

import "container/heap"

// readyHeap orders ready jobs: higher priority first, then earlier readyAt,
// then lower id (SPEC.md, "Delivery order").
type readyHeap []*job

func (h readyHeap) Len() int { return len(h) }

func (h readyHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	if a.readyAt != b.readyAt {
		return a.readyAt < b.readyAt
	}
	return a.id < b.id
}

func (h readyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].heapIndex = i
	h[j].heapIndex = j
}

func (h *readyHeap) Push(x interface{}) {
	j := x.(*job)
	j.heapIndex = len(*h)
	*h = append(*h, j)
}

func (h *readyHeap) Pop() interface{} {
	old := *h
	n := len(old)
	j := old[n-1]
	old[n-1] = nil
	j.heapIndex = -1
	*h = old[:n-1]
	return j
}

func (h *readyHeap) add(j *job) { heap.Push(h, j) }

func (h *readyHeap) remove(j *job) {
	if j.heapIndex >= 0 && j.heapIndex < len(*h) && (*h)[j.heapIndex] == j {
		heap.Remove(h, j.heapIndex)
	}
}

func (h *readyHeap) popBest() *job {
	if len(*h) == 0 {
		return nil
	}
	return heap.Pop(h).(*job)
}

// timerHeap orders jobs by a time key (scheduled: readyAt; leased: deadline),
// then by id.
type timerHeap struct {
	items []*job
	key   func(*job) int64
	index map[int64]int
}

func newTimerHeap(key func(*job) int64) *timerHeap {
	return &timerHeap{key: key, index: map[int64]int{}}
}

func (t *timerHeap) Len() int { return len(t.items) }
func (t *timerHeap) Less(i, j int) bool {
	a, b := t.items[i], t.items[j]
	if ka, kb := t.key(a), t.key(b); ka != kb {
		return ka < kb
	}
	return a.id < b.id
}
func (t *timerHeap) Swap(i, j int) {
	t.items[i], t.items[j] = t.items[j], t.items[i]
	t.index[t.items[i].id] = i
	t.index[t.items[j].id] = j
}
func (t *timerHeap) Push(x interface{}) {
	j := x.(*job)
	t.index[j.id] = len(t.items)
	t.items = append(t.items, j)
}
func (t *timerHeap) Pop() interface{} {
	n := len(t.items)
	j := t.items[n-1]
	t.items = t.items[:n-1]
	delete(t.index, j.id)
	return j
}

func (t *timerHeap) add(j *job) {
	if _, ok := t.index[j.id]; ok {
		t.fix(j)
		return
	}
	heap.Push(t, j)
}

func (t *timerHeap) fix(j *job) {
	if i, ok := t.index[j.id]; ok {
		heap.Fix(t, i)
	}
}

func (t *timerHeap) remove(j *job) {
	if i, ok := t.index[j.id]; ok {
		heap.Remove(t, i)
	}
}

// peek returns the earliest job, or nil.
func (t *timerHeap) peek() *job {
	if len(t.items) == 0 {
		return nil
	}
	return t.items[0]
}
