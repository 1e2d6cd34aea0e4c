package jobq

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustQ(t *testing.T, c *FakeClock, o Options) *Queue {
	t.Helper()
	q, err := New(c, o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { q.Close() })
	return q
}

func enq(t *testing.T, q *Queue, p string, prio int, delay int64) int64 {
	t.Helper()
	id, err := q.Enqueue([]byte(p), EnqueueOptions{Priority: prio, DelayMS: delay})
	if err != nil {
		t.Fatalf("Enqueue(%q): %v", p, err)
	}
	return id
}

func res(t *testing.T, q *Queue, w string) Lease {
	t.Helper()
	l, err := q.TryReserve(w)
	if err != nil {
		t.Fatalf("TryReserve(%s): %v", w, err)
	}
	return l
}

func wantErr(t *testing.T, err, kind error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error %q, got nil", msg)
	}
	if !errors.Is(err, kind) {
		t.Fatalf("error %q does not wrap %v", err, kind)
	}
	if err.Error() != msg {
		t.Fatalf("error text %q, want %q", err.Error(), msg)
	}
}

func get(t *testing.T, q *Queue, id int64) JobInfo {
	t.Helper()
	in, err := q.Get(id)
	if err != nil {
		t.Fatalf("Get(%d): %v", id, err)
	}
	return in
}

