"""Test reports: JUnit XML parsed into counts, and the verdict rule that turns an exit code, a timeout
and a report into pass or fail."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from harness.results import TestCounts
from harness.task import Task


def parse_junit(data: bytes) -> TestCounts:
    root = ET.fromstring(data)
    counts = TestCounts()
    for case in root.iter("testcase"):
        counts.total += 1
        tags = {child.tag for child in case}
        if "failure" in tags:
            counts.failed += 1
        elif "error" in tags:
            counts.errors += 1
        elif "skipped" in tags:
            counts.skipped += 1
        else:
            counts.passed += 1
    return counts


def verdict(
    task: Task, exit_code: int | None, timed_out: bool, report: bytes | None
) -> tuple[str, str | None, TestCounts | None]:
    """pass only if the command exited 0 and (where a report is promised) tests really ran and passed."""
    tests: TestCounts | None = None
    if report is not None:
        try:
            tests = parse_junit(report)
        except ET.ParseError:
            tests = None
    if timed_out:
        return "fail", "test_timeout", tests
    if exit_code != 0:
        return "fail", "tests_failed", tests
    if task.spec.grading.junit:
        if report is None:
            return "fail", "no_test_report", tests
        if tests is None:
            return "fail", "bad_test_report", tests
        if tests.total - tests.skipped == 0:
            return "fail", "no_tests_ran", tests
        if tests.failed or tests.errors:
            return "fail", "tests_failed", tests
    return "pass", None, tests
