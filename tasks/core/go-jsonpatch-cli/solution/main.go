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
	if len(args) < 1 || len(args) > 2 {
		fmt.Fprintln(stderr, "jsonpatch: usage: jsonpatch PATCHFILE [DOCFILE]")
		return 2
	}
	patch, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintf(stderr, "jsonpatch: %v\n", err)
		return 1
	}
	var doc []byte
	if len(args) == 2 && args[1] != "-" {
		doc, err = os.ReadFile(args[1])
	} else {
		doc, err = io.ReadAll(stdin)
	}
	if err != nil {
		fmt.Fprintf(stderr, "jsonpatch: %v\n", err)
		return 1
	}
	out, err := Apply(doc, patch)
	if err != nil {
		fmt.Fprintf(stderr, "jsonpatch: %v\n", err)
		return 1
	}
	stdout.Write(append(out, '\n'))
	return 0
}
