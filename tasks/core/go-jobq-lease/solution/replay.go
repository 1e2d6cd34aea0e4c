package jobq

import (
	"fmt"
	"os"
	"strings"
)

// Open opens (creating if needed) the journal at path, replays it and returns
// a queue whose state is exactly the state of the queue that wrote it.
func Open(path string, clock Clock, opts Options) (*Queue, error) {
	q, err := newQueue(clock, opts)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("jobq: read journal: %w", err)
	}
	keep, err := q.replay(string(data))
	if err != nil {
		return nil, err
	}
	if keep < len(data) {
		if err := os.Truncate(path, int64(keep)); err != nil {
			return nil, fmt.Errorf("jobq: truncate journal: %w", err)
		}
	}
	jl, err := openJournal(path)
	if err != nil {
		return nil, err
	}
	q.journal = jl
	q.unsub = clock.OnAdvance(q.onAdvance)
	return q, nil
}

// replay applies every record of data and returns the length of the valid
// prefix (a torn last line is dropped).
func (q *Queue) replay(data string) (int, error) {
	off := 0
	lineNo := 0
	var lastAt int64
	for off < len(data) {
		lineNo++
		nl := strings.IndexByte(data[off:], '\n')
		if nl < 0 {
			return off, nil // torn: no newline
		}
		line := data[off : off+nl]
		last := off+nl+1 == len(data)
		r, err := parseLine(line)
		if err != nil {
			if last {
				return off, nil // torn last line
			}
			return 0, errf(ErrCorrupt, "jobq: journal corrupt at line %d", lineNo)
		}
		if r.at < lastAt {
			return 0, errf(ErrCorrupt, "jobq: journal corrupt at line %d", lineNo)
		}
		lastAt = r.at
		q.advance(r.at)
		if err := q.check(r); err != nil {
			return 0, errf(ErrCorrupt, "jobq: journal corrupt at line %d", lineNo)
		}
		q.apply(r)
		off += nl + 1
	}
	return off, nil
}

// check reports whether r is a transition the live queue could have made.
func (q *Queue) check(r record) error {
	if r.op == opEnqueue {
		if r.id != q.lastID+1 || r.priority < MinPriority || r.priority > MaxPriority ||
			r.readyAt < r.at || len(r.payload) > MaxPayload {
			return fmt.Errorf("bad enqueue")
		}
		return nil
	}
	j, ok := q.jobs[r.id]
	if !ok {
		return fmt.Errorf("unknown job")
	}
	switch r.op {
	case opReserve:
		if j.state != Ready || r.token != q.lastToken+1 || r.deadline <= r.at || r.worker == "" {
			return fmt.Errorf("bad reserve")
		}
	case opAck, opNack, opExtend:
		if j.state != Leased || j.token != r.token {
			return fmt.Errorf("lease not held")
		}
		if r.op == opExtend && r.deadline <= r.at {
			return fmt.Errorf("bad extend")
		}
	case opCancel:
		if j.state.Final() {
			return fmt.Errorf("final")
		}
	}
	return nil
}
