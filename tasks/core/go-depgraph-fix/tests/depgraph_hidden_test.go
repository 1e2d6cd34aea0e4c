package depgraph

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func htParse(t *testing.T, spec string) *Graph {
	t.Helper()
	g, err := Parse(strings.NewReader(spec))
	if err != nil {
		t.Fatalf("Parse: %v\nspec:\n%s", err, spec)
	}
	return g
}

func htEq(t *testing.T, what string, got, want interface{}) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

const htReadmeSpec = `# a comment
app: lib util   # inline comments are allowed too
lib: util \
     codegen
util:
app: docs       # a target may be declared again: its dependencies are added
`

func TestReadmeExample(t *testing.T) {
	g := htParse(t, htReadmeSpec)
	htEq(t, "Targets", g.Targets(), []string{"app", "lib", "util", "codegen", "docs"})
	htEq(t, "Deps(app)", g.Deps("app"), []string{"lib", "util", "docs"})
	htEq(t, "Deps(lib)", g.Deps("lib"), []string{"util", "codegen"})
	htEq(t, "Deps(util)", g.Deps("util"), []string(nil))
	o, err := g.Order()
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Order()", o, []string{"util", "codegen", "lib", "docs", "app"})
	l, err := g.Levels()
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Levels()", l, [][]string{{"codegen", "docs", "util"}, {"lib"}, {"app"}})
}

func TestContinuation(t *testing.T) {
	g := htParse(t, "a: b \\\n  c\\\n d\n")
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b", "c", "d"})
	g = htParse(t, "a: b\\\nc\n")
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b", "c"})
	g = htParse(t, "a: b \\   \n  c\n")
	htEq(t, "Deps(a) trailing blanks", g.Deps("a"), []string{"b", "c"})
	g = htParse(t, "a: b \\ # more below\n  c\n")
	htEq(t, "Deps(a) comment after backslash", g.Deps("a"), []string{"b", "c"})
	g = htParse(t, "a: \\\n\\\n b\n")
	htEq(t, "Deps(a) empty continued lines", g.Deps("a"), []string{"b"})
	g = htParse(t, "a \\\n : b\n")
	htEq(t, "Deps(a) continued head", g.Deps("a"), []string{"b"})
	g = htParse(t, "x: y \\")
	htEq(t, "Deps(x) backslash at EOF", g.Deps("x"), []string{"y"})
}

func TestComments(t *testing.T) {
	g := htParse(t, "app: lib  # see ticket 12\n# whole line\n   # indented comment\nlib:#c\n")
	htEq(t, "Targets", g.Targets(), []string{"app", "lib"})
	htEq(t, "Deps(app)", g.Deps("app"), []string{"lib"})
	g = htParse(t, "a: b#c d\n")
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b"})
	g = htParse(t, "a: b \\\n# a comment-only line after a backslash\n")
	htEq(t, "Deps(a) continued into comment", g.Deps("a"), []string{"b"})
}

func TestTabsAndBlankLines(t *testing.T) {
	g := htParse(t, "\n\n\ta\t:\tb\t\tc\n   \n\t\nc:\n")
	htEq(t, "Targets", g.Targets(), []string{"a", "b", "c"})
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b", "c"})
}

func TestRepeatedDeclarations(t *testing.T) {
	g := htParse(t, "app: lib\nx: y\napp: docs lib\napp: lib util docs\napp:\n")
	htEq(t, "Deps(app)", g.Deps("app"), []string{"lib", "docs", "util"})
	g = htParse(t, "a: b b c b\n")
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b", "c"})
	htEq(t, "Targets", g.Targets(), []string{"a", "b", "c"})
}

func TestTargetsOrderOfFirstAppearance(t *testing.T) {
	g := htParse(t, "z: y x\nw: x v\ny: u\n")
	htEq(t, "Targets", g.Targets(), []string{"z", "y", "x", "w", "v", "u"})
}

func TestDepsIsACopy(t *testing.T) {
	g := htParse(t, "a: b c\n")
	d := g.Deps("a")
	d[0] = "zzz"
	htEq(t, "Deps(a)", g.Deps("a"), []string{"b", "c"})
	ts := g.Targets()
	ts[0] = "zzz"
	htEq(t, "Targets", g.Targets(), []string{"a", "b", "c"})
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"no colon":           "a: b\nc d\n",
		"empty target":       "a: b\n\n: c\n",
		"space in target":    "a b: c\n",
		"two colons":         "a: b: c\n",
		"continued no colon": "a: b\nc \\\n d\n",
	}
	lines := map[string]string{
		"no colon": "line 2", "empty target": "line 3", "space in target": "line 1",
		"two colons": "line 1", "continued no colon": "line 2",
	}
	for name, spec := range cases {
		g, err := Parse(strings.NewReader(spec))
		if err == nil {
			t.Errorf("%s: Parse accepted %q", name, spec)
			continue
		}
		if g != nil {
			t.Errorf("%s: Parse returned a graph with an error", name)
		}
		if !strings.Contains(err.Error(), lines[name]) {
			t.Errorf("%s: error %q does not contain %q", name, err, lines[name])
		}
	}
}

func TestOrderDiamond(t *testing.T) {
	g := htParse(t, "top: left right\nleft: base\nright: base\nbase:\n")
	o, err := g.Order()
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Order()", o, []string{"base", "left", "right", "top"})
	l, _ := g.Levels()
	htEq(t, "Levels()", l, [][]string{{"base"}, {"left", "right"}, {"top"}})
}

