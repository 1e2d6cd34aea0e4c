package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type cli struct {
	t    *testing.T
	path string
}

func (c cli) run(now int64, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	full := append([]string{"-journal", c.path, "-now", fmt.Sprint(now), "-lease", "100", "-max-attempts", "2",
		"-backoff-base", "10", "-backoff-max", "10"}, args...)
	code := run(full, &out, &errb)
	return out.String(), errb.String(), code
}

func (c cli) ok(now int64, want string, args ...string) {
	c.t.Helper()
	out, errs, code := c.run(now, args...)
	if code != 0 || out != want || errs != "" {
		c.t.Fatalf("%v: exit %d out %q err %q, want exit 0 out %q", args, code, out, errs, want)
	}
}

func (c cli) fail(now int64, code int, wantErr string, args ...string) {
	c.t.Helper()
	out, errs, got := c.run(now, args...)
	if got != code || out != "" || errs != wantErr {
		c.t.Fatalf("%v: exit %d out %q err %q, want exit %d err %q", args, got, out, errs, code, wantErr)
	}
}

func TestHiddenCLIWorkflow(t *testing.T) {
	c := cli{t, filepath.Join(t.TempDir(), "q.log")}
	c.ok(0, "1\n", "enqueue", "first job")
	c.ok(0, "2\n", "enqueue", "-priority", "5", "urgent")
	c.ok(0, "3\n", "enqueue", "-delay", "50", "later")
	c.ok(1, "2 1 1 101 urgent\n", "reserve", "alice")
	c.ok(2, "1 2 1 102 first%20job\n", "reserve", "bob")
	c.fail(3, 3, "jobqctl: jobq: no job ready\n", "reserve", "carol")
	c.ok(4, "ok\n", "ack", "2", "1")
	c.ok(5, "ok\n", "nack", "1", "2", "bad input")
	c.ok(6, "ok\n", "cancel", "3")
	c.ok(6, "1 scheduled prio=0 attempts=1 ready_at=15 error=bad%20input payload=first%20job\n"+
		"2 done prio=5 attempts=1 ready_at=0 payload=urgent\n"+
		"3 canceled prio=0 attempts=0 ready_at=50 payload=later\n", "list")
	c.ok(20, "1 3 2 120 first%20job\n", "reserve", "dave")
	c.ok(30, "ok\n", "extend", "1", "3", "500")
	c.ok(31, "1 leased prio=0 attempts=2 ready_at=15 token=3 worker=dave deadline=530 error=bad%20input payload=first%20job\n"+
		"2 done prio=5 attempts=1 ready_at=0 payload=urgent\n"+
		"3 canceled prio=0 attempts=0 ready_at=50 payload=later\n", "list")
	c.ok(31, "scheduled=0 ready=0 leased=1 done=1 dead=0 canceled=1\n", "stats")
	c.ok(530, "scheduled=0 ready=0 leased=0 done=1 dead=1 canceled=1\n", "stats")
	c.ok(530, "1 dead prio=0 attempts=2 ready_at=15 error=lease%20expired payload=first%20job\n"+
		"2 done prio=5 attempts=1 ready_at=0 payload=urgent\n"+
		"3 canceled prio=0 attempts=0 ready_at=50 payload=later\n", "list")
}

