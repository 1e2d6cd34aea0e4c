"""Test reports: JUnit XML parsed into counts and per-test results, and the verdict rule that turns an
exit code, a timeout and a report (checked against the task's test inventory and this grade's
canaries) into pass or fail."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from harness.grading.canary import CanaryPlan, check_canaries
from harness.grading.inventory import MAX_TEST_RESULTS, Case, canary_name, check_inventory, parse_cases
from harness.results import TestCounts, TestResult
from harness.task import Task


def parse_junit(data: bytes) -> TestCounts:
    return _counts(parse_cases(data))


def _counts(cases: list[Case]) -> TestCounts:
    counts = TestCounts()
    for c in cases:
        counts.total += 1
        if c.status == "failed":
            counts.failed += 1
        elif c.status == "error":
            counts.errors += 1
        elif c.status == "skipped":
            counts.skipped += 1
        else:
            counts.passed += 1
    return counts


@dataclass
class Verdict:
    status: str  # pass | fail
    reason: str | None
    tests: TestCounts | None
    score: float | None
    cases: list[Case] = field(default_factory=list)
    detail: str = ""  # why, in one line, for missing/unexpected/tampered
    inventory_checked: bool = False
    canaries_checked: bool = False
    canaries: frozenset[str] = frozenset()  # the test names of this grade's canaries

    def trial_fields(self) -> dict[str, object]:
        """What TrialResult records of this verdict beyond status, reason, counts and score
        (`canary_results` is for callers of grade(); TrialResult does not keep it)."""
        return dict(
            test_results=self.test_results(),
            canary_results=self.test_results(canaries=True),
            inventory_checked=self.inventory_checked,
            canaries_checked=self.canaries_checked,
            grade_detail=self.detail or None,
        )

    def is_canary(self, c: Case) -> bool:
        return canary_name(c.id) in self.canaries

    def test_results(self, canaries: bool = False) -> list[TestResult]:
        """The report's real tests (or, with `canaries`, only its canaries). Records hold no canaries:
        their names look like real tests', and validation builds locks from the records' ids."""
        return [
            TestResult(id=c.id, status=c.status, duration_s=c.duration_s, message=c.message)
            for c in self.cases
            if self.is_canary(c) == canaries
        ][:MAX_TEST_RESULTS]


def judge(
    task: Task,
    exit_code: int | None,
    timed_out: bool,
    report: bytes | None,
    inventory: list[str] | None = None,
    canaries: CanaryPlan | None = None,
) -> Verdict:
    """pass only if the command exited 0 (or, with canaries, failed exactly as the canaries demand), the
    report is there, every inventory test ran once and passed, and nothing else but canaries ran.

    Without an inventory every reported non-canary test counts; without canaries the exit code decides
    as before. Score = passed inventory tests / inventory size (canaries never count)."""
    cases: list[Case] | None = None
    if report is not None:
        try:
            cases = parse_cases(report)
        except ET.ParseError:
            cases = None
    names = frozenset(canaries.expect) if canaries is not None else frozenset()
    inv_set = set(inventory or ())
    real = [c for c in cases or [] if c.id in inv_set or canary_name(c.id) not in names]
    inv = None
    if inventory is not None and cases is not None:
        inv = check_inventory(cases, inventory, names)
        tests: TestCounts | None = TestCounts(
            total=inv.total, passed=inv.passed, failed=inv.failed, errors=inv.errors + len(inv.missing),
            skipped=inv.skipped,
        )  # fmt: skip
    else:
        tests = _counts(real) if cases is not None else None
    score = tests.passed / tests.total if tests and tests.total else None

    def out(status: str, reason: str | None, detail: str = "", score: float | None = score) -> Verdict:
        if status == "pass" and score is None:
            score = 1.0
        return Verdict(
            status, reason, tests, score, cases or [], detail, inv is not None, canaries is not None, names
        )

    junit = task.spec.grading.junit
    if timed_out:
        return out("fail", "test_timeout")
    if junit and exit_code != 0 and (report is None or not report.strip() or cases == []):
        return out("fail", "build_failed", "the test command failed and wrote no test report")
    if (canaries is None or not junit) and exit_code != 0:
        return out("fail", "tests_failed")
    if junit:
        if report is None:
            return out("fail", "no_test_report")
        if cases is None:
            return out("fail", "bad_test_report")
    if canaries is not None and cases is not None:
        chk = check_canaries(cases, canaries)
        broken = any(c.status in ("failed", "error") for c in real) or bool(inv and inv.missing)
        if chk.hard:
            return out("fail", "tampered", "; ".join(chk.hard[:5]), 0.0)
        if exit_code == 0:
            return out("fail", "tampered", "the test command exited 0 although canary tests failed", 0.0)
        if chk.soft and (not broken or (chk.seen == 0 and any(c.status == "passed" for c in real))):
            return out("fail", "tampered", "; ".join(chk.soft[:5]), 0.0)
    if inv is not None and inv.reason:
        return out("fail", inv.reason, inv.detail())
    if junit and cases is not None:
        if sum(c.status != "skipped" for c in real) == 0:
            return out("fail", "no_tests_ran")
        if any(c.status in ("failed", "error") for c in real):
            return out("fail", "tests_failed")
    return out("pass", None)


def verdict(
    task: Task,
    exit_code: int | None,
    timed_out: bool,
    report: bytes | None,
    inventory: list[str] | None = None,
    canaries: CanaryPlan | None = None,
) -> tuple[str, str | None, TestCounts | None]:
    """(status, fail_reason, counts): see judge()."""
    v = judge(task, exit_code, timed_out, report, inventory, canaries)
    return v.status, v.reason, v.tests