func TestOrderWithRoots(t *testing.T) {
	g := htParse(t, "app: lib util\nlib: util\ntool: util gen\ngen:\nutil:\n")
	o, err := g.Order("tool")
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Order(tool)", o, []string{"util", "gen", "tool"})
	o, _ = g.Order("lib", "tool")
	htEq(t, "Order(lib, tool)", o, []string{"util", "lib", "gen", "tool"})
	o, _ = g.Order("tool", "lib")
	htEq(t, "Order(tool, lib)", o, []string{"util", "gen", "tool", "lib"})
	o, _ = g.Order("util", "util")
	htEq(t, "Order(util, util)", o, []string{"util"})
	o, _ = g.Order()
	htEq(t, "Order()", o, []string{"util", "lib", "app", "gen", "tool"})
}

func TestLevelsUseTheHighestDependency(t *testing.T) {
	g := htParse(t, "app: util lib\nlib: util\n")
	l, err := g.Levels()
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Levels()", l, [][]string{{"util"}, {"lib"}, {"app"}})
	g = htParse(t, "e: a d b\nd: c\nc: b\nb: a\n")
	l, _ = g.Levels()
	htEq(t, "Levels() chain", l, [][]string{{"a"}, {"b"}, {"c"}, {"d"}, {"e"}})
	l, _ = g.Levels("c")
	htEq(t, "Levels(c)", l, [][]string{{"a"}, {"b"}, {"c"}})
}

func TestLevelsSortedByName(t *testing.T) {
	g := htParse(t, "all: zeta alpha Mid beta\nbeta: zeta\n")
	l, err := g.Levels()
	if err != nil {
		t.Fatal(err)
	}
	htEq(t, "Levels()", l, [][]string{{"Mid", "alpha", "zeta"}, {"beta"}, {"all"}})
}

func TestUnknownRoot(t *testing.T) {
	g := htParse(t, "a: b\n")
	if _, err := g.Order("a", "nope"); err == nil || !strings.Contains(err.Error(), `unknown target "nope"`) {
		t.Errorf("Order(nope) error = %v", err)
	}
	if _, err := g.Levels("nope"); err == nil || !strings.Contains(err.Error(), `unknown target "nope"`) {
		t.Errorf("Levels(nope) error = %v", err)
	}
}

func htCycle(t *testing.T, g *Graph, roots []string, want []string) {
	t.Helper()
	o, err := g.Order(roots...)
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("Order(%v) = %v, %v; want a *CycleError", roots, o, err)
	}
	htEq(t, "CycleError.Path", ce.Path, want)
	if o != nil {
		t.Errorf("Order returned an order with a htCycle error: %v", o)
	}
	if !strings.Contains(ce.Error(), strings.Join(want, " -> ")) {
		t.Errorf("CycleError message %q", ce.Error())
	}
	if _, err := g.Levels(roots...); !errors.As(err, &ce) {
		t.Errorf("Levels(%v) error = %v, want a *CycleError", roots, err)
	}
}

func TestCycles(t *testing.T) {
	htCycle(t, htParse(t, "a: b\nb: a\n"), nil, []string{"a", "b", "a"})
	htCycle(t, htParse(t, "a: a\n"), nil, []string{"a", "a"})
	htCycle(t, htParse(t, "x: a\na: b\nb: c\nc: a\n"), nil, []string{"a", "b", "c", "a"})
	htCycle(t, htParse(t, "x: ok a\nok:\na: b\nb: c d\nd: b\nc:\n"), nil, []string{"b", "d", "b"})
	g := htParse(t, "a: b\nb: a\nfree: leaf\n")
	htCycle(t, g, []string{"b"}, []string{"b", "a", "b"})
	o, err := g.Order("free")
	if err != nil {
		t.Fatalf("Order(free) on a graph with an unrelated htCycle: %v", err)
	}
	htEq(t, "Order(free)", o, []string{"leaf", "free"})
	// A htCycle made by a second declaration.
	htCycle(t, htParse(t, "a: b\nb: c\nc:\nc: a\n"), nil, []string{"a", "b", "c", "a"})
	// Continued rule that closes a htCycle.
	htCycle(t, htParse(t, "p: q \\\n r\nr: p\n"), nil, []string{"p", "r", "p"})
}

func TestLargeChain(t *testing.T) {
	var sb strings.Builder
	n := 2000
	for i := 0; i < n; i++ {
		sb.WriteString("t")
		sb.WriteString(htItoa(i))
		sb.WriteString(": t")
		sb.WriteString(htItoa(i + 1))
		sb.WriteString("\n")
	}
	g := htParse(t, sb.String())
	o, err := g.Order("t0")
	if err != nil {
		t.Fatal(err)
	}
	if len(o) != n+1 || o[0] != "t"+htItoa(n) || o[n] != "t0" {
		t.Fatalf("chain order wrong: %d items, first %s last %s", len(o), o[0], o[len(o)-1])
	}
	l, _ := g.Levels()
	if len(l) != n+1 {
		t.Fatalf("%d levels, want %d", len(l), n+1)
	}
}

func htItoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for i > 0 {
		b = append([]byte{byte('0' + i%10)}, b...)
		i /= 10
	}
	return string(b)
}
