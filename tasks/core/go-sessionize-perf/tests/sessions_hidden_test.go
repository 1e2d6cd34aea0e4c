package sessions

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"
)

// htNaive is the original implementation, kept as the oracle.
func htNaive(events []Event, gap time.Duration) []Session {
	byUser := map[string][]Event{}
	var users []string
	for _, e := range events {
		if _, ok := byUser[e.User]; !ok {
			users = append(users, e.User)
		}
		byUser[e.User] = append(byUser[e.User], e)
	}
	var out []Session
	for _, u := range users {
		evs := byUser[u]
		sort.SliceStable(evs, func(i, j int) bool { return evs[i].Time.Before(evs[j].Time) })
		var cur *Session
		for _, e := range evs {
			if cur != nil && e.Time.Sub(cur.End) > gap {
				out = append(out, *cur)
				cur = nil
			}
			if cur == nil {
				cur = &Session{User: u, Start: e.Time}
			}
			cur.End = e.Time
			cur.Events++
			found := false
			for _, p := range cur.Paths {
				if p == e.Path {
					found = true
					break
				}
			}
			if !found {
				cur.Paths = append(cur.Paths, e.Path)
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].User < out[j].User
	})
	return out
}

func htRandomEvents(r *rand.Rand, n, users, paths int, span time.Duration, step time.Duration) []Event {
	evs := make([]Event, n)
	for i := range evs {
		evs[i] = Event{
			User: fmt.Sprintf("u%d", r.Intn(users)),
			Time: t0.Add(time.Duration(r.Int63n(int64(span/step))) * step),
			Path: fmt.Sprintf("/p%d", r.Intn(paths)),
		}
	}
	return evs
}

func htSameSessions(t *testing.T, got, want []Session) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if len(got) != len(want) {
		t.Fatalf("%d sessions, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("session %d:\n got  %+v\n want %+v", i, got[i], want[i])
		}
	}
}

func TestMatchesOriginalRandom(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	for round := 0; round < 60; round++ {
		n := 1 + r.Intn(300)
		users := 1 + r.Intn(12)
		paths := 1 + r.Intn(15)
		// Coarse steps make many equal timestamps and pauses exactly equal to the gap.
		step := []time.Duration{time.Minute, 5 * time.Minute, 10 * time.Minute}[r.Intn(3)]
		gap := time.Duration(r.Intn(7)) * 10 * time.Minute
		evs := htRandomEvents(r, n, users, paths, 24*time.Hour, step)
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			in := append([]Event(nil), evs...)
			got := Sessionize(in, gap)
			htSameSessions(t, got, htNaive(append([]Event(nil), evs...), gap))
			if !reflect.DeepEqual(in, evs) {
				t.Fatalf("Sessionize modified its input")
			}
		})
	}
}

