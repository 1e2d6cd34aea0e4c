package jobq

import (
	"fmt"
	"os"
)

// journal is the append-only write-ahead log of a Queue.
type journal struct {
	f *os.File
}

func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("jobq: open journal: %w", err)
	}
	return &journal{f: f}, nil
}

// append writes r as one line with one write call.
func (jl *journal) append(r record) error {
	if _, err := jl.f.WriteString(r.line()); err != nil {
		return fmt.Errorf("jobq: write journal: %w", err)
	}
	return nil
}

func (jl *journal) close() error { return jl.f.Close() }
