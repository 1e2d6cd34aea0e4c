// The judge's tests (judge isolation): they never link the agent's code. The grading command builds
// the agent's program as the agent (agentrun go build -o /tmp/jsonpatch .) and these tests run it
// through agentrun, comparing its output. Apply is checked through the command, which prints
// Apply's result and a newline, or nothing and Apply's error on stderr.
package jsonpatchjudge

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// htExec runs the agent's program as the agent, with stdin; returns its exit status and output.
func htExec(stdin string, args ...string) (int, string, string, error) {
	var out, errb bytes.Buffer
	cmd := exec.Command("agentrun", append([]string{"/tmp/jsonpatch"}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return 0, "", "", err
		}
		code = ee.ExitCode()
	}
	return code, out.String(), errb.String(), nil
}

// Apply, through the command: the patch in a file, the document on stdin.
func Apply(doc, patch []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("/tmp", "jsonpatch-test-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	p := filepath.Join(dir, "patch.json")
	if err := os.WriteFile(p, patch, 0o644); err != nil {
		return nil, err
	}
	code, out, errs, err := htExec(string(doc), p)
	if err != nil {
		return nil, err
	}
	if code != 0 {
		var got []byte
		if out != "" {
			got = []byte(out)
		}
		return got, errors.New(strings.TrimSpace(errs) + " (exit status " + strconv.Itoa(code) + ")")
	}
	if errs != "" {
		return []byte(out), errors.New("exit status 0 but stderr " + errs)
	}
	if !strings.HasSuffix(out, "\n") {
		return []byte(out), errors.New("the output does not end with a newline")
	}
	return []byte(strings.TrimSuffix(out, "\n")), nil
}

// htTempDir: a folder in /tmp, not the judge's $TMPDIR, so the agent's program can read it.
func htTempDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("/tmp", "jsonpatch-test-")
	if err == nil {
		err = os.Chmod(d, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

type htOkCase struct{ name, doc, patch, want string }

var htOkCases = []htOkCase{
	{"add member", `{"a":1}`, `[{"op":"add","path":"/b","value":2}]`, `{"a":1,"b":2}`},
	{"add replaces member", `{"a":1}`, `[{"op":"add","path":"/a","value":[1,2]}]`, `{"a":[1,2]}`},
	{"add nested", `{"a":{"b":{}}}`, `[{"op":"add","path":"/a/b/c","value":true}]`, `{"a":{"b":{"c":true}}}`},
	{"add insert array", `{"x":[1,2,3]}`, `[{"op":"add","path":"/x/1","value":9}]`, `{"x":[1,9,2,3]}`},
	{"add at array end index", `[1,2]`, `[{"op":"add","path":"/2","value":3}]`, `[1,2,3]`},
	{"add dash appends", `[1,2]`, `[{"op":"add","path":"/-","value":{"k":null}}]`, `[1,2,{"k":null}]`},
	{"add at 0", `[]`, `[{"op":"add","path":"/0","value":"a"},{"op":"add","path":"/0","value":"b"}]`, `["b","a"]`},
	{"add null value", `{}`, `[{"op":"add","path":"/n","value":null}]`, `{"n":null}`},
	{"add root", `{"a":1}`, `[{"op":"add","path":"","value":[true]}]`, `[true]`},
	{"add empty key", `{}`, `[{"op":"add","path":"/","value":1}]`, `{"":1}`},
	{"escapes", `{"a/b":1,"m~n":2}`, `[{"op":"replace","path":"/a~1b","value":3},{"op":"remove","path":"/m~0n"}]`, `{"a/b":3}`},
	{"escape order ~01", `{"~1":1,"/":2}`, `[{"op":"remove","path":"/~01"}]`, `{"/":2}`},
	{"numeric member key", `{"0":"zero","10":"ten"}`, `[{"op":"replace","path":"/10","value":"TEN"}]`, `{"0":"zero","10":"TEN"}`},
	{"remove member", `{"a":1,"b":2}`, `[{"op":"remove","path":"/a"}]`, `{"b":2}`},
	{"remove element", `[1,2,3]`, `[{"op":"remove","path":"/1"}]`, `[1,3]`},
	{"remove nested element", `{"a":[{"b":[0,1]}]}`, `[{"op":"remove","path":"/a/0/b/0"}]`, `{"a":[{"b":[1]}]}`},
	{"replace", `{"a":{"b":1}}`, `[{"op":"replace","path":"/a/b","value":"x"}]`, `{"a":{"b":"x"}}`},
	{"replace element", `[1,2]`, `[{"op":"replace","path":"/1","value":[]}]`, `[1,[]]`},
	{"replace root", `[1]`, `[{"op":"replace","path":"","value":{"z":0}}]`, `{"z":0}`},
	{"replace with null", `{"a":1}`, `[{"op":"replace","path":"/a","value":null}]`, `{"a":null}`},
	{"move member", `{"a":{"b":1},"c":{}}`, `[{"op":"move","from":"/a/b","path":"/c/d"}]`, `{"a":{},"c":{"d":1}}`},
	{"move element", `[1,2,3,4]`, `[{"op":"move","from":"/0","path":"/3"}]`, `[2,3,4,1]`},
	{"move element dash", `[1,2,3]`, `[{"op":"move","from":"/0","path":"/-"}]`, `[2,3,1]`},
	{"move to same", `{"a":[1]}`, `[{"op":"move","from":"/a","path":"/a"}]`, `{"a":[1]}`},
	{"move to sibling prefix name", `{"a":1}`, `[{"op":"move","from":"/a","path":"/ab"}]`, `{"ab":1}`},
	{"move up", `{"a":{"b":{"c":1}}}`, `[{"op":"move","from":"/a/b","path":"/a"}]`, `{"a":{"c":1}}`},
	{"copy", `{"a":{"b":[1]}}`, `[{"op":"copy","from":"/a","path":"/c"}]`, `{"a":{"b":[1]},"c":{"b":[1]}}`},
	{"copy is deep", `{"a":{"b":[1]}}`, `[{"op":"copy","from":"/a","path":"/c"},{"op":"add","path":"/c/b/-","value":2},{"op":"replace","path":"/a/b/0","value":0}]`, `{"a":{"b":[0]},"c":{"b":[1,2]}}`},
	{"copy root into child", `{"a":1}`, `[{"op":"copy","from":"","path":"/self"}]`, `{"a":1,"self":{"a":1}}`},
	{"copy element", `[{"x":1}]`, `[{"op":"copy","from":"/0","path":"/0"}]`, `[{"x":1},{"x":1}]`},
	{"test ok", `{"a":[1,{"b":"c"}],"n":null,"t":true}`, `[{"op":"test","path":"/a","value":[1,{"b":"c"}]},{"op":"test","path":"/n","value":null},{"op":"test","path":"/t","value":true}]`, `{"a":[1,{"b":"c"}],"n":null,"t":true}`},
	{"test numbers", `{"a":1,"b":1.5,"c":100}`, `[{"op":"test","path":"/a","value":1.0},{"op":"test","path":"/a","value":1e0},{"op":"test","path":"/b","value":15e-1},{"op":"test","path":"/c","value":1E2}]`, `{"a":1,"b":1.5,"c":100}`},
	{"test object order", `{"o":{"x":1,"y":2}}`, `[{"op":"test","path":"/o","value":{"y":2,"x":1}}]`, `{"o":{"x":1,"y":2}}`},
	{"test root", `[1]`, `[{"op":"test","path":"","value":[1]}]`, `[1]`},
	{"test numbers exact past float precision", `{"a":1180591620717411303424,"b":0.000000000000000000000000000001,"c":-0,"d":1e400,"e":1e-400}`, `[{"op":"test","path":"/a","value":1.180591620717411303424e21},{"op":"test","path":"/b","value":1e-30},{"op":"test","path":"/c","value":0.0},{"op":"test","path":"/d","value":10E+399},{"op":"test","path":"/e","value":0.1e-399}]`, `{"a":1180591620717411303424,"b":0.000000000000000000000000000001,"c":-0,"d":1e400,"e":1e-400}`},
	{"test hundred digit numbers", `[1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001]`, `[{"op":"test","path":"/0","value":1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001.000}]`, `[1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001]`},
	{"numbers verbatim", `{"p":1.50,"q":1e3,"big":12345678901234567890123,"neg":-0.0}`, `[]`, `{"big":12345678901234567890123,"neg":-0.0,"p":1.50,"q":1e3}`},
	{"sorted keys", `{"b":1,"a":{"d":1,"c":2}}`, `[{"op":"add","path":"/0","value":0}]`, `{"0":0,"a":{"c":2,"d":1},"b":1}`},
	{"html escaped", `{"s":"<a&b>"}`, `[]`, `{"s":"\u003ca\u0026b\u003e"}`},
	{"unicode kept", `{"s":"é日本"}`, `[]`, `{"s":"é日本"}`},
	{"empty patch", `"just a string"`, `[]`, `"just a string"`},
	{"scalar doc replaced", `3`, `[{"op":"replace","path":"","value":"x"}]`, `"x"`},
	{"extra members ignored", `{}`, `[{"op":"add","path":"/a","value":1,"from":7,"comment":"hi"}]`, `{"a":1}`},
	{"whitespace in input", " { \"a\" : [ 1 , 2 ] } \n", "\n[ ]\n", `{"a":[1,2]}`},
	{"sequence", `{"list":["a","b"],"meta":{"n":2}}`, `[
		{"op":"add","path":"/list/-","value":"c"},
		{"op":"replace","path":"/meta/n","value":3},
		{"op":"test","path":"/list/2","value":"c"},
		{"op":"move","from":"/list/0","path":"/first"},
		{"op":"remove","path":"/meta"}
	]`, `{"first":"a","list":["b","c"]}`},
}

func TestApplyOK(t *testing.T) {
	for _, c := range htOkCases {
		c := c
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			got, err := Apply([]byte(c.doc), []byte(c.patch))
			if err != nil {
				t.Fatalf("Apply error: %v", err)
			}
			if string(got) != c.want {
				t.Fatalf("Apply =\n %s\nwant\n %s", got, c.want)
			}
		})
	}
}

type htErrCase struct{ name, doc, patch, contains string }

var htErrCases = []htErrCase{
	{"invalid doc", `{"a":`, `[]`, ""},
	{"doc trailing data", `{} {}`, `[]`, ""},
	{"invalid patch", `{}`, `[{"op":"add"`, ""},
	{"patch not array", `{}`, `{"op":"add","path":"/a","value":1}`, ""},
	{"element not object", `{}`, `[{"op":"test","path":"","value":{}},1]`, "operation 1"},
	{"missing op", `{}`, `[{"path":"/a","value":1}]`, "operation 0"},
	{"unknown op", `{}`, `[{"op":"ADD","path":"/a","value":1}]`, "operation 0"},
	{"op not string", `{}`, `[{"op":1,"path":"/a","value":1}]`, "operation 0"},
	{"missing path", `{}`, `[{"op":"add","value":1}]`, "operation 0"},
	{"path not string", `{}`, `[{"op":"add","path":1,"value":1}]`, "operation 0"},
	{"missing value add", `{}`, `[{"op":"add","path":"/a"}]`, "operation 0"},
	{"missing value replace", `{"a":1}`, `[{"op":"replace","path":"/a"}]`, "operation 0"},
	{"missing value test", `{"a":1}`, `[{"op":"test","path":"/a"}]`, "operation 0"},
	{"missing from move", `{"a":1}`, `[{"op":"move","path":"/b"}]`, "operation 0"},
	{"missing from copy", `{"a":1}`, `[{"op":"copy","path":"/b"}]`, "operation 0"},
	{"from not string", `{"a":1}`, `[{"op":"copy","from":["a"],"path":"/b"}]`, "operation 0"},
	{"pointer without slash", `{"a":1}`, `[{"op":"remove","path":"a"}]`, "operation 0"},
	{"bad escape", `{"a~2":1}`, `[{"op":"remove","path":"/a~2"}]`, "operation 0"},
	{"trailing tilde", `{"a~":1}`, `[{"op":"remove","path":"/a~"}]`, "operation 0"},
	{"add missing parent", `{}`, `[{"op":"add","path":"/a/b","value":1}]`, "operation 0"},
	{"add index too big", `[1]`, `[{"op":"add","path":"/2","value":1}]`, "operation 0"},
	{"add leading zero index", `[1,2]`, `[{"op":"add","path":"/01","value":1}]`, "operation 0"},
	{"add negative index", `[1,2]`, `[{"op":"add","path":"/-1","value":1}]`, "operation 0"},
	{"add non numeric index", `[1,2]`, `[{"op":"add","path":"/x","value":1}]`, "operation 0"},
	{"add into scalar", `{"a":1}`, `[{"op":"add","path":"/a/b","value":1}]`, "operation 0"},
	{"remove missing", `{"a":1}`, `[{"op":"remove","path":"/b"}]`, "operation 0"},
	{"remove index out of range", `[1]`, `[{"op":"remove","path":"/1"}]`, "operation 0"},
	{"remove dash", `[1]`, `[{"op":"remove","path":"/-"}]`, "operation 0"},
	{"remove root", `{"a":1}`, `[{"op":"remove","path":""}]`, "operation 0"},
	{"replace missing", `{"a":1}`, `[{"op":"replace","path":"/b","value":1}]`, "operation 0"},
	{"replace out of range", `[1]`, `[{"op":"replace","path":"/1","value":1}]`, "operation 0"},
	{"replace dash", `[1]`, `[{"op":"replace","path":"/-","value":1}]`, "operation 0"},
	{"move from missing", `{"a":1}`, `[{"op":"move","from":"/x","path":"/b"}]`, "operation 0"},
	{"move into own child", `{"a":{"b":{}}}`, `[{"op":"move","from":"/a","path":"/a/b/c"}]`, "operation 0"},
	{"move root into child", `{"a":{}}`, `[{"op":"move","from":"","path":"/a/x"}]`, "operation 0"},
	{"copy from missing", `{"a":1}`, `[{"op":"copy","from":"/b","path":"/c"}]`, "operation 0"},
	{"test fails", `{"a":1}`, `[{"op":"test","path":"/a","value":2}]`, "operation 0"},
	{"test type mismatch", `{"a":1}`, `[{"op":"test","path":"/a","value":"1"}]`, "operation 0"},
	{"test null vs missing", `{}`, `[{"op":"test","path":"/a","value":null}]`, "operation 0"},
	{"test array order", `{"a":[1,2]}`, `[{"op":"test","path":"/a","value":[2,1]}]`, "operation 0"},
	{"test extra member", `{"a":{"x":1}}`, `[{"op":"test","path":"/a","value":{"x":1,"y":2}}]`, "operation 0"},
	{"test fewer members", `{"a":{"x":1,"y":2}}`, `[{"op":"test","path":"/a","value":{"x":1}}]`, "operation 0"},
	{"test false vs null", `{"a":false}`, `[{"op":"test","path":"/a","value":null}]`, "operation 0"},
	{"test close numbers", `{"a":0.1}`, `[{"op":"test","path":"/a","value":0.10000000000000001}]`, "operation 0"},
	{"test big integers", `{"a":12345678901234567890}`, `[{"op":"test","path":"/a","value":12345678901234567891}]`, "operation 0"},
	{"test integers past 64 bits", `{"a":1180591620717411303424}`, `[{"op":"test","path":"/a","value":1180591620717411303425}]`, "operation 0"},
	{"test decimals past 20 digits", `{"a":0.1}`, `[{"op":"test","path":"/a","value":0.1000000000000000000000001}]`, "operation 0"},
	{"test hundred digit integers", `[1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001]`, `[{"op":"test","path":"/0","value":1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002}]`, "operation 0"},
	{"test huge exponents", `{"a":1e400}`, `[{"op":"test","path":"/a","value":2e400}]`, "operation 0"},
	{"test tiny exponents", `{"a":1e-400}`, `[{"op":"test","path":"/a","value":2e-400}]`, "operation 0"},
	{"later op fails", `{"a":1}`, `[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/a"},{"op":"test","path":"/a","value":1}]`, "operation 2"},
}

func TestApplyErrors(t *testing.T) {
	for _, c := range htErrCases {
		c := c
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			got, err := Apply([]byte(c.doc), []byte(c.patch))
			if err == nil {
				t.Fatalf("Apply succeeded with %s, want an error", got)
			}
			if got != nil {
				t.Errorf("Apply returned %s with an error, want nil", got)
			}
			if !strings.Contains(err.Error(), c.contains) {
				t.Errorf("error %q does not contain %q", err, c.contains)
			}
		})
	}
}

