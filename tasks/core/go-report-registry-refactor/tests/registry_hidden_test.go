package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var htTables = map[string]Table{
	"sample":                 sample,
	"empty":                  {},
	"header only":            {Columns: []string{"a", "b"}},
	"no columns, empty rows": {Rows: [][]string{{}, {}}},
	"quotes":                 {Columns: []string{`say "hi"`, "x"}, Rows: [][]string{{`"`, `""`}, {"", " lead"}}},
	"newlines":               {Columns: []string{"multi\nline", "cr"}, Rows: [][]string{{"a\nb", "c\r\nd"}, {"\n", "\r"}}},
	"pipes and tabs":         {Columns: []string{"p|q", "t\tu"}, Rows: [][]string{{"|", "\t\t"}, {"a|b|c", "x\ty"}}},
	"unicode":                {Columns: []string{"名前", "emoji"}, Rows: [][]string{{"日本", "😀"}, {"é", "<&>"}}},
	"json escapes":           {Columns: []string{"k"}, Rows: [][]string{{"\u0001\u2028"}, {`back\slash`}, {"</script>"}}},
	"leading space csv":      {Columns: []string{" a", "b "}, Rows: [][]string{{" x", "y,"}, {"#c", ""}}},
	"many rows": func() Table {
		t := Table{Columns: []string{"i", "sq"}}
		for i := 0; i < 50; i++ {
			t.Rows = append(t.Rows, []string{fmt.Sprint(i), fmt.Sprint(i * i)})
		}
		return t
	}(),
}

var htRagged = map[string]Table{
	"short":      {Columns: []string{"a", "b"}, Rows: [][]string{{"1", "2"}, {"3"}}},
	"long first": {Columns: []string{"a"}, Rows: [][]string{{"1", "2"}, {"3"}}},
	"no columns": {Rows: [][]string{{}, {"x"}}},
	"empty row":  {Columns: []string{"a", "b", "c"}, Rows: [][]string{{}}},
	"late":       {Columns: []string{"a"}, Rows: [][]string{{"1"}, {"2"}, {"3"}, {"4", "5"}}},
}

var htFormatNames = []string{"csv", "CSV", "tsv", "Tsv", "json", "JSON", "markdown", "MarkDown", "md", "MD"}

func TestMatchesLegacyOutput(t *testing.T) {
	for name, tab := range htTables {
		for _, f := range htFormatNames {
			t.Run(strings.ReplaceAll(name, " ", "_")+"/"+f, func(t *testing.T) {
				var want, got bytes.Buffer
				werr := legacyExport(f, tab, &want)
				gerr := Export(f, tab, &got)
				if fmt.Sprint(werr) != fmt.Sprint(gerr) {
					t.Fatalf("error %v, want %v", gerr, werr)
				}
				if got.String() != want.String() {
					t.Fatalf("output\n got  %q\n want %q", got.String(), want.String())
				}
			})
		}
	}
}

func TestMatchesLegacyErrors(t *testing.T) {
	for name, tab := range htRagged {
		for _, f := range htFormatNames {
			t.Run(strings.ReplaceAll(name, " ", "_")+"/"+f, func(t *testing.T) {
				var want, got bytes.Buffer
				werr := legacyExport(f, tab, &want)
				gerr := Export(f, tab, &got)
				if werr == nil || gerr == nil || werr.Error() != gerr.Error() {
					t.Fatalf("error %v, want %v", gerr, werr)
				}
				if got.Len() != 0 {
					t.Fatalf("wrote %q on error", got.String())
				}
			})
		}
	}
}

func TestBuiltinFormats(t *testing.T) {
	want := []string{"csv", "json", "markdown", "md", "tsv"}
	if got := NewRegistry().Formats(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Formats() = %v, want %v", got, want)
	}
}

func TestUnknownFormatMessage(t *testing.T) {
	r := NewRegistry()
	var buf bytes.Buffer
	err := r.Export("xml", sample, &buf)
	want := `unknown format "xml" (known: csv, json, markdown, md, tsv)`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if err := r.Register("YAML", EncoderFunc(func(io.Writer, Table) error { return nil })); err != nil {
		t.Fatal(err)
	}
	err = r.Export("Xml", sample, &buf)
	want = `unknown format "Xml" (known: csv, json, markdown, md, tsv, yaml)`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if err := Export("", sample, &buf); err == nil || !strings.Contains(err.Error(), `""`) {
		t.Fatalf("empty format: error %v", err)
	}
}

type htRecorder struct {
	calls int
	got   Table
	out   string
	err   error
}

func (r *htRecorder) Encode(w io.Writer, t Table) error {
	r.calls++
	r.got = t
	io.WriteString(w, r.out)
	return r.err
}

func TestRegisterAndExport(t *testing.T) {
	r := NewRegistry()
	rec := &htRecorder{out: "custom!"}
	if err := r.Register("Custom", rec); err != nil {
		t.Fatalf("Register: %v", err)
	}
	if got := r.Formats(); !reflect.DeepEqual(got, []string{"csv", "custom", "json", "markdown", "md", "tsv"}) {
		t.Fatalf("Formats() = %v", got)
	}
	for _, name := range []string{"custom", "CUSTOM", "cUsToM"} {
		e, ok := r.Lookup(name)
		if !ok || e != Encoder(rec) {
			t.Fatalf("Lookup(%q) = %v, %v", name, e, ok)
		}
	}
	var buf bytes.Buffer
	if err := r.Export("custom", sample, &buf); err != nil {
		t.Fatalf("Export: %v", err)
	}
	if buf.String() != "custom!" || rec.calls != 1 || !reflect.DeepEqual(rec.got, sample) {
		t.Fatalf("encoder not used as expected: out %q, calls %d", buf.String(), rec.calls)
	}
}

