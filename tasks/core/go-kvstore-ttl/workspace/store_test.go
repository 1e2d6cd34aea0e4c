package kv

import (
	"sync"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newStore() (*Store, *fakeClock) {
	c := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	return New(c.Now), c
}

func expect(t *testing.T, s *Store, line, want string) {
	t.Helper()
	if got := s.Exec(line); got != want {
		t.Errorf("Exec(%q) = %q, want %q", line, got, want)
	}
}

func TestPing(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "PING", "PONG")
	expect(t, s, "ping", "PONG")
}

func TestSetGet(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "GET a", "(nil)")
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "get a", "1")
	expect(t, s, "SET a two", "OK")
	expect(t, s, "GET a", "two")
	expect(t, s, "DBSIZE", "(integer) 1")
}

func TestDelExists(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "SET b 2", "OK")
	expect(t, s, "EXISTS a b c a", "(integer) 3")
	expect(t, s, "DEL a c", "(integer) 1")
	expect(t, s, "EXISTS a", "(integer) 0")
	expect(t, s, "DBSIZE", "(integer) 1")
}

func TestIncr(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "INCR n", "(integer) 1")
	expect(t, s, "INCR n", "(integer) 2")
	expect(t, s, "SET x abc", "OK")
	expect(t, s, "INCR x", "ERR value is not an integer")
	expect(t, s, "SET m 9223372036854775807", "OK")
	expect(t, s, "INCR m", "ERR increment would overflow")
}

func TestErrors(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "", "ERR empty command")
	expect(t, s, "FLY away", "ERR unknown command 'FLY'")
	expect(t, s, "GET", "ERR wrong number of arguments for 'get'")
	expect(t, s, "get a b", "ERR wrong number of arguments for 'get'")
	expect(t, s, "PING x", "ERR wrong number of arguments for 'ping'")
}

func TestStoreAPI(t *testing.T) {
	s, _ := newStore()
	s.Set("b", "2")
	s.Set("a", "1")
	if v, ok := s.Get("a"); !ok || v != "1" {
		t.Errorf("Get(a) = %q, %v", v, ok)
	}
	if keys := s.Keys(); len(keys) != 2 || keys[0] != "a" || keys[1] != "b" {
		t.Errorf("Keys() = %v", keys)
	}
	if !s.Delete("a") || s.Delete("a") {
		t.Errorf("Delete did not report existence correctly")
	}
	if s.Len() != 1 {
		t.Errorf("Len() = %d", s.Len())
	}
}

func TestConcurrentIncr(t *testing.T) {
	s, _ := newStore()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 250; j++ {
				s.Exec("INCR c")
			}
		}()
	}
	wg.Wait()
	expect(t, s, "GET c", "2000")
}
