// Command csvpick selects and reorders the columns of a CSV file.
//
//	csvpick [-d DELIM] [-o OUTDELIM] -f FIELDS [FILE]
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the whole program: it takes the arguments after the program name and returns the
// exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "csvpick: not implemented")
	return 1
}
