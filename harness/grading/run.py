"""Grading: run the hidden tests in a FRESH container on the tree rebuilt from the starter files plus
the agent's diff (see workspace.py), and turn the report into a verdict (see report.py)."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker

from harness.errors import SandboxError
from harness.grading.canary import inject_canaries
from harness.grading.inventory import load_inventory
from harness.grading.report import judge
from harness.grading.workspace import GitError, build_grading_tree
from harness.judge import host
from harness.results import TestCounts
from harness.sandbox.base import WORKSPACE, SandboxSpec, cap_text
from harness.sandbox.docker import DockerSandbox
from harness.task import Task

JUNIT_PATH = host.INPROC_JUNIT
MAX_DIFF_CHARS = 2_000_000


@dataclass
class GradeOutcome:
    status: str  # pass | fail
    fail_reason: str | None
    tests: TestCounts | None
    score: float | None
    exit_code: int | None
    log_tail: str
    duration_s: float
    restored_paths: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # per-test results etc., for TrialResult

    def result_fields(self) -> dict[str, Any]:
        """What a TrialResult keeps: everything but the canaries' own results."""
        return {k: v for k, v in self.extra.items() if k != "canary_results"}


def grade(
    task: Task,
    diff: str,
    client: docker.DockerClient,
    image: str,
    labels: dict[str, str],
) -> GradeOutcome:
    start = time.monotonic()
    judged = task.spec.grading.isolation == "judge" or task.spec.grading.judge_builds
    with tempfile.TemporaryDirectory(prefix="harness-grade-") as tmp:
        tree = Path(tmp) / "workspace"
        try:
            restored = build_grading_tree(task, diff, tree)
        except GitError as e:
            raise SandboxError(f"could not rebuild the workspace from the diff: {e}") from e
        inventory = load_inventory(task)  # None: no tests.lock.json, every reported test counts
        canaries = inject_canaries(tree / task.spec.grading.tests_dir, task)
        lim = task.spec.limits
        spec = SandboxSpec.for_limits(
            image,
            lim,
            {**labels, "harness.role": "grading"},
            extra_tmpfs=host.judge_tmpfs(lim.tmp_mb) if judged else {},
        )
        if judged:
            judge_tree = Path(tmp) / "judge"
            host.split_hidden_tests(task, tree, judge_tree)
            agentd = host.agentd_tree(Path(tmp) / "agentd")
        with DockerSandbox(client, spec) as sb:
            sb.copy_in(tree, WORKSPACE)
            if judged:
                res, report = host.run_judged(sb, task, judge_tree, agentd)
            else:
                res, report = host.run_in_process(sb, task)
    v = judge(task, res.exit_code, res.timed_out, report, inventory, canaries)
    status, reason, tests, score = v.status, v.reason, v.tests, v.score
    tail = cap_text(res.output, 2_000, 14_000)
    if res.timed_out:
        tail += f"\n[harness: the test command exceeded {task.spec.grading.timeout_sec:g}s and was killed]"
    return GradeOutcome(
        status=status,
        fail_reason=reason,
        tests=tests,
        score=score,
        exit_code=res.exit_code,
        log_tail=tail,
        duration_s=time.monotonic() - start,
        restored_paths=restored,
        extra=v.trial_fields(),
    )
