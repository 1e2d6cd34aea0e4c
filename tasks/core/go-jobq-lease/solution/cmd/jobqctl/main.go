// Command jobqctl operates on a jobq journal, one operation per run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"example.com/jobq"
)

const usage = "usage: jobqctl -journal PATH [-now MS] [options] COMMAND [ARGS]"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func parseNum(s, what string) (int64, error) {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, usageError{fmt.Sprintf("invalid %s %q", what, s)}
	}
	return v, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("jobqctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	path := fs.String("journal", "", "journal file")
	now := fs.Int64("now", 0, "current time in ms")
	lease := fs.Int64("lease", 0, "lease duration in ms")
	maxAttempts := fs.Int("max-attempts", 0, "attempts before dead-lettering")
	base := fs.Int64("backoff-base", 0, "first retry delay in ms")
	bmax := fs.Int64("backoff-max", 0, "retry delay cap in ms")
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "jobqctl: %v\n", err)
		return 2
	}
	rest := fs.Args()
	if *path == "" || len(rest) == 0 {
		fmt.Fprintf(stderr, "jobqctl: %s\n", usage)
		return 2
	}
	clock := jobq.NewFakeClock(*now)
	q, err := jobq.Open(*path, clock, jobq.Options{LeaseMS: *lease, MaxAttempts: *maxAttempts,
		BackoffBaseMS: *base, BackoffMaxMS: *bmax})
	if err != nil {
		fmt.Fprintf(stderr, "jobqctl: %v\n", err)
		return 1
	}
	defer q.Close()
	out, err := command(q, rest[0], rest[1:])
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "jobqctl: %v\n", err)
		return 2
	case errors.Is(err, jobq.ErrEmpty):
		fmt.Fprintf(stderr, "jobqctl: %v\n", err)
		return 3
	case err != nil:
		fmt.Fprintf(stderr, "jobqctl: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, out)
	return 0
}

func want(cmd string, args []string, n int) error {
	if len(args) != n {
		return usageError{fmt.Sprintf("%s takes %d argument(s)", cmd, n)}
	}
	return nil
}

func command(q *jobq.Queue, cmd string, args []string) (string, error) {
	switch cmd {
	case "enqueue":
		fs := flag.NewFlagSet("enqueue", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		prio := fs.Int("priority", 0, "")
		delay := fs.Int64("delay", 0, "")
		if err := fs.Parse(args); err != nil {
			return "", usageError{err.Error()}
		}
		if err := want(cmd, fs.Args(), 1); err != nil {
			return "", err
		}
		id, err := q.Enqueue([]byte(fs.Arg(0)), jobq.EnqueueOptions{Priority: *prio, DelayMS: *delay})
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d\n", id), nil
	case "reserve":
		if err := want(cmd, args, 1); err != nil {
			return "", err
		}
		l, err := q.TryReserve(args[0])
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %d %d %d %s\n", l.ID, l.Token, l.Attempt, l.Deadline, jobq.EscapeField(l.Payload)), nil
	case "ack", "nack", "extend":
		n := 2
		if cmd != "ack" {
			n = 3
		}
		if err := want(cmd, args, n); err != nil {
			return "", err
		}
		id, err := parseNum(args[0], "job id")
		if err != nil {
			return "", err
		}
		tok, err := parseNum(args[1], "token")
		if err != nil {
			return "", err
		}
		switch cmd {
		case "ack":
			err = q.Ack(id, tok)
		case "nack":
			err = q.Nack(id, tok, args[2])
		default:
			var ms int64
			if ms, err = parseNum(args[2], "duration"); err == nil {
				err = q.Extend(id, tok, ms)
			}
		}
		if err != nil {
			return "", err
		}
		return "ok\n", nil
	case "cancel":
		if err := want(cmd, args, 1); err != nil {
			return "", err
		}
		id, err := parseNum(args[0], "job id")
		if err != nil {
			return "", err
		}
		if err := q.Cancel(id); err != nil {
			return "", err
		}
		return "ok\n", nil
	case "list":
		if err := want(cmd, args, 0); err != nil {
			return "", err
		}
		s := ""
		for _, in := range q.List() {
			s += jobq.FormatJob(in) + "\n"
		}
		return s, nil
	case "stats":
		if err := want(cmd, args, 0); err != nil {
			return "", err
		}
		return jobq.FormatStats(q.Stats()) + "\n", nil
	}
	return "", usageError{fmt.Sprintf("unknown command %q", cmd)}
}
