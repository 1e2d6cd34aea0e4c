"""The core suite: every task loads, the suite covers its languages and difficulties, and a rotating
sample (one task for each of three languages, different ones each day) validates for real in CI, with the cheat
probes and a bounded sample of mutants (--max-mutants). The whole suite is
validated with `harness tasks validate --run --repeat 3 tasks/core` (see the README for the figures)."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections import Counter

import pytest

from harness.task import Task, load_tasks

LANGUAGES = {"python", "node", "go", "rust", "c", "bash"}
CI_MAX_MUTANTS = 6  # the test-strength check grades this many mutants per sampled task, to bound CI time


def core() -> list[Task]:
    return load_tasks(["core"])


def rotating_sample(tasks: list[Task], day: int) -> list[Task]:
    """One task for each of half the languages (the other half the next day), each language's index
    advancing every other day, so CI covers the whole suite over time within its time budget."""
    by_lang: dict[str, list[Task]] = {}
    for t in sorted(tasks, key=lambda t: t.id):
        by_lang.setdefault(t.spec.language, []).append(t)
    langs = sorted(by_lang)[day % 2 :: 2]
    return [by_lang[lang][(day // 2) % len(by_lang[lang])] for lang in langs]


def test_core_covers_languages_and_difficulties() -> None:
    tasks = core()
    per_lang = Counter(t.spec.language for t in tasks)
    assert set(per_lang) == LANGUAGES, per_lang
    for lang, n in per_lang.items():
        assert n >= 6, f"{lang}: only {n} tasks"
    assert len(tasks) >= 48, len(tasks)
    assert {t.spec.difficulty for t in tasks} == {"easy", "medium", "hard"}
    kinds = {"implement", "bugfix", "feature", "refactor", "performance", "cli"}
    for lang in LANGUAGES:
        have = {tag for t in tasks if t.spec.language == lang for tag in t.spec.tags}
        assert kinds <= have, f"{lang} lacks {sorted(kinds - have)}"


def test_rotation_visits_every_task() -> None:
    tasks = core()
    longest = max(Counter(t.spec.language for t in tasks).values())
    seen = {t.id for day in range(2 * longest) for t in rotating_sample(tasks, day)}
    assert seen == {t.id for t in tasks}


@pytest.mark.docker
def test_rotating_sample_of_core_validates(images) -> None:  # type: ignore[no-untyped-def]
    day = int(os.environ.get("HARNESS_CORE_DAY", datetime.date.today().toordinal()))
    sample = rotating_sample(core(), day)
    print("core sample:", ", ".join(t.id for t in sample))
    cmd = [sys.executable, "-m", "harness.cli", "tasks", "validate", "--run"]
    cmd += ["--max-mutants", str(CI_MAX_MUTANTS), *(str(t.path) for t in sample)]
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and "all tasks valid" in proc.stdout, proc.stdout + proc.stderr
