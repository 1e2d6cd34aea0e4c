"""The mutator behind `harness tasks validate --run`'s test-strength check (harness/mutate.py): each
operator class makes the expected one-change mutant in every language, strings and comments are never
touched, and sampling is deterministic and spread over operators and files."""

from __future__ import annotations

import ast
import difflib

import pytest

from harness.mutate import Mutant, mutants_of, sample


def _changes(ms: list[Mutant], orig: str) -> set[tuple[str, str, str]]:
    """(kind, old line, new line) of each single-line mutant."""
    out = set()
    for m in ms:
        a, b = orig.splitlines(), m.text.splitlines()
        old = [x.strip() for x in difflib.unified_diff(a, b, lineterm="", n=0) if x.startswith("-")][1:]
        new = [x.strip() for x in difflib.unified_diff(a, b, lineterm="", n=0) if x.startswith("+")][1:]
        out.add((m.kind, " ".join(o[1:].strip() for o in old), " ".join(n[1:].strip() for n in new)))
    return out


def _one_change(orig: str, m: Mutant) -> None:
    """A mutant is the original with one span replaced, and that span starts on the mutant's line."""
    p = 0
    while p < min(len(orig), len(m.text)) and orig[p] == m.text[p]:
        p += 1
    s = 0
    while s < min(len(orig), len(m.text)) - p and orig[-1 - s] == m.text[-1 - s]:
        s += 1
    assert m.text != orig
    assert m.text == orig[:p] + m.text[p : len(m.text) - s] + orig[len(orig) - s :]
    first = orig.count("\n", 0, p) + 1
    assert first in (m.line, m.line - 1), (m.change, first, m.line)  # an insertion may end the line before


PY = '''"""Docstring with < and + and 1 inside."""
LIMIT = 10


def clamp(x, lo, hi):
    """Keep x in [lo, hi] # not a comment."""
    if x < lo and hi > lo:  # a comment with < and 1
        return lo
    s = "a < b or 1 + 2"
    total = x + 1
    total -= 2
    return not total
'''


def test_python_operator_classes() -> None:
    ms = mutants_of("m.py", PY)
    ch = _changes(ms, PY)
    assert (
        "comparison",
        "if x < lo and hi > lo:  # a comment with < and 1",
        "if x >= lo and hi > lo:  # a comment with < and 1",
    ) in ch
    assert (
        "comparison",
        "if x < lo and hi > lo:  # a comment with < and 1",
        "if x < lo and hi <= lo:  # a comment with < and 1",
    ) in ch
    assert (
        "boolean",
        "if x < lo and hi > lo:  # a comment with < and 1",
        "if x < lo or hi > lo:  # a comment with < and 1",
    ) in ch
    assert ("arithmetic", "total = x + 1", "total = x - 1") in ch
    assert ("arithmetic", "total -= 2", "total += 2") in ch
    assert ("literal", "total = x + 1", "total = x + 2") in ch
    assert ("literal", "total = x + 1", "total = x + 0") in ch
    assert ("boolean", "return not total", "return total") in ch
    assert ("delete", "total = x + 1", "pass") in ch
    kinds = {m.kind for m in ms}
    assert kinds == {"comparison", "boolean", "arithmetic", "literal", "delete", "return"}
    early = [m for m in ms if m.kind == "return"]
    assert len(early) == 1 and "    return None\n    if x < lo" in early[0].text
    for m in ms:
        ast.parse(m.text)  # every mutant parses
        _one_change(PY, m)
        # strings, docstrings and comments are untouched
        assert '"""Docstring with < and + and 1 inside."""' in m.text
        if m.kind != "delete":  # a deleted statement takes its strings along; no other mutant touches one
            assert '"a < b or 1 + 2"' in m.text
        if not (m.kind == "delete" and m.line == 7):  # deleting the `if` takes its comment along
            assert "# a comment with < and 1" in m.text
        assert '"""Keep x in [lo, hi] # not a comment."""' in m.text
    assert not any("LIMIT" in c[1] and c[0] == "delete" for c in ch)  # module constants are kept


def test_python_bad_source_gives_no_mutants() -> None:
    assert mutants_of("m.py", "def f(:\n") == []


JS = """// add < 1 here
export function add(a, b) {
  const s = "x < y && 1 + 2";
  const t = `tmpl ${a} < 3`;
  if (a < b && b !== 0) return a + b * 2;
  /* block < 1 */
  const re = /a+b/g;
  return !a;
}
"""


