// Package kv is a small in-memory key-value store with a line-based text protocol.
package kv

import (
	"sort"
	"sync"
	"time"
)

// Clock returns the current time. Tests pass a fake one.
type Clock func() time.Time

type entry struct {
	value   string
	expires time.Time // zero: never
}

// Store holds string values by key. It is safe for concurrent use.
type Store struct {
	mu    sync.Mutex
	now   Clock
	items map[string]entry
}

// New returns an empty store that reads the time from clock (time.Now if nil).
func New(clock Clock) *Store {
	if clock == nil {
		clock = time.Now
	}
	return &Store{now: clock, items: make(map[string]entry)}
}

// live returns key's entry if it exists and has not expired; expired entries are removed.
// The caller holds s.mu.
func (s *Store) live(key string, now time.Time) (entry, bool) {
	e, ok := s.items[key]
	if !ok {
		return entry{}, false
	}
	if !e.expires.IsZero() && !now.Before(e.expires) {
		delete(s.items, key)
		return entry{}, false
	}
	return e, true
}

// Get returns the value of key and whether it exists.
func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.live(key, s.now())
	return e.value, ok
}

// Set stores value under key, with no expiry.
func (s *Store) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[key] = entry{value: value}
}

// setExpiring stores value under key, expiring after ttl.
func (s *Store) setExpiring(key, value string, ttl time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[key] = entry{value: value, expires: s.now().Add(ttl)}
}

// Delete removes key and reports whether it existed.
func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.live(key, s.now())
	delete(s.items, key)
	return ok
}

// Len returns the number of keys.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for k := range s.items {
		if _, ok := s.live(k, now); ok {
			n++
		}
	}
	return n
}

// Keys returns all keys in ascending order.
func (s *Store) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	keys := make([]string, 0, len(s.items))
	for k := range s.items {
		if _, ok := s.live(k, now); ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// Sweep removes every expired key from memory and returns how many it removed.
func (s *Store) Sweep() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	n := 0
	for k, e := range s.items {
		if !e.expires.IsZero() && !now.Before(e.expires) {
			delete(s.items, k)
			n++
		}
	}
	return n
}

// expire sets key's expiry to now+ttl (deleting it if ttl <= 0); false if key is absent.
func (s *Store) expire(key string, ttl time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	e, ok := s.live(key, now)
	if !ok {
		return false
	}
	if ttl <= 0 {
		delete(s.items, key)
		return true
	}
	e.expires = now.Add(ttl)
	s.items[key] = e
	return true
}

// ttl returns the time left for key: -2 absent, -1 no expiry (as the bool false).
func (s *Store) ttl(key string) (left time.Duration, exists, expiring bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	e, ok := s.live(key, now)
	if !ok {
		return 0, false, false
	}
	if e.expires.IsZero() {
		return 0, true, false
	}
	return e.expires.Sub(now), true, true
}

// persist removes key's expiry, reporting whether it had one.
func (s *Store) persist(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.live(key, s.now())
	if !ok || e.expires.IsZero() {
		return false
	}
	e.expires = time.Time{}
	s.items[key] = e
	return true
}

// update runs f on the value of key under the lock; f returns the new value and whether
// to store it. A live key keeps its expiry.
func (s *Store) update(key string, f func(old string, ok bool) (string, bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.live(key, s.now())
	if nv, store := f(old.value, ok); store {
		old.value = nv
		s.items[key] = old
	}
}
