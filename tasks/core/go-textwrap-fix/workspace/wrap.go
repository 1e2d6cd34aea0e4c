// Package textwrap fills text into lines of at most a given width.
package textwrap

import "strings"

// Wrap fills text into lines of at most width characters. See the package README.
func Wrap(text string, width int) []string {
	var out []string
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
	for _, w := range words {
		if width > 0 && len(w) > width {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, w)
			continue
		}
		switch {
		case line == "":
			line = w
		case width <= 0 || len(line)+1+len(w) < width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
