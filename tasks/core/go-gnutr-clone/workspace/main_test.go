package main

// Visible smoke tests: build gotr and compare it with the real tr (LC_ALL=C) on a few cases,
// using the comparison rule of SPEC.md.

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

type smokeResult struct {
	code           int
	stdout, stderr []byte
}

func smokeRun(t *testing.T, name string, args []string, stdin string) smokeResult {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader([]byte(stdin)), &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("%s: %v", name, err)
		}
		code = ee.ExitCode()
	}
	return smokeResult{code, out.Bytes(), errb.Bytes()}
}

var smokePrefix = regexp.MustCompile(`(?m)^tr: `)

func TestAgainstRealTr(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gotr")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cases := []struct {
		args  []string
		stdin string
	}{
		{[]string{"a-z", "A-Z"}, "hello, world\n"},
		{[]string{"-d", "[:digit:]"}, "a1b2c3\n"},
		{[]string{"-s", " "}, "a   b    c\n"},
		{[]string{"-cs", "[:alpha:]", "\\n"}, "one, two; three!\n"},
		{[]string{"abc", "x"}, "aabbcc\n"},
		{[]string{"-t", "abc", "x"}, "aabbcc\n"},
		{[]string{"[:upper:]", "[:lower:]"}, "MiXeD\n"},
		{[]string{"a", "[b*3]"}, "aaa"},
		{[]string{"z-a", "x"}, "x"},
		{[]string{"-d", "a", "b"}, "x"},
		{[]string{}, "x"},
	}
	for _, c := range cases {
		want := smokeRun(t, "tr", c.args, c.stdin)
		want.stderr = smokePrefix.ReplaceAll(want.stderr, []byte("gotr: "))
		want.stderr = bytes.ReplaceAll(want.stderr, []byte("Try 'tr --help'"), []byte("Try 'gotr --help'"))
		got := smokeRun(t, bin, c.args, c.stdin)
		if got.code != want.code || !bytes.Equal(got.stdout, want.stdout) || !bytes.Equal(got.stderr, want.stderr) {
			t.Errorf("gotr %q < %q:\n got  exit %d stdout %q stderr %q\n want exit %d stdout %q stderr %q",
				c.args, c.stdin, got.code, got.stdout, got.stderr, want.code, want.stdout, want.stderr)
		}
	}
}
