package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
)

func encodeCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return err
	}
	return cw.WriteAll(t.Rows)
}

var tsvClean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

func encodeTSV(w io.Writer, t Table) error {
	var sb strings.Builder
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				sb.WriteByte('\t')
			}
			sb.WriteString(tsvClean.Replace(c))
		}
		sb.WriteByte('\n')
	}
	line(t.Columns)
	for _, r := range t.Rows {
		line(r)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// encodeJSON writes an array of objects whose keys keep the column order.
func encodeJSON(w io.Writer, t Table) error {
	var sb strings.Builder
	sb.WriteString("[")
	for i, r := range t.Rows {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString("\n  {")
		for j, c := range r {
			if j > 0 {
				sb.WriteString(", ")
			}
			k, _ := json.Marshal(t.Columns[j])
			v, _ := json.Marshal(c)
			sb.Write(k)
			sb.WriteString(": ")
			sb.Write(v)
		}
		sb.WriteString("}")
	}
	if len(t.Rows) > 0 {
		sb.WriteString("\n")
	}
	sb.WriteString("]\n")
	_, err := io.WriteString(w, sb.String())
	return err
}

var mdEscape = strings.NewReplacer("|", `\|`, "\n", "<br>")

func encodeMarkdown(w io.Writer, t Table) error {
	var sb strings.Builder
	line := func(cells []string) {
		sb.WriteString("|")
		for _, c := range cells {
			sb.WriteString(" " + mdEscape.Replace(c) + " |")
		}
		sb.WriteString("\n")
	}
	line(t.Columns)
	sb.WriteString("|")
	for range t.Columns {
		sb.WriteString(" --- |")
	}
	sb.WriteString("\n")
	for _, r := range t.Rows {
		line(r)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