func TestHiddenCLIErrors(t *testing.T) {
	c := cli{t, filepath.Join(t.TempDir(), "q.log")}
	c.ok(0, "", "list")
	c.ok(0, "scheduled=0 ready=0 leased=0 done=0 dead=0 canceled=0\n", "stats")
	c.ok(0, "1\n", "enqueue", "")
	c.ok(0, "2\n", "enqueue", "-priority", "-100", "a-b%c")
	c.ok(0, "1 ready prio=0 attempts=0 ready_at=0 payload=-\n2 ready prio=-100 attempts=0 ready_at=0 payload=a%2Db%25c\n", "list")
	c.fail(0, 2, "jobqctl: unknown command \"frob\"\n", "frob")
	c.fail(0, 2, "jobqctl: ack takes 2 argument(s)\n", "ack", "1")
	c.fail(0, 2, "jobqctl: invalid job id \"x\"\n", "ack", "x", "1")
	c.fail(0, 2, "jobqctl: invalid token \"1.5\"\n", "nack", "1", "1.5", "r")
	c.fail(0, 1, "jobqctl: jobq: lease 9 on job 1 is not held\n", "ack", "1", "9")
	c.fail(0, 1, "jobqctl: jobq: job 5 not found\n", "cancel", "5")
	c.fail(0, 1, "jobqctl: jobq: priority 200 out of range [-100, 100]\n", "enqueue", "-priority", "200", "x")
	c.fail(0, 1, "jobqctl: jobq: delay -5 ms out of range\n", "enqueue", "-delay", "-5", "x")
	c.ok(0, "1 1 1 100 -\n", "reserve", "w")
	c.ok(0, "ok\n", "ack", "1", "1")
	c.fail(0, 1, "jobqctl: jobq: job 1 is already done\n", "cancel", "1")
	c.fail(0, 1, "jobqctl: jobq: lease 1 on job 1 is not held\n", "ack", "1", "1")
	var out, errb bytes.Buffer
	if code := run([]string{"list"}, &out, &errb); code != 2 || out.Len() != 0 ||
		errb.String() != "jobqctl: usage: jobqctl -journal PATH [-now MS] [options] COMMAND [ARGS]\n" {
		t.Fatalf("no journal: %d %q %q", code, out.String(), errb.String())
	}
	data, _ := os.ReadFile(c.path)
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(c.path, []byte("00000000 E 1 0 0 0 x\n"+strings.Join(lines[1:], "")), 0o644)
	c.fail(0, 1, "jobqctl: jobq: journal corrupt at line 1\n", "list")
}

func TestHiddenCLIRestartKeepsState(t *testing.T) {
	c := cli{t, filepath.Join(t.TempDir(), "q.log")}
	for i := 1; i <= 5; i++ {
		c.ok(int64(i), fmt.Sprintf("%d\n", i), "enqueue", "-priority", fmt.Sprint(i%2), fmt.Sprint("job ", i))
	}
	c.ok(10, "1 1 1 110 job%201\n", "reserve", "a")
	c.ok(10, "3 2 1 110 job%203\n", "reserve", "b")
	c.ok(120, "5 3 1 220 job%205\n", "reserve", "c")
	c.ok(120, "1 4 2 220 job%201\n", "reserve", "c")
	c.ok(120, "3 5 2 220 job%203\n", "reserve", "c")
	c.fail(121, 1, "jobqctl: jobq: lease 1 on job 1 is not held\n", "ack", "1", "1")
	c.ok(121, "ok\n", "ack", "1", "4")
	c.ok(121, "scheduled=0 ready=2 leased=2 done=1 dead=0 canceled=0\n", "stats")
	c.ok(121, "6\n", "enqueue", "-priority", "9", "x")
	c.ok(122, "6 6 1 222 x\n", "reserve", "bob smith")
	c.ok(122, "1 done prio=1 attempts=2 ready_at=120 error=lease%20expired payload=job%201\n"+
		"2 ready prio=0 attempts=0 ready_at=2 payload=job%202\n"+
		"3 leased prio=1 attempts=2 ready_at=120 token=5 worker=c deadline=220 error=lease%20expired payload=job%203\n"+
		"4 ready prio=0 attempts=0 ready_at=4 payload=job%204\n"+
		"5 leased prio=1 attempts=1 ready_at=5 token=3 worker=c deadline=220 payload=job%205\n"+
		"6 leased prio=9 attempts=1 ready_at=121 token=6 worker=bob%20smith deadline=222 payload=x\n", "list")
}
