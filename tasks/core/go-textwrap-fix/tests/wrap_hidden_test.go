package textwrap

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func htCheck(t *testing.T, text string, width int, want []string) {
	t.Helper()
	got := Wrap(text, width)
	if got == nil {
		got = []string{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Wrap(%q, %d)\n got  %q\n want %q", text, width, got, want)
	}
}

func TestBasic(t *testing.T) {
	htCheck(t, "the quick brown fox", 10, []string{"the quick", "brown fox"})
	htCheck(t, "hello", 10, []string{"hello"})
	htCheck(t, "  lots   of\tspace\n here  ", 80, []string{"lots of space here"})
	htCheck(t, "a b c d e f", 3, []string{"a b", "c d", "e f"})
}

func TestExactFit(t *testing.T) {
	htCheck(t, "aaa bbb ccc", 7, []string{"aaa bbb", "ccc"})
	htCheck(t, "aaa bbb ccc", 11, []string{"aaa bbb ccc"})
	htCheck(t, "aaa bbb ccc", 10, []string{"aaa bbb", "ccc"})
	htCheck(t, "ab cd", 5, []string{"ab cd"})
	htCheck(t, "ab cd", 4, []string{"ab", "cd"})
	htCheck(t, "x", 1, []string{"x"})
}

func TestUnicodeWidth(t *testing.T) {
	htCheck(t, "café crème brûlée", 10, []string{"café crème", "brûlée"})
	htCheck(t, "über straße", 11, []string{"über straße"})
	htCheck(t, "日本語 テキスト です", 7, []string{"日本語", "テキスト です"})
	htCheck(t, "ééé ééé", 7, []string{"ééé ééé"})
}

func TestLongWords(t *testing.T) {
	htCheck(t, "abcdefghij", 4, []string{"abcd", "efgh", "ij"})
	htCheck(t, "abcdefgh", 4, []string{"abcd", "efgh"})
	htCheck(t, "see https://example.com/a/b now", 8,
		[]string{"see", "https://", "example.", "com/a/b", "now"})
	htCheck(t, "go abcdefg hi", 3, []string{"go", "abc", "def", "g", "hi"})
	htCheck(t, "go abcdef hi", 3, []string{"go", "abc", "def", "hi"})
	htCheck(t, "xx abcde f", 4, []string{"xx", "abcd", "e f"})
	htCheck(t, "éééééé", 4, []string{"éééé", "éé"})
	htCheck(t, "日本語テキスト", 3, []string{"日本語", "テキス", "ト"})
	htCheck(t, "abc", 1, []string{"a", "b", "c"})
}

func TestParagraphs(t *testing.T) {
	htCheck(t, "one two\n\nthree", 80, []string{"one two", "", "three"})
	htCheck(t, "one\ntwo", 80, []string{"one two"})
	htCheck(t, "one\n\n\n\ntwo", 80, []string{"one", "", "two"})
	htCheck(t, "one\n   \ntwo", 80, []string{"one", "", "two"})
	htCheck(t, "one\n \t \n\n \ntwo\n\nthree", 80, []string{"one", "", "two", "", "three"})
	htCheck(t, "\n\n  \none\n\n", 80, []string{"one"})
	htCheck(t, "one\n\n", 80, []string{"one"})
	htCheck(t, "aa bb cc\n\ndd ee", 5, []string{"aa bb", "cc", "", "dd ee"})
	htCheck(t, "one\r\n\r\ntwo", 80, []string{"one", "", "two"})
}

func TestEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "\n", "\n\n\n", " \t \n  "} {
		got := Wrap(s, 10)
		if len(got) != 0 {
			t.Errorf("Wrap(%q, 10) = %q, want an empty result", s, got)
		}
	}
}

func TestNoLimit(t *testing.T) {
	long := strings.Repeat("word ", 50)
	htCheck(t, long, 0, []string{strings.TrimSpace(long)})
	htCheck(t, long, -1, []string{strings.TrimSpace(long)})
	htCheck(t, "a b\n\nc", 0, []string{"a b", "", "c"})
}

func TestInvariants(t *testing.T) {
	words := []string{"a", "bb", "ccc", "dddd", "ééééé", "ffffff", "ggggggggggggg", "日本"}
	for width := 1; width <= 12; width++ {
		var parts []string
		for i := 0; i < 60; i++ {
			parts = append(parts, words[(i*7+width)%len(words)])
		}
		text := strings.Join(parts, " ")
		t.Run(fmt.Sprintf("width%d", width), func(t *testing.T) {
			lines := Wrap(text, width)
			for _, l := range lines {
				if n := utf8.RuneCountInString(l); n > width || n == 0 {
					t.Errorf("line %q has %d characters (width %d)", l, n, width)
				}
				if strings.TrimSpace(l) != l || strings.Contains(l, "  ") {
					t.Errorf("line %q has stray spaces", l)
				}
			}
			joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
			if joined != strings.ReplaceAll(text, " ", "") {
				t.Errorf("text was lost or reordered")
			}
			// Greedy: the first word of each line would not have fitted on the previous one.
			for i := 1; i < len(lines); i++ {
				first := strings.Fields(lines[i])[0]
				if utf8.RuneCountInString(lines[i-1])+1+utf8.RuneCountInString(first) <= width &&
					utf8.RuneCountInString(first) <= width {
					t.Errorf("line %d %q could have taken %q", i-1, lines[i-1], first)
				}
			}
		})
	}
}