func drainIDs(t *testing.T, q *Queue) []int64 {
	t.Helper()
	var ids []int64
	for {
		l, err := q.TryReserve("w")
		if errors.Is(err, ErrEmpty) {
			return ids
		}
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
}

func TestHiddenPriorityThenFIFO(t *testing.T) {
	c := NewFakeClock(1000)
	q := mustQ(t, c, Options{})
	prios := []int{0, 5, 0, -3, 5, 100, -100, 0, 5, 1, 1, 0}
	for i, p := range prios {
		enq(t, q, fmt.Sprint("j", i), p, 0)
	}
	got := drainIDs(t, q)
	want := []int64{6, 2, 5, 9, 10, 11, 1, 3, 8, 12, 4, 7}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestHiddenFIFOManySameTime(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	for i := 0; i < 300; i++ {
		enq(t, q, "x", i%3, 0)
	}
	got := drainIDs(t, q)
	var want []int64
	for p := 2; p >= 0; p-- {
		for i := 0; i < 300; i++ {
			if i%3 == p {
				want = append(want, int64(i+1))
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestHiddenReadyAtOrdersBeforeID(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	enq(t, q, "a", 0, 100) // ready at 100
	enq(t, q, "b", 0, 50)  // ready at 50
	enq(t, q, "c", 0, 100) // ready at 100
	c.Advance(40)
	enq(t, q, "d", 0, 20) // ready at 60
	c.Advance(200)
	enq(t, q, "e", 1, 0)
	got := drainIDs(t, q)
	want := []int64{5, 2, 4, 1, 3}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestHiddenRetriedJobOrderedByNewReadyAt(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{BackoffBaseMS: 100, BackoffMaxMS: 1000})
	enq(t, q, "a", 0, 0)
	l := res(t, q, "w")
	if err := q.Nack(l.ID, l.Token, "boom"); err != nil {
		t.Fatal(err)
	}
	// job 1 is ready again at 100; job 2 became ready at 50
	c.Advance(50)
	enq(t, q, "b", 0, 0)
	c.Advance(100)
	got := drainIDs(t, q)
	if !reflect.DeepEqual(got, []int64{2, 1}) {
		t.Fatalf("order %v, want [2 1]", got)
	}
}

func TestHiddenScheduledBoundary(t *testing.T) {
	c := NewFakeClock(10)
	q := mustQ(t, c, Options{})
	id := enq(t, q, "a", 0, 5)
	if in := get(t, q, id); in.State != Scheduled || in.ReadyAt != 15 {
		t.Fatalf("got %+v", in)
	}
	c.Advance(4)
	if _, err := q.TryReserve("w"); !errors.Is(err, ErrEmpty) {
		t.Fatalf("reserved before ready: %v", err)
	}
	wantErr(t, func() error { _, err := q.TryReserve("w"); return err }(), ErrEmpty, "jobq: no job ready")
	c.Advance(1)
	if in := get(t, q, id); in.State != Ready {
		t.Fatalf("at readyAt state %v", in.State)
	}
	l := res(t, q, "w")
	if l.ID != id || l.Attempt != 1 || l.Token != 1 || l.Deadline != 15+DefaultLeaseMS {
		t.Fatalf("lease %+v", l)
	}
}

func TestHiddenLeaseExpiresAtDeadline(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 100})
	enq(t, q, "a", 0, 0)
	l := res(t, q, "w1")
	c.Advance(99)
	if in := get(t, q, 1); in.State != Leased || in.Deadline != 100 || in.Worker != "w1" || in.Token != l.Token {
		t.Fatalf("before deadline %+v", in)
	}
	c.Advance(1)
	wantErr(t, q.Ack(1, l.Token), ErrLeaseLost, "jobq: lease 1 on job 1 is not held")
	in := get(t, q, 1)
	if in.State != Scheduled || in.LastError != "lease expired" || in.Token != 0 || in.Worker != "" || in.Deadline != 0 {
		t.Fatalf("after deadline %+v", in)
	}
}

func TestHiddenStaleAckAfterRedelivery(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 100, NoBackoff: true})
	enq(t, q, "a", 0, 0)
	l1 := res(t, q, "w1")
	c.Advance(150)
	l2 := res(t, q, "w2")
	if l2.ID != 1 || l2.Token != 2 || l2.Attempt != 2 || l2.Deadline != 250 {
		t.Fatalf("redelivery %+v", l2)
	}
	wantErr(t, q.Ack(1, l1.Token), ErrLeaseLost, "jobq: lease 1 on job 1 is not held")
	wantErr(t, q.Nack(1, l1.Token, "x"), ErrLeaseLost, "jobq: lease 1 on job 1 is not held")
	wantErr(t, q.Extend(1, l1.Token, 10), ErrLeaseLost, "jobq: lease 1 on job 1 is not held")
	if in := get(t, q, 1); in.State != Leased || in.Worker != "w2" {
		t.Fatalf("stale ack changed job: %+v", in)
	}
	if err := q.Ack(1, l2.Token); err != nil {
		t.Fatal(err)
	}
	if in := get(t, q, 1); in.State != Done {
		t.Fatalf("%+v", in)
	}
	wantErr(t, q.Ack(1, l2.Token), ErrLeaseLost, "jobq: lease 2 on job 1 is not held")
}

func TestHiddenWrongTokenWhileHeld(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	enq(t, q, "a", 0, 0)
	enq(t, q, "b", 0, 0)
	l1 := res(t, q, "w")
	l2 := res(t, q, "w")
	wantErr(t, q.Ack(l1.ID, l2.Token), ErrLeaseLost, "jobq: lease 2 on job 1 is not held")
	wantErr(t, q.Ack(9, 1), ErrNotFound, "jobq: job 9 not found")
	if get(t, q, 1).State != Leased {
		t.Fatal("job 1 changed")
	}
}

func TestHiddenExpiryUsesDeadlineNotObservationTime(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 100, BackoffBaseMS: 1000, BackoffMaxMS: 8000})
	enq(t, q, "a", 0, 0)
	res(t, q, "w")
	c.Advance(700) // expired at 100, ready again at 1100
	in := get(t, q, 1)
	if in.State != Scheduled || in.ReadyAt != 1100 || in.Attempts != 1 {
		t.Fatalf("%+v", in)
	}
	c.Advance(10000) // 10700
	l := res(t, q, "w")
	if l.Attempt != 2 || l.Deadline != 10800 {
		t.Fatalf("%+v", l)
	}
	c.Advance(100) // expired at 10800, backoff 2000
	if in := get(t, q, 1); in.ReadyAt != 12800 || in.State != Scheduled {
		t.Fatalf("%+v", in)
	}
}

func TestHiddenExpiryDeadLetters(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 10, MaxAttempts: 2, NoBackoff: true})
	enq(t, q, "a", 0, 0)
	res(t, q, "w")
	c.Advance(10)
	res(t, q, "w")
	c.Advance(10)
	in := get(t, q, 1)
	if in.State != Dead || in.Attempts != 2 || in.LastError != "lease expired" {
		t.Fatalf("%+v", in)
	}
	if _, err := q.TryReserve("w"); !errors.Is(err, ErrEmpty) {
		t.Fatalf("dead job delivered: %v", err)
	}
	st := q.Stats()
	if st != (Stats{Dead: 1}) || st.Total() != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestHiddenMaxAttemptsExact(t *testing.T) {
	for _, max := range []int{1, 2, 3, 7} {
		c := NewFakeClock(0)
		q := mustQ(t, c, Options{MaxAttempts: max, NoBackoff: true})
		enq(t, q, "a", 0, 0)
		runs := 0
		for {
			l, err := q.TryReserve("w")
			if errors.Is(err, ErrEmpty) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			runs++
			if l.Attempt != runs {
				t.Fatalf("attempt %d, want %d", l.Attempt, runs)
			}
			if err := q.Nack(l.ID, l.Token, fmt.Sprint("fail ", runs)); err != nil {
				t.Fatal(err)
			}
			if runs > max+2 {
				break
			}
		}
		in := get(t, q, 1)
		if runs != max || in.State != Dead || in.Attempts != max || in.LastError != fmt.Sprint("fail ", max) {
			t.Fatalf("max %d: ran %d times, %+v", max, runs, in)
		}
	}
}

