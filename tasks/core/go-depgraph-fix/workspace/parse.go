package depgraph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Parse reads a dependency spec. See README.md for the syntax.
func Parse(r io.Reader) (*Graph, error) {
	g := newGraph()
	sc := bufio.NewScanner(r)
	lineNo, start := 0, 0
	var logical strings.Builder
	flush := func() error {
		text := logical.String()
		logical.Reset()
		if strings.TrimSpace(text) == "" {
			return nil
		}
		return parseRule(g, text, start)
	}
	for sc.Scan() {
		lineNo++
		line := stripComment(sc.Text())
		if logical.Len() == 0 {
			start = lineNo
		}
		trimmed := strings.TrimRight(line, " \t")
		if strings.HasSuffix(trimmed, `\`) {
			logical.WriteString(strings.TrimSuffix(trimmed, `\`))
			continue
		}
		logical.WriteString(line)
		if err := flush(); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return g, nil
}

// stripComment removes comment lines.
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	return line
}

func parseRule(g *Graph, text string, line int) error {
	head, tail, ok := strings.Cut(text, ":")
	if !ok {
		return fmt.Errorf("line %d: missing ':'", line)
	}
	target := strings.TrimSpace(head)
	if target == "" || strings.ContainsAny(target, " \t") {
		return fmt.Errorf("line %d: bad target name %q", line, target)
	}
	if strings.Contains(tail, ":") {
		return fmt.Errorf("line %d: unexpected ':'", line)
	}
	g.declare(target, strings.Fields(tail))
	return nil
}
