"""Report integrity: test inventories (tests.lock.json), canary tests and the verdict that checks a
report against both. Unit tests first; then Docker tests that grade real tasks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from harness.errors import TaskError
from harness.grading import canary as canary_mod
from harness.grading.canary import WORDS, CanaryPlan, inject_canaries
from harness.grading.inventory import (
    LOCK_NAME,
    TestLock,
    check_inventory,
    lock_status,
    normalise_id,
    parse_cases,
    read_lock,
    split_bugfix,
    write_lock,
)
from harness.grading.report import judge, verdict
from harness.results import TrialResult
from harness.task import GradingSection, Task, load_task
from tests.fixtures.grading import grade_files

from .conftest import REPO, SMOKE

CORE = REPO / "tasks" / "core"
PY = SMOKE / "py-duration-parse"


def _xml(*cases: tuple[str, str, str]) -> bytes:
    """(classname, name, status) -> a JUnit report."""
    body = []
    for cls, name, status in cases:
        inner = {"passed": "", "failed": "<failure message='boom'/>", "error": "<error/>"}.get(
            status, "<skipped/>"
        )
        body.append(f'<testcase classname="{cls}" name="{name}" time="0.01">{inner}</testcase>')
    return ("<testsuites><testsuite>" + "".join(body) + "</testsuite></testsuites>").encode()


def _copy(src: Path, tmp: Path, isolation: str | None = None) -> Task:
    dest = tmp / src.parent.name / src.name
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("target", "node_modules", "__pycache__"))
    if isolation and "isolation" in GradingSection.model_fields:
        toml = dest / "task.toml"
        text = re.sub(r"(?m)^isolation\s*=.*\n", "", toml.read_text())
        toml.write_text(text.replace("[grading]\n", f'[grading]\nisolation = "{isolation}"\n', 1))
    return load_task(dest)


@pytest.fixture
def task() -> Task:
    return load_task(PY)


PLAN = CanaryPlan(
    {"test_alpha_block": "pass", "test_range_split": "fail", "test_value_order": "fail"}, "python"
)


def _canaries(pass_status: str = "passed", fail_status: str = "failed") -> list[tuple[str, str, str]]:
    cls = "tests.test_trim_lines"
    return [
        (cls, "test_alpha_block", pass_status),
        (cls, "test_range_split", fail_status),
        (cls, "test_value_order", "failed"),
    ]


# -- ids, locks, inventory rules ----------------------------------------------------------------------


def test_ids_are_normalised_so_they_are_stable_across_runs() -> None:
    assert (
        normalise_id(" tests.test_a ", "test_x[<obj at 0x7f3a12bc>]") == "tests.test_a::test_x[<obj at 0x?>]"
    )
    assert normalise_id("a.bats", "two\n  words") == "a.bats::two words"
    cases = parse_cases(_xml(("c", "n", "failed"), ("c", "m", "skipped")))
    assert [(c.id, c.status, c.message) for c in cases] == [
        ("c::n", "failed", "boom"),
        ("c::m", "skipped", ""),
    ]


def test_inventory_check_reports_missing_unexpected_and_duplicates() -> None:
    inv = ["c::a", "c::b", "c::c"]
    ok = check_inventory(
        parse_cases(_xml(("c", "a", "passed"), ("c", "b", "failed"), ("c", "c", "passed"))), inv
    )
    assert (ok.reason, ok.passed, ok.failed, ok.total) == (None, 2, 1, 3)
    miss = check_inventory(parse_cases(_xml(("c", "a", "passed"), ("c", "b", "passed"))), inv)
    assert (miss.reason, miss.missing, miss.total) == ("missing_tests", ["c::c"], 3)
    extra = check_inventory(parse_cases(_xml(*[("c", n, "passed") for n in "abcz"])), inv)
    assert (extra.reason, extra.unexpected) == ("unexpected_tests", ["c::z"])
    dup = check_inventory(parse_cases(_xml(*[("c", n, "passed") for n in "abcc"])), inv)
    assert (dup.reason, dup.duplicates) == ("duplicate_tests", ["c::c"])
    # canaries are never inventory tests, and never unexpected
    with_canary = check_inventory(
        parse_cases(_xml(*[("c", n, "passed") for n in "abc"], *_canaries())), inv, set(PLAN.expect)
    )
    assert with_canary.reason is None and with_canary.total == 3
    # only the plan's names are canaries: without the plan they are unexpected, and so is an old
    # record's marker-named canary
    assert check_inventory(
        parse_cases(_xml(*[("c", n, "passed") for n in "abc"], *_canaries())), inv
    ).reason == ("unexpected_tests")
    old = check_inventory(parse_cases(_xml(*[("c", n, "passed") for n in "abc"],
                                           ("c", "test_harness_canary_ab12_pass", "passed"))), inv, set(PLAN.expect))  # fmt: skip
    assert old.unexpected == ["c::test_harness_canary_ab12_pass"]


def test_verdict_counts_only_inventory_tests_and_requires_all(task: Task) -> None:
    inv = ["c::a", "c::b", "c::c", "c::d"]
    all_pass = _xml(*[("c", n, "passed") for n in "abcd"], *_canaries())
    v = judge(task, 1, False, all_pass, inv, PLAN)
    assert (v.status, v.reason, v.score) == ("pass", None, 1.0)
    assert v.tests is not None and v.tests.total == 4  # canaries not counted
    part = judge(task, 1, False, _xml(("c", "a", "passed"), ("c", "b", "failed"), ("c", "c", "passed"),
                                      ("c", "d", "passed"), *_canaries()), inv, PLAN)  # fmt: skip
    assert (part.status, part.reason, part.score) == ("fail", "tests_failed", 0.75)
    miss = judge(task, 1, False, _xml(*[("c", n, "passed") for n in "abc"], *_canaries()), inv, PLAN)
    assert (miss.reason, miss.score) == ("missing_tests", 0.75)
    assert "c::d" in miss.detail
    extra = judge(task, 1, False, _xml(*[("c", n, "passed") for n in "abcdz"], *_canaries()), inv, PLAN)
    assert extra.reason == "unexpected_tests"
    dup = judge(task, 1, False, _xml(*[("c", n, "passed") for n in "abcdd"], *_canaries()), inv, PLAN)
    assert dup.reason == "duplicate_tests"
    # without a lock: the old behaviour, and the verdict says no inventory was checked
    old = judge(task, 0, False, _xml(("c", "a", "passed")))
    assert (old.status, old.inventory_checked, old.canaries_checked) == ("pass", False, False)
    assert verdict(task, 0, False, _xml(("c", "a", "passed")), inv)[:2] == ("fail", "missing_tests")


def test_canary_rules(task: Task) -> None:
    real = [("c", "a", "passed")]
    inv = ["c::a"]
    # a must-fail canary reported passed: certain tampering, whatever else the report says
    assert (
        judge(task, 1, False, _xml(*real, *_canaries(fail_status="passed")), inv, PLAN).reason == "tampered"
    )
    assert (
        judge(task, 1, False, _xml(*real, *_canaries(fail_status="skipped")), inv, PLAN).reason == "tampered"
    )
    # canaries missing while every real test passed (a forged report), or the runner claimed success
    v = judge(task, 1, False, _xml(*real), inv, PLAN)
    assert (v.reason, v.score) == ("tampered", 0.0)
    assert judge(task, 0, False, _xml(*real, *_canaries()), inv, PLAN).reason == "tampered"
    assert (
        judge(task, 1, False, _xml(*real, *_canaries(pass_status="failed")), inv, PLAN).reason == "tampered"
    )
    # one injected once reported twice; a test of another grade (or an old marker-named canary) is just
    # not in the inventory
    assert judge(task, 1, False, _xml(*real, *_canaries(), *_canaries()), inv, PLAN).reason == "tampered"
    other = [
        ("tests.test_trim_lines", "test_harness_canary_ffff_pass", "passed"),
        ("c", "test_order_zero", "failed"),
    ]
    assert judge(task, 1, False, _xml(*real, *_canaries(), *other), inv, PLAN).reason == "unexpected_tests"
    # the record keeps the real tests only; the canaries are on the side
    v = judge(task, 1, False, _xml(*real, *_canaries()), inv, PLAN)
    assert v.status == "pass" and [t.id for t in v.test_results()] == ["c::a"]
    assert sorted(t.id.split("::")[1] for t in v.test_results(canaries=True)) == sorted(PLAN.expect)
    # an honestly broken run (a test file that did not load) is a test failure, not tampering
    broken = _xml(("c", "a", "error"))
    assert judge(task, 1, False, broken, inv, PLAN).reason == "tests_failed"


def test_no_report_from_a_failed_command_is_a_build_failure(task: Task) -> None:
    assert verdict(task, 1, False, None)[:2] == ("fail", "build_failed")
    assert verdict(task, 2, False, b"", ["c::a"], PLAN)[:2] == ("fail", "build_failed")
    assert verdict(task, 1, False, _xml())[:2] == ("fail", "build_failed")
    assert verdict(task, 0, False, None)[:2] == ("fail", "no_test_report")


def test_lock_round_trip_status_and_content_hash(tmp_path: Path) -> None:
    t = _copy(PY, tmp_path)
    (t.path / LOCK_NAME).unlink(missing_ok=True)
    before = load_task(t.path).content_hash
    assert lock_status(t.path, before)[0] == "missing"
    write_lock(t.path, TestLock(task_hash=before, tests=["b::y", "a::x", "a::x"]))
    assert load_task(t.path).content_hash == before  # the lock is not part of the task's hash
    lock = read_lock(t.path)
    assert lock is not None and lock.tests == ["a::x", "b::y"]
    assert lock_status(t.path, before)[0] == "ok"
    (t.path / "instruction.md").write_text("changed\n")
    state, msg = lock_status(t.path, load_task(t.path).content_hash)
    assert state == "stale" and "--write-lock" in msg
    (t.path / LOCK_NAME).write_text("{not json")
    with pytest.raises(TaskError, match=r"tests.lock.json: not a test lock"):
        read_lock(t.path)
    assert split_bugfix(parse_cases(_xml(("c", "a", "passed"), ("c", "b", "passed"))),
                        parse_cases(_xml(("c", "a", "passed"), ("c", "b", "failed")))) == (["c::b"], ["c::a"])  # fmt: skip


def test_old_trial_records_still_load() -> None:
    rec = {
        "run_id": "r", "trial_id": "t@1", "task_id": "t", "suite": "s", "task_hash": "h", "language": "python",
        "difficulty": "easy", "agent": "nop", "attempt": 1, "status": "fail",
        "started_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:01Z",
    }  # fmt: skip
    r = TrialResult.model_validate_json(json.dumps(rec))
    assert r.test_results == [] and r.inventory_checked is None


# -- canary generation --------------------------------------------------------------------------------


def _injected(task: Task, tmp_path: Path) -> tuple[Path, CanaryPlan]:
    folder = tmp_path / "hidden"
    shutil.copytree(task.tests_dir, folder)
    plan = inject_canaries(folder, task)
    assert plan is not None
    return folder, plan


def test_node_canaries_go_into_every_test_file_only(tmp_path: Path) -> None:
    task = load_task(CORE / "node-logq-cli")
    folder, plan = _injected(task, tmp_path)
    test_files = sorted(p.name for p in task.tests_dir.iterdir() if ".test." in p.name)
    assert sorted(Path(f).name for f in plan.files) == test_files and plan.copies == len(test_files)
    helpers = "helpers.mjs"  # imported by tests; not a test file
    assert (folder / helpers).read_text() == (task.tests_dir / helpers).read_text()
    text = (folder / test_files[0]).read_text()
    for fn in (".strictEqual(", ".deepStrictEqual(", ".ok(", ".throws("):
        assert fn in text
    assert re.search(r"import _\w+ from 'node:assert/strict'", text)
    assert len(plan.expect) == 5 * len(test_files) and list(plan.expect.values()).count("pass") == len(
        test_files
    )
    for name in plan.expect:
        assert f"test('{name}'" in text or f"test('{name}'" in (folder / test_files[1]).read_text()


def test_python_go_rust_c_bash_canaries(tmp_path: Path) -> None:
    py_folder, py = _injected(load_task(PY), tmp_path / "py")
    assert len(py.files) == 1 and re.fullmatch(r"test_[a-z_]+\.py", py.files[0])
    assert "pytest.raises" in (py_folder / py.files[0]).read_text()
    go_task = load_task(CORE / "go-kvstore-ttl")
    go_folder, go = _injected(go_task, tmp_path / "go")
    assert go.copies == 1 and all(re.fullmatch(r"Test(?:[A-Z][a-z]+){2,3}", n) for n in go.expect)
    assert all(f"func {n}(t *testing.T)" in (go_folder / go.files[0]).read_text() for n in go.expect)
    pkg = re.search(r"^package (\w+)", (go_task.tests_dir / "ttl_hidden_test.go").read_text(), re.M)
    assert pkg and f"package {pkg.group(1)}\n" in (go_folder / go.files[0]).read_text()
    rs_task = load_task(CORE / "rust-calc-power")
    rs_folder, rs = _injected(rs_task, tmp_path / "rs")
    assert sorted(rs.files) == ["calc.rs", "calc_features.rs"]  # one copy per test binary
    assert "#[should_panic]" in (rs_folder / "calc.rs").read_text() and len(rs.expect) == 10
    c_folder, c = _injected(load_task(CORE / "c-ring-buffer"), tmp_path / "c")
    assert c.copies == 1 and "TEST(" in (c_folder / c.files[0]).read_text()
    sh_folder, sh = _injected(load_task(CORE / "bash-slugify-names"), tmp_path / "sh")
    assert sh.files == ["slugify.bats"]
    assert all(f'@test "{n}"' in (sh_folder / "slugify.bats").read_text() for n in sh.expect)
    for plan, folder in ((py, py_folder), (go, go_folder), (rs, rs_folder), (c, c_folder), (sh, sh_folder)):
        assert list(plan.expect.values()).count("pass") == plan.copies
        for f in plan.files:
            body = (folder / f).read_text().lower()
            # "1 + 1" as an expression of its own: random operands such as "21 + 13" contain the text.
            assert "canary" not in body and "harness_" not in body, f
            assert not re.search(r"(?<!\d)1 \+ 1(?!\d)", body), f


def test_canary_names_look_ordinary_and_are_fresh(tmp_path: Path) -> None:
    a = _injected(load_task(PY), tmp_path / "a")[1]
    b = _injected(load_task(PY), tmp_path / "b")[1]
    assert set(a.expect).isdisjoint(b.expect)  # drawn afresh per grade
    words = set(WORDS)
    for plan in (a, b):
        for name in plan.expect:
            parts = name.split("_")
            assert parts[0] == "test" and 2 <= len(parts) - 1 <= 3 and set(parts[1:]) <= words, name
            assert not any(bad in name for bad in ("canary", "fail", "pass", "harness")), name
        # no common prefix or suffix beyond the runner's own "test_"
        names = list(plan.expect)
        assert len({n.split("_")[1] for n in names}) > 1 and len({n.split("_")[-1] for n in names}) > 1


def test_canary_names_never_collide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(canary_mod, "WORDS", ("aa", "bb", "cc"))
    for _ in range(20):
        n = canary_mod._Names("def test_aa_bb(): ...", {"c::test_bb_aa", "test_cc_aa"})
        drawn = {n.snake("test_") for _ in range(3)}
        assert drawn.isdisjoint({"test_aa_bb", "test_bb_aa", "test_cc_aa"}) and len(drawn) == 3


def test_canaries_opt_out(tmp_path: Path) -> None:
    t = _copy(PY, tmp_path)
    toml = t.path / "task.toml"
    toml.write_text(toml.read_text().replace("[grading]\n", "[grading]\ncanaries = false\n", 1))
    folder = tmp_path / "hidden"
    shutil.copytree(t.tests_dir, folder)
    assert inject_canaries(folder, load_task(t.path)) is None
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in t.tests_dir.iterdir())


# -- Docker: grading real tasks ------------------------------------------------------------------------


def _grade(client: Any, images: Any, task: Task, tmp: Path, extra: dict[str, str] | None = None) -> Any:
    """Grade the reference overlay (plus `extra` files) the way a trial would."""
    return grade_files(client, images, task, tmp, extra, solved=True, run="test-inventory")


def _canary_results(g: Any) -> list[Any]:
    return list(g.extra["canary_results"])


@pytest.mark.docker
@pytest.mark.parametrize("name", sorted(p.name for p in SMOKE.iterdir() if (p / "task.toml").is_file()))
def test_reference_of_every_smoke_task_passes_with_its_lock(
    docker_client: Any, images: Any, name: str
) -> None:
    from harness.agents import load_agent
    from harness.trial import TrialContext, run_trial

    task = load_task(SMOKE / name)
    lock = read_lock(task.path)
    assert lock is not None, f"{name}: no tests.lock.json (run harness tasks validate --run)"
    ctx = TrialContext(run_id="test-inventory", client=docker_client, images=images, agent=load_agent("oracle"),
                       model=None)  # fmt: skip
    r = run_trial(ctx, task, 1)
    assert (r.status, r.fail_reason) == ("pass", None), (r.fail_reason, r.grade_detail, r.log_tail[-1500:])
    assert r.inventory_checked and r.canaries_checked
    assert r.tests is not None and r.tests.total == len(lock.tests) and r.score == 1.0
    ids = {t.id for t in r.test_results}
    assert ids == set(lock.tests)  # the record holds no canaries


@pytest.mark.docker
@pytest.mark.parametrize(
    "path",
    [
        PY,
        CORE / "node-bytes-format",
        CORE / "go-textwrap-fix",
        CORE / "rust-duration-fix",
        CORE / "c-ring-buffer",
        CORE / "bash-slugify-names",
    ],
    ids=lambda p: p.name,
)
def test_each_runner_really_runs_the_canaries(
    docker_client: Any, images: Any, tmp_path: Path, path: Path
) -> None:
    task = _copy(path, tmp_path, isolation="in-process")
    g = _grade(docker_client, images, task, tmp_path)
    assert (g.status, g.fail_reason) == ("pass", None), (g.extra["grade_detail"], g.log_tail[-2000:])
    assert g.extra["canaries_checked"] and g.extra["inventory_checked"]
    canaries = _canary_results(g)
    passed = [c for c in canaries if c.status == "passed"]
    failed = [c for c in canaries if c.status == "failed"]
    assert passed and len(failed) == 4 * len(passed) and len(passed) + len(failed) == len(canaries)
    real = {r.id for r in g.extra["test_results"]}
    assert real == set(read_lock(task.path).tests)  # type: ignore[union-attr]


@pytest.mark.docker
def test_a_report_missing_one_inventory_test_fails(docker_client: Any, images: Any, tmp_path: Path) -> None:
    task = _copy(PY, tmp_path)
    lock = read_lock(task.path)
    assert lock is not None
    gone = "tests.test_durations::test_removed_since_the_lock"
    write_lock(task.path, lock.model_copy(update={"tests": [*lock.tests, gone]}))
    g = _grade(docker_client, images, load_task(task.path), tmp_path)
    assert (g.status, g.fail_reason) == ("fail", "missing_tests"), g.extra["grade_detail"]
    assert gone in g.extra["grade_detail"] and "1 missing" in g.extra["grade_detail"]
    assert g.score == len(lock.tests) / (len(lock.tests) + 1)


FORGE = """
import os as _os
_ids = {ids!r}
_cases = "".join(
    '<testcase classname="%s" name="%s" time="0.001"/>' % tuple(i.split("::", 1)) for i in _ids
)
with open(_os.environ["HARNESS_JUNIT"], "w") as _f:
    _f.write('<?xml version="1.0"?><testsuites><testsuite name="pytest">%s</testsuite></testsuites>' % _cases)