func TestHiddenBackoffFunction(t *testing.T) {
	cases := []struct {
		n         int
		base, max int64
		want      int64
	}{
		{1, 1000, 60000, 1000}, {2, 1000, 60000, 2000}, {6, 1000, 60000, 32000}, {7, 1000, 60000, 60000},
		{0, 1000, 60000, 0}, {1, 0, 0, 0}, {5, 0, 100, 0}, {1, 7, 7, 7}, {3, 7, 20, 20},
		{63, 1, 1 << 62, 1 << 62}, {64, 1, 1 << 62, 1 << 62}, {65, 3, 1<<63 - 1, 1<<63 - 1},
		{200, 1000, 60000, 60000}, {1000, 1 << 40, 1 << 50, 1 << 50}, {62, 1, 1<<63 - 1, 1 << 61},
		{30, 5, 1<<63 - 1, 5 << 29},
	}
	for _, tc := range cases {
		if got := Backoff(tc.n, tc.base, tc.max); got != tc.want {
			t.Errorf("Backoff(%d, %d, %d) = %d, want %d", tc.n, tc.base, tc.max, got, tc.want)
		}
	}
}

func TestHiddenBackoffManyAttemptsInQueue(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{MaxAttempts: 100, BackoffBaseMS: 1000, BackoffMaxMS: 5000})
	enq(t, q, "a", 0, 0)
	for i := 1; i <= 99; i++ {
		l := res(t, q, "w")
		if err := q.Nack(l.ID, l.Token, "x"); err != nil {
			t.Fatal(err)
		}
		in := get(t, q, 1)
		want := c.Now() + Backoff(i, 1000, 5000)
		if in.ReadyAt != want || in.State != Scheduled {
			t.Fatalf("attempt %d: %+v, want ready at %d", i, in, want)
		}
		c.Advance(in.ReadyAt - c.Now())
	}
	l := res(t, q, "w")
	q.Nack(l.ID, l.Token, "x")
	if get(t, q, 1).State != Dead {
		t.Fatal("not dead after 100 attempts")
	}
}

func TestHiddenCancel(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	enq(t, q, "a", 0, 0)
	enq(t, q, "b", 0, 0)
	enq(t, q, "c", 0, 500)
	enq(t, q, "d", 0, 0)
	if err := q.Cancel(1); err != nil {
		t.Fatal(err)
	}
	if err := q.Cancel(3); err != nil {
		t.Fatal(err)
	}
	l := res(t, q, "w")
	if l.ID != 2 {
		t.Fatalf("got job %d, want 2 (1 is canceled)", l.ID)
	}
	if err := q.Cancel(2); err != nil {
		t.Fatal(err)
	}
	wantErr(t, q.Ack(2, l.Token), ErrLeaseLost, "jobq: lease 1 on job 2 is not held")
	c.Advance(1000)
	if got := drainIDs(t, q); !reflect.DeepEqual(got, []int64{4}) {
		t.Fatalf("delivered %v, want [4]", got)
	}
	q.Ack(4, 2)
	wantErr(t, q.Cancel(4), ErrFinal, "jobq: job 4 is already done")
	wantErr(t, q.Cancel(1), ErrFinal, "jobq: job 1 is already canceled")
	wantErr(t, q.Cancel(77), ErrNotFound, "jobq: job 77 not found")
	if st := q.Stats(); st != (Stats{Done: 1, Canceled: 3}) {
		t.Fatalf("%+v", st)
	}
	in := get(t, q, 2)
	if in.State != Canceled || in.Token != 0 || in.Worker != "" || in.Attempts != 1 {
		t.Fatalf("%+v", in)
	}
}

