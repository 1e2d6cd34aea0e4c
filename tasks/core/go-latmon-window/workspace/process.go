package latmon

import (
	"bufio"
	"errors"
	"io"
)

// ProcessLog feeds every event of an access log to m, stopping at the first bad line.
// Line numbers in errors count every line of the input, blank and comment lines included.
func ProcessLog(r io.Reader, m *Monitor) error {
	sc := bufio.NewScanner(r)
	lineNo := 0
	for sc.Scan() {
		line := sc.Text()
		if IsBlank(line) {
			continue
		}
		lineNo++
		e, err := ParseLine(line, lineNo)
		if err != nil {
			return err
		}
		if err := m.Feed(e); err != nil {
			if errors.Is(err, ErrOutOfOrder) {
				return &ParseError{Line: lineNo, Msg: "timestamp out of order"}
			}
			return err
		}
	}
	return sc.Err()
}