func TestTestFailureMessage(t *testing.T) {
	_, err := Apply([]byte(`{"a":[1]}`), []byte(`[{"op":"test","path":"/a/0","value":1},{"op":"test","path":"/a/0","value":2}]`))
	if err == nil || !strings.Contains(err.Error(), "operation 1") {
		t.Fatalf("error %v", err)
	}
}

func TestLargeArray(t *testing.T) {
	var doc strings.Builder
	doc.WriteString("[")
	for i := 0; i < 3000; i++ {
		if i > 0 {
			doc.WriteString(",")
		}
		doc.WriteString("0")
	}
	doc.WriteString("]")
	var patch strings.Builder
	patch.WriteString("[")
	for i := 0; i < 3000; i++ {
		if i > 0 {
			patch.WriteString(",")
		}
		patch.WriteString(`{"op":"remove","path":"/0"}`)
	}
	patch.WriteString(`,{"op":"add","path":"/-","value":"last"}]`)
	got, err := Apply([]byte(doc.String()), []byte(patch.String()))
	if err != nil || string(got) != `["last"]` {
		t.Fatalf("got %.80s, %v", got, err)
	}
}

// --- the command ---

func htWrite(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func htCli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	code, out, errs, err := htExec(stdin, args...)
	if err != nil {
		t.Fatalf("agentrun: %v", err)
	}
	return code, out, errs
}