func TestHiddenCancelDeadIsFinal(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{MaxAttempts: 1})
	enq(t, q, "a", 0, 0)
	l := res(t, q, "w")
	q.Nack(l.ID, l.Token, "")
	wantErr(t, q.Cancel(1), ErrFinal, "jobq: job 1 is already dead")
	if in := get(t, q, 1); in.LastError != "" || in.State != Dead {
		t.Fatalf("%+v", in)
	}
}

func TestHiddenExtend(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 100})
	enq(t, q, "a", 0, 0)
	l := res(t, q, "w")
	c.Advance(60)
	if err := q.Extend(1, l.Token, 100); err != nil {
		t.Fatal(err)
	}
	if in := get(t, q, 1); in.Deadline != 160 {
		t.Fatalf("deadline %d, want 160", in.Deadline)
	}
	c.Advance(99)
	if err := q.Extend(1, l.Token, 5); err != nil {
		t.Fatal(err)
	}
	if in := get(t, q, 1); in.Deadline != 164 {
		t.Fatalf("deadline %d, want 164", in.Deadline)
	}
	wantErr(t, q.Extend(1, l.Token, 0), ErrInvalid, "jobq: extend 0 ms out of range")
	wantErr(t, q.Extend(1, l.Token, 1<<31), ErrInvalid, "jobq: extend 2147483648 ms out of range")
	c.Advance(5)
	wantErr(t, q.Extend(1, l.Token, 5), ErrLeaseLost, "jobq: lease 1 on job 1 is not held")
}

func TestHiddenValidation(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	_, err := q.Enqueue([]byte("x"), EnqueueOptions{Priority: 101})
	wantErr(t, err, ErrInvalid, "jobq: priority 101 out of range [-100, 100]")
	_, err = q.Enqueue([]byte("x"), EnqueueOptions{Priority: -101})
	wantErr(t, err, ErrInvalid, "jobq: priority -101 out of range [-100, 100]")
	_, err = q.Enqueue(make([]byte, MaxPayload+1), EnqueueOptions{})
	wantErr(t, err, ErrInvalid, "jobq: payload of 65537 bytes exceeds 65536")
	_, err = q.Enqueue([]byte("x"), EnqueueOptions{DelayMS: -1})
	wantErr(t, err, ErrInvalid, "jobq: delay -1 ms out of range")
	if id, err := q.Enqueue(make([]byte, MaxPayload), EnqueueOptions{Priority: 100, DelayMS: 1<<31 - 1}); err != nil || id != 1 {
		t.Fatalf("max payload: %d %v", id, err)
	}
	if id, err := q.Enqueue(nil, EnqueueOptions{Priority: -100}); err != nil || id != 2 {
		t.Fatalf("empty payload: %d %v", id, err)
	}
	_, err = q.TryReserve("")
	wantErr(t, err, ErrInvalid, "jobq: worker name must be 1 to 64 bytes")
	_, err = q.TryReserve(strings.Repeat("w", 65))
	wantErr(t, err, ErrInvalid, "jobq: worker name must be 1 to 64 bytes")
	l := res(t, q, strings.Repeat("w", 64))
	wantErr(t, q.Nack(l.ID, l.Token, strings.Repeat("r", 257)), ErrInvalid, "jobq: reason longer than 256 bytes")
	if err := q.Nack(l.ID, l.Token, strings.Repeat("r", 256)); err != nil {
		t.Fatal(err)
	}
	if _, err := New(c, Options{BackoffBaseMS: 10, BackoffMaxMS: 5}); !errors.Is(err, ErrInvalid) ||
		err.Error() != "jobq: backoff max 5 below base 10" {
		t.Fatalf("options: %v", err)
	}
	if st := q.Stats(); st.Total() != 2 {
		t.Fatalf("rejected calls changed the queue: %+v", st)
	}
	q.Close()
	_, err = q.Enqueue([]byte("x"), EnqueueOptions{})
	wantErr(t, err, ErrClosed, "jobq: queue closed")
	wantErr(t, q.Ack(1, 1), ErrClosed, "jobq: queue closed")
}

// ---- blocking Reserve ----

type result struct {
	l   Lease
	err error
}

func startReserve(q *Queue, ctx context.Context, w string) chan result {
	ch := make(chan result, 1)
	go func() {
		l, err := q.Reserve(ctx, w)
		ch <- result{l, err}
	}()
	return ch
}

func waitWaiting(t *testing.T, q *Queue, n int) {
	t.Helper()
	for i := 0; i < 20000; i++ {
		if q.Waiting() == n {
			return
		}
		time.Sleep(time.Millisecond / 2)
	}
	t.Fatalf("Waiting() = %d, want %d", q.Waiting(), n)
}

