// Package kv is a small in-memory key-value store with a line-based text protocol.
package kv

import (
	"sort"
	"sync"
	"time"
)

// Clock returns the current time. Tests pass a fake one.
type Clock func() time.Time

// Store holds string values by key. It is safe for concurrent use.
type Store struct {
	mu    sync.Mutex
	now   Clock
	items map[string]string
}

// New returns an empty store that reads the time from clock (time.Now if nil).
func New(clock Clock) *Store {
	if clock == nil {
		clock = time.Now
	}
	return &Store{now: clock, items: make(map[string]string)}
}

// Get returns the value of key and whether it exists.
func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.items[key]
	return v, ok
}

// Set stores value under key.
func (s *Store) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.items[key] = value
}

// Delete removes key and reports whether it existed.
func (s *Store) Delete(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.items[key]
	delete(s.items, key)
	return ok
}

// Len returns the number of keys.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// Keys returns all keys in ascending order.
func (s *Store) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.items))
	for k := range s.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// update runs f on the value of key under the lock; f returns the new value and whether
// to store it.
func (s *Store) update(key string, f func(old string, ok bool) (string, bool)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.items[key]
	if nv, store := f(old, ok); store {
		s.items[key] = nv
	}
}