def test_js_operator_classes_and_literals_untouched() -> None:
    ms = mutants_of("m.mjs", JS)
    ch = _changes(ms, JS)
    line = "if (a < b && b !== 0) return a + b * 2;"
    assert ("comparison", line, "if (a >= b && b !== 0) return a + b * 2;") in ch
    assert ("comparison", line, "if (a < b && b === 0) return a + b * 2;") in ch
    assert ("boolean", line, "if (a < b || b !== 0) return a + b * 2;") in ch
    assert ("arithmetic", line, "if (a < b && b !== 0) return a - b * 2;") in ch
    assert ("arithmetic", line, "if (a < b && b !== 0) return a + b / 2;") in ch
    assert ("literal", line, "if (a < b && b !== 0) return a + b * 3;") in ch
    assert ("boolean", "return !a;", "return a;") in ch
    assert ("delete", line, ";") in ch
    assert not any(c[0] == "delete" and c[1].startswith("const ") for c in ch)  # declarations stay
    assert any(m.kind == "return" and "export function add(a, b) { return; " in m.text for m in ms)
    for m in ms:
        _one_change(JS, m)
        for keep in (
            ()
            if m.kind == "delete"
            else ("// add < 1 here", '"x < y && 1 + 2"', "`tmpl ${a} < 3`", "/* block < 1 */", "/a+b/g")
        ):
            assert keep in m.text, (m.change, keep)


GO = """package p

// Max < 1
func Max(a, b int) int {
	s := "a < b"
	r := 'x'
	raw := `1 + 2`
	if a > b || a == 3 {
		return a - 1
	}
	var p *int
	_ = p
	return b
}

func Name() (string, error) {
	return "", nil
}
"""


def test_go_operator_classes() -> None:
    ms = mutants_of("p.go", GO)
    ch = _changes(ms, GO)
    assert ("comparison", "if a > b || a == 3 {", "if a <= b || a == 3 {") in ch
    assert ("comparison", "if a > b || a == 3 {", "if a > b || a != 3 {") in ch
    assert ("boolean", "if a > b || a == 3 {", "if a > b && a == 3 {") in ch
    assert ("literal", "if a > b || a == 3 {", "if a > b || a == 4 {") in ch
    assert ("arithmetic", "return a - 1", "return a + 1") in ch
    assert ("delete", "_ = p", "") in ch
    assert not any(":=" in c[1] or c[1].startswith("var ") for c in ch if c[0] == "delete")
    early = {m.change for m in ms if m.kind == "return"}
    assert early == {"early 'return 0' in Max()", "early 'return \"\", nil' in Name()"}
    assert not any(m.kind == "arithmetic" and "var p /int" in m.text for m in ms)  # a pointer, not a product
    for m in ms:
        _one_change(GO, m)
        for keep in () if m.kind == "delete" else ("// Max < 1", '"a < b"', "'x'", "`1 + 2`"):
            assert keep in m.text


RUST = """/// doc < 1
pub fn f<'a>(x: &'a str, n: usize) -> Vec<u8> {
    let s = "a < b"; // c < 1
    let r = r#"1 + 2"#;
    let c = '<';
    if n >= 2 && x.len() != 0 {
        return vec![n as u8 + 1];
    }
    Vec::new()
}

fn g() {
    let mut k = 0;
    k += 1;
}
"""


def test_rust_operator_classes() -> None:
    ms = mutants_of("lib.rs", RUST)
    ch = _changes(ms, RUST)
    line = "if n >= 2 && x.len() != 0 {"
    assert ("comparison", line, "if n < 2 && x.len() != 0 {") in ch
    assert ("comparison", line, "if n >= 2 && x.len() == 0 {") in ch
    assert ("boolean", line, "if n >= 2 || x.len() != 0 {") in ch
    assert ("arithmetic", "return vec![n as u8 + 1];", "return vec![n as u8 - 1];") in ch
    assert ("arithmetic", "k += 1;", "k -= 1;") in ch
    assert ("delete", "k += 1;", ";") in ch
    early = {m.change for m in ms if m.kind == "return"}
    assert early == {"early 'return Default::default();' in f()", "early 'return;' in g()"}
    # the type brackets of Vec<u8> and lifetimes are not comparisons
    assert not any("Vec>=u8" in m.text or "Vec<=u8" in m.text or "Vec<u8>=" in m.text for m in ms)
    for m in ms:
        _one_change(RUST, m)
        for keep in () if m.kind == "delete" else ("/// doc < 1", '"a < b"', "// c < 1", 'r#"1 + 2"#', "'<'"):
            assert keep in m.text


C = """#include <stdio.h>
/* a < b */
int sum(const int *v, int n) {
    int t = 0;
    if (!v || n == 0) return 0;
    const char *s = "x < 1";
    char c = '<';
    for (int i = 0; i < n; i++) t += v[i] * 2;
    return t;
}

void hello(void) {
    puts("hi");
}
"""