// expect waits for a blocked Reserve to return; a Reserve that never returns
// (a lost wakeup) fails the test after a generous 10 s.
func expect(t *testing.T, ch chan result) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("blocked Reserve was never woken")
	}
	return result{}
}

func TestHiddenWakeOnEnqueue(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	ch := startReserve(q, context.Background(), "w")
	waitWaiting(t, q, 1)
	enq(t, q, "a", 0, 0)
	r := expect(t, ch)
	if r.err != nil || r.l.ID != 1 || string(r.l.Payload) != "a" {
		t.Fatalf("%+v", r)
	}
	if q.Waiting() != 0 {
		t.Fatal("waiting count not restored")
	}
}

func TestHiddenWakeOnScheduledDue(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	enq(t, q, "a", 0, 100)
	ch := startReserve(q, context.Background(), "w")
	waitWaiting(t, q, 1)
	c.Advance(100)
	if r := expect(t, ch); r.err != nil || r.l.ID != 1 {
		t.Fatalf("%+v", r)
	}
}

func TestHiddenWakeOnLeaseExpiry(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 50, NoBackoff: true})
	enq(t, q, "a", 0, 0)
	l1 := res(t, q, "w1")
	ch := startReserve(q, context.Background(), "w2")
	waitWaiting(t, q, 1)
	c.Advance(50)
	r := expect(t, ch)
	if r.err != nil || r.l.ID != 1 || r.l.Token != l1.Token+1 || r.l.Attempt != 2 {
		t.Fatalf("%+v", r)
	}
}

func TestHiddenWakeOnExpiryWithBackoff(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{LeaseMS: 50, BackoffBaseMS: 30, BackoffMaxMS: 30})
	enq(t, q, "a", 0, 0)
	res(t, q, "w1")
	ch := startReserve(q, context.Background(), "w2")
	waitWaiting(t, q, 1)
	c.Advance(60) // expired at 50, ready at 80
	waitWaiting(t, q, 1)
	c.Advance(20)
	if r := expect(t, ch); r.err != nil || r.l.ID != 1 {
		t.Fatalf("%+v", r)
	}
}

func TestHiddenWakeOnImmediateRetry(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{NoBackoff: true})
	enq(t, q, "a", 0, 0)
	l := res(t, q, "w1")
	ch := startReserve(q, context.Background(), "w2")
	waitWaiting(t, q, 1)
	if err := q.Nack(l.ID, l.Token, "retry me"); err != nil {
		t.Fatal(err)
	}
	if r := expect(t, ch); r.err != nil || r.l.ID != 1 || r.l.Attempt != 2 {
		t.Fatalf("%+v", r)
	}
}

func TestHiddenReserveCancelAndClose(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	ch := startReserve(q, ctx, "w")
	waitWaiting(t, q, 1)
	cancel()
	if r := expect(t, ch); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("%+v", r)
	}
	enq(t, q, "a", 0, 0)
	if l, err := q.Reserve(ctx, "w"); err != nil || l.ID != 1 {
		t.Fatalf("done ctx with a ready job: %+v %v", l, err)
	}
	if _, err := q.Reserve(ctx, "w"); !errors.Is(err, context.Canceled) {
		t.Fatalf("done ctx, no job: %v", err)
	}
	ch2 := startReserve(q, context.Background(), "w")
	waitWaiting(t, q, 1)
	q.Close()
	r := expect(t, ch2)
	wantErr(t, r.err, ErrClosed, "jobq: queue closed")
}

func TestHiddenManyWaitersNoDoubleDelivery(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	const n = 16
	chans := make([]chan result, n)
	for i := range chans {
		chans[i] = startReserve(q, context.Background(), fmt.Sprint("w", i))
	}
	waitWaiting(t, q, n)
	for i := 0; i < n; i++ {
		enq(t, q, "x", 0, 0)
	}
	seen := map[int64]bool{}
	for _, ch := range chans {
		r := expect(t, ch)
		if r.err != nil || seen[r.l.ID] {
			t.Fatalf("%+v (seen %v)", r, seen)
		}
		seen[r.l.ID] = true
	}
}

