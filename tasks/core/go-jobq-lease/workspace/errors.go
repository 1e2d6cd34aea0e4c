package jobq

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them (test with errors.Is); the message texts are part of the contract (SPEC.md).
var (
	ErrNotFound    = errors.New("jobq: not found")
	ErrLeaseLost   = errors.New("jobq: lease lost")
	ErrFinal       = errors.New("jobq: job is final")
	ErrEmpty       = errors.New("jobq: no job ready")
	ErrInvalid     = errors.New("jobq: invalid argument")
	ErrClosed      = errors.New("jobq: queue closed")
	ErrCorrupt     = errors.New("jobq: journal corrupt")
)

// opError carries a precise message and the sentinel it wraps.
type opError struct {
	msg  string
	kind error
}

func (e *opError) Error() string { return e.msg }
func (e *opError) Unwrap() error { return e.kind }

func errf(kind error, format string, args ...interface{}) error {
	return &opError{msg: fmt.Sprintf(format, args...), kind: kind}
}

func notFound(id int64) error {
	return errf(ErrNotFound, "jobq: job %d not found", id)
}

func leaseLost(id, token int64) error {
	return errf(ErrLeaseLost, "jobq: lease %d on job %d is not held", token, id)
}

func alreadyFinal(id int64, st State) error {
	return errf(ErrFinal, "jobq: job %d is already %s", id, st)
}
