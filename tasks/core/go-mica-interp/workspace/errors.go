package main

import "fmt"

// SyntaxError is reported for problems found while lexing or parsing; the
// program does not run at all.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("syntax error: line %d: %s", e.Line, e.Msg)
}

// RuntimeError stops a running program.
type RuntimeError struct {
	Line int
	Msg  string
}

func (e *RuntimeError) Error() string {
	return fmt.Sprintf("runtime error: line %d: %s", e.Line, e.Msg)
}

func syntaxErrorf(line int, format string, args ...interface{}) *SyntaxError {
	return &SyntaxError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

func runtimeErrorf(line int, format string, args ...interface{}) *RuntimeError {
	return &RuntimeError{Line: line, Msg: fmt.Sprintf(format, args...)}
}
