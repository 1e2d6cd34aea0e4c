package report

import (
	"bytes"
	"strings"
	"testing"
)

var sample = Table{
	Columns: []string{"name", "note"},
	Rows: [][]string{
		{"Ann", "likes, commas"},
		{"Bob", "a|b\tc"},
	},
}

func export(t *testing.T, format string, tab Table) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(format, tab, &buf); err != nil {
		t.Fatalf("Export(%q): %v", format, err)
	}
	return buf.String()
}

func TestCSV(t *testing.T) {
	want := "name,note\nAnn,\"likes, commas\"\nBob,a|b\tc\n"
	if got := export(t, "csv", sample); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTSV(t *testing.T) {
	want := "name\tnote\nAnn\tlikes, commas\nBob\ta|b c\n"
	if got := export(t, "TSV", sample); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSON(t *testing.T) {
	want := "[\n  {\"name\": \"Ann\", \"note\": \"likes, commas\"},\n  {\"name\": \"Bob\", \"note\": \"a|b\\tc\"}\n]\n"
	if got := export(t, "json", sample); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := export(t, "json", Table{Columns: []string{"x"}}); got != "[]\n" {
		t.Errorf("empty: got %q", got)
	}
}

func TestMarkdown(t *testing.T) {
	want := "| name | note |\n| --- | --- |\n| Ann | likes, commas |\n| Bob | a\\|b\tc |\n"
	for _, f := range []string{"markdown", "md", "Markdown"} {
		if got := export(t, f, sample); got != want {
			t.Errorf("%s: got %q, want %q", f, got, want)
		}
	}
}

func TestRaggedRows(t *testing.T) {
	bad := Table{Columns: []string{"a", "b"}, Rows: [][]string{{"1", "2"}, {"3"}}}
	for _, f := range []string{"csv", "tsv", "json", "md"} {
		var buf bytes.Buffer
		err := Export(f, bad, &buf)
		if err == nil || !strings.Contains(err.Error(), "row 1 has 1 cells, want 2") {
			t.Errorf("%s: error %v", f, err)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := Export("xml", sample, &buf); err == nil || !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("error %v", err)
	}
}
