package jobq

import "sync"

// Clock is the only source of time for a Queue. Times are integer milliseconds
// since an arbitrary epoch. A Clock may also announce that time moved: the Queue
// subscribes with OnAdvance and re-examines its timers when called.
type Clock interface {
	// Now returns the current time in milliseconds.
	Now() int64
	// OnAdvance registers fn to be called (without any Clock lock held) every
	// time the clock moves forward. It returns a function that unregisters fn.
	OnAdvance(fn func()) (cancel func())
}

// FakeClock is a manually driven Clock for tests and for the command-line tool.
type FakeClock struct {
	mu        sync.Mutex
	now       int64
	nextID    int
	listeners map[int]func()
}

// NewFakeClock returns a FakeClock reading start.
func NewFakeClock(start int64) *FakeClock {
	return &FakeClock{now: start, listeners: map[int]func(){}}
}

// Now implements Clock.
func (c *FakeClock) Now() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by ms milliseconds (ms < 0 is treated as 0)
// and then calls every listener, in registration order.
func (c *FakeClock) Advance(ms int64) {
	c.mu.Lock()
	if ms > 0 {
		c.now += ms
	}
	fns := c.snapshot()
	c.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

// Set moves the clock to t if t is later than the current reading.
func (c *FakeClock) Set(t int64) {
	c.mu.Lock()
	if t > c.now {
		c.now = t
	}
	fns := c.snapshot()
	c.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
}

func (c *FakeClock) snapshot() []func() {
	ids := make([]int, 0, len(c.listeners))
	for id := range c.listeners {
		ids = append(ids, id)
	}
	sortInts(ids)
	fns := make([]func(), 0, len(ids))
	for _, id := range ids {
		fns = append(fns, c.listeners[id])
	}
	return fns
}

// OnAdvance implements Clock.
func (c *FakeClock) OnAdvance(fn func()) func() {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.nextID
	c.nextID++
	c.listeners[id] = fn
	return func() {
		c.mu.Lock()
		delete(c.listeners, id)
		c.mu.Unlock()
	}
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