_os._exit(0)
"""


@pytest.mark.docker
def test_a_forged_all_pass_report_fails(docker_client: Any, images: Any, tmp_path: Path) -> None:
    task = _copy(PY, tmp_path, isolation="in-process")
    lock = read_lock(task.path)
    assert lock is not None
    solved = (task.solution_dir / "durations.py").read_text()
    g = _grade(docker_client, images, task, tmp_path, {"durations.py": FORGE.format(ids=lock.tests) + solved})
    assert g.status == "fail" and g.fail_reason in {"tampered", "missing_tests"}, g.log_tail[-1500:]
    assert g.score == 0.0


HOSTILE = {
    # the module under test weakens an assertion function in its own process
    "python": (PY, "durations.py", "import unittest\nunittest.TestCase.assertEqual = lambda self, *a, **k: None\n"),
    "node": (CORE / "node-bytes-format", "bytes.mjs",
             "import harnessHostileAssert from 'node:assert/strict';\nharnessHostileAssert.strictEqual = () => {};\n"),
    # start-up code ends the run early with success
    "go": (CORE / "go-textwrap-fix", "zz_exit.go", "package textwrap\n\nimport \"os\"\n\nfunc init() { os.Exit(0) }\n"),
}  # fmt: skip


@pytest.mark.docker
@pytest.mark.parametrize("lang", list(HOSTILE))
def test_weakened_assertions_are_caught_by_canaries(
    docker_client: Any, images: Any, tmp_path: Path, lang: str
) -> None:
    path, rel, code = HOSTILE[lang]
    task = _copy(path, tmp_path, isolation="in-process")
    src = task.solution_dir / rel
    text = code + (src.read_text() if src.is_file() else "")
    g = _grade(docker_client, images, task, tmp_path, {rel: text})
    assert (g.status, g.fail_reason) == ("fail", "tampered"), (g.extra["grade_detail"], g.log_tail[-1500:])
    assert g.score == 0.0


@pytest.mark.docker
def test_a_c_constructor_forging_the_report_is_caught(
    docker_client: Any, images: Any, tmp_path: Path
) -> None:
    task = _copy(CORE / "c-ring-buffer", tmp_path, isolation="in-process")
    lock = read_lock(task.path)
    assert lock is not None
    cases = "".join(
        '<testcase classname=\\"{}\\" name=\\"{}\\"/>'.format(*tuple(i.split("::", 1))) for i in lock.tests
    )
    code = f"""#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
