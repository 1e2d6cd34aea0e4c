// Package textwrap fills text into lines of at most a given width.
package textwrap

import (
	"strings"
	"unicode/utf8"
)

// Wrap fills text into lines of at most width characters. See the package README.
func Wrap(text string, width int) []string {
	out := []string{}
	for i, para := range splitParagraphs(text) {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, fill(strings.Fields(para), width)...)
	}
	return out
}

// fill packs words greedily into lines.
func fill(words []string, width int) []string {
	var lines []string
	line := ""
	n := 0 // characters in line
	for _, w := range words {
		wn := utf8.RuneCountInString(w)
		if width > 0 && wn > width {
			if line != "" {
				lines = append(lines, line)
			}
			r := []rune(w)
			for len(r) > width {
				lines = append(lines, string(r[:width]))
				r = r[width:]
			}
			line, n = string(r), len(r)
			if n == 0 {
				line = ""
			}
			continue
		}
		switch {
		case line == "":
			line, n = w, wn
		case width <= 0 || n+1+wn <= width:
			line += " " + w
			n += 1 + wn
		default:
			lines = append(lines, line)
			line, n = w, wn
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
