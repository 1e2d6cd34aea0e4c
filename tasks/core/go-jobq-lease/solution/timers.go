package jobq

// advance applies every time-driven transition due at or before now, in
// time order: leases whose deadline has come (now >= deadline) expire, and
// scheduled jobs whose ready time has come (now >= readyAt) become ready.
// It reports whether any job became ready. Time-driven transitions are not
// journaled: they follow from the journaled records and the clock.
func (q *Queue) advance(now int64) bool {
	became := false
	for {
		j := q.leases.peek()
		if j == nil || j.deadline > now {
			break
		}
		q.leases.remove(j)
		expiredAt := j.deadline
		q.clearLease(j)
		j.lastError = "lease expired"
		q.retry(j, expiredAt, now)
		if j.state == Ready {
			became = true
		}
	}
	for {
		j := q.scheduled.peek()
		if j == nil || j.readyAt > now {
			break
		}
		q.scheduled.remove(j)
		j.state = Ready
		q.ready.add(j)
		became = true
	}
	return became
}

// onAdvance is the Clock listener: it applies due transitions and wakes
// blocked Reserve calls if a job became ready.
func (q *Queue) onAdvance() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	if q.advance(q.clock.Now()) {
		q.cond.Broadcast()
	}
}
