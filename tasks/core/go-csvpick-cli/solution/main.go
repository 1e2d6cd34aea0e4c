// Command csvpick selects and reorders the columns of a CSV file.
//
//	csvpick [-d DELIM] [-o OUTDELIM] -f FIELDS [FILE]
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func parseDelim(s string) (rune, error) {
	switch s {
	case "tab", `\t`:
		return '\t', nil
	}
	if utf8.RuneCountInString(s) != 1 {
		return 0, usageError{fmt.Sprintf("bad delimiter %q", s)}
	}
	r, _ := utf8.DecodeRuneInString(s)
	if r == '"' || r == '\r' || r == '\n' || r == utf8.RuneError {
		return 0, usageError{fmt.Sprintf("bad delimiter %q", s)}
	}
	return r, nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// selectors resolves FIELDS against the header into 0-based column indexes.
func selectors(spec string, header []string) ([]int, error) {
	if spec == "" {
		return nil, usageError{"empty -f"}
	}
	var cols []int
	number := func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n == 0 {
			return 0, usageError{fmt.Sprintf("bad column number %q", s)}
		}
		if n > len(header) {
			return 0, usageError{fmt.Sprintf("column %d is out of range (the header has %d)", n, len(header))}
		}
		return n - 1, nil
	}
	for _, sel := range strings.Split(spec, ",") {
		if sel == "" {
			return nil, usageError{"empty selector in -f"}
		}
		if isDigits(sel) {
			n, err := number(sel)
			if err != nil {
				return nil, err
			}
			cols = append(cols, n)
			continue
		}
		if a, b, ok := strings.Cut(sel, "-"); ok && isDigits(a) && isDigits(b) {
			na, _ := strconv.Atoi(a)
			nb, _ := strconv.Atoi(b)
			if na == 0 || nb == 0 || na > nb {
				return nil, usageError{fmt.Sprintf("bad range %q", sel)}
			}
			if _, err := number(b); err != nil {
				return nil, err
			}
			for i := na; i <= nb; i++ {
				cols = append(cols, i-1)
			}
			continue
		}
		found := -1
		for i, h := range header {
			if h == sel {
				found = i
				break
			}
		}
		if found < 0 {
			return nil, usageError{fmt.Sprintf("unknown column %q", sel)}
		}
		cols = append(cols, found)
	}
	return cols, nil
}

// checkSyntax rejects malformed selectors before any input is read.
func checkSyntax(spec string) error {
	if spec == "" {
		return usageError{"missing or empty -f"}
	}
	for _, sel := range strings.Split(spec, ",") {
		if sel == "" {
			return usageError{"empty selector in -f"}
		}
		if isDigits(sel) {
			if n, err := strconv.Atoi(sel); err != nil || n == 0 {
				return usageError{fmt.Sprintf("bad column number %q", sel)}
			}
		}
		if a, b, ok := strings.Cut(sel, "-"); ok && isDigits(a) && isDigits(b) {
			na, errA := strconv.Atoi(a)
			nb, errB := strconv.Atoi(b)
			if errA != nil || errB != nil || na == 0 || nb == 0 || na > nb {
				return usageError{fmt.Sprintf("bad range %q", sel)}
			}
		}
	}
	return nil
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("csvpick", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	delim := fs.String("d", ",", "input delimiter")
	outDelim := fs.String("o", "", "output delimiter")
	fields := fs.String("f", "", "fields")
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(stderr, "csvpick: "+format+"\n", a...)
		return code
	}
	if err := fs.Parse(args); err != nil {
		return fail(2, "%v", err)
	}
	if fs.NArg() > 1 {
		return fail(2, "at most one FILE may be given")
	}
	in, err := parseDelim(*delim)
	if err != nil {
		return fail(2, "%v", err)
	}
	out := in
	if *outDelim != "" {
		if out, err = parseDelim(*outDelim); err != nil {
			return fail(2, "%v", err)
		}
	}
	if err := checkSyntax(*fields); err != nil {
		return fail(2, "%v", err)
	}
	src := stdin
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fail(1, "%v", err)
		}
		defer f.Close()
		src = f
	}
	r := csv.NewReader(src)
	r.Comma = in
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return 0
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	cols, err := selectors(*fields, header)
	if err != nil {
		return fail(2, "%v", err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = out
	rec := header
	row := make([]string, len(cols))
	for {
		for i, c := range cols {
			if c < len(rec) {
				row[i] = rec[c]
			} else {
				row[i] = ""
			}
		}
		if err := w.Write(row); err != nil {
			return fail(1, "%v", err)
		}
		rec, err = r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fail(1, "%v", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fail(1, "%v", err)
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return fail(1, "%v", err)
	}
	return 0
}
