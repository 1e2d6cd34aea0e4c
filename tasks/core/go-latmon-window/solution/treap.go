package latmon

// treap is an order-statistic multiset of int64: a randomized balanced binary search tree
// where each node holds one distinct value, its multiplicity and the size of its subtree.
type treap struct {
	root *tnode
	rng  uint64
}

type tnode struct {
	val         int64
	prio        uint64
	cnt, size   int
	left, right *tnode
}

func newTreap(seed uint64) *treap { return &treap{rng: seed | 1} }

func (t *treap) next() uint64 {
	t.rng ^= t.rng << 13
	t.rng ^= t.rng >> 7
	t.rng ^= t.rng << 17
	return t.rng
}

func sz(n *tnode) int {
	if n == nil {
		return 0
	}
	return n.size
}

func (n *tnode) fix() { n.size = n.cnt + sz(n.left) + sz(n.right) }

func rotRight(n *tnode) *tnode {
	l := n.left
	n.left = l.right
	l.right = n
	n.fix()
	l.fix()
	return l
}

func rotLeft(n *tnode) *tnode {
	r := n.right
	n.right = r.left
	r.left = n
	n.fix()
	r.fix()
	return r
}

func (t *treap) insert(v int64) { t.root = t.ins(t.root, v) }

func (t *treap) ins(n *tnode, v int64) *tnode {
	if n == nil {
		return &tnode{val: v, prio: t.next(), cnt: 1, size: 1}
	}
	switch {
	case v == n.val:
		n.cnt++
	case v < n.val:
		n.left = t.ins(n.left, v)
		if n.left.prio > n.prio {
			n = rotRight(n)
		}
	default:
		n.right = t.ins(n.right, v)
		if n.right.prio > n.prio {
			n = rotLeft(n)
		}
	}
	n.fix()
	return n
}

func (t *treap) remove(v int64) { t.root = t.del(t.root, v) }

func (t *treap) del(n *tnode, v int64) *tnode {
	if n == nil {
		return nil
	}
	switch {
	case v < n.val:
		n.left = t.del(n.left, v)
	case v > n.val:
		n.right = t.del(n.right, v)
	case n.cnt > 1:
		n.cnt--
	default:
		return merge(n.left, n.right)
	}
	n.fix()
	return n
}

func merge(a, b *tnode) *tnode {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	if a.prio > b.prio {
		a.right = merge(a.right, b)
		a.fix()
		return a
	}
	b.left = merge(a, b.left)
	b.fix()
	return b
}

// kth returns the k-th smallest value, 1-based; 1 <= k <= size.
func (t *treap) kth(k int) int64 {
	n := t.root
	for {
		ls := sz(n.left)
		switch {
		case k <= ls:
			n = n.left
		case k <= ls+n.cnt:
			return n.val
		default:
			k -= ls + n.cnt
			n = n.right
		}
	}
}

// countLE returns how many values are <= v.
func (t *treap) countLE(v int64) int {
	c := 0
	for n := t.root; n != nil; {
		if v < n.val {
			n = n.left
		} else {
			c += sz(n.left) + n.cnt
			n = n.right
		}
	}
	return c
}