__attribute__((constructor)) static void forge(void) {{
    FILE *f = fopen(getenv("HARNESS_JUNIT"), "w");
    if (f) {{ fputs("<testsuites><testsuite>{cases}</testsuite></testsuites>", f); fclose(f); }}
    _exit(0);
}}
"""
    g = _grade(docker_client, images, task, tmp_path, {"src/forge.c": code})
    assert (g.status, g.fail_reason) == ("fail", "tampered"), (g.extra["grade_detail"], g.log_tail[-1500:])


def test_python_canaries_join_named_test_files(tmp_path: Path) -> None:
    """A command that names its test files (as exercism imports do) would not collect a new module."""
    t = _copy(PY, tmp_path)
    toml = t.path / "task.toml"
    toml.write_text(toml.read_text().replace(" tests --junitxml", " tests/test_durations.py --junitxml", 1))
    task = load_task(t.path)
    assert "tests/test_durations.py" in task.spec.grading.command
    folder, plan = _injected(task, tmp_path / "named")
    assert plan.files == ["test_durations.py"] and plan.copies == 1
    text = (folder / "test_durations.py").read_text()
    assert ".raises(ValueError)" in text and all(f"def {n}(" in text for n in plan.expect)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in task.tests_dir.iterdir())


def test_per_test_results_are_shown(tmp_path: Path) -> None:
    from rich.console import Console

    from harness.leaderboard.html import _test_results
    from harness.report import show_trial
    from harness.results import RunStore, TestResult

    rec = {
        "run_id": "r", "trial_id": "t@1", "task_id": "t", "suite": "s", "task_hash": "h", "language": "python",
        "difficulty": "easy", "agent": "nop", "attempt": 1, "status": "fail", "fail_reason": "missing_tests",
        "grade_detail": "1 missing: c::[gone]", "inventory_checked": True, "canaries_checked": True,
        "started_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:01Z",
    }  # fmt: skip
    r = TrialResult.model_validate(rec).model_copy(
        update={
            "test_results": [
                TestResult(id="c::a[<1>]", status="failed", duration_s=0.5, message="x < y"),
                TestResult(id="c::b", status="passed"),
            ]
        }
    )
    console = Console(width=150, record=True)
    show_trial(console, RunStore(tmp_path, "r"), r)
    text = console.export_text()
    assert "c::a[<1>]" in text and "x < y" in text and "1 missing: c::[gone]" in text
    html = str(_test_results(r)["tests_html"])
    assert "c::a[&lt;1&gt;]" in html and html.index("c::a") < html.index("c::b")  # failures first
