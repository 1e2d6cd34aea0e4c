// Package report writes tables in several text formats through a registry of encoders.
package report

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
)

// Table is a header and rows of cells; every row has one cell per column.
type Table struct {
	Columns []string
	Rows    [][]string
}

// Encoder writes a table in one format. Encoders are only ever given tables whose rows
// all have len(t.Columns) cells.
type Encoder interface {
	Encode(w io.Writer, t Table) error
}

// EncoderFunc adapts a function to Encoder.
type EncoderFunc func(w io.Writer, t Table) error

// Encode calls f.
func (f EncoderFunc) Encode(w io.Writer, t Table) error { return f(w, t) }

// Registry maps format names to encoders. It is safe for concurrent use.
type Registry struct {
	mu       sync.RWMutex
	encoders map[string]Encoder
}

// NewRegistry returns a registry holding the built-in formats.
func NewRegistry() *Registry {
	r := &Registry{encoders: make(map[string]Encoder)}
	for name, e := range map[string]Encoder{
		"csv":      EncoderFunc(encodeCSV),
		"tsv":      EncoderFunc(encodeTSV),
		"json":     EncoderFunc(encodeJSON),
		"markdown": EncoderFunc(encodeMarkdown),
		"md":       EncoderFunc(encodeMarkdown),
	} {
		r.encoders[name] = e
	}
	return r
}

// Register adds a format under a case-insensitive name.
func (r *Registry) Register(name string, e Encoder) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("report: empty format name")
	}
	if e == nil {
		return fmt.Errorf("report: nil encoder for format %q", name)
	}
	key := strings.ToLower(name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.encoders[key]; dup {
		return fmt.Errorf("report: format %q is already registered", key)
	}
	r.encoders[key] = e
	return nil
}

// Lookup returns the encoder registered under name (case-insensitive).
func (r *Registry) Lookup(name string) (Encoder, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	e, ok := r.encoders[strings.ToLower(name)]
	return e, ok
}

// Formats returns every registered name, in lower case, sorted.
func (r *Registry) Formats() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := make([]string, 0, len(r.encoders))
	for n := range r.encoders {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Export checks the table, then writes it with the named format's encoder.
func (r *Registry) Export(format string, t Table, w io.Writer) error {
	e, ok := r.Lookup(format)
	if !ok {
		return fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(r.Formats(), ", "))
	}
	if err := checkTable(t); err != nil {
		return err
	}
	return e.Encode(w, t)
}

func checkTable(t Table) error {
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("row %d has %d cells, want %d", i, len(row), len(t.Columns))
		}
	}
	return nil
}

// Default is the registry used by the package-level Export.
var Default = NewRegistry()

// Export writes t to w in the named format using Default.
func Export(format string, t Table, w io.Writer) error {
	return Default.Export(format, t, w)
}
