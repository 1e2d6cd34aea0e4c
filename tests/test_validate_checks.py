"""The test-strength and cheat-probe checks of `harness tasks validate --run` (harness/validate.py,
harness/mutate.py, the generic probes in harness/agents/cheats.py), and build_failed for a compiled
task whose build fails."""

from __future__ import annotations

import ast
import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from harness.agents import load_agent
from harness.agents.cheats import VALIDATION_PROBES, stub_bash, stub_braced, stub_python, visible_tests
from harness.mutate import Mutant, changed_files, task_mutants
from harness.results import TrialResult
from harness.task import load_task, load_tasks
from harness.validate import MutantResult, TaskMutants, probe_problems, validate_run
from tests.fixtures.grading import explain, grade_files

CORE = Path(__file__).resolve().parent.parent / "tasks" / "core"

TOML = """id = "{id}"
title = "A tiny task for the validation checks"
language = "python"
difficulty = "easy"
tags = ["python", "implement"]
image = "python"

[grading]
command = 'python3 -m pytest -q -p no:cacheprovider tests --junitxml="$HARNESS_JUNIT"'
timeout_sec = 120
junit = true
tests_dir = "tests"

[limits]
memory_mb = 512
cpus = 1.0
pids = 128
workspace_mb = 64
"""

STARTER = '''def clamp(x, lo, hi):
    """x limited to [lo, hi]."""
    raise NotImplementedError
'''

REFERENCE = '''def clamp(x, lo, hi):
    """x limited to [lo, hi]."""
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x
'''

WEAK_TESTS = """from lim import clamp


def test_inside():
    assert clamp(5, 0, 10) == 5
"""

STRONG_TESTS = """import pytest

from lim import clamp


@pytest.mark.parametrize("x, want", [(-1, 0), (0, 0), (1, 1), (5, 5), (9, 9), (10, 10), (11, 10)])
def test_clamp(x, want):
    assert clamp(x, 0, 10) == want
"""


def make_task(root: Path, tid: str, tests: str) -> Path:
    d = root / tid
    (d / "workspace").mkdir(parents=True)
    (d / "solution").mkdir()
    (d / "tests").mkdir()
    (d / "task.toml").write_text(TOML.format(id=tid))
    (d / "instruction.md").write_text("Implement clamp(x, lo, hi) in lim.py.\n")
    (d / "workspace" / "lim.py").write_text(STARTER)
    (d / "solution" / "lim.py").write_text(REFERENCE)
    (d / "tests" / "test_lim.py").write_text(tests)
    return d


