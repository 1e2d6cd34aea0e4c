package latmon

import (
	"fmt"
	"strconv"
	"strings"
)

// Event is one request from the access log.
type Event struct {
	TS       int64  // milliseconds since the epoch
	Endpoint string // request path, e.g. /api/users
	Status   int    // HTTP status code, 100..599
	Latency  int64  // milliseconds, >= 0
}

// ParseError says which line of the input could not be parsed and why.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseLine parses one access-log line: "TS ENDPOINT STATUS LATENCY", fields separated by runs of
// spaces or tabs. lineNo is only used in the error.
func ParseLine(line string, lineNo int) (Event, error) {
	fields := strings.Fields(line)
	if len(fields) != 4 {
		return Event{}, &ParseError{lineNo, fmt.Sprintf("expected 4 fields, got %d", len(fields))}
	}
	ts, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil || ts < 0 {
		return Event{}, &ParseError{lineNo, "bad timestamp " + strconv.Quote(fields[0])}
	}
	ep := fields[1]
	if !strings.HasPrefix(ep, "/") {
		return Event{}, &ParseError{lineNo, "endpoint must start with /"}
	}
	status, err := strconv.Atoi(fields[2])
	if err != nil || status < 100 || status > 599 {
		return Event{}, &ParseError{lineNo, "bad status " + strconv.Quote(fields[2])}
	}
	lat, err := strconv.ParseInt(fields[3], 10, 64)
	if err != nil || lat < 0 {
		return Event{}, &ParseError{lineNo, "bad latency " + strconv.Quote(fields[3])}
	}
	return Event{TS: ts, Endpoint: ep, Status: status, Latency: lat}, nil
}

// IsBlank reports whether a log line carries no event (empty, only spaces, or a # comment).
func IsBlank(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || strings.HasPrefix(t, "#")
}
