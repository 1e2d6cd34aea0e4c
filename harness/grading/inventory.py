"""Test inventories: the ids of a task's hidden tests, recorded by `harness tasks validate --run` in
<task>/tests.lock.json, and the per-test results parsed from a JUnit report.

A test id is `classname::name` from the JUnit <testcase>, with runs of whitespace collapsed and
memory addresses (0x7f3a...) replaced by `0x?`, so the same test has the same id in every run. The
lock stores the sorted ids, the task's content hash at the time (advisory: a stale hash is a warning;
the ids are what grading checks) and, where the starter ran tests at all, FAIL_TO_PASS and
PASS_TO_PASS.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from harness.errors import TaskError
from harness.task import LOCK_FILE, Task

LOCK_NAME = LOCK_FILE
LOCK_VERSION = 1
MAX_TEST_RESULTS = 2_000
MESSAGE_HEAD = 300
# Canaries of older harness versions carried one of these in their id. Today's canaries have ordinary
# random names and are told apart by the names in the grade's CanaryPlan (see canary.py); the markers
# only keep records made before that out of a lock.
CANARY_MARKERS = ("harness_canary_", "HarnessCanary_")

CaseStatus = Literal["passed", "failed", "error", "skipped"]
_ADDR = re.compile(r"0x[0-9a-fA-F]{4,}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Case:
    id: str
    status: CaseStatus
    duration_s: float
    message: str


def normalise_id(classname: str, name: str) -> str:
    def clean(s: str) -> str:
        return _ADDR.sub("0x?", _SPACE.sub(" ", s).strip())

    return f"{clean(classname)}::{clean(name)}"


def canary_name(test_id: str) -> str:
    """The part of an id a canary plan names: the test's own name, after the last `::`."""
    return test_id.rsplit("::", 1)[-1]


def is_canary_id(test_id: str, canaries: Collection[str] = ()) -> bool:
    """Whether `test_id` is one of `canaries` (test names from a CanaryPlan), or carries the marker of
    an old record's canary."""
    return canary_name(test_id) in canaries or any(m in test_id for m in CANARY_MARKERS)


def parse_cases(data: bytes) -> list[Case]:
    """Every <testcase> of a JUnit report, in report order. Raises ET.ParseError on bad XML."""
    root = ET.fromstring(data)
    out: list[Case] = []
    for tc in root.iter("testcase"):
        status: CaseStatus = "passed"
        message = ""
        for child in tc:
            if child.tag in ("failure", "error", "skipped"):
                status = "failed" if child.tag == "failure" else child.tag  # type: ignore[assignment]
                message = child.get("message") or (child.text or "")
                break
        try:
            duration = float(tc.get("time") or 0)
        except ValueError:
            duration = 0.0
        out.append(
            Case(
                id=normalise_id(tc.get("classname") or "", tc.get("name") or ""),
                status=status,
                duration_s=round(duration, 4),
                message=message.strip()[:MESSAGE_HEAD],
            )
        )
    return out


# -- the lock file ---------------------------------------------------------------------------------


class TestLock(BaseModel):
    __test__ = False  # not a pytest test class

    version: int = LOCK_VERSION
    task_hash: str = Field(description="content hash of the task (without this file) when written")
    tests: list[str] = Field(description="the reference's test ids, sorted")
    fail_to_pass: list[str] | None = Field(None, description="ids the starter fails and the reference passes")
    pass_to_pass: list[str] | None = Field(None, description="ids both the starter and the reference pass")


def lock_path(task_dir: Path) -> Path:
    return task_dir / LOCK_NAME


def read_lock(task_dir: Path) -> TestLock | None:
    """The task's lock, or None if it has none. A malformed lock is a TaskError naming the file."""
    path = lock_path(task_dir)
    if not path.is_file():
        return None
    try:
        lock = TestLock.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, ValidationError) as e:
        first = e.errors()[0]["msg"] if isinstance(e, ValidationError) else str(e)
        raise TaskError(
            f"{path}: not a test lock ({first}); rerun `harness tasks validate --run --write-lock`"
        ) from None
    if lock.version != LOCK_VERSION:
        raise TaskError(f"{path}: lock version {lock.version}, this harness reads {LOCK_VERSION}")
    if not lock.tests:
        raise TaskError(f"{path}: field 'tests': empty (a lock lists at least one test)")
    return lock


