package kv

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestSetEX(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 EX 10", "OK")
	expect(t, s, "GET a", "1")
	expect(t, s, "TTL a", "(integer) 10")
	expect(t, s, "PTTL a", "(integer) 10000")
	c.Advance(9999 * time.Millisecond)
	expect(t, s, "GET a", "1")
	expect(t, s, "TTL a", "(integer) 1")
	expect(t, s, "PTTL a", "(integer) 1")
	c.Advance(time.Millisecond)
	expect(t, s, "GET a", "(nil)")
	expect(t, s, "TTL a", "(integer) -2")
	expect(t, s, "PTTL a", "(integer) -2")
}

func TestSetPXAndCase(t *testing.T) {
	s, c := newStore()
	expect(t, s, "set a 1 px 1500", "OK")
	expect(t, s, "TTL a", "(integer) 2")
	expect(t, s, "PTTL a", "(integer) 1500")
	c.Advance(1499 * time.Millisecond)
	expect(t, s, "EXISTS a", "(integer) 1")
	c.Advance(time.Millisecond)
	expect(t, s, "EXISTS a", "(integer) 0")
	expect(t, s, "SET b 2 Ex 1", "OK")
	expect(t, s, "TTL b", "(integer) 1")
}

func TestTTLRoundsUp(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 PX 10001", "OK")
	expect(t, s, "TTL a", "(integer) 11")
	c.Advance(500 * time.Microsecond)
	expect(t, s, "PTTL a", "(integer) 10001")
	expect(t, s, "TTL a", "(integer) 11")
	c.Advance(10000 * time.Millisecond)
	expect(t, s, "PTTL a", "(integer) 1")
	expect(t, s, "TTL a", "(integer) 1")
}

func TestTTLNoExpiryAndMissing(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "TTL nope", "(integer) -2")
	expect(t, s, "PTTL nope", "(integer) -2")
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "TTL a", "(integer) -1")
	expect(t, s, "PTTL a", "(integer) -1")
}

func TestPlainSetClearsExpiry(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 EX 5", "OK")
	expect(t, s, "SET a 2", "OK")
	expect(t, s, "TTL a", "(integer) -1")
	c.Advance(time.Hour)
	expect(t, s, "GET a", "2")
	expect(t, s, "SET b 1 EX 5", "OK")
	s.Set("b", "3")
	c.Advance(time.Hour)
	expect(t, s, "GET b", "3")
}

func TestSetEXReplacesExpiry(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 EX 5", "OK")
	c.Advance(4 * time.Second)
	expect(t, s, "SET a 2 EX 5", "OK")
	c.Advance(4 * time.Second)
	expect(t, s, "GET a", "2")
	expect(t, s, "TTL a", "(integer) 1")
}

func TestSetOptionErrors(t *testing.T) {
	s, _ := newStore()
	cases := map[string]string{
		"SET a 1 EX 0":                    "ERR invalid expire time in 'set'",
		"SET a 1 EX -5":                   "ERR invalid expire time in 'set'",
		"SET a 1 PX 0":                    "ERR invalid expire time in 'set'",
		"SET a 1 EX ten":                  "ERR invalid expire time in 'set'",
		"SET a 1 EX 1.5":                  "ERR invalid expire time in 'set'",
		"SET a 1 EX 99999999999999999999": "ERR invalid expire time in 'set'",
		"SET a 1 EX":                      "ERR syntax error",
		"SET a 1 PX":                      "ERR syntax error",
		"SET a 1 XX 5":                    "ERR syntax error",
		"SET a 1 KEEPTTL":                 "ERR syntax error",
		"SET a 1 EX 5 PX":                 "ERR wrong number of arguments for 'set'",
		"SET a 1 EX 5 PX 5":               "ERR wrong number of arguments for 'set'",
		"SET a":                           "ERR wrong number of arguments for 'set'",
	}
	for line, want := range cases {
		expect(t, s, line, want)
	}
	expect(t, s, "EXISTS a", "(integer) 0")
}

func TestExpire(t *testing.T) {
	s, c := newStore()
	expect(t, s, "EXPIRE a 10", "(integer) 0")
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "EXPIRE a 10", "(integer) 1")
	expect(t, s, "TTL a", "(integer) 10")
	c.Advance(3 * time.Second)
	expect(t, s, "EXPIRE a 10", "(integer) 1")
	expect(t, s, "TTL a", "(integer) 10")
	c.Advance(10 * time.Second)
	expect(t, s, "GET a", "(nil)")
	expect(t, s, "EXPIRE a 10", "(integer) 0")
}

func TestPExpire(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "PEXPIRE a 250", "(integer) 1")
	expect(t, s, "PTTL a", "(integer) 250")
	expect(t, s, "TTL a", "(integer) 1")
	c.Advance(250 * time.Millisecond)
	expect(t, s, "GET a", "(nil)")
	expect(t, s, "PEXPIRE a 250", "(integer) 0")
}

func TestExpireNonPositiveDeletes(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "EXPIRE a 0", "(integer) 1")
	expect(t, s, "GET a", "(nil)")
	expect(t, s, "SET b 1", "OK")
	expect(t, s, "PEXPIRE b -100", "(integer) 1")
	expect(t, s, "EXISTS b", "(integer) 0")
	expect(t, s, "EXPIRE b -1", "(integer) 0")
	expect(t, s, "DBSIZE", "(integer) 0")
}