def test_c_operator_classes() -> None:
    ms = mutants_of("s.c", C)
    ch = _changes(ms, C)
    loop = "for (int i = 0; i < n; i++) t += v[i] * 2;"
    assert ("comparison", loop, "for (int i = 0; i >= n; i++) t += v[i] * 2;") in ch
    assert ("arithmetic", loop, "for (int i = 0; i < n; i++) t -= v[i] * 2;") in ch
    assert ("arithmetic", loop, "for (int i = 0; i < n; i++) t += v[i] / 2;") in ch
    assert ("literal", loop, "for (int i = 1; i < n; i++) t += v[i] * 2;") in ch
    assert ("delete", 'puts("hi");', ";") in ch
    assert not any(c[0] == "delete" and c[1].startswith(("int t", "const char", "char c")) for c in ch)
    early = {m.change for m in ms if m.kind == "return"}
    assert early == {"early 'return 0;' in sum()", "early 'return;' in hello()"}
    for m in ms:
        _one_change(C, m)
        for keep in (
            ()
            if m.kind == "delete"
            else ("#include <stdio.h>", "/* a < b */", '"x < 1"', "'<'", "const int *v")
        ):
            assert keep in m.text


BASH = """#!/bin/bash
# a comment with -lt and 1
count() {
    local n=$1
    if [ "$n" -lt 10 ] && [[ "$n" == 3 ]]; then
        echo "n -lt 10 && $(( n + 1 ))"
    fi
    echo $(( n * 2 + 1 ))
    (( n > 2 )) || echo 'x -eq 1'
    cat <<EOF
heredoc -gt 1 $(( 1 + 1 ))
EOF
}
"""


def test_bash_operator_classes_quotes_and_heredocs_untouched() -> None:
    ms = mutants_of("run.sh", BASH)
    ch = _changes(ms, BASH)
    cond = 'if [ "$n" -lt 10 ] && [[ "$n" == 3 ]]; then'
    assert ("comparison", cond, 'if [ "$n" -ge 10 ] && [[ "$n" == 3 ]]; then') in ch
    assert ("comparison", cond, 'if [ "$n" -lt 10 ] && [[ "$n" != 3 ]]; then') in ch
    assert ("boolean", cond, 'if [ "$n" -lt 10 ] || [[ "$n" == 3 ]]; then') in ch
    assert ("arithmetic", "echo $(( n * 2 + 1 ))", "echo $(( n / 2 + 1 ))") in ch
    assert ("arithmetic", "echo $(( n * 2 + 1 ))", "echo $(( n * 2 - 1 ))") in ch
    assert ("literal", "echo $(( n * 2 + 1 ))", "echo $(( n * 3 + 1 ))") in ch
    assert ("comparison", "(( n > 2 )) || echo 'x -eq 1'", "(( n <= 2 )) || echo 'x -eq 1'") in ch
    assert ("delete", "local n=$1", ":") not in ch  # declarations stay
    assert any(c[0] == "delete" and c[2] == ":" and c[1].startswith("echo $((") for c in ch)
    assert any(m.kind == "return" and "count() {\n    return 0\n" in m.text for m in ms)
    for m in ms:
        _one_change(BASH, m)
        keeps = ["# a comment with -lt and 1", "heredoc -gt 1 $(( 1 + 1 ))", "local n=$1"]
        for keep in keeps if m.kind == "delete" else [*keeps, "'x -eq 1'"]:
            assert keep in m.text, (m.change, keep)
    # the arithmetic inside a double-quoted string is real arithmetic; the words around it are text
    assert all('"n -lt 10 && ' in m.text for m in ms if m.kind != "delete")


def _many() -> list[Mutant]:
    return [
        Mutant(f"f{i % 3}.py", i, kind, f"change {i}", f"text {i} {kind}")
        for i in range(60)
        for kind in ("comparison", "delete", "literal")
    ]


def test_sampling_is_deterministic_and_spread() -> None:
    ms = _many()
    a, b = sample(ms, 12), sample(list(reversed(ms)), 12)
    assert a == b  # the same choice whatever the input order
    assert len(a) == 12 and len(set(a)) == 12
    assert {m.kind for m in a} == {"comparison", "delete", "literal"}
    assert {m.file for m in a} == {"f0.py", "f1.py", "f2.py"}
    groups = {(m.kind, m.file) for m in a}
    assert len(groups) == 9  # 12 picks over 9 (kind, file) groups: every group at least once
    assert sample(ms, None) == ms and sample(ms, 1000) == ms
    assert sample(ms, 12, seed=1) != a  # the seed decides, nothing else


@pytest.mark.parametrize("ext", ["py", "mjs", "go", "rs", "c", "sh"])
def test_every_language_makes_each_kind(ext: str) -> None:
    src = {"py": PY, "mjs": JS, "go": GO, "rs": RUST, "c": C, "sh": BASH}[ext]
    kinds = {m.kind for m in mutants_of(f"x.{ext}", src)}
    assert {"comparison", "arithmetic", "boolean", "literal", "delete", "return"} <= kinds, kinds
