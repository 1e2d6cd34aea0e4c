package jobq

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

func newTestQueue(t *testing.T, o Options) (*Queue, *FakeClock) {
	t.Helper()
	c := NewFakeClock(0)
	q, err := New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q, c
}

func TestPriorityOrder(t *testing.T) {
	q, _ := newTestQueue(t, Options{})
	for _, p := range []int{1, 9, -4, 3} {
		if _, err := q.Enqueue([]byte("job"), EnqueueOptions{Priority: p}); err != nil {
			t.Fatal(err)
		}
	}
	var got []int64
	for {
		l, err := q.TryReserve("w")
		if errors.Is(err, ErrEmpty) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, l.ID)
	}
	want := []int64{2, 4, 1, 3}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestAckAndStats(t *testing.T) {
	q, _ := newTestQueue(t, Options{})
	id, _ := q.Enqueue([]byte("hello"), EnqueueOptions{})
	l, err := q.TryReserve("w1")
	if err != nil || l.ID != id || string(l.Payload) != "hello" || l.Attempt != 1 {
		t.Fatalf("%+v %v", l, err)
	}
	if err := q.Ack(l.ID, l.Token); err != nil {
		t.Fatal(err)
	}
	if st := q.Stats(); st != (Stats{Done: 1}) {
		t.Fatalf("%+v", st)
	}
}

// The report: a worker whose lease ran out acked late and completed the job
// that a second worker had been given in the meantime.
func TestLateAckAfterRedelivery(t *testing.T) {
	q, c := newTestQueue(t, Options{LeaseMS: 1000, NoBackoff: true})
	q.Enqueue([]byte("resize image 42"), EnqueueOptions{})
	a, _ := q.TryReserve("worker-a")
	c.Advance(1000)
	b, err := q.TryReserve("worker-b")
	if err != nil || b.ID != a.ID {
		t.Fatalf("job was not redelivered after its lease expired: %+v %v", b, err)
	}
	if err := q.Ack(a.ID, a.Token); !errors.Is(err, ErrLeaseLost) {
		t.Fatalf("late ack by worker-a: %v, want ErrLeaseLost", err)
	}
	if in, _ := q.Get(a.ID); in.State != Leased || in.Worker != "worker-b" {
		t.Fatalf("job after late ack: %+v", in)
	}
}

// The report: MaxAttempts 3, but a job that always fails ran 4 times.
func TestMaxAttempts(t *testing.T) {
	q, _ := newTestQueue(t, Options{MaxAttempts: 3, NoBackoff: true})
	q.Enqueue([]byte("always fails"), EnqueueOptions{})
	runs := 0
	for runs < 10 {
		l, err := q.TryReserve("w")
		if err != nil {
			break
		}
		runs++
		q.Nack(l.ID, l.Token, "boom")
	}
	if in, _ := q.Get(1); runs != 3 || in.State != Dead {
		t.Fatalf("ran %d times, state %v; want 3 runs then dead", runs, in.State)
	}
}

// The report: an idle worker blocked in Reserve never picked up a job whose
// lease had expired.
func TestReserveWakesOnExpiry(t *testing.T) {
	q, c := newTestQueue(t, Options{LeaseMS: 500, NoBackoff: true})
	q.Enqueue([]byte("x"), EnqueueOptions{})
	q.TryReserve("crashed-worker")
	got := make(chan Lease, 1)
	go func() {
		l, err := q.Reserve(context.Background(), "idle-worker")
		if err == nil {
			got <- l
		}
	}()
	for q.Waiting() != 1 {
		time.Sleep(time.Millisecond)
	}
	c.Advance(500)
	select {
	case l := <-got:
		if l.ID != 1 || l.Attempt != 2 {
			t.Fatalf("%+v", l)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("idle worker was never woken")
	}
}

func TestJournalReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobs.log")
	c := NewFakeClock(0)
	q, err := Open(path, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	q.Enqueue([]byte("a"), EnqueueOptions{Priority: 2})
	q.Enqueue([]byte("b"), EnqueueOptions{DelayMS: 100})
	l, _ := q.TryReserve("w")
	q.Ack(l.ID, l.Token)
	q.Close()
	q2, err := Open(path, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q2.Close()
	if st := q2.Stats(); st != (Stats{Done: 1, Scheduled: 1}) {
		t.Fatalf("after reopen: %+v", st)
	}
}