func TestExpireErrors(t *testing.T) {
	s, _ := newStore()
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "EXPIRE a soon", "ERR value is not an integer or out of range")
	expect(t, s, "PEXPIRE a 1e3", "ERR value is not an integer or out of range")
	expect(t, s, "EXPIRE a 99999999999999999999", "ERR value is not an integer or out of range")
	expect(t, s, "TTL a", "(integer) -1")
	expect(t, s, "EXPIRE a", "ERR wrong number of arguments for 'expire'")
	expect(t, s, "pexpire a 1 2", "ERR wrong number of arguments for 'pexpire'")
	expect(t, s, "TTL", "ERR wrong number of arguments for 'ttl'")
	expect(t, s, "PTTL a b", "ERR wrong number of arguments for 'pttl'")
	expect(t, s, "PERSIST", "ERR wrong number of arguments for 'persist'")
}

func TestHugeExpireDoesNotWrap(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "EXPIRE a 9223372036854775807", "(integer) 1")
	c.Advance(24 * time.Hour)
	expect(t, s, "GET a", "1")
}

func TestPersist(t *testing.T) {
	s, c := newStore()
	expect(t, s, "PERSIST a", "(integer) 0")
	expect(t, s, "SET a 1", "OK")
	expect(t, s, "PERSIST a", "(integer) 0")
	expect(t, s, "EXPIRE a 5", "(integer) 1")
	expect(t, s, "PERSIST a", "(integer) 1")
	expect(t, s, "PERSIST a", "(integer) 0")
	expect(t, s, "TTL a", "(integer) -1")
	c.Advance(time.Hour)
	expect(t, s, "GET a", "1")
	expect(t, s, "SET b 1 EX 1", "OK")
	c.Advance(time.Second)
	expect(t, s, "PERSIST b", "(integer) 0")
	expect(t, s, "GET b", "(nil)")
}

func TestExpiredKeysInCommands(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 EX 1", "OK")
	expect(t, s, "SET b 2", "OK")
	expect(t, s, "SET c 3 PX 10", "OK")
	expect(t, s, "DBSIZE", "(integer) 3")
	c.Advance(time.Second)
	expect(t, s, "DBSIZE", "(integer) 1")
	expect(t, s, "EXISTS a b c", "(integer) 1")
	expect(t, s, "DEL a b c", "(integer) 1")
	expect(t, s, "DBSIZE", "(integer) 0")
}

func TestIncrAndExpiry(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET n 5 EX 10", "OK")
	expect(t, s, "INCR n", "(integer) 6")
	expect(t, s, "TTL n", "(integer) 10")
	c.Advance(10 * time.Second)
	expect(t, s, "INCR n", "(integer) 1")
	expect(t, s, "TTL n", "(integer) -1")
	c.Advance(time.Hour)
	expect(t, s, "GET n", "1")
	expect(t, s, "SET x abc EX 1", "OK")
	c.Advance(time.Second)
	expect(t, s, "INCR x", "(integer) 1")
}

func TestStoreMethodsIgnoreExpired(t *testing.T) {
	s, c := newStore()
	expect(t, s, "SET a 1 EX 1", "OK")
	expect(t, s, "SET b 2", "OK")
	expect(t, s, "SET c 3 EX 2", "OK")
	c.Advance(time.Second)
	if v, ok := s.Get("a"); ok {
		t.Errorf("Get(a) = %q, true after expiry", v)
	}
	if n := s.Len(); n != 2 {
		t.Errorf("Len() = %d, want 2", n)
	}
	if k := s.Keys(); fmt.Sprint(k) != "[b c]" {
		t.Errorf("Keys() = %v, want [b c]", k)
	}
	c.Advance(time.Second)
	if s.Delete("c") {
		t.Errorf("Delete(c) = true for an expired key")
	}
	if k := s.Keys(); fmt.Sprint(k) != "[b]" {
		t.Errorf("Keys() = %v, want [b]", k)
	}
}

func TestSweep(t *testing.T) {
	s, c := newStore()
	for i := 0; i < 10; i++ {
		expect(t, s, fmt.Sprintf("SET k%d v EX %d", i, i+1), "OK")
	}
	expect(t, s, "SET keep v", "OK")
	if n := s.Sweep(); n != 0 {
		t.Errorf("Sweep() = %d before anything expired", n)
	}
	c.Advance(5 * time.Second)
	if n := s.Sweep(); n != 5 {
		t.Errorf("Sweep() = %d, want 5", n)
	}
	if n := s.Sweep(); n != 0 {
		t.Errorf("second Sweep() = %d, want 0", n)
	}
	if n := s.Len(); n != 6 {
		t.Errorf("Len() = %d, want 6", n)
	}
	c.Advance(time.Hour)
	if n := s.Sweep(); n != 5 {
		t.Errorf("Sweep() = %d, want 5", n)
	}
	expect(t, s, "DBSIZE", "(integer) 1")
}

type lockedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *lockedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func TestConcurrentExpiry(t *testing.T) {
	c := &lockedClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s := New(c.Now)
	var wg sync.WaitGroup
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				k := fmt.Sprintf("k%d", i%20)
				switch (i + g) % 6 {
				case 0:
					s.Exec("SET " + k + " 1 PX 5")
				case 1:
					s.Exec("INCR " + k)
				case 2:
					s.Exec("TTL " + k)
				case 3:
					s.Exec("EXPIRE " + k + " 1")
				case 4:
					s.Sweep()
				case 5:
					s.Len()
				}
			}
		}(g)
	}
	wg.Wait()
}
