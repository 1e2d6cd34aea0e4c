package jobq

import (
	"errors"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"
)

// mjob/model: a deliberately naive reference model of SPEC.md.
type mjob struct {
	JobInfo
}

type model struct {
	o      Options
	jobs   []*mjob
	token  int64
	closed bool
}

func (m *model) backoff(n int) int64 {
	if m.o.NoBackoff {
		return 0
	}
	d := m.o.BackoffBaseMS
	for i := 1; i < n; i++ {
		d *= 2
		if d >= m.o.BackoffMaxMS {
			return m.o.BackoffMaxMS
		}
	}
	if d > m.o.BackoffMaxMS {
		return m.o.BackoffMaxMS
	}
	return d
}

func (m *model) fail(j *mjob, at, now int64) {
	j.Token, j.Worker, j.Deadline = 0, "", 0
	if j.Attempts >= m.o.MaxAttempts {
		j.State = Dead
		return
	}
	j.ReadyAt = at + m.backoff(j.Attempts)
	j.State = Scheduled
	if j.ReadyAt <= now {
		j.State = Ready
	}
}

func (m *model) tick(now int64) {
	for _, j := range m.jobs {
		if j.State == Leased && j.Deadline <= now {
			j.LastError = "lease expired"
			m.fail(j, j.Deadline, now)
		}
		if j.State == Scheduled && j.ReadyAt <= now {
			j.State = Ready
		}
	}
}

func (m *model) find(id int64) *mjob {
	if id < 1 || id > int64(len(m.jobs)) {
		return nil
	}
	return m.jobs[id-1]
}

func (m *model) reserve(now int64, w string) (int64, int64, bool) {
	m.tick(now)
	var best *mjob
	for _, j := range m.jobs {
		if j.State != Ready {
			continue
		}
		if best == nil || j.Priority > best.Priority ||
			(j.Priority == best.Priority && j.ReadyAt < best.ReadyAt) {
			best = j
		}
	}
	if best == nil {
		return 0, 0, false
	}
	m.token++
	best.State, best.Token, best.Worker, best.Deadline = Leased, m.token, w, now+m.o.LeaseMS
	best.Attempts++
	return best.ID, best.Token, true
}

