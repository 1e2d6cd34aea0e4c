"""The frontier suite: hard tasks graded in judge isolation, each calibration record summarised
truly in the suite's README, and one task a day (a different language each day) validated for real
in CI: reference, empty attempt, cheat probes and a sample of mutants."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest

from harness.errors import TaskError
from harness.task import Task, load_tasks
from tests.conftest import REPO

README = REPO / "tasks" / "frontier" / "README.md"
# A frontier-sized task grades in up to a minute: this bounds CI time (one survivor still passes).
CI_MAX_MUTANTS = 5


def frontier() -> list[Task]:
    """The frontier suite's tasks: none while every task written for it has been moved to core."""
    try:
        return load_tasks(["frontier"])
    except TaskError:
        if any((REPO / "tasks" / "frontier").glob("*/task.toml")):
            raise
        return []


def sample_pool() -> list[Task]:
    """What CI's daily frontier sample validates: the frontier tasks, or, while every task written for
    frontier has been passed on a first try and moved to core, those (they are the suite's hardest)."""
    return frontier() or [t for t in load_tasks(["core"]) if t.spec.calibration]


def test_frontier_tasks_are_hard_and_judged() -> None:
    tasks = frontier()
    assert sample_pool()
    for t in tasks:
        g = t.spec.grading
        assert t.spec.difficulty == "hard", t.id
        assert "frontier" in t.spec.tags, t.id
        assert g.isolation == "judge" or g.judge_builds, f"{t.id}: the agent's code runs in the judge"


def readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) >= 5:
            rows[cells[0].strip("`")] = cells
    return rows


def test_readme_states_every_calibration_record() -> None:
    """One row per frontier task and per calibrated task of any suite: suite, language, first-try
    outcome as recorded in task.toml (or 'not yet'), score; and the summary line's counts."""
    rows = readme_rows()
    tasks = {
        t.id: t for t in [*frontier(), *load_tasks(["core"])] if t.suite == "frontier" or t.spec.calibration
    }
    assert set(rows) == set(tasks), f"README rows differ from the tasks: {set(rows) ^ set(tasks)}"
    for tid, t in tasks.items():
        cal = t.spec.calibration
        _, suite, lang, outcome, score = rows[tid][:5]
        assert (suite, lang) == (t.suite, t.spec.language), tid
        if cal is None:
            assert outcome == "not yet" and score == "", tid
        else:
            assert outcome == cal.outcome, tid
            assert score == (f"{cal.score:.2f}" if cal.score is not None else ""), tid
    done = [t.spec.calibration for t in tasks.values() if t.spec.calibration]
    failed = sum(c.outcome == "fail" for c in done)
    m = re.search(r"(\d+) of (\d+) tasks calibrated; (\d+) failed their first try", README.read_text())
    assert m and tuple(map(int, m.groups())) == (len(done), len(tasks), failed), m and m.group(0)


def test_a_task_passed_on_its_first_try_is_not_frontier_nor_hard() -> None:
    """The calibration rule: a strong solver's first-try pass moves a task out of frontier, and its
    label follows what was measured."""
    for t in [*frontier(), *load_tasks(["core"])]:
        cal = t.spec.calibration
        if cal is not None and cal.outcome == "pass":
            assert t.suite != "frontier" and t.spec.difficulty != "hard", t.id


def rotating_pick(tasks: list[Task], day: int) -> Task:
    """One task a day, cycling through the languages and, within each, through its tasks."""
    by_lang: dict[str, list[Task]] = {}
    for t in sorted(tasks, key=lambda t: t.id):
        by_lang.setdefault(t.spec.language, []).append(t)
    langs = sorted(by_lang)
    lang = langs[day % len(langs)]
    pool = by_lang[lang]
    return pool[(day // len(langs)) % len(pool)]


def test_rotation_visits_every_frontier_task() -> None:
    tasks = sample_pool()
    n_lang = len({t.spec.language for t in tasks})
    longest = max(sum(t.spec.language == lang for t in tasks) for lang in {t.spec.language for t in tasks})
    seen = {rotating_pick(tasks, day).id for day in range(n_lang * longest)}
    assert seen == {t.id for t in tasks}


@pytest.mark.docker
def test_rotating_frontier_task_validates(images) -> None:  # type: ignore[no-untyped-def]
    day = int(os.environ.get("HARNESS_FRONTIER_DAY", datetime.date.today().toordinal()))
    task = rotating_pick(sample_pool(), day)
    print("frontier sample:", task.id)
    cmd = [sys.executable, "-m", "harness.cli", "tasks", "validate", "--run"]
    cmd += ["--max-mutants", str(CI_MAX_MUTANTS), str(task.path)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0 and "all tasks valid" in proc.stdout, proc.stdout + proc.stderr