// Times with sub-second parts (down to nanoseconds), far from 1970 (outside the range of
// UnixNano) and in several zones; gaps negative, zero, sub-second or long.
func TestMatchesOriginalFractionsAndNegativeGaps(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	bases := []time.Time{
		t0,
		time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1600, 6, 1, 12, 0, 0, 0, time.FixedZone("X", -5*3600)),
		time.Date(2400, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	zones := []*time.Location{time.UTC, time.FixedZone("A", 3600), time.FixedZone("B", -9*3600-1800)}
	steps := []time.Duration{time.Nanosecond, time.Microsecond, time.Millisecond, 250 * time.Millisecond, 1500 * time.Millisecond}
	gaps := []time.Duration{-time.Hour, -time.Nanosecond, 0, time.Nanosecond, 999 * time.Millisecond, time.Second, 1500 * time.Millisecond, 3 * time.Second}
	for round := 0; round < 80; round++ {
		n := 1 + r.Intn(200)
		users := 1 + r.Intn(6)
		paths := 1 + r.Intn(10)
		step := steps[r.Intn(len(steps))]
		gap := gaps[r.Intn(len(gaps))]
		base := bases[r.Intn(len(bases))]
		span := 40 * step
		if r.Intn(2) == 0 {
			span = 4 * time.Second
		}
		mixed := r.Intn(2) == 0 // events from all the bases in one input
		evs := make([]Event, n)
		for i := range evs {
			if mixed {
				base = bases[r.Intn(len(bases))]
			}
			evs[i] = Event{
				User: fmt.Sprintf("u%d", r.Intn(users)),
				Time: base.Add(time.Duration(r.Int63n(int64(span/step))) * step).In(zones[r.Intn(len(zones))]),
				Path: fmt.Sprintf("/p%d", r.Intn(paths)),
			}
		}
		t.Run(fmt.Sprintf("round%d", round), func(t *testing.T) {
			in := append([]Event(nil), evs...)
			got := Sessionize(in, gap)
			htSameSessions(t, got, htNaive(append([]Event(nil), evs...), gap))
			if !reflect.DeepEqual(in, evs) {
				t.Fatalf("Sessionize modified its input")
			}
		})
	}
}

func TestNegativeGapSplitsEveryEvent(t *testing.T) {
	evs := []Event{{"a", at(0), "/1"}, {"a", at(0), "/2"}, {"b", at(0), "/3"}, {"a", at(0).Add(time.Nanosecond), "/1"}}
	got := Sessionize(evs, -time.Nanosecond)
	want := []Session{
		{User: "a", Start: at(0), End: at(0), Events: 1, Paths: []string{"/1"}},
		{User: "a", Start: at(0), End: at(0), Events: 1, Paths: []string{"/2"}},
		{User: "b", Start: at(0), End: at(0), Events: 1, Paths: []string{"/3"}},
		{User: "a", Start: at(0).Add(time.Nanosecond), End: at(0).Add(time.Nanosecond), Events: 1, Paths: []string{"/1"}},
	}
	htSameSessions(t, got, want)
}

func TestSubSecondOrder(t *testing.T) {
	evs := []Event{
		{"a", at(0).Add(900 * time.Millisecond), "/late"},
		{"a", at(0).Add(100 * time.Millisecond), "/early"},
		{"a", at(0).Add(2), "/mid"},
		{"b", at(0).Add(50 * time.Millisecond), "/b"},
	}
	got := Sessionize(evs, 500*time.Millisecond)
	want := []Session{
		{User: "a", Start: at(0).Add(2), End: at(0).Add(100 * time.Millisecond), Events: 2, Paths: []string{"/mid", "/early"}},
		{User: "b", Start: at(0).Add(50 * time.Millisecond), End: at(0).Add(50 * time.Millisecond), Events: 1, Paths: []string{"/b"}},
		{User: "a", Start: at(0).Add(900 * time.Millisecond), End: at(0).Add(900 * time.Millisecond), Events: 1, Paths: []string{"/late"}},
	}
	htSameSessions(t, got, want)
}

func TestEqualTimesKeepInputOrder(t *testing.T) {
	evs := []Event{
		{"a", at(5), "/z"},
		{"a", at(5), "/y"},
		{"a", at(0), "/x"},
		{"a", at(5), "/w"},
		{"a", at(5), "/y"},
	}
	got := Sessionize(evs, time.Minute)
	want := []Session{
		{User: "a", Start: at(0), End: at(0), Events: 1, Paths: []string{"/x"}},
		{User: "a", Start: at(5), End: at(5), Events: 4, Paths: []string{"/z", "/y", "/w"}},
	}
	htSameSessions(t, got, want)
}

func TestZeroGap(t *testing.T) {
	evs := []Event{{"a", at(0), "/1"}, {"a", at(0), "/2"}, {"a", at(1), "/3"}, {"b", at(0), "/4"}}
	got := Sessionize(evs, 0)
	want := []Session{
		{User: "a", Start: at(0), End: at(0), Events: 2, Paths: []string{"/1", "/2"}},
		{User: "b", Start: at(0), End: at(0), Events: 1, Paths: []string{"/4"}},
		{User: "a", Start: at(1), End: at(1), Events: 1, Paths: []string{"/3"}},
	}
	htSameSessions(t, got, want)
}

func TestUserNamesSortLexically(t *testing.T) {
	evs := []Event{{"b", at(0), "/"}, {"B", at(0), "/"}, {"a", at(0), "/"}, {"", at(0), "/"}}
	got := Sessionize(evs, time.Minute)
	var users []string
	for _, s := range got {
		users = append(users, s.User)
	}
	if !reflect.DeepEqual(users, []string{"", "B", "a", "b"}) {
		t.Fatalf("users %q", users)
	}
}

func TestTimeZonesCompareByInstant(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	evs := []Event{
		{"a", t0.In(paris).Add(10 * time.Minute), "/late"},
		{"a", t0, "/early"},
	}
	got := Sessionize(evs, 15*time.Minute)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Paths, []string{"/early", "/late"}) {
		t.Fatalf("got %+v", got)
	}
}