def load_inventory(task: Task) -> list[str] | None:
    """The inventory grading checks a report against: the lock's ids, or None without a lock."""
    lock = read_lock(task.path)
    return None if lock is None else lock.tests


def write_lock(task_dir: Path, lock: TestLock) -> Path:
    path = lock_path(task_dir)
    data = lock.model_dump(exclude_none=True)
    data["tests"] = sorted(set(lock.tests))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def lock_status(task_dir: Path, task_hash: str) -> tuple[str, str]:
    """('ok'|'missing'|'stale'|'invalid', a message) for `harness tasks validate`."""
    try:
        lock = read_lock(task_dir)
    except TaskError as e:
        return "invalid", str(e)
    if lock is None:
        return "missing", f"{lock_path(task_dir)}: missing (grading checks no test inventory)"
    if lock.task_hash != task_hash:
        return "stale", (
            f"{lock_path(task_dir)}: written for another version of the task (the ids still count; "
            "refresh with `harness tasks validate --run --write-lock`)"
        )
    return "ok", ""


def inventory_ids(cases: Iterable[Case], canaries: Collection[str] = ()) -> list[str]:
    """The sorted, distinct non-canary ids of a run: what a lock records. `canaries`: the test names of
    the run's CanaryPlan (trial records hold no canaries; see report.Verdict.test_results)."""
    return sorted({c.id for c in cases if not is_canary_id(c.id, canaries)})


def split_bugfix(
    reference: Iterable[Case], starter: Iterable[Case], canaries: Collection[str] = ()
) -> tuple[list[str], list[str]]:
    """FAIL_TO_PASS and PASS_TO_PASS: reference-passing ids the starter fails (or lacks) / passes."""
    ref_pass = {c.id for c in reference if c.status == "passed" and not is_canary_id(c.id, canaries)}
    start_pass = {c.id for c in starter if c.status == "passed"}
    return sorted(ref_pass - start_pass), sorted(ref_pass & start_pass)


# -- checking a report against the inventory --------------------------------------------------------


@dataclass
class InventoryCheck:
    reason: str | None  # missing_tests | unexpected_tests | duplicate_tests | None
    passed: int
    failed: int
    errors: int
    skipped: int
    missing: list[str]
    unexpected: list[str]
    duplicates: list[str]

    @property
    def total(self) -> int:
        return self.passed + self.failed + self.errors + self.skipped + len(self.missing)

    def detail(self) -> str:
        parts = []
        for label, ids in (
            ("duplicated", self.duplicates),
            ("missing", self.missing),
            ("not in the inventory", self.unexpected),
        ):
            if ids:
                more = f" (+{len(ids) - 5} more)" if len(ids) > 5 else ""
                parts.append(f"{len(ids)} {label}: {', '.join(ids[:5])}{more}")
        return "; ".join(parts)


def check_inventory(
    cases: list[Case], inventory: list[str], canaries: Collection[str] = ()
) -> InventoryCheck:
    """Compare a report's non-canary cases with the inventory. Every inventory id must appear exactly
    once; any other id is unexpected. Counts are over the inventory (a missing id counts as missing).
    `canaries`: the test names of this grade's CanaryPlan; nothing else is taken for a canary (an old
    marker-named canary, or one of another grade, is unexpected)."""
    inv = set(inventory)
    seen: dict[str, Case] = {}
    duplicates: set[str] = set()
    unexpected: set[str] = set()
    for c in cases:
        if c.id not in inv and canary_name(c.id) in canaries:
            continue
        if c.id in seen:
            duplicates.add(c.id)
        seen[c.id] = c
        if c.id not in inv:
            unexpected.add(c.id)
    missing = sorted(inv - seen.keys())
    statuses = [seen[i].status for i in inv if i in seen]
    reason = None
    if duplicates:
        reason = "duplicate_tests"
    elif missing:
        reason = "missing_tests"
    elif unexpected:
        reason = "unexpected_tests"
    return InventoryCheck(
        reason=reason,
        passed=statuses.count("passed"),
        failed=statuses.count("failed"),
        errors=statuses.count("error"),
        skipped=statuses.count("skipped"),
        missing=missing,
        unexpected=sorted(unexpected),
        duplicates=sorted(duplicates),
    )
