package jobq

import (
	"sort"
	"sync"
)

// Queue is a persistent priority job queue with leases. All methods are safe
// for concurrent use.
type Queue struct {
	mu        sync.Mutex
	cond      *sync.Cond
	clock     Clock
	opts      Options
	jobs      map[int64]*job
	ready     readyHeap
	scheduled *timerHeap // by readyAt
	leases    *timerHeap // by deadline
	lastID    int64
	lastToken int64
	journal   *journal
	waiting   int
	closed    bool
	unsub     func()
}

func newQueue(clock Clock, opts Options) (*Queue, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	q := &Queue{
		clock:     clock,
		opts:      o,
		jobs:      map[int64]*job{},
		scheduled: newTimerHeap(func(j *job) int64 { return j.readyAt }),
		leases:    newTimerHeap(func(j *job) int64 { return j.deadline }),
	}
	q.cond = sync.NewCond(&q.mu)
	return q, nil
}

// New returns an in-memory queue without a journal.
func New(clock Clock, opts Options) (*Queue, error) {
	q, err := newQueue(clock, opts)
	if err != nil {
		return nil, err
	}
	q.unsub = clock.OnAdvance(q.onAdvance)
	return q, nil
}

// Close releases the journal. Blocked Reserve calls return ErrClosed.
func (q *Queue) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return nil
	}
	q.closed = true
	if q.unsub != nil {
		q.unsub()
	}
	q.cond.Broadcast()
	if q.journal != nil {
		return q.journal.close()
	}
	return nil
}

var errClosed = errf(ErrClosed, "jobq: queue closed")

// begin locks the queue and brings its timers up to the clock.
func (q *Queue) begin() (int64, error) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return 0, errClosed
	}
	now := q.clock.Now()
	q.advance(now)
	return now, nil
}

// commit journals r and applies it.
func (q *Queue) commit(r record) error {
	if q.journal != nil {
		if err := q.journal.append(r); err != nil {
			return err
		}
	}
	q.apply(r)
	return nil
}

// Enqueue adds a job and returns its id.
func (q *Queue) Enqueue(payload []byte, eo EnqueueOptions) (int64, error) {
	now, err := q.begin()
	if err != nil {
		return 0, err
	}
	defer q.mu.Unlock()
	if len(payload) > MaxPayload {
		return 0, errf(ErrInvalid, "jobq: payload of %d bytes exceeds %d", len(payload), MaxPayload)
	}
	if eo.Priority < MinPriority || eo.Priority > MaxPriority {
		return 0, errf(ErrInvalid, "jobq: priority %d out of range [%d, %d]", eo.Priority, MinPriority, MaxPriority)
	}
	if eo.DelayMS < 0 || eo.DelayMS > maxDuration {
		return 0, errf(ErrInvalid, "jobq: delay %d ms out of range", eo.DelayMS)
	}
	r := record{op: opEnqueue, id: q.lastID + 1, at: now, priority: eo.Priority,
		readyAt: now + eo.DelayMS, payload: append([]byte{}, payload...)}
	if err := q.commit(r); err != nil {
		return 0, err
	}
	if eo.DelayMS == 0 {
		q.cond.Broadcast()
	}
	return r.id, nil
}

const maxDuration = 1<<31 - 1

// Get returns a snapshot of job id.
func (q *Queue) Get(id int64) (JobInfo, error) {
	if _, err := q.begin(); err != nil {
		return JobInfo{}, err
	}
	defer q.mu.Unlock()
	j, ok := q.jobs[id]
	if !ok {
		return JobInfo{}, notFound(id)
	}
	return j.info(), nil
}

// List returns a snapshot of every job, in increasing id order.
func (q *Queue) List() []JobInfo {
	if _, err := q.begin(); err != nil {
		return nil
	}
	defer q.mu.Unlock()
	out := make([]JobInfo, 0, len(q.jobs))
	for _, j := range q.jobs {
		out = append(out, j.info())
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ID < out[b].ID })
	return out
}

// Stats counts jobs by state.
func (q *Queue) Stats() Stats {
	var s Stats
	if _, err := q.begin(); err != nil {
		return s
	}
	defer q.mu.Unlock()
	for _, j := range q.jobs {
		switch j.state {
		case Scheduled:
			s.Scheduled++
		case Ready:
			s.Ready++
		case Leased:
			s.Leased++
		case Done:
			s.Done++
		case Dead:
			s.Dead++
		case Canceled:
			s.Canceled++
		}
	}
	return s
}

// Waiting is the number of Reserve calls currently blocked.
func (q *Queue) Waiting() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.waiting
}

// Cancel cancels a job that is not final.
func (q *Queue) Cancel(id int64) error {
	now, err := q.begin()
	if err != nil {
		return err
	}
	defer q.mu.Unlock()
	j, ok := q.jobs[id]
	if !ok {
		return notFound(id)
	}
	if j.state.Final() {
		return alreadyFinal(id, j.state)
	}
	return q.commit(record{op: opCancel, id: id, at: now})
}

// apply performs one record's transition. The record has been validated.
func (q *Queue) apply(r record) {
	switch r.op {
	case opEnqueue:
		j := &job{id: r.id, priority: r.priority, payload: r.payload, readyAt: r.readyAt, heapIndex: -1}
		q.jobs[r.id] = j
		if r.id > q.lastID {
			q.lastID = r.id
		}
		if j.readyAt <= r.at {
			j.state = Ready
			q.ready.add(j)
		} else {
			j.state = Scheduled
			q.scheduled.add(j)
		}
	case opReserve:
		j := q.jobs[r.id]
		q.ready.remove(j)
		j.state = Leased
		j.attempts++
		j.token = r.token
		j.worker = r.worker
		j.deadline = r.deadline
		q.leases.add(j)
		if r.token > q.lastToken {
			q.lastToken = r.token
		}
	case opAck:
		j := q.jobs[r.id]
		q.leases.remove(j)
		j.state = Done
		q.clearLease(j)
	case opNack:
		j := q.jobs[r.id]
		q.leases.remove(j)
		q.clearLease(j)
		j.lastError = r.reason
		q.retry(j, r.at, r.at)
	case opExtend:
		j := q.jobs[r.id]
		j.deadline = r.deadline
		q.leases.fix(j)
	case opCancel:
		j := q.jobs[r.id]
		q.ready.remove(j)
		q.scheduled.remove(j)
		q.leases.remove(j)
		q.clearLease(j)
		j.state = Canceled
	}
}

func (q *Queue) clearLease(j *job) {
	j.token, j.worker, j.deadline = 0, "", 0
}

// retry moves a job whose attempt failed at time failedAt either to Dead (no
// attempts left) or back to Scheduled/Ready after its backoff. now is the
// current time, used only to decide between Scheduled and Ready.
func (q *Queue) retry(j *job, failedAt, now int64) {
	if j.attempts >= q.opts.MaxAttempts {
		j.state = Dead
		return
	}
	j.readyAt = failedAt + Backoff(j.attempts, q.opts.BackoffBaseMS, q.opts.BackoffMaxMS)
	if j.readyAt <= now {
		j.state = Ready
		q.ready.add(j)
	} else {
		j.state = Scheduled
		q.scheduled.add(j)
	}
}
