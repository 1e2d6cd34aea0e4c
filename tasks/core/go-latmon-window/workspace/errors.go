package latmon

import "errors"

var (
	// ErrOutOfOrder: a timestamp earlier than the latest one already added.
	ErrOutOfOrder = errors.New("latmon: timestamp out of order")
	// ErrEmpty: a quantile of an empty window.
	ErrEmpty = errors.New("latmon: empty window")
	// ErrBadQuantile: a per-mille value outside 0..1000.
	ErrBadQuantile = errors.New("latmon: quantile out of range")
	// ErrUnknownEndpoint: Report for an endpoint never fed to the monitor.
	ErrUnknownEndpoint = errors.New("latmon: unknown endpoint")
	// ErrBadSpan: a window span that is not positive.
	ErrBadSpan = errors.New("latmon: span must be positive")
)