func TestCustomEncoderNotCalledForRaggedTable(t *testing.T) {
	r := NewRegistry()
	rec := &htRecorder{out: "should not appear"}
	if err := r.Register("rec", rec); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err := r.Export("rec", htRagged["short"], &buf)
	if err == nil || err.Error() != "row 1 has 1 cells, want 2" {
		t.Fatalf("error %v", err)
	}
	if rec.calls != 0 || buf.Len() != 0 {
		t.Fatalf("encoder called %d times, wrote %q", rec.calls, buf.String())
	}
}

func TestEncoderErrorReturned(t *testing.T) {
	r := NewRegistry()
	boom := errors.New("disk full")
	if err := r.Register("boom", &htRecorder{err: boom}); err != nil {
		t.Fatal(err)
	}
	if err := r.Export("boom", sample, io.Discard); !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
}

func TestRegisterErrors(t *testing.T) {
	r := NewRegistry()
	enc := EncoderFunc(func(io.Writer, Table) error { return nil })
	for _, name := range []string{"", " ", "\t", "csv", "CSV", "Md", "json"} {
		if err := r.Register(name, enc); err == nil {
			t.Errorf("Register(%q) succeeded", name)
		}
	}
	if err := r.Register("x", nil); err == nil {
		t.Errorf("Register with a nil encoder succeeded")
	}
	if _, ok := r.Lookup("x"); ok {
		t.Errorf("failed Register left a format behind")
	}
	if err := r.Register("Once", enc); err != nil {
		t.Fatal(err)
	}
	if err := r.Register("ONCE", &htRecorder{}); err == nil {
		t.Errorf("duplicate Register succeeded")
	}
	if e, _ := r.Lookup("once"); reflect.ValueOf(e).Kind() != reflect.Func {
		t.Errorf("duplicate Register replaced the encoder")
	}
	// Built-ins still work after failed attempts to replace them.
	var got, want bytes.Buffer
	r.Export("csv", sample, &got)
	legacyExport("csv", sample, &want)
	if got.String() != want.String() {
		t.Errorf("csv output changed: %q", got.String())
	}
	if got := r.Formats(); !reflect.DeepEqual(got, []string{"csv", "json", "markdown", "md", "once", "tsv"}) {
		t.Errorf("Formats() = %v", got)
	}
}

func TestLookupBuiltins(t *testing.T) {
	r := NewRegistry()
	for _, f := range []string{"csv", "TSV", "json", "markdown", "md"} {
		e, ok := r.Lookup(f)
		if !ok || e == nil {
			t.Fatalf("Lookup(%q) = %v, %v", f, e, ok)
		}
		var got, want bytes.Buffer
		if err := e.Encode(&got, sample); err != nil {
			t.Fatal(err)
		}
		legacyExport(f, sample, &want)
		if got.String() != want.String() {
			t.Errorf("%s encoder: %q, want %q", f, got.String(), want.String())
		}
	}
	if _, ok := r.Lookup("xml"); ok {
		t.Errorf("Lookup(xml) found something")
	}
}

func TestRegistriesAreIndependent(t *testing.T) {
	a, b := NewRegistry(), NewRegistry()
	if err := a.Register("only-a", &htRecorder{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := b.Lookup("only-a"); ok {
		t.Errorf("registering in one registry affected another")
	}
	if _, ok := Default.Lookup("only-a"); ok {
		t.Errorf("registering in a new registry affected Default")
	}
	if err := b.Register("only-a", &htRecorder{}); err != nil {
		t.Errorf("same name in another registry: %v", err)
	}
}

func TestDefaultRegistryBacksExport(t *testing.T) {
	if err := Default.Register("hidden-test-format", &htRecorder{out: "via default"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Export("Hidden-Test-Format", sample, &buf); err != nil || buf.String() != "via default" {
		t.Fatalf("Export through Default: %q, %v", buf.String(), err)
	}
}

func TestEncoderFunc(t *testing.T) {
	var seen Table
	f := EncoderFunc(func(w io.Writer, t Table) error {
		seen = t
		_, err := io.WriteString(w, "ok")
		return err
	})
	var buf bytes.Buffer
	var e Encoder = f
	if err := e.Encode(&buf, sample); err != nil || buf.String() != "ok" || !reflect.DeepEqual(seen, sample) {
		t.Fatalf("EncoderFunc.Encode: %q %v", buf.String(), err)
	}
}

func TestConcurrentUse(t *testing.T) {
	r := NewRegistry()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				name := fmt.Sprintf("f%d-%d", g, i)
				if err := r.Register(name, EncoderFunc(func(w io.Writer, t Table) error { return nil })); err != nil {
					t.Errorf("Register(%s): %v", name, err)
					return
				}
				r.Lookup("csv")
				r.Formats()
				if err := r.Export("json", sample, io.Discard); err != nil {
					t.Errorf("Export: %v", err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	if n := len(r.Formats()); n != 5+8*200 {
		t.Fatalf("%d formats, want %d", n, 5+8*200)
	}
}
