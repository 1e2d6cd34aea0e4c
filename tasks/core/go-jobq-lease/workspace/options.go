package jobq

import "math"

// Limits (SPEC.md, "Limits").
const (
	MinPriority    = -100
	MaxPriority    = 100
	MaxPayload     = 65536
	MaxWorkerLen   = 64
	MaxReasonLen   = 256
	DefaultLeaseMS = 30000
)

// Options configure a Queue. The zero value of a field selects its default.
type Options struct {
	LeaseMS       int64 // lease duration; default 30000
	MaxAttempts   int   // attempts before dead-lettering; default 5
	BackoffBaseMS int64 // first retry delay; default 1000
	BackoffMaxMS  int64 // retry delay cap; default 60000
	// NoBackoff makes every retry immediate (BackoffBaseMS and BackoffMaxMS are ignored).
	NoBackoff bool
}

func (o Options) withDefaults() (Options, error) {
	if o.LeaseMS == 0 {
		o.LeaseMS = DefaultLeaseMS
	}
	if o.MaxAttempts == 0 {
		o.MaxAttempts = 5
	}
	if o.BackoffBaseMS == 0 {
		o.BackoffBaseMS = 1000
	}
	if o.BackoffMaxMS == 0 {
		o.BackoffMaxMS = 60000
	}
	if o.NoBackoff {
		o.BackoffBaseMS, o.BackoffMaxMS = 0, 0
	}
	switch {
	case o.LeaseMS < 0 || o.LeaseMS > math.MaxInt32:
		return o, errf(ErrInvalid, "jobq: lease %d ms out of range", o.LeaseMS)
	case o.MaxAttempts < 0 || o.MaxAttempts > 1000:
		return o, errf(ErrInvalid, "jobq: max attempts %d out of range", o.MaxAttempts)
	case o.BackoffBaseMS < 0 || o.BackoffMaxMS < 0:
		return o, errf(ErrInvalid, "jobq: negative backoff")
	case o.BackoffMaxMS < o.BackoffBaseMS:
		return o, errf(ErrInvalid, "jobq: backoff max %d below base %d", o.BackoffMaxMS, o.BackoffBaseMS)
	}
	return o, nil
}

// EnqueueOptions configure one Enqueue call.
type EnqueueOptions struct {
	Priority int   // MinPriority..MaxPriority, higher runs first
	DelayMS  int64 // >= 0; the job becomes ready at now+DelayMS
}
