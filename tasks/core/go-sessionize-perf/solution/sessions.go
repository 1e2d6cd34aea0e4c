// Package sessions groups clickstream events into per-user sessions.
package sessions

import (
	"sort"
	"time"
)

// Event is one page view.
type Event struct {
	User string
	Time time.Time
	Path string
}

// Session is a run of one user's events with no pause longer than the gap.
type Session struct {
	User       string
	Start, End time.Time // times of the first and last event
	Events     int       // number of events
	Paths      []string  // distinct paths, in order of first view within the session
}

// Sessionize groups events into sessions. Events may come in any order. A user's events
// are taken in time order (events with equal times keep their input order); a new session
// starts when the time since the user's previous event is greater than gap. Sessions are
// returned ordered by Start, then User.
func Sessionize(events []Event, gap time.Duration) []Session {
	// Sort indexes by (user, time, input position): one O(n log n) pass instead of a scan
	// per user.
	idx := make([]int32, len(events))
	for i := range idx {
		idx[i] = int32(i)
	}
	sort.Slice(idx, func(a, b int) bool {
		ea, eb := &events[idx[a]], &events[idx[b]]
		if ea.User != eb.User {
			return ea.User < eb.User
		}
		if !ea.Time.Equal(eb.Time) {
			return ea.Time.Before(eb.Time)
		}
		return idx[a] < idx[b]
	})

	var out []Session
	var cur *Session
	var seen map[string]struct{}
	for _, i := range idx {
		e := &events[i]
		if cur != nil && (e.User != cur.User || e.Time.Sub(cur.End) > gap) {
			out = append(out, *cur)
			cur = nil
		}
		if cur == nil {
			cur = &Session{User: e.User, Start: e.Time}
			seen = make(map[string]struct{})
		}
		cur.End = e.Time
		cur.Events++
		if _, ok := seen[e.Path]; !ok {
			seen[e.Path] = struct{}{}
			cur.Paths = append(cur.Paths, e.Path)
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}

	sort.SliceStable(out, func(a, b int) bool {
		if !out[a].Start.Equal(out[b].Start) {
			return out[a].Start.Before(out[b].Start)
		}
		return out[a].User < out[b].User
	})
	return out
}