func TestHiddenConcurrentWorkers(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	const n = 400
	for i := 0; i < n; i++ {
		enq(t, q, fmt.Sprint(i), i%7-3, 0)
	}
	var mu sync.Mutex
	got := map[int64]int{}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				l, err := q.TryReserve(fmt.Sprint("w", w))
				if err != nil {
					return
				}
				mu.Lock()
				got[l.ID]++
				mu.Unlock()
				if l.ID%5 == 0 && l.Attempt == 1 {
					q.Nack(l.ID, l.Token, "again")
					continue
				}
				q.Ack(l.ID, l.Token)
			}
		}(w)
	}
	wg.Wait()
	c.Advance(2000) // retries become ready
	for {
		l, err := q.TryReserve("z")
		if err != nil {
			break
		}
		got[l.ID]++
		q.Ack(l.ID, l.Token)
	}
	for id := int64(1); id <= n; id++ {
		want := 1
		if id%5 == 0 {
			want = 2
		}
		if got[id] != want {
			t.Fatalf("job %d delivered %d times, want %d", id, got[id], want)
		}
	}
	if st := q.Stats(); st.Done != n {
		t.Fatalf("%+v", st)
	}
}

// ---- journal ----

func openQ(t *testing.T, path string, c *FakeClock, o Options) *Queue {
	t.Helper()
	q, err := Open(path, c, o)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return q
}

func TestHiddenJournalExactBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(5)
	q := openQ(t, path, c, Options{LeaseMS: 100, BackoffBaseMS: 10, BackoffMaxMS: 10})
	enq(t, q, "hello world", 3, 0)
	enq(t, q, "", -2, 40)
	enq(t, q, "100%-done\n\t\xff~!", 0, 0)
	c.Advance(1)
	l := res(t, q, "worker one")
	q.Extend(l.ID, l.Token, 500)
	c.Advance(2)
	q.Nack(l.ID, l.Token, "disk-full")
	q.Cancel(2)
	l3 := res(t, q, "w")
	q.Ack(l3.ID, l3.Token)
	q.Close()
	data, _ := os.ReadFile(path)
	bodies := []string{
		"E 1 5 3 5 hello%20world",
		"E 2 5 -2 45 -",
		"E 3 5 0 5 100%25%2Ddone%0A%09%FF~!",
		"R 1 6 1 106 worker%20one",
		"X 1 6 1 506",
		"N 1 8 1 disk%2Dfull",
		"C 2 8",
		"R 3 8 2 108 w",
		"A 3 8 2",
	}
	var want strings.Builder
	for _, b := range bodies {
		want.WriteString(fmt.Sprintf("%08x %s\n", crc32.ChecksumIEEE([]byte(b)), b))
	}
	if string(data) != want.String() {
		t.Fatalf("journal:\n%s\nwant:\n%s", data, want.String())
	}
}

func TestHiddenPayloadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(0)
	q := openQ(t, path, c, Options{})
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	payloads := [][]byte{all, []byte("%41"), []byte("-"), {}, []byte("100%"), []byte("a b\nc"), []byte("%"), []byte("--"), []byte("%2D"), []byte("日本語")}
	for _, p := range payloads {
		if _, err := q.Enqueue(p, EnqueueOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	res(t, q, "w -%x")
	q.Close()
	q2 := openQ(t, path, c, Options{})
	defer q2.Close()
	for i, p := range payloads {
		in := get(t, q2, int64(i+1))
		if string(in.Payload) != string(p) {
			t.Fatalf("payload %d: %q, want %q", i+1, in.Payload, p)
		}
	}
	if in := get(t, q2, 1); in.Worker != "w -%x" {
		t.Fatalf("worker %q", in.Worker)
	}
}

func TestHiddenReopenTokensContinue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(0)
	q := openQ(t, path, c, Options{LeaseMS: 100, NoBackoff: true})
	enq(t, q, "a", 0, 0)
	enq(t, q, "b", 0, 0)
	l1 := res(t, q, "w")
	q.Ack(l1.ID, l1.Token)
	l2 := res(t, q, "w")
	c.Advance(100) // job 2's lease (token 2) expires
	q.Close()
	q2 := openQ(t, path, c, Options{LeaseMS: 100, NoBackoff: true})
	defer q2.Close()
	l := res(t, q2, "w")
	if l.ID != 2 || l.Token != 3 || l.Attempt != 2 {
		t.Fatalf("after reopen %+v", l)
	}
	wantErr(t, q2.Ack(2, l2.Token), ErrLeaseLost, "jobq: lease 2 on job 2 is not held")
	if id := enq(t, q2, "c", 0, 0); id != 3 {
		t.Fatalf("id %d", id)
	}
}

