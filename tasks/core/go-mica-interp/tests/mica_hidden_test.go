// The judge's tests (judge isolation): they never link the agent's code. The grading command builds
// the agent's program as the agent (agentrun go build -o /tmp/mica .) and these tests run it through
// agentrun, feeding a program on standard input and comparing its output, error line and status.
package micajudge

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const micaBin = "/tmp/mica"

type scriptCase struct {
	name string
	src  string
	out  string
	err  string // exact stderr; for syntax errors (code 2) the required prefix
	code int
}

func runMica(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command("agentrun", append([]string{"timeout", "20", micaBin}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errb
	code := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("cannot run mica: %v", err)
		}
		code = ee.ExitCode()
	}
	return code, out.String(), errb.String()
}

func checkCase(t *testing.T, c scriptCase) {
	code, out, errs := runMica(t, c.src)
	if code != c.code {
		t.Errorf("exit status %d, want %d (stderr %q)", code, c.code, errs)
	}
	if out != c.out {
		t.Errorf("stdout\n got: %q\nwant: %q", out, c.out)
	}
	if c.code == 2 {
		if !strings.HasPrefix(errs, c.err) || strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") {
			t.Errorf("stderr %q, want one line starting %q", errs, c.err)
		}
	} else if errs != c.err {
		t.Errorf("stderr\n got: %q\nwant: %q", errs, c.err)
	}
}

func TestScripts(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range scriptCases {
		c := c
		if seen[c.name] {
			t.Fatalf("duplicate case %s", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) { checkCase(t, c) })
	}
}

// ---- the command line ----

func shareDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("/tmp", "mica-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestCLIFileArgument(t *testing.T) {
	dir := shareDir(t)
	p := filepath.Join(dir, "prog.mica")
	if err := os.WriteFile(p, []byte("print(\"from file\", 6 * 7);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runMica(t, "print(\"from stdin\");\n", p)
	if code != 0 || out != "from file 42\n" || errs != "" {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}

func TestCLIDashReadsStdin(t *testing.T) {
	code, out, errs := runMica(t, "print(\"from stdin\");\n", "-")
	if code != 0 || out != "from stdin\n" || errs != "" {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}

func TestCLITooManyArguments(t *testing.T) {
	code, out, errs := runMica(t, "print(1);\n", "a.mica", "b.mica")
	if code != 2 || out != "" || errs != "usage: mica [FILE]\n" {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}

func TestCLIMissingFile(t *testing.T) {
	dir := shareDir(t)
	code, out, errs := runMica(t, "print(1);\n", filepath.Join(dir, "absent.mica"))
	if code != 2 || out != "" || !strings.HasPrefix(errs, "mica: ") || strings.Count(errs, "\n") != 1 {
		t.Errorf("got %d %q %q", code, out, errs)
	}
}

func TestRuntimeErrorKeepsEarlierOutput(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "print(%d);\n", i)
	}
	b.WriteString("print(nil + 1);\n")
	code, out, errs := runMica(t, b.String())
	if code != 1 || strings.Count(out, "\n") != 3000 || !strings.HasSuffix(out, "2999\n") {
		t.Errorf("got %d, %d lines of output", code, strings.Count(out, "\n"))
	}
	if errs != "runtime error: line 3001: unsupported operand types for +: nil and int\n" {
		t.Errorf("stderr %q", errs)
	}
}

// ---- arithmetic against a model of section 6 ----

type node struct {
	op          string // "lit", "neg", "+", "-", "*", "/", "%", "**", "paren"
	val         int64
	left, right *node
}

var errModel = errors.New("model error")

type modelErr struct{ msg string }

func (e modelErr) Error() string { return e.msg }

func eval(n *node) (int64, error) {
	switch n.op {
	case "lit":
		return n.val, nil
	case "paren":
		return eval(n.left)
	case "neg":
		v, err := eval(n.left)
		return -v, err
	}
	a, err := eval(n.left)
	if err != nil {
		return 0, err
	}
	b, err := eval(n.right)
	if err != nil {
		return 0, err
	}
	switch n.op {
	case "+":
		return a + b, nil
	case "-":
		return a - b, nil
	case "*":
		return a * b, nil
	case "/", "%":
		if b == 0 {
			return 0, modelErr{"division by zero"}
		}
		q, r := a/b, a%b
		if r != 0 && (r < 0) != (b < 0) {
			q, r = q-1, r+b
		}
		if n.op == "/" {
			return q, nil
		}
		return r, nil
	case "**":
		if b < 0 {
			return 0, modelErr{"negative exponent"}
		}
		res := int64(1)
		for i := int64(0); i < b; i++ {
			res *= a
		}
		return res, nil
	}
	return 0, errModel
}

// precedence levels for printing: additive 1, multiplicative 2, unary 3, power 4, atom 5.
func prec(n *node) int {
	switch n.op {
	case "+", "-":
		return 1
	case "*", "/", "%":
		return 2
	case "neg":
		return 3
	case "**":
		return 4
	}
	return 5
}

func render(n *node) string {
	wrap := func(c *node, need bool) string {
		if need {
			return "(" + render(c) + ")"
		}
		return render(c)
	}
	switch n.op {
	case "lit":
		return strconv.FormatInt(n.val, 10)
	case "paren":
		return "(" + render(n.left) + ")"
	case "neg":
		return "-" + wrap(n.left, prec(n.left) < 3)
	case "**":
		return wrap(n.left, prec(n.left) < 5) + " ** " + wrap(n.right, prec(n.right) < 3)
	}
	p := prec(n)
	return wrap(n.left, prec(n.left) < p) + " " + n.op + " " + wrap(n.right, prec(n.right) <= p)
}

// level 0: no **; 1: ** with plain literal exponents; 2: any exponent (negated, nested powers).
func gen(r *rand.Rand, depth, level int) *node {
	if depth <= 0 || r.Intn(4) == 0 {
		switch r.Intn(10) {
		case 0:
			return &node{op: "lit", val: r.Int63()}
		case 1:
			return &node{op: "lit", val: 0}
		default:
			return &node{op: "lit", val: int64(r.Intn(30))}
		}
	}
	switch k := r.Intn(20); {
	case k < 3:
		return &node{op: "neg", left: gen(r, depth-1, level)}
	case k < 4:
		return &node{op: "paren", left: gen(r, depth-1, level)}
	case k < 7 && level > 0:
		exp := &node{op: "lit", val: int64(r.Intn(6))}
		if level > 1 {
			exp = genExp(r)
		}
		return &node{op: "**", left: gen(r, depth-2, level), right: exp}
	default:
		ops := []string{"+", "-", "*", "/", "%", "/", "%"}
		return &node{op: ops[r.Intn(len(ops))], left: gen(r, depth-1, level), right: gen(r, depth-1, level)}
	}
}

// genExp makes a small exponent: a literal, a negated literal, or a power of literals.
func genExp(r *rand.Rand) *node {
	switch r.Intn(6) {
	case 0:
		return &node{op: "neg", left: &node{op: "lit", val: int64(r.Intn(3))}}
	case 1:
		return &node{op: "**", left: &node{op: "lit", val: int64(r.Intn(3))}, right: &node{op: "lit", val: int64(r.Intn(3))}}
	}
	return &node{op: "lit", val: int64(r.Intn(6))}
}

func TestArithmeticRandomized(t *testing.T) {
	for _, sc := range []struct {
		name  string
		level int
		seed  int64
	}{
		{"no_power_a", 0, 11}, {"no_power_b", 0, 12},
		{"literal_exponents", 1, 13}, {"any_exponent_a", 2, 14}, {"any_exponent_b", 2, 15},
	} {
		sc := sc
		t.Run(sc.name, func(t *testing.T) { arithmeticBatch(t, rand.New(rand.NewSource(sc.seed)), sc.level) })
	}
}

func arithmeticBatch(t *testing.T, r *rand.Rand, level int) {
	var src, want strings.Builder
	n := 0
	for n < 150 {
		e := gen(r, 5, level)
		v, err := eval(e)
		if err != nil {
			continue
		}
		fmt.Fprintf(&src, "print(%s);\n", render(e))
		fmt.Fprintf(&want, "%d\n", v)
		n++
	}
	code, out, errs := runMica(t, src.String())
	if code != 0 || errs != "" {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	gotLines := strings.Split(out, "\n")
	wantLines := strings.Split(want.String(), "\n")
	srcLines := strings.Split(src.String(), "\n")
	bad := 0
	for i := range wantLines {
		g := ""
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if g != wantLines[i] {
			if bad < 5 {
				t.Errorf("line %d: %s printed %q, want %q", i+1, srcLines[i], g, wantLines[i])
			}
			bad++
		}
	}
	if bad > 5 {
		t.Errorf("%d lines wrong in all", bad)
	}
}

func TestArithmeticErrorsRandomized(t *testing.T) {
	r := rand.New(rand.NewSource(77))
	found := 0
	for tries := 0; found < 12 && tries < 100000; tries++ {
		e := gen(r, 4, 2)
		_, err := eval(e)
		var me modelErr
		if !errors.As(err, &me) {
			continue
		}
		found++
		src := "let pad = 0;\nprint(\"start\");\nprint(" + render(e) + ");\nprint(\"unreached\");\n"
		code, out, errs := runMica(t, src)
		want := "runtime error: line 3: " + me.msg + "\n"
		if code != 1 || out != "start\n" || errs != want {
			t.Errorf("%s: got %d %q %q, want 1 %q %q", render(e), code, out, errs, "start\n", want)
		}
	}
	if found < 12 {
		t.Fatalf("generator found only %d erroring expressions", found)
	}
}
