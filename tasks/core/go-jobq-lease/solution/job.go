package jobq

// State is the lifecycle state of a job. See SPEC.md, "States".
type State int

const (
	Scheduled State = iota // waiting for its ready time
	Ready                  // may be reserved
	Leased                 // held by a worker until its lease deadline
	Done                   // acknowledged (final)
	Dead                   // dead-lettered after its last attempt failed (final)
	Canceled               // canceled by a client (final)
)

var stateNames = [...]string{"scheduled", "ready", "leased", "done", "dead", "canceled"}

func (s State) String() string {
	if s < 0 || int(s) >= len(stateNames) {
		return "unknown"
	}
	return stateNames[s]
}

// Final reports whether no further transition can leave s.
func (s State) Final() bool { return s == Done || s == Dead || s == Canceled }

// job is the queue's internal record of one job.
type job struct {
	id        int64
	priority  int
	payload   []byte
	state     State
	attempts  int
	readyAt   int64 // when it became (or becomes) ready
	token     int64 // current lease token (Leased only)
	worker    string
	deadline  int64 // lease deadline (Leased only)
	lastError string
	heapIndex int // position in the ready heap, -1 if absent
}

// JobInfo is a snapshot of a job, as returned by Get and List.
type JobInfo struct {
	ID        int64
	State     State
	Priority  int
	Attempts  int
	ReadyAt   int64
	Token     int64  // 0 unless Leased
	Worker    string // "" unless Leased
	Deadline  int64  // 0 unless Leased
	LastError string
	Payload   []byte
}

func (j *job) info() JobInfo {
	in := JobInfo{
		ID:        j.id,
		State:     j.state,
		Priority:  j.priority,
		Attempts:  j.attempts,
		ReadyAt:   j.readyAt,
		LastError: j.lastError,
		Payload:   append([]byte(nil), j.payload...),
	}
	if j.state == Leased {
		in.Token = j.token
		in.Worker = j.worker
		in.Deadline = j.deadline
	}
	return in
}

// Lease is what a worker receives from Reserve.
type Lease struct {
	ID       int64
	Token    int64
	Attempt  int
	Deadline int64
	Payload  []byte
}

// Stats counts jobs by state.
type Stats struct {
	Scheduled, Ready, Leased, Done, Dead, Canceled int
}

// Total is the number of jobs ever enqueued.
func (s Stats) Total() int {
	return s.Scheduled + s.Ready + s.Leased + s.Done + s.Dead + s.Canceled
}
