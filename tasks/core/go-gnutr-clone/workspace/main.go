// gotr: a clone of GNU tr (coreutils 9.1) in the C locale. See SPEC.md.
package main

import (
	"fmt"
	"os"
)

// options holds the parsed command line.
type options struct {
	complement bool // -c, -C, --complement
	delete     bool // -d, --delete
	squeeze    bool // -s, --squeeze-repeats
	truncate   bool // -t, --truncate-set1
	operands   []string
}

// parseArgs is a stub: it understands only separate short options before the operands.
// TODO: clusters (-ds), long options and their abbreviations, "--", option errors (SPEC.md).
func parseArgs(args []string) options {
	var o options
	for i, a := range args {
		switch a {
		case "-c", "-C":
			o.complement = true
		case "-d":
			o.delete = true
		case "-s":
			o.squeeze = true
		case "-t":
			o.truncate = true
		default:
			o.operands = args[i:]
			return o
		}
	}
	return o
}

func main() {
	o := parseArgs(os.Args[1:])
	_ = o
	// TODO: everything else.
	fmt.Fprintln(os.Stderr, "gotr: not implemented")
	os.Exit(1)
}
