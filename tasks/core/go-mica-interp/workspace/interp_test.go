package main

import (
	"bytes"
	"strings"
	"testing"
)

func runSrc(t *testing.T, src string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(nil, strings.NewReader(src), &out, &errb)
	return code, out.String(), errb.String()
}

func TestPrintValues(t *testing.T) {
	code, out, errs := runSrc(t, `print(1, "two", [3, "four"], nil, true);`)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if want := "1 two [3, \"four\"] nil true\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestArithmetic(t *testing.T) {
	_, out, _ := runSrc(t, "print(1 + 2 * 3, (1 + 2) * 3, 7 / 2, 7 % 3, 2 ** 10);")
	if want := "7 9 3 1 1024\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func TestRecursion(t *testing.T) {
	_, out, _ := runSrc(t, "fn fib(n) { if n < 2 { return n; } return fib(n - 1) + fib(n - 2); }\nprint(fib(15));")
	if out != "610\n" {
		t.Errorf("got %q", out)
	}
}

func TestRuntimeError(t *testing.T) {
	code, out, errs := runSrc(t, "print(\"a\");\nprint(1 / 0);\n")
	if code != 1 || out != "a\n" || errs != "runtime error: line 2: division by zero\n" {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}

func TestSyntaxError(t *testing.T) {
	code, out, errs := runSrc(t, "print(1);\nlet = 2;\n")
	if code != 2 || out != "" || !strings.HasPrefix(errs, "syntax error: line 2: ") {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}