func TestHiddenReplayUsesRecordedTimes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(1000)
	o := Options{LeaseMS: 100, BackoffBaseMS: 500, BackoffMaxMS: 500}
	q := openQ(t, path, c, o)
	enq(t, q, "a", 0, 0)
	enq(t, q, "b", 0, 0)
	l := res(t, q, "w")
	c.Advance(10)
	q.Nack(l.ID, l.Token, "x") // ready at 1510
	res(t, q, "w")              // job 2, deadline 1110
	c.Advance(300)              // job 2 expired at 1110, ready at 1610
	if _, err := q.TryReserve("w"); !errors.Is(err, ErrEmpty) {
		t.Fatalf("reserved at 1310: %v", err)
	}
	before := q.List()
	q.Close()
	c2 := NewFakeClock(1310)
	q2 := openQ(t, path, c2, o)
	defer q2.Close()
	if after := q2.List(); !reflect.DeepEqual(before, after) {
		t.Fatalf("after reopen\n%+v\nwant\n%+v", after, before)
	}
	c3 := NewFakeClock(5000)
	data, _ := os.ReadFile(path)
	os.WriteFile(path+".copy", data, 0o644)
	q4 := openQ(t, path+".copy", c3, o)
	defer q4.Close()
	in1, in2 := get(t, q4, 1), get(t, q4, 2)
	if in1.ReadyAt != 1510 || in2.ReadyAt != 1610 || in1.State != Ready || in2.State != Ready {
		t.Fatalf("replayed at a later time: %+v %+v", in1, in2)
	}
}

func TestHiddenReplayExpiresBetweenRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(0)
	o := Options{LeaseMS: 100, MaxAttempts: 2, NoBackoff: true}
	q := openQ(t, path, c, o)
	enq(t, q, "a", 0, 0)
	res(t, q, "w1")
	c.Advance(250)
	l := res(t, q, "w2") // attempt 2, deadline 350
	c.Advance(10)
	q.Close()
	q2 := openQ(t, path, c, o)
	defer q2.Close()
	in := get(t, q2, 1)
	if in.State != Leased || in.Attempts != 2 || in.Token != l.Token || in.Deadline != 350 || in.Worker != "w2" || in.LastError != "lease expired" {
		t.Fatalf("%+v", in)
	}
	c.Advance(90)
	if in := get(t, q2, 1); in.State != Dead {
		t.Fatalf("%+v", in)
	}
}

func TestHiddenTornTail(t *testing.T) {
	for _, tail := range []string{"0000", "deadbeef E 3 0 0 0 x\n", "E 3 0 0 0 x", "zz\n"} {
		path := filepath.Join(t.TempDir(), "j.log")
		c := NewFakeClock(0)
		q := openQ(t, path, c, Options{})
		enq(t, q, "a", 0, 0)
		enq(t, q, "b", 0, 0)
		q.Close()
		good, _ := os.ReadFile(path)
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString(tail)
		f.Close()
		q2 := openQ(t, path, c, Options{})
		if st := q2.Stats(); st.Ready != 2 || st.Total() != 2 {
			t.Fatalf("tail %q: %+v", tail, st)
		}
		if data, _ := os.ReadFile(path); string(data) != string(good) {
			t.Fatalf("tail %q: torn tail not truncated: %q", tail, data)
		}
		if id := enq(t, q2, "c", 0, 0); id != 3 {
			t.Fatalf("id %d", id)
		}
		q2.Close()
		q3 := openQ(t, path, c, Options{})
		if in := get(t, q3, 3); string(in.Payload) != "c" {
			t.Fatalf("%+v", in)
		}
		q3.Close()
	}
}

func TestHiddenCorruptMiddle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.log")
	c := NewFakeClock(0)
	q := openQ(t, path, c, Options{})
	for i := 0; i < 4; i++ {
		enq(t, q, "abc", 0, 0)
	}
	q.Close()
	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(data), "\n")
	bad := strings.Replace(lines[2], "abc", "abd", 1)
	os.WriteFile(path, []byte(lines[0]+lines[1]+bad+lines[3]), 0o644)
	_, err := Open(path, c, Options{})
	wantErr(t, err, ErrCorrupt, "jobq: journal corrupt at line 3")
	if now, _ := os.ReadFile(path); string(now) != lines[0]+lines[1]+bad+lines[3] {
		t.Fatal("a corrupt journal was modified")
	}
	// a well-formed record that is not a possible transition is corruption too
	os.WriteFile(path, []byte(lines[0]+record{op: opAck, id: 1, at: 0, token: 1}.line()+lines[1]), 0o644)
	_, err = Open(path, c, Options{})
	wantErr(t, err, ErrCorrupt, "jobq: journal corrupt at line 2")
	os.WriteFile(path, []byte(lines[0]+lines[0]), 0o644)
	_, err = Open(path, c, Options{})
	wantErr(t, err, ErrCorrupt, "jobq: journal corrupt at line 2")
}