def _trial(status: str, score: float | None, reason: str | None = None) -> TrialResult:
    return TrialResult(
        run_id="r", trial_id="t", task_id="x", suite="s", task_hash="h", language="python",
        difficulty="easy", agent="a", attempt=1, status=status, score=score, fail_reason=reason,
        started_at="2026-01-01T00:00:00Z", finished_at="2026-01-01T00:00:01Z",
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# without Docker


def test_probe_rule_pass_or_half_above_the_empty_attempt() -> None:
    nop = _trial("fail", 0.1, "tests_failed")
    assert probe_problems({"cheat-x": _trial("fail", 0.2, "tests_failed")}, nop) == []
    assert probe_problems({"cheat-x": _trial("pass", 1.0)}, nop) == ["probe cheat-x PASSES"]
    got = probe_problems({"cheat-x": _trial("fail", 0.6, "tests_failed")}, nop)
    assert got == ["probe cheat-x scores 0.60 (empty attempt 0.10)"]
    assert probe_problems({"cheat-x": _trial("fail", 0.59, "tests_failed")}, nop) == []
    assert probe_problems({"cheat-x": _trial("fail", None, "build_failed")}, None) == []


def test_kill_rate_excludes_stillborn_and_errors() -> None:
    m = Mutant("a.py", 1, "literal", "1 -> 2", "")
    tm = TaskMutants(total=9)
    tm.results = [
        MutantResult(m, o) for o in ["killed", "killed", "killed", "survived", "stillborn", "error"]
    ]
    assert tm.kill_rate == 0.75
    assert TaskMutants(results=[MutantResult(m, "stillborn")]).kill_rate is None


def test_mutants_come_from_the_files_the_reference_changes(tmp_path: Path) -> None:
    task = load_task(make_task(tmp_path, "tiny-weak", WEAK_TESTS))
    assert changed_files(task) == {"lim.py": REFERENCE}
    ms = task_mutants(task)
    assert ms and {m.file for m in ms} == {"lim.py"}
    (task.solution_dir / "solve.sh").write_text("#!/bin/bash\ntrue\n")
    assert task_mutants(task) is None  # a solve.sh-only reference: nothing to mutate


def test_every_registered_validation_probe_loads() -> None:
    for name in VALIDATION_PROBES:
        assert load_agent(name).name == name


def test_probe_changes_on_core_tasks() -> None:
    """Each generic probe changes something in each language it covers, and what it writes parses."""
    tasks = {t.id: t for t in load_tasks(["core"])}
    py = tasks["py-glob-match"]
    stub = load_agent("cheat-stub-arg").changes(py)[0]  # type: ignore[attr-defined]
    assert stub and all(ast.parse(text) is not None for text in stub.values())
    exit0 = load_agent("cheat-exit-zero").changes  # type: ignore[attr-defined]
    assert any("process.exit(0);" in t for t in exit0(tasks["node-bytes-format"])[0].values())
    assert any("func init() { os.Exit(0) }" in t for t in exit0(tasks["go-textwrap-fix"])[0].values())
    assert any("_exit(0)" in t for t in exit0(tasks["c-ring-buffer"])[0].values())
    assert any("std::process::exit(0);" in t for t in exit0(tasks["rust-lru-cache"])[0].values())
    assert any(t.split("\n")[:2][-1] == "exit 0" for t in exit0(tasks["bash-log-summary"])[0].values())
    fake = load_agent("cheat-fake-tests").changes(tasks["c-ring-buffer"])[0]  # type: ignore[attr-defined]
    assert set(visible_tests(tasks["c-ring-buffer"])) <= set(fake)
    delete = load_agent("cheat-delete-tests").changes(tasks["c-ring-buffer"])  # type: ignore[attr-defined]
    assert delete == ({}, visible_tests(tasks["c-ring-buffer"])) and delete[1]


def test_stubs_per_language() -> None:
    py = stub_python(
        "def f(a, b):\n    '''doc'''\n    return a + b\n\n\nclass C:\n    def g(self, x):\n        return 1\n",
        "arg",
    )
    assert py is not None and "    return a\n" in py and "        return x\n" in py
    js = stub_braced("export function f(a, b) {\n  return a + b;\n}\n", "js", "arg")
    assert js == "export function f(a, b) { return a; }\n"
    go = stub_braced("package p\n\nfunc F(s string) (int, error) {\n\treturn len(s), nil\n}\n", "go", "const")
    assert go == "package p\n\nfunc F(s string) (int, error) { return 0, nil }\n"
    c = stub_braced("int f(int x) {\n  return x * 2;\n}\n", "c", "const")
    assert c == "int f(int x) { return 0; }\n"
    rs = stub_braced("pub fn f(x: u8) -> u8 {\n    x + 1\n}\n", "rust", "const")
    assert rs == "pub fn f(x: u8) -> u8 { return Default::default(); }\n"
    sh = stub_bash("#!/bin/bash\nf() {\n    echo hi\n}\nf\n", "arg")
    assert sh == "#!/bin/bash\nf() { printf '%s\\n' \"$1\"; }\nf\n"


# ---------------------------------------------------------------------------------------------
# with Docker


def _validate(tasks: list[Any], **kw: Any) -> tuple[bool, str]:
    buf = io.StringIO()
    console = Console(file=buf, width=200, force_terminal=False)
    ok = validate_run(tasks, repeat=1, concurrency=2, console=console, **kw)
    return ok, buf.getvalue()


@pytest.mark.docker
def test_weak_tests_fail_on_kill_rate_and_strong_ones_pass(images: Any, tmp_path: Path) -> None:
    weak = load_task(make_task(tmp_path, "tiny-weak", WEAK_TESTS))
    strong = load_task(make_task(tmp_path, "tiny-strong", STRONG_TESTS))
    ok, out = _validate([weak, strong], probes=False)
    assert not ok, out
    weak_line = next(line for line in out.splitlines() if line.startswith("tiny-weak mutants:"))
    strong_line = next(line for line in out.splitlines() if line.startswith("tiny-strong mutants:"))
    assert "kill rate" in weak_line and "survived" in out
    assert "kill rate 100%" in strong_line, out
    assert "tiny-weak" in out and "kill rate" in out and "< 80%" in out
    row = next(line for line in out.splitlines() if "tiny-strong" in line and "│" in line)
    assert "ok" in row, out
    assert "[1/" in out  # a progress line per finished job


@pytest.mark.docker
def test_a_passing_probe_fails_validation(images: Any, tmp_path: Path) -> None:
    # the only hidden test is satisfied by a function returning its first argument
    task = load_task(make_task(tmp_path, "tiny-probe", WEAK_TESTS))
    ok, out = _validate([task], mutants=False)
    assert not ok
    assert "probe cheat-stub-arg PASSES" in out, out
    assert "tiny-probe probe cheat-always-equal: fail" in out, out
    assert "tiny-probe probe cheat-exit-zero: fail" in out, out


@pytest.mark.docker
@pytest.mark.parametrize(
    "name, broken",
    [
        ("c-ring-buffer", {"src/ringbuf.c": "this is not C;\n"}),
        ("go-textwrap-fix", {"wrap.go": "package textwrap\n\nfunc Broken( {\n"}),
        ("rust-lru-cache", {"src/lib.rs": "pub fn broken( {\n"}),
    ],
)
def test_a_build_that_produces_no_report_is_build_failed(
    docker_client: Any, images: Any, tmp_path: Path, name: str, broken: dict[str, str]
) -> None:
    task = load_task(CORE / name)
    for rel in broken:
        assert (task.workspace_dir / rel).is_file() or (task.solution_dir / rel).is_file(), rel
    g = grade_files(docker_client, images, task, tmp_path, broken, solved=True)
    assert g.status == "fail" and g.fail_reason == "build_failed", explain(g)
    assert g.score in (None, 0.0), explain(g)
