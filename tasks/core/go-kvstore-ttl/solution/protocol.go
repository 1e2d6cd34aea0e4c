package kv

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Replies.
const (
	replyOK  = "OK"
	replyNil = "(nil)"
)

func integer(n int64) string { return fmt.Sprintf("(integer) %d", n) }

func errorf(format string, a ...any) string { return "ERR " + fmt.Sprintf(format, a...) }

// Exec runs one command line and returns the reply. Commands are case-insensitive;
// arguments are separated by white space. See README.md.
func (s *Store) Exec(line string) string {
	args := strings.Fields(line)
	if len(args) == 0 {
		return errorf("empty command")
	}
	cmd, args := strings.ToUpper(args[0]), args[1:]
	h, ok := commands[cmd]
	if !ok {
		return errorf("unknown command '%s'", args0(line))
	}
	if len(args) < h.minArgs || (h.maxArgs >= 0 && len(args) > h.maxArgs) {
		return errorf("wrong number of arguments for '%s'", strings.ToLower(cmd))
	}
	return h.run(s, args)
}

func args0(line string) string { return strings.Fields(line)[0] }

type handler struct {
	minArgs, maxArgs int // maxArgs -1: no limit
	run              func(s *Store, args []string) string
}

var commands map[string]handler

func init() {
	commands = map[string]handler{
		"PING":    {0, 0, func(*Store, []string) string { return "PONG" }},
		"SET":     {2, 4, cmdSet},
		"GET":     {1, 1, cmdGet},
		"DEL":     {1, -1, cmdDel},
		"EXISTS":  {1, -1, cmdExists},
		"INCR":    {1, 1, cmdIncr},
		"DBSIZE":  {0, 0, func(s *Store, _ []string) string { return integer(int64(s.Len())) }},
		"EXPIRE":  {2, 2, func(s *Store, a []string) string { return cmdExpire(s, a, time.Second) }},
		"PEXPIRE": {2, 2, func(s *Store, a []string) string { return cmdExpire(s, a, time.Millisecond) }},
		"TTL":     {1, 1, func(s *Store, a []string) string { return cmdTTL(s, a, time.Second) }},
		"PTTL":    {1, 1, func(s *Store, a []string) string { return cmdTTL(s, a, time.Millisecond) }},
		"PERSIST": {1, 1, cmdPersist},
	}
}

func cmdSet(s *Store, args []string) string {
	if len(args) == 2 {
		s.Set(args[0], args[1])
		return replyOK
	}
	if len(args) != 4 {
		return errorf("syntax error")
	}
	var unit time.Duration
	switch strings.ToUpper(args[2]) {
	case "EX":
		unit = time.Second
	case "PX":
		unit = time.Millisecond
	default:
		return errorf("syntax error")
	}
	n, err := strconv.ParseInt(args[3], 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/int64(unit) {
		return errorf("invalid expire time in 'set'")
	}
	s.setExpiring(args[0], args[1], time.Duration(n)*unit)
	return replyOK
}

// scaled converts n units to a Duration, saturating instead of overflowing.
func scaled(n int64, unit time.Duration) time.Duration {
	if n > math.MaxInt64/int64(unit) {
		return time.Duration(math.MaxInt64)
	}
	if n < math.MinInt64/int64(unit) {
		return time.Duration(math.MinInt64)
	}
	return time.Duration(n) * unit
}

func cmdExpire(s *Store, args []string, unit time.Duration) string {
	n, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		return errorf("value is not an integer or out of range")
	}
	if s.expire(args[0], scaled(n, unit)) {
		return integer(1)
	}
	return integer(0)
}

func cmdTTL(s *Store, args []string, unit time.Duration) string {
	left, exists, expiring := s.ttl(args[0])
	switch {
	case !exists:
		return integer(-2)
	case !expiring:
		return integer(-1)
	}
	return integer(int64((left + unit - 1) / unit))
}

func cmdPersist(s *Store, args []string) string {
	if s.persist(args[0]) {
		return integer(1)
	}
	return integer(0)
}

func cmdGet(s *Store, args []string) string {
	v, ok := s.Get(args[0])
	if !ok {
		return replyNil
	}
	return v
}

func cmdDel(s *Store, args []string) string {
	var n int64
	for _, k := range args {
		if s.Delete(k) {
			n++
		}
	}
	return integer(n)
}

func cmdExists(s *Store, args []string) string {
	var n int64
	for _, k := range args {
		if _, ok := s.Get(k); ok {
			n++
		}
	}
	return integer(n)
}

func cmdIncr(s *Store, args []string) string {
	var reply string
	s.update(args[0], func(old string, ok bool) (string, bool) {
		n := int64(0)
		if ok {
			var err error
			n, err = strconv.ParseInt(old, 10, 64)
			if err != nil {
				reply = errorf("value is not an integer")
				return "", false
			}
		}
		if n == 1<<63-1 {
			reply = errorf("increment would overflow")
			return "", false
		}
		n++
		reply = integer(n)
		return strconv.FormatInt(n, 10), true
	})
	return reply
}