// htCpuTime is the CPU time (user + system) this process has used so far. Limits are on CPU
// time, not wall time, so that a busy grading machine does not make the tests flaky.
func htCpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func htTimed(t *testing.T, limit time.Duration, f func() []Session) []Session {
	t.Helper()
	done := make(chan []Session, 1)
	runtime.GC()
	start, wall := htCpuTime(), time.Now()
	go func() { done <- f() }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case res := <-done:
			t.Logf("took %v CPU (%v wall)", htCpuTime()-start, time.Since(wall))
			return res
		case <-tick.C:
			if used := htCpuTime() - start; used > limit {
				t.Fatalf("Sessionize used more than %v of CPU time without finishing", limit)
				return nil
			}
		}
	}
}

// A reference O(n log n) solution needs well under a second of CPU for each call.
const htPerfLimit = 8 * time.Second

func TestPerfManyUsers(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	evs := htRandomEvents(r, 300000, 3000, 500, 30*24*time.Hour, time.Second)
	got := htTimed(t, htPerfLimit, func() []Session { return Sessionize(evs, 30*time.Minute) })
	total := 0
	for i, s := range got {
		total += s.Events
		if i > 0 && s.Start.Before(got[i-1].Start) {
			t.Fatalf("sessions out of order at %d", i)
		}
	}
	if total != len(evs) {
		t.Fatalf("sessions hold %d events, want %d", total, len(evs))
	}
	// Spot-check one user against the oracle.
	var mine []Event
	for _, e := range evs {
		if e.User == "u17" {
			mine = append(mine, e)
		}
	}
	var gotMine []Session
	for _, s := range got {
		if s.User == "u17" {
			gotMine = append(gotMine, s)
		}
	}
	htSameSessions(t, gotMine, htNaive(mine, 30*time.Minute))
}

func TestPerfOneBusyUser(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	n := 100000
	evs := make([]Event, n)
	for i := range evs {
		evs[i] = Event{User: "bot", Time: t0.Add(time.Duration(i) * time.Second), Path: fmt.Sprintf("/item/%d", i)}
	}
	r.Shuffle(n, func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
	got := htTimed(t, htPerfLimit, func() []Session { return Sessionize(evs, time.Minute) })
	if len(got) != 1 || got[0].Events != n || len(got[0].Paths) != n {
		t.Fatalf("want one session with %d events and paths", n)
	}
	if got[0].Paths[0] != "/item/0" || got[0].Paths[n-1] != fmt.Sprintf("/item/%d", n-1) {
		t.Fatalf("paths out of order")
	}
}

func TestPerfManyShortSessions(t *testing.T) {
	n := 200000
	evs := make([]Event, n)
	for i := range evs {
		// 200 users, each visiting every 2 hours: every event is its own session.
		evs[n-1-i] = Event{User: fmt.Sprintf("user%03d", i%200), Time: t0.Add(time.Duration(i/200) * 2 * time.Hour), Path: "/"}
	}
	got := htTimed(t, htPerfLimit, func() []Session { return Sessionize(evs, time.Hour) })
	if len(got) != n {
		t.Fatalf("%d sessions, want %d", len(got), n)
	}
	if got[0].User != "user000" || got[1].User != "user001" || got[n-1].User != "user199" {
		t.Fatalf("bad order: %s %s ... %s", got[0].User, got[1].User, got[n-1].User)
	}
}
