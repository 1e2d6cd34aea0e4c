package jobq

import (
	"fmt"
	"strings"
)

// EscapeField is the journal's field escaping (SPEC.md, "Escaping"), exported
// for tools that print payloads.
func EscapeField(b []byte) string { return encodeField(b) }

// FormatJob renders one job as a line of `jobqctl list` (SPEC.md, "CLI").
func FormatJob(in JobInfo) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d %s prio=%d attempts=%d ready_at=%d", in.ID, in.State, in.Priority, in.Attempts, in.ReadyAt)
	if in.State == Leased {
		fmt.Fprintf(&sb, " token=%d worker=%s deadline=%d", in.Token, encodeField([]byte(in.Worker)), in.Deadline)
	}
	if in.LastError != "" {
		fmt.Fprintf(&sb, " error=%s", encodeField([]byte(in.LastError)))
	}
	fmt.Fprintf(&sb, " payload=%s", encodeField(in.Payload))
	return sb.String()
}

// FormatStats renders Stats as the line printed by `jobqctl stats`.
func FormatStats(s Stats) string {
	return fmt.Sprintf("scheduled=%d ready=%d leased=%d done=%d dead=%d canceled=%d",
		s.Scheduled, s.Ready, s.Leased, s.Done, s.Dead, s.Canceled)
}
