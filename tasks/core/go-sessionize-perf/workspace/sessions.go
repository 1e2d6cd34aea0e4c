// Package sessions groups clickstream events into per-user sessions.
package sessions

import "time"

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
	// Users in order of first appearance.
	var users []string
	for _, e := range events {
		if !contains(users, e.User) {
			users = append(users, e.User)
		}
	}

	var out []Session
	for _, u := range users {
		var evs []Event
		for _, e := range events {
			if e.User == u {
				evs = append(evs, e)
			}
		}
		sortByTime(evs)

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
			if !contains(cur.Paths, e.Path) {
				cur.Paths = append(cur.Paths, e.Path)
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}

	sortSessions(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sortByTime is a stable insertion sort by event time.
func sortByTime(evs []Event) {
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].Time.Before(evs[j-1].Time); j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
}

// sortSessions orders sessions by start time, then user (insertion sort).
func sortSessions(ss []Session) {
	less := func(a, b Session) bool {
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		return a.User < b.User
	}
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && less(ss[j], ss[j-1]); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