func TestHiddenValidationOrderAndNoIDConsumed(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	_, err := q.Enqueue(make([]byte, MaxPayload+5), EnqueueOptions{Priority: 500, DelayMS: -3})
	wantErr(t, err, ErrInvalid, "jobq: payload of 65541 bytes exceeds 65536")
	_, err = q.Enqueue([]byte("x"), EnqueueOptions{Priority: 500, DelayMS: -3})
	wantErr(t, err, ErrInvalid, "jobq: priority 500 out of range [-100, 100]")
	if id := enq(t, q, "ok", 0, 0); id != 1 {
		t.Fatalf("id %d after rejected calls, want 1", id)
	}
}

func TestHiddenPayloadIsCopied(t *testing.T) {
	c := NewFakeClock(0)
	q := mustQ(t, c, Options{})
	buf := []byte("original")
	if _, err := q.Enqueue(buf, EnqueueOptions{}); err != nil {
		t.Fatal(err)
	}
	copy(buf, "MUTATED!")
	in := get(t, q, 1)
	if string(in.Payload) != "original" {
		t.Fatalf("caller's slice aliased: %q", in.Payload)
	}
	in.Payload[0] = 'X'
	if got := get(t, q, 1); string(got.Payload) != "original" {
		t.Fatalf("JobInfo.Payload aliased: %q", got.Payload)
	}
	l := res(t, q, "w")
	l.Payload[0] = 'Y'
	if got := q.List(); string(got[0].Payload) != "original" {
		t.Fatalf("Lease.Payload aliased: %q", got[0].Payload)
	}
}

func TestHiddenCorruptNumbersAndTimes(t *testing.T) {
	crcl := func(b string) string { return fmt.Sprintf("%08x %s\n", crc32.ChecksumIEEE([]byte(b)), b) }
	good := crcl("E 1 5 0 5 a")
	cases := []struct {
		bad  string
		line int
	}{
		{crcl("E 02 5 0 5 b"), 2},
		{crcl("E 2 +5 0 5 b"), 2},
		{crcl("E 2 4 0 4 b"), 2},          // time goes backwards
		{crcl("E 2 5 0 5 %41"), 2},        // needless escape
		{crcl("E 2 5 0 5 a%2"), 2},        // short escape
		{crcl("E 2 5 0 5 a-b"), 2},        // unescaped '-'
		{crcl("E 2 5 0 5 %2d"), 2},        // lower-case hex
		{crcl("E 3 5 0 5 b"), 2},          // id gap
		{crcl("E 2 5 0 3 b"), 2},          // ready before enqueue
		{crcl("E 2 5 101 5 b"), 2},        // priority out of range
		{crcl("R 1 6 2 100 w"), 2},        // first token must be 1
		{crcl("R 1 6 1 100 w") + crcl("R 1 7 2 100 w"), 3}, // not ready
		{crcl("C 1 6") + crcl("C 1 7"), 3},                 // already final
		{crcl("X 1 6 1 100"), 2},                           // not leased
	}
	for _, p := range "bcdefghijk" {
		l := crcl("E 2 5 0 5 " + string(p))
		if up := strings.ToUpper(l[:8]); up != l[:8] {
			cases = append(cases, struct {
				bad  string
				line int
			}{up + l[8:], 2}) // upper-case checksum
			break
		}
	}
	for i, tc := range cases {
		path := filepath.Join(t.TempDir(), "j.log")
		content := good + tc.bad + crcl("E 9 9 0 9 z")
		os.WriteFile(path, []byte(content), 0o644)
		_, err := Open(path, NewFakeClock(100), Options{})
		if err == nil || !errors.Is(err, ErrCorrupt) || err.Error() != fmt.Sprintf("jobq: journal corrupt at line %d", tc.line) {
			t.Fatalf("case %d (%q): %v", i, tc.bad, err)
		}
		if data, _ := os.ReadFile(path); string(data) != content {
			t.Fatalf("case %d: corrupt journal modified", i)
		}
	}
}
