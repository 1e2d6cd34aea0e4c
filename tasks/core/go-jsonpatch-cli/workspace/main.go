// Command jsonpatch applies a JSON Patch (RFC 6902) to a JSON document.
//
//	jsonpatch PATCHFILE [DOCFILE]
//
// The document is read from DOCFILE, or from standard input if DOCFILE is absent or "-".
// The patched document is written to standard output.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "jsonpatch: not implemented")
	return 1
}
