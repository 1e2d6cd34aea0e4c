package jobq

import "context"

func checkWorker(worker string) error {
	if worker == "" || len(worker) > MaxWorkerLen {
		return errf(ErrInvalid, "jobq: worker name must be 1 to %d bytes", MaxWorkerLen)
	}
	return nil
}

// TryReserve leases the first ready job to worker, or fails with ErrEmpty.
func (q *Queue) TryReserve(worker string) (Lease, error) {
	now, err := q.begin()
	if err != nil {
		return Lease{}, err
	}
	defer q.mu.Unlock()
	if err := checkWorker(worker); err != nil {
		return Lease{}, err
	}
	return q.reserveLocked(now, worker)
}

func (q *Queue) reserveLocked(now int64, worker string) (Lease, error) {
	if q.ready.Len() == 0 {
		return Lease{}, errf(ErrEmpty, "jobq: no job ready")
	}
	j := q.ready[0]
	q.lastToken++
	r := record{op: opReserve, id: j.id, at: now, token: q.lastToken,
		deadline: now + q.opts.LeaseMS, worker: worker}
	if err := q.commit(r); err != nil {
		return Lease{}, err
	}
	return Lease{ID: j.id, Token: j.token, Attempt: j.attempts, Deadline: j.deadline,
		Payload: append([]byte{}, j.payload...)}, nil
}

// Reserve is TryReserve that blocks until a job is ready, ctx is done
// (returning ctx.Err()) or the queue is closed (ErrClosed).
func (q *Queue) Reserve(ctx context.Context, worker string) (Lease, error) {
	if err := checkWorker(worker); err != nil {
		return Lease{}, err
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-ctx.Done():
			q.mu.Lock()
			q.cond.Broadcast()
			q.mu.Unlock()
		case <-done:
		}
	}()
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		if q.closed {
			return Lease{}, errClosed
		}
		now := q.clock.Now()
		q.advance(now)
		if q.ready.Len() > 0 {
			return q.reserveLocked(now, worker)
		}
		if err := ctx.Err(); err != nil {
			return Lease{}, err
		}
		q.waiting++
		q.cond.Wait()
		q.waiting--
	}
}

// held returns the job if token is its current lease, else ErrLeaseLost.
func (q *Queue) held(id, token int64) (*job, error) {
	j, ok := q.jobs[id]
	if !ok {
		return nil, notFound(id)
	}
	if j.state != Leased {
		return nil, leaseLost(id, token)
	}
	return j, nil
}

// Ack completes a leased job.
func (q *Queue) Ack(id, token int64) error {
	now, err := q.begin()
	if err != nil {
		return err
	}
	defer q.mu.Unlock()
	if _, err := q.held(id, token); err != nil {
		return err
	}
	return q.commit(record{op: opAck, id: id, at: now, token: token})
}

// Nack reports a failed attempt; the job is retried after its backoff or
// dead-lettered if it has no attempts left.
func (q *Queue) Nack(id, token int64, reason string) error {
	now, err := q.begin()
	if err != nil {
		return err
	}
	defer q.mu.Unlock()
	if len(reason) > MaxReasonLen {
		return errf(ErrInvalid, "jobq: reason longer than %d bytes", MaxReasonLen)
	}
	if _, err := q.held(id, token); err != nil {
		return err
	}
	return q.commit(record{op: opNack, id: id, at: now, token: token, reason: reason})
}

// Extend pushes the lease deadline of a held lease back by ms.
func (q *Queue) Extend(id, token, ms int64) error {
	now, err := q.begin()
	if err != nil {
		return err
	}
	defer q.mu.Unlock()
	if ms <= 0 || ms > maxDuration {
		return errf(ErrInvalid, "jobq: extend %d ms out of range", ms)
	}
	j, err := q.held(id, token)
	if err != nil {
		return err
	}
	return q.commit(record{op: opExtend, id: id, at: now, token: token, deadline: j.deadline + ms})
}
