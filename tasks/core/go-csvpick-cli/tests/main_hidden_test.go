// The judge's tests (judge isolation): they never link the agent's code. The grading command builds
// the agent's program as the agent (agentrun go build -o /tmp/csvpick .) and these tests run it
// through agentrun, comparing its output.
package csvpickjudge

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type htResult struct {
	code           int
	stdout, stderr string
}

func htRunWith(t *testing.T, stdin string, args ...string) htResult {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command("agentrun", append([]string{"/tmp/csvpick"}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("agentrun: %v", err)
		}
		code = ee.ExitCode()
	}
	return htResult{code, out.String(), errb.String()}
}

// htTempDir: a folder in /tmp, not the judge's $TMPDIR, so the agent's program can read it.
func htTempDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("/tmp", "csvpick-test-")
	if err == nil {
		err = os.Chmod(d, 0o755)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

func htExpectOK(t *testing.T, r htResult, want string) {
	t.Helper()
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q (stdout %q), want success", r.code, r.stderr, r.stdout)
	}
	if r.stdout != want {
		t.Fatalf("stdout\n got  %q\n want %q", r.stdout, want)
	}
}

func htExpectErr(t *testing.T, r htResult, code int, contains string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d (stderr %q)", r.code, code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout %q, want nothing on error", r.stdout)
	}
	if !strings.HasPrefix(r.stderr, "csvpick: ") {
		t.Errorf("stderr %q does not start with \"csvpick: \"", r.stderr)
	}
	if strings.Count(strings.TrimRight(r.stderr, "\n"), "\n") != 0 {
		t.Errorf("stderr %q is not one line", r.stderr)
	}
	if !strings.Contains(r.stderr, contains) {
		t.Errorf("stderr %q does not contain %q", r.stderr, contains)
	}
}

const htPeople = "name,age,city\nAnn,31,Oslo\nBob,45,Rome\n"

func htWriteFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(htTempDir(t), "in.csv")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSelectByName(t *testing.T) {
	htExpectOK(t, htRunWith(t, htPeople, "-f", "name"), "name\nAnn\nBob\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "city,name"), "city,name\nOslo,Ann\nRome,Bob\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f=age"), "age\n31\n45\n")
}

func TestSelectByNumberAndRange(t *testing.T) {
	htExpectOK(t, htRunWith(t, htPeople, "-f", "3,1"), "city,name\nOslo,Ann\nRome,Bob\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "2-3"), "age,city\n31,Oslo\n45,Rome\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "1-1"), "name\nAnn\nBob\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "3,1-2,city"), "city,name,age,city\nOslo,Ann,31,Oslo\nRome,Bob,45,Rome\n")
}

func TestDuplicatesAndDuplicateHeader(t *testing.T) {
	htExpectOK(t, htRunWith(t, htPeople, "-f", "name,name"), "name,name\nAnn,Ann\nBob,Bob\n")
	in := "id,x,id\n1,2,3\n"
	htExpectOK(t, htRunWith(t, in, "-f", "id"), "id\n1\n")
	htExpectOK(t, htRunWith(t, in, "-f", "3"), "id\n3\n")
}

func TestNamesThatLookNumeric(t *testing.T) {
	in := "2020,a-b,x1,1-x\nq,w,e,r\n"
	htExpectOK(t, htRunWith(t, in, "-f", "a-b,x1,1-x"), "a-b,x1,1-x\nw,e,r\n")
	// "2020" is a number, out of range here.
	htExpectErr(t, htRunWith(t, in, "-f", "2020"), 2, "2020")
}

func TestCaseSensitiveNames(t *testing.T) {
	htExpectErr(t, htRunWith(t, htPeople, "-f", "Name"), 2, `"Name"`)
}

func TestQuotingRoundTrip(t *testing.T) {
	in := "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",plain\n"
	htExpectOK(t, htRunWith(t, in, "-f", "b,a"),
		"b,a\n\"say \"\"hi\"\"\",\"x, y\"\nplain,\"multi\nline\"\n")
}

func TestShortRecords(t *testing.T) {
	in := "a,b,c\n1\n1,2\n1,2,3,4\n"
	htExpectOK(t, htRunWith(t, in, "-f", "c,a"), "c,a\n,1\n,1\n3,1\n")
}

func TestDelimiters(t *testing.T) {
	tsv := "name\tage\nAnn\t31\n"
	htExpectOK(t, htRunWith(t, tsv, "-d", "tab", "-f", "age,name"), "age\tname\n31\tAnn\n")
	htExpectOK(t, htRunWith(t, tsv, "-d", `\t`, "-f", "age"), "age\n31\n")
	htExpectOK(t, htRunWith(t, tsv, "-d", "tab", "-o", ",", "-f", "age,name"), "age,name\n31,Ann\n")
	htExpectOK(t, htRunWith(t, htPeople, "-o", ";", "-f", "name,city"), "name;city\nAnn;Oslo\nBob;Rome\n")
	htExpectOK(t, htRunWith(t, "a;b\n1;x,y\n", "-d", ";", "-f", "b,a"), "b;a\nx,y;1\n")
	htExpectOK(t, htRunWith(t, "a;b\n1;x,y\n", "-d", ";", "-o", ",", "-f", "b,a"), "b,a\n\"x,y\",1\n")
	htExpectOK(t, htRunWith(t, "a|b\n1|2\n", "-d", "|", "-o", "tab", "-f", "b,a"), "b\ta\n2\t1\n")
	htExpectOK(t, htRunWith(t, "a§b\n1§2\n", "-d", "§", "-f", "b"), "b\n2\n")
}

func TestBadDelimiters(t *testing.T) {
	for _, d := range []string{"", "ab", `"`, "\n", "\r", "tabs"} {
		htExpectErr(t, htRunWith(t, htPeople, "-d", d, "-f", "name"), 2, "")
	}
	htExpectErr(t, htRunWith(t, htPeople, "-o", "::", "-f", "name"), 2, "")
}

func TestFileInput(t *testing.T) {
	p := htWriteFile(t, htPeople)
	htExpectOK(t, htRunWith(t, "ignored,stdin\n", "-f", "city", p), "city\nOslo\nRome\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "city", "-"), "city\nOslo\nRome\n")
	htExpectOK(t, htRunWith(t, htPeople, "-f", "city", "--", "-"), "city\nOslo\nRome\n")
}

func TestMissingFile(t *testing.T) {
	p := filepath.Join(htTempDir(t), "nope.csv")
	htExpectErr(t, htRunWith(t, "", "-f", "a", p), 1, "nope.csv")
}

func TestUsageErrors(t *testing.T) {
	cases := map[string][]string{
		"no -f":          {},
		"empty -f":       {"-f", ""},
		"empty selector": {"-f", "name,,age"},
		"trailing comma": {"-f", "name,"},
		"zero":           {"-f", "0"},
		"zero range":     {"-f", "0-2"},
		"reversed range": {"-f", "3-1"},
		"unknown option": {"-x", "-f", "name"},
		"two files":      {"-f", "name", "a.csv", "b.csv"},
	}
	for name, args := range cases {
		args := args
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			htExpectErr(t, htRunWith(t, htPeople, args...), 2, "")
		})
	}
}