func (m *model) held(id, tok int64) (*mjob, string) {
	j := m.find(id)
	if j == nil {
		return nil, fmt.Sprintf("jobq: job %d not found", id)
	}
	if j.State != Leased || j.Token != tok {
		return nil, fmt.Sprintf("jobq: lease %d on job %d is not held", tok, id)
	}
	return j, ""
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestHiddenRandomDifferential(t *testing.T) {
	for seed := int64(1); seed <= 40; seed++ {
		runDifferential(t, seed, seed%2 == 0)
	}
}

func runDifferential(t *testing.T, seed int64, journaled bool) {
	rng := rand.New(rand.NewSource(seed))
	o := Options{LeaseMS: int64(20 + rng.Intn(80)), MaxAttempts: 1 + rng.Intn(4),
		BackoffBaseMS: int64(1 + rng.Intn(30)), BackoffMaxMS: 200}
	if rng.Intn(4) == 0 {
		o.NoBackoff = true
	}
	c := NewFakeClock(int64(rng.Intn(1000)))
	path := filepath.Join(t.TempDir(), "j.log")
	var q *Queue
	var err error
	if journaled {
		q, err = Open(path, c, o)
	} else {
		q, err = New(c, o)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer func() { q.Close() }()
	mo, _ := o.withDefaults()
	m := &model{o: mo}
	var tokens []int64
	for step := 0; step < 400; step++ {
		now := c.Now()
		ctx := fmt.Sprintf("seed %d step %d", seed, step)
		switch op := rng.Intn(100); {
		case op < 22:
			prio := rng.Intn(5) - 2
			var delay int64
			if rng.Intn(3) == 0 {
				delay = int64(rng.Intn(60))
			}
			payload := make([]byte, rng.Intn(6))
			rng.Read(payload)
			id, err := q.Enqueue(payload, EnqueueOptions{Priority: prio, DelayMS: delay})
			if err != nil {
				t.Fatalf("%s: %v", ctx, err)
			}
			m.tick(now)
			mj := &mjob{JobInfo{ID: int64(len(m.jobs) + 1), Priority: prio, ReadyAt: now + delay, State: Scheduled, Payload: payload}}
			if delay == 0 {
				mj.State = Ready
			}
			m.jobs = append(m.jobs, mj)
			if id != mj.ID {
				t.Fatalf("%s: id %d want %d", ctx, id, mj.ID)
			}
		case op < 45:
			w := fmt.Sprint("w", rng.Intn(3))
			l, err := q.TryReserve(w)
			id, tok, ok := m.reserve(now, w)
			if !ok {
				if !errors.Is(err, ErrEmpty) {
					t.Fatalf("%s: reserve got %+v %v, want empty", ctx, l, err)
				}
				break
			}
			if err != nil || l.ID != id || l.Token != tok {
				t.Fatalf("%s: reserve got %+v %v, want job %d token %d", ctx, l, err, id, tok)
			}
			tokens = append(tokens, tok)
		case op < 75:
			if len(tokens) == 0 {
				break
			}
			tok := tokens[rng.Intn(len(tokens))]
			var id int64
			for _, j := range m.jobs {
				if j.Token == tok {
					id = j.ID
				}
			}
			if id == 0 || rng.Intn(6) == 0 {
				id = int64(1 + rng.Intn(len(m.jobs)+1))
			}
			m.tick(now)
			j, want := m.held(id, tok)
			var got error
			switch k := rng.Intn(3); k {
			case 0:
				got = q.Ack(id, tok)
				if j != nil {
					j.State = Done
					j.Token, j.Worker, j.Deadline = 0, "", 0
				}
			case 1:
				reason := fmt.Sprint("err ", step)
				got = q.Nack(id, tok, reason)
				if j != nil {
					j.LastError = reason
					m.fail(j, now, now)
				}
			default:
				ms := int64(1 + rng.Intn(100))
				got = q.Extend(id, tok, ms)
				if j != nil {
					j.Deadline = now + ms
				}
			}
			if errText(got) != want {
				t.Fatalf("%s: got error %q, want %q", ctx, errText(got), want)
			}
		case op < 80:
			if len(m.jobs) == 0 {
				break
			}
			id := int64(1 + rng.Intn(len(m.jobs)))
			m.tick(now)
			j := m.find(id)
			want := ""
			if j.State.Final() {
				want = fmt.Sprintf("jobq: job %d is already %s", id, j.State)
			} else {
				j.State = Canceled
				j.Token, j.Worker, j.Deadline = 0, "", 0
			}
			if got := errText(q.Cancel(id)); got != want {
				t.Fatalf("%s: cancel got %q want %q", ctx, got, want)
			}
		case op < 97:
			c.Advance(int64(rng.Intn(40)))
		default:
			if journaled {
				q.Close()
				q, err = Open(path, c, o)
				if err != nil {
					t.Fatalf("%s: reopen: %v", ctx, err)
				}
			}
		}
		if step%10 == 0 || step == 399 {
			m.tick(c.Now())
			got := q.List()
			want := make([]JobInfo, 0, len(m.jobs))
			for _, j := range m.jobs {
				in := j.JobInfo
				if in.Payload == nil {
					in.Payload = []byte{}
				}
				want = append(want, in)
			}
			for i := range got {
				if got[i].Payload == nil {
					got[i].Payload = []byte{}
				}
			}
			if !reflect.DeepEqual(got, want) {
				for i := range want {
					if i >= len(got) || !reflect.DeepEqual(got[i], want[i]) {
						var g interface{} = "missing"
						if i < len(got) {
							g = got[i]
						}
						t.Fatalf("%s: job %d\n got %+v\nwant %+v", ctx, i+1, g, want[i])
					}
				}
				t.Fatalf("%s: list has %d jobs, want %d", ctx, len(got), len(want))
			}
		}
	}
}