func TestCLIFiles(t *testing.T) {
	dir := htTempDir(t)
	p := htWrite(t, dir, "p.json", `[{"op":"add","path":"/b","value":2}]`)
	d := htWrite(t, dir, "d.json", `{"a":1}`)
	code, out, errs := htCli(t, "", p, d)
	if code != 0 || out != "{\"a\":1,\"b\":2}\n" || errs != "" {
		t.Fatalf("exit %d, out %q, err %q", code, out, errs)
	}
}

func TestCLIStdin(t *testing.T) {
	dir := htTempDir(t)
	p := htWrite(t, dir, "p.json", `[{"op":"remove","path":"/a"}]`)
	for _, args := range [][]string{{p}, {p, "-"}} {
		code, out, errs := htCli(t, `{"a":1,"z":[]}`, args...)
		if code != 0 || out != "{\"z\":[]}\n" || errs != "" {
			t.Fatalf("%v: exit %d, out %q, err %q", args, code, out, errs)
		}
	}
}

func htExpectCLIError(t *testing.T, code int, out, errs string, wantCode int, contains string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("exit %d, want %d (stderr %q)", code, wantCode, errs)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	if !strings.HasPrefix(errs, "jsonpatch: ") || strings.Count(strings.TrimRight(errs, "\n"), "\n") != 0 {
		t.Errorf("stderr %q is not one line starting with \"jsonpatch: \"", errs)
	}
	if !strings.Contains(errs, contains) {
		t.Errorf("stderr %q does not contain %q", errs, contains)
	}
}

func TestCLIUsage(t *testing.T) {
	c, o, e := htCli(t, "")
	htExpectCLIError(t, c, o, e, 2, "")
	c, o, e = htCli(t, "", "a", "b", "c")
	htExpectCLIError(t, c, o, e, 2, "")
}

func TestCLIMissingFiles(t *testing.T) {
	dir := htTempDir(t)
	c, o, e := htCli(t, "{}", filepath.Join(dir, "nopatch.json"))
	htExpectCLIError(t, c, o, e, 1, "nopatch.json")
	p := htWrite(t, dir, "p.json", `[]`)
	c, o, e = htCli(t, "{}", p, filepath.Join(dir, "nodoc.json"))
	htExpectCLIError(t, c, o, e, 1, "nodoc.json")
}

func TestCLIApplyError(t *testing.T) {
	dir := htTempDir(t)
	p := htWrite(t, dir, "p.json", `[{"op":"add","path":"/x","value":1},{"op":"test","path":"/a","value":5}]`)
	c, o, e := htCli(t, `{"a":1}`, p)
	htExpectCLIError(t, c, o, e, 1, "operation 1")
	c, o, e = htCli(t, `not json`, p)
	htExpectCLIError(t, c, o, e, 1, "")
}
