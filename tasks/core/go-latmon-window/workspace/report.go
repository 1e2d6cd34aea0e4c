package latmon

import (
	"fmt"
	"io"
)

// FormatSummary renders one summary line (without a newline).
func FormatSummary(s Summary) string {
	return fmt.Sprintf("%s count=%d p50=%d p90=%d p99=%d max=%d errors=%d",
		s.Endpoint, s.Count, s.P50, s.P90, s.P99, s.Max, s.Errors)
}

// Render writes one line per endpoint, sorted by endpoint, as of the monitor's time.
func Render(w io.Writer, m *Monitor) error {
	for _, name := range m.Endpoints() {
		s, err := m.Report(name)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w, FormatSummary(s)); err != nil {
			return err
		}
	}
	return nil
}
