"""Task loading: a valid task loads; every malformed one names its file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.errors import TaskError
from harness.task import content_hash, load_task, load_tasks

from .conftest import SMOKE


def test_every_smoke_task_loads() -> None:
    tasks = load_tasks([str(SMOKE)])
    assert len(tasks) >= 4
    assert {t.spec.language for t in tasks} >= {"python"}
    assert len({t.spec.language for t in tasks}) >= 2
    for t in tasks:
        assert t.suite == "smoke"
        assert t.instruction.strip()
        assert len(t.content_hash) == 64


def test_suite_name_resolves_to_tasks_folder() -> None:
    assert [t.id for t in load_tasks(["smoke"])] == [t.id for t in load_tasks([str(SMOKE)])]


def test_filters(tmp_path: Path) -> None:
    all_tasks = load_tasks(["smoke"])
    py = load_tasks(["smoke"], languages=["python"])
    assert py and all(t.spec.language == "python" for t in py) and len(py) < len(all_tasks)
    one = load_tasks(["smoke"], task_globs=[all_tasks[0].id])
    assert [t.id for t in one] == [all_tasks[0].id]
    assert load_tasks(["smoke"], tags=["no-such-tag"]) == []


def _write(task: Path, toml: str) -> None:
    (task / "task.toml").write_text(toml)


GOOD = """
title = "t"
language = "python"
difficulty = "easy"
image = "python"
[grading]
command = "true"
"""


@pytest.fixture
def task_dir(tmp_path: Path) -> Path:
    d = tmp_path / "my-task"
    for sub in ("workspace", "tests", "solution"):
        (d / sub).mkdir(parents=True)
    (d / "instruction.md").write_text("Do it.\n")
    (d / "tests" / "test_a.py").write_text("def test_a(): pass\n")
    (d / "solution" / "a.py").write_text("x = 1\n")
    _write(d, GOOD)
    return d


def test_minimal_task_loads_with_defaults(task_dir: Path) -> None:
    t = load_task(task_dir)
    assert t.id == "my-task"
    assert t.spec.grading.timeout_sec == 300
    assert t.spec.limits.memory_mb == 1024


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        (GOOD.replace('difficulty = "easy"', 'difficulty = "trivial"'), "field 'difficulty'"),
        (GOOD.replace('title = "t"\n', ""), "field 'title'"),
        ("colour = 'red'\n" + GOOD, "field 'colour'"),
        (GOOD + "[limits]\nmemory_mb = 'lots'\n", "field 'limits.memory_mb'"),
        (GOOD.replace('command = "true"', ""), "field 'grading.command'"),
        ('id = "other-name"\n' + GOOD, "field 'id'"),
        ("title = \n", "invalid TOML"),
        (GOOD.replace("[grading]", '[grading]\ntests_dir = "../x"'), "field 'grading.tests_dir'"),
    ],
)
def test_malformed_task_names_file_and_field(task_dir: Path, toml: str, needle: str) -> None:
    _write(task_dir, toml)
    with pytest.raises(TaskError) as exc:
        load_task(task_dir)
    msg = str(exc.value)
    assert "task.toml" in msg and needle in msg
    assert "\n" not in msg


@pytest.mark.parametrize("missing", ["instruction.md", "tests", "solution", "workspace"])
def test_missing_parts_are_named(task_dir: Path, missing: str) -> None:
    target = task_dir / missing
    if target.is_dir():
        for p in target.iterdir():
            p.unlink()
        target.rmdir()
    else:
        target.unlink()
    with pytest.raises(TaskError, match=missing):
        load_task(task_dir)


def test_content_hash_changes_with_any_file(task_dir: Path) -> None:
    before = content_hash(task_dir)
    (task_dir / "tests" / "test_a.py").write_text("def test_a(): assert 0\n")
    assert content_hash(task_dir) != before


def test_unknown_suite_lists_known_ones() -> None:
    with pytest.raises(TaskError, match=r"suites: .*smoke"):
        load_tasks(["no-such-suite"])


CALIBRATION = """
[calibration]  # the first try of a solver that saw neither tests nor solution
date = "2026-12-01"
solver = "a strong model, instruction and workspace only"
tries = 1
outcome = "fail"
score = 0.75
failing_tests = ["tests.test_a::test_a"]
"""


def test_calibration_is_recorded_and_does_not_change_the_hash(task_dir: Path) -> None:
    before = content_hash(task_dir)
    _write(task_dir, GOOD + CALIBRATION)
    t = load_task(task_dir)
    assert t.spec.calibration is not None
    assert (t.spec.calibration.outcome, t.spec.calibration.failing_tests) == (
        "fail",
        ["tests.test_a::test_a"],
    )
    assert t.content_hash == before
    # A table after [calibration] still counts.
    _write(task_dir, GOOD + CALIBRATION + "[limits]\nmemory_mb = 512\n")
    assert content_hash(task_dir) != before
    _write(task_dir, GOOD + CALIBRATION.replace('outcome = "fail"', 'outcome = "maybe"'))
    with pytest.raises(TaskError, match=r"calibration\.outcome"):
        load_task(task_dir)
