package report

// legacyExport is the original implementation, kept as the oracle for "behaviour must not
// change".

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

func legacyExport(format string, t Table, w io.Writer) error {
	switch strings.ToLower(format) {
	case "csv":
		for i, r := range t.Rows {
			if len(r) != len(t.Columns) {
				return fmt.Errorf("row %d has %d cells, want %d", i, len(r), len(t.Columns))
			}
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(t.Columns); err != nil {
			return err
		}
		if err := cw.WriteAll(t.Rows); err != nil {
			return err
		}
		return nil
	case "tsv":
		for i, r := range t.Rows {
			if len(r) != len(t.Columns) {
				return fmt.Errorf("row %d has %d cells, want %d", i, len(r), len(t.Columns))
			}
		}
		clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
		var sb strings.Builder
		for i, c := range t.Columns {
			if i > 0 {
				sb.WriteByte('\t')
			}
			sb.WriteString(clean.Replace(c))
		}
		sb.WriteByte('\n')
		for _, r := range t.Rows {
			for i, c := range r {
				if i > 0 {
					sb.WriteByte('\t')
				}
				sb.WriteString(clean.Replace(c))
			}
			sb.WriteByte('\n')
		}
		_, err := io.WriteString(w, sb.String())
		return err
	case "json":
		for i, r := range t.Rows {
			if len(r) != len(t.Columns) {
				return fmt.Errorf("row %d has %d cells, want %d", i, len(r), len(t.Columns))
			}
		}
		// Objects keep the column order, so they are built by hand.
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
	case "markdown", "md":
		for i, r := range t.Rows {
			if len(r) != len(t.Columns) {
				return fmt.Errorf("row %d has %d cells, want %d", i, len(r), len(t.Columns))
			}
		}
		esc := strings.NewReplacer("|", `\|`, "\n", "<br>")
		var sb strings.Builder
		line := func(cells []string) {
			sb.WriteString("|")
			for _, c := range cells {
				sb.WriteString(" " + esc.Replace(c) + " |")
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
	default:
		return fmt.Errorf("unknown format %q", format)
	}
}
