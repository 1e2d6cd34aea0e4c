// Command mica runs a Mica program: mica [FILE]. Without FILE it reads the
// program from standard input. See SPEC.md for the language.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintln(stderr, "usage: mica [FILE]")
		return 2
	}
	var src []byte
	var err error
	if len(args) == 1 && args[0] != "-" {
		src, err = os.ReadFile(args[0])
	} else {
		src, err = io.ReadAll(stdin)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mica: cannot read program: %v\n", err)
		return 2
	}
	prog, err := Parse(string(src))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	in := NewInterp(stdout)
	if err := in.Run(prog); err != nil {
		var rt *RuntimeError
		if errors.As(err, &rt) {
			fmt.Fprintln(stderr, rt)
			return 1
		}
		fmt.Fprintln(stderr, "mica:", err)
		return 1
	}
	return 0
}
