package latmon

import (
	"math/rand"
	"syscall"
	"testing"
	"time"
)

// A reference window (a size-augmented treap, O(log n) per operation) run on the same workload in
// the same process, so the bound is relative to this machine's speed at this moment.

type htTNode struct {
	val         int64
	prio        uint64
	cnt, size   int
	left, right *htTNode
}

type htTreap struct {
	root *htTNode
	rng  uint64
}

func htSz(n *htTNode) int {
	if n == nil {
		return 0
	}
	return n.size
}

func (n *htTNode) fix() { n.size = n.cnt + htSz(n.left) + htSz(n.right) }

func (t *htTreap) rand() uint64 {
	t.rng ^= t.rng << 13
	t.rng ^= t.rng >> 7
	t.rng ^= t.rng << 17
	return t.rng
}

func (t *htTreap) ins(n *htTNode, v int64) *htTNode {
	if n == nil {
		return &htTNode{val: v, prio: t.rand(), cnt: 1, size: 1}
	}
	if v == n.val {
		n.cnt++
	} else if v < n.val {
		n.left = t.ins(n.left, v)
		if n.left.prio > n.prio {
			l := n.left
			n.left, l.right = l.right, n
			n.fix()
			n = l
		}
	} else {
		n.right = t.ins(n.right, v)
		if n.right.prio > n.prio {
			r := n.right
			n.right, r.left = r.left, n
			n.fix()
			n = r
		}
	}
	n.fix()
	return n
}

func htMerge(a, b *htTNode) *htTNode {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	if a.prio > b.prio {
		a.right = htMerge(a.right, b)
		a.fix()
		return a
	}
	b.left = htMerge(a, b.left)
	b.fix()
	return b
}

func (t *htTreap) del(n *htTNode, v int64) *htTNode {
	if v < n.val {
		n.left = t.del(n.left, v)
	} else if v > n.val {
		n.right = t.del(n.right, v)
	} else if n.cnt > 1 {
		n.cnt--
	} else {
		return htMerge(n.left, n.right)
	}
	n.fix()
	return n
}

type htRefWindow struct {
	span, latest int64
	fifo         []htModelObs
	head         int
	t            htTreap
}

func (w *htRefWindow) add(ts, v int64) {
	w.latest = ts
	for w.head < len(w.fifo) && w.fifo[w.head].ts <= ts-w.span {
		w.t.root = w.t.del(w.t.root, w.fifo[w.head].v)
		w.head++
	}
	w.fifo = append(w.fifo, htModelObs{ts, v})
	w.t.root = w.t.ins(w.t.root, v)
}

func (w *htRefWindow) quantile(p int) int64 {
	n := htSz(w.t.root)
	k := (p*n + 999) / 1000
	if k < 1 {
		k = 1
	}
	x := w.t.root
	for {
		ls := htSz(x.left)
		if k <= ls {
			x = x.left
		} else if k <= ls+x.cnt {
			return x.val
		} else {
			k -= ls + x.cnt
			x = x.right
		}
	}
}

func (w *htRefWindow) countAtMost(v int64) int {
	c := 0
	for x := w.t.root; x != nil; {
		if v < x.val {
			x = x.left
		} else {
			c += htSz(x.left) + x.cnt
			x = x.right
		}
	}
	return c
}

// htWorkload: about 300,000 adds with ~150,000 values in the window, two quantiles and a count after
// every add. Returns a checksum so the two implementations can be compared.
type htOps struct {
	ts, v []int64
	p     []int
}

func htMakeOps(seed int64) htOps {
	r := rand.New(rand.NewSource(seed))
	const n = 300000
	o := htOps{ts: make([]int64, n), v: make([]int64, n), p: make([]int, n)}
	ts := int64(1 << 40)
	for i := 0; i < n; i++ {
		ts += int64(r.Intn(3))
		o.ts[i] = ts
		o.v[i] = int64(r.ExpFloat64()*200) + int64(r.Intn(5))
		o.p[i] = r.Intn(1001)
	}
	return o
}

const htSpan = 150000

func htRunRef(o htOps) int64 {
	w := &htRefWindow{span: htSpan, t: htTreap{rng: 0x2545F4914F6CDD1D}}
	var sum int64
	for i := range o.ts {
		w.add(o.ts[i], o.v[i])
		sum += w.quantile(o.p[i])*3 + w.quantile(990) + int64(w.countAtMost(o.v[i]))
	}
	return sum
}

func htRunAgent(t *testing.T, o htOps) int64 {
	w, err := NewWindow(htSpan)
	if err != nil {
		t.Errorf("NewWindow: %v", err)
		return 0
	}
	var sum int64
	for i := range o.ts {
		if err := w.Add(o.ts[i], o.v[i]); err != nil {
			t.Errorf("Add: %v", err)
			return 0
		}
		a, err1 := w.Quantile(o.p[i])
		b, err2 := w.Quantile(990)
		if err1 != nil || err2 != nil {
			t.Errorf("Quantile: %v %v", err1, err2)
			return 0
		}
		sum += a*3 + b + int64(w.CountAtMost(o.v[i]))
	}
	return sum
}

// htCPU is the CPU time (user + system) this process has used so far.
func htCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZWindowPerformance(t *testing.T) {
	o := htMakeOps(424242)
	best := time.Duration(1 << 62)
	var want int64
	for i := 0; i < 3; i++ {
		start := htCPU()
		want = htRunRef(o)
		if d := htCPU() - start; d < best {
			best = d
		}
	}
	limit := 3*best + 200*time.Millisecond
	t.Logf("reference: %v CPU; limit %v", best, limit)
	for attempt := 0; attempt < 2; attempt++ {
		start := htCPU()
		done := make(chan int64, 1)
		go func() { done <- htRunAgent(t, o) }()
		var got int64
		finished := false
		for !finished {
			select {
			case got = <-done:
				finished = true
			case <-time.After(50 * time.Millisecond):
			}
			if !finished && htCPU()-start > 2*limit+time.Second {
				t.Fatalf("the workload used more than %v of CPU without finishing (limit %v)", htCPU()-start, limit)
			}
		}
		used := htCPU() - start
		if got != want {
			t.Fatalf("workload checksum %d, want %d (wrong results)", got, want)
		}
		t.Logf("attempt %d: %v CPU", attempt, used)
		if used <= limit {
			return
		}
	}
	t.Fatalf("the workload took more than %v of CPU twice (3x the reference plus 200ms)", limit)
}
