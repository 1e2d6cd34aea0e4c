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
	if _, err := q.replay(string(data)); err != nil {
		return nil, err
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
	for off < len(data) {
		lineNo++
		nl := strings.IndexByte(data[off:], '\n')
		if nl < 0 {
			return off, nil // torn: no newline
		}
		line := data[off : off+nl]
		r, err := parseLine(line)
		if err != nil {
			return off, nil // torn tail
		}
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
		if r.priority < MinPriority || r.priority > MaxPriority || len(r.payload) > MaxPayload {
			return fmt.Errorf("bad enqueue")
		}
		return nil
	}
	if _, ok := q.jobs[r.id]; !ok {
		return fmt.Errorf("unknown job")
	}
	return nil
}
