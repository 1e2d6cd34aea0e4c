package textwrap

import "strings"

// splitParagraphs splits text at blank lines.
func splitParagraphs(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n\n")
}