func TestUnknownColumn(t *testing.T) {
	htExpectErr(t, htRunWith(t, htPeople, "-f", "name,price"), 2, `unknown column "price"`)
}

func TestColumnOutOfRange(t *testing.T) {
	htExpectErr(t, htRunWith(t, htPeople, "-f", "4"), 2, "4")
	htExpectErr(t, htRunWith(t, htPeople, "-f", "2-7"), 2, "7")
}

func TestMalformedCSV(t *testing.T) {
	in := "a,b\n1,2\n3,x\"y\n5,6\n"
	htExpectErr(t, htRunWith(t, in, "-f", "a"), 1, "line 3")
	p := htWriteFile(t, "a,b\n\"open,2\n")
	htExpectErr(t, htRunWith(t, "", "-f", "b", p), 1, "line")
}

func TestEmptyInput(t *testing.T) {
	htExpectOK(t, htRunWith(t, "", "-f", "a"), "")
}

func TestHeaderOnly(t *testing.T) {
	htExpectOK(t, htRunWith(t, "a,b\n", "-f", "b"), "b\n")
	htExpectOK(t, htRunWith(t, "a,b", "-f", "b,a"), "b,a\n")
}

func TestCRLFInput(t *testing.T) {
	htExpectOK(t, htRunWith(t, "a,b\r\n1,2\r\n", "-f", "b"), "b\n2\n")
}

func TestLargeInput(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("i,sq,s\n")
	var want strings.Builder
	want.WriteString("s,i\n")
	for i := 0; i < 20000; i++ {
		sb.WriteString(strings.Repeat("x", i%5) + ",")
		sb.WriteString("y,")
		sb.WriteString("z\n")
		want.WriteString("z," + strings.Repeat("x", i%5) + "\n")
	}
	r := htRunWith(t, sb.String(), "-f", "s,i")
	if r.code != 0 || r.stdout != want.String() {
		t.Fatalf("large input: exit %d, %d bytes out (want %d), stderr %q", r.code, len(r.stdout), want.Len(), r.stderr)
	}
}
