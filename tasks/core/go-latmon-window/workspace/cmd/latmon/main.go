// Command latmon reads an access log on standard input and prints per-endpoint latency
// percentiles over a sliding window as of the last event: latmon [-span MS] < access.log
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"example.com/latmon"
)

func main() {
	span := flag.Int64("span", 60000, "window span in milliseconds")
	flag.Parse()
	m, err := latmon.NewMonitor(*span)
	if err != nil {
		fmt.Fprintln(os.Stderr, "latmon:", err)
		os.Exit(2)
	}
	if err := latmon.ProcessLog(bufio.NewReader(os.Stdin), m); err != nil {
		fmt.Fprintln(os.Stderr, "latmon:", err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	if err := latmon.Render(out, m); err != nil {
		fmt.Fprintln(os.Stderr, "latmon:", err)
		os.Exit(1)
	}
}
