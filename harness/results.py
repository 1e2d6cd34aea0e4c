"""Result models (with schema_version) and the append-only store under results/<run_id>/."""

from __future__ import annotations

import fcntl
import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, ValidationError

from harness.config import behaviour_settings
from harness.errors import HarnessError
from harness.models.base import Usage

SCHEMA_VERSION = 1
Status = Literal["pass", "fail", "error"]
RUN_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


def utcnow() -> datetime:
    return datetime.now(UTC)


class TestCounts(BaseModel):
    total: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0


class TestResult(BaseModel):
    """One test case of the grading report (canaries included; their ids say so)."""

    __test__ = False  # not a pytest test class

    id: str = Field(description="classname::name, normalised (see harness/grading/inventory.py)")
    status: Literal["passed", "failed", "error", "skipped"]
    duration_s: float = 0.0
    message: str = Field("", description="First ~300 characters of the failure message.")


class Attempt(BaseModel):
    """An earlier run of a trial that ended in an error (or was graded while the engine was not
    answering) and was run again. Its spend counts: it is in the trial's retried_cost_usd and the run's
    budget."""

    phase: Literal["agent", "grading"] = Field(
        "agent",
        description="agent: the whole trial ran again; grading: only the grading (an engine outage cut it "
        "short), so the agent's run, and its spend, is the trial's own and cost_usd here is 0.",
    )
    error_kind: str | None = None
    message: str | None = None
    usage: Usage | None = None
    cost_usd: float | None = None
    started_at: datetime
    duration_s: float = 0.0


class TrialResult(BaseModel):
    schema_version: int = SCHEMA_VERSION
    run_id: str
    trial_id: str = Field(description="<task id>@<attempt>: unique within a run.")
    task_id: str
    suite: str
    task_hash: str
    language: str
    difficulty: str
    tags: list[str] = Field(default_factory=list)
    family: str | None = None
    agent: str
    model: str | None = None
    attempt: int
    status: Status
    error_kind: str | None = Field(None, description="For status=error: what part of the harness failed.")
    fail_reason: str | None = Field(None, description="For status=fail: why the grade is fail.")
    message: str | None = None
    tests: TestCounts | None = None
    score: float | None = Field(None, description="Fraction of hidden tests passed (partial credit).")
    image: str = ""
    image_id: str = ""
    isolation: str | None = Field(
        None,
        description="Grading isolation: judge (the test runner never loads the agent's code) or in-process.",
    )
    started_at: datetime
    finished_at: datetime
    agent_duration_s: float = 0.0
    grading_duration_s: float = 0.0
    duration_s: float = 0.0
    infra_retries: int = 0
    stop_reason: str | None = None
    agent_version: str | None = Field(None, description="Version of the agent's prompt, e.g. tools_v1.")
    turns: int | None = None
    usage: Usage | None = Field(None, description="Tokens summed over the trial's model calls.")
    cost_usd: float | None = Field(None, description="None when a price is unknown, never a silent 0.")
    invocation: int | None = Field(
        None, description="Index into run.json `invocations`: the settings it ran under (None: older record)."
    )
    diff: str = ""
    diff_truncated: bool = False
    dropped_paths: list[str] = Field(
        default_factory=list, description="Workspace entries not carried to grading (links out, devices)."
    )
    restored_paths: list[str] = Field(
        default_factory=list, description="Protected paths the agent changed, restored before grading."
    )
    log_tail: str = Field("", description="Tail of the grading output.")
    agent_log_tail: str = ""
    transcript_path: str | None = None
    test_results: list[TestResult] = Field(
        default_factory=list, description="Per test of the grading report, capped at 2,000."
    )
    inventory_checked: bool | None = Field(
        None, description="The report was checked against tests.lock.json (None: older record)."
    )
    canaries_checked: bool | None = Field(None, description="Canary tests were injected and checked.")
    grade_detail: str | None = Field(None, description="Why the grade failed, e.g. the missing test ids.")
    tries: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Per try of the loop agent: edits well-formed, tests passed, graded.",
    )
    retried_cost_usd: float | None = Field(
        None,
        description="USD spent by earlier runs of this trial that ended in an error and were run again: "
        "the sum of `attempts`' costs (the records of agent-phase re-runs stay in trials.jsonl); None "
        "when none was re-run.",
    )
    attempts: list[Attempt] = Field(
        default_factory=list,
        description="One per earlier run of this trial that ended in an error and was run again (infra "
        "retries, engine outages): its error, usage and cost; their costs sum to retried_cost_usd.",
    )
    # Not stored: whether the runner may run this errored trial again (see harness.trial.rerun_allowed),
    # whether the error was the engine not answering, and a finished agent phase whose grading failed.
    _rerun: bool = PrivateAttr(default=True)
    _engine_down: bool = PrivateAttr(default=False)
    _agent_done: Any = PrivateAttr(default=None)

    @property
    def key(self) -> tuple[str, int]:
        return (self.task_id, self.attempt)


class Invocation(BaseModel):
    """One `harness run` of a run id: when, under which behaviour settings, by which harness."""

    index: int = Field(description="1-based; trials name it in their `invocation` field.")
    at: datetime
    settings: dict[str, Any] = Field(description="The behaviour settings (harness.config.BEHAVIOUR_OPTIONS).")
    harness_version: str
    git_sha: str | None = None
    git_dirty: bool | None = None


class RunInfo(BaseModel):
    schema_version: int = SCHEMA_VERSION
    run_id: str
    status: Literal["running", "finished", "interrupted"] = "running"
    end_reason: str | None = Field(
        None,
        description="Why the run ended: completed (every trial graded), errors (trials left in error), "
        "budget (the run budget kept trials from starting), interrupted. None while running.",
    )
    created_at: datetime
    started_at: datetime
    finished_at: datetime | None = None
    harness_version: str
    git_sha: str | None = None
    git_dirty: bool | None = None
    python: str = ""
    docker_version: str | None = None
    price_table_version: str | None = None
    config: dict[str, Any]
    tasks: dict[str, str] = Field(default_factory=dict, description="task id -> content hash")
    images: dict[str, str] = Field(default_factory=dict, description="image name -> image id")
    invocations: list[Invocation] = Field(
        default_factory=list,
        description="Append-only: one per `harness run` of this id. `config` is the latest one's; "
        "empty in run.json files older than this history.",
    )

    def history(self) -> list[Invocation]:
        """The invocations; for an older run.json without them, one made from its config."""
        if self.invocations:
            return list(self.invocations)
        return [
            Invocation(
                index=1, at=self.created_at, settings=behaviour_settings(self.config),
                harness_version=self.harness_version, git_sha=self.git_sha, git_dirty=self.git_dirty,
            )
        ]  # fmt: skip


class RunLocked(HarnessError):
    """Another process holds the run's lock (the same --run-id twice at once)."""


@dataclass
class TrialScan:
    """What reading trials.jsonl found; reading never changes the file."""

    trials: list[TrialResult] = field(default_factory=list)
    bad_lines: list[int] = field(default_factory=list)  # 1-based numbers of complete lines that are no trial
    torn: bool = False  # the last line is incomplete (a write cut short); the run's writer sets it aside

    def problems(self, path: Path) -> str | None:
        """One line for the user, or None when every line was read."""
        parts = []
        if self.bad_lines:
            shown = ", ".join(map(str, self.bad_lines[:10])) + (", ..." if len(self.bad_lines) > 10 else "")
            parts.append(f"{len(self.bad_lines)} unreadable line(s) left out (line {shown})")
        if self.torn:
            parts.append("an incomplete last line left out (set aside when the run resumes)")
        return f"{path}: " + "; ".join(parts) if parts else None


def check_run_id(run_id: str) -> str:
    if not RUN_ID_RE.match(run_id):
        raise HarnessError(f"run id '{run_id}': use letters, digits, '.', '_' and '-' (max 128)")
    return run_id


class RunStore:
    """results/<run_id>/: run.json (rewritten atomically) and trials.jsonl (appended, fsync'd)."""

    def __init__(self, results_dir: Path, run_id: str) -> None:
        self.run_id = check_run_id(run_id)
        self.dir = Path(results_dir) / run_id
        self.trials_path = self.dir / "trials.jsonl"
        self.run_path = self.dir / "run.json"
        self.transcripts_dir = self.dir / "transcripts"
        self.lock_path = self.dir / ".lock"
        self._lock = threading.Lock()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the run's lock (an fcntl lock on results/<run_id>/.lock) for the block: one writer per run.
        A second process raises RunLocked at once. The kernel drops the lock if the process dies."""
        self.dir.mkdir(parents=True, exist_ok=True)
        f = self.lock_path.open("a+")
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.seek(0)
            holder = f.read().strip()[:20]
            f.close()
            by = f" (pid {holder})" if holder.isdigit() else ""
            raise RunLocked(
                f"run '{self.run_id}' is in use by another harness process{by}: "
                "wait for it to end, or use another --run-id"
            ) from None
        try:
            f.truncate(0)
            f.write(f"{os.getpid()}\n")
            f.flush()
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            f.close()

    def exists(self) -> bool:
        return self.run_path.is_file()

    def read_run(self) -> RunInfo:
        try:
            return RunInfo.model_validate_json(self.run_path.read_text())
        except FileNotFoundError:
            raise HarnessError(f"no run '{self.run_id}' in {self.dir.parent} (no run.json)") from None
        except ValidationError as e:
            raise HarnessError(f"{self.run_path}: not a harness run file ({e.errors()[0]['msg']})") from None

    def write_run(self, info: RunInfo) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.run_path.with_suffix(".json.tmp")
        tmp.write_text(info.model_dump_json(indent=2))
        os.replace(tmp, self.run_path)

    def scan_trials(self) -> TrialScan:
        """Every complete line that is a trial, and which are not. Read-only: a torn last line (a crash
        mid-write) is left out here and set aside only by the run's writer (`append`)."""
        scan = TrialScan()
        if not self.trials_path.is_file():
            return scan
        data = self.trials_path.read_bytes()
        cut = data.rfind(b"\n") + 1
        scan.torn = cut < len(data)
        for number, line in enumerate(data[:cut].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                scan.trials.append(TrialResult.model_validate_json(line))
            except ValidationError:
                scan.bad_lines.append(number)
        return scan

    def load_trials(self) -> list[TrialResult]:
        """Every complete line that is a trial (see scan_trials); never changes the file."""
        return self.scan_trials().trials

    def _set_aside_torn(self) -> None:
        """Writer only (under self._lock): move an incomplete last line to trials.torn, so the next
        record starts on a line of its own."""
        try:
            with self.trials_path.open("r+b") as f:
                size = f.seek(0, os.SEEK_END)
                if size == 0:
                    return
                f.seek(size - 1)
                if f.read(1) == b"\n":
                    return
                # Rare (only after a crash mid-write): read the file to find the last complete line.
                f.seek(0)
                data = f.read()
                cut = data.rfind(b"\n") + 1
                with (self.dir / "trials.torn").open("ab") as torn:
                    torn.write(data[cut:] + b"\n")
                f.truncate(cut)
        except FileNotFoundError:
            return

    def latest_by_key(self) -> dict[tuple[str, int], TrialResult]:
        """The last record of each (task, attempt): a retried trial supersedes its earlier error."""
        return {t.key: t for t in self.load_trials()}

    def append(self, result: TrialResult) -> None:
        line = (result.model_dump_json() + "\n").encode()
        with self._lock:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._set_aside_torn()
            with self.trials_path.open("ab") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())

    def write_transcript(self, trial_id: str, data: dict[str, Any]) -> str:
        self.transcripts_dir.mkdir(parents=True, exist_ok=True)
        path = self.transcripts_dir / f"{trial_id}.json"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=1, default=str))
        os.replace(tmp, path)
        return str(path.relative_to(self.dir))


def list_runs(results_dir: Path) -> list[RunStore]:
    if not Path(results_dir).is_dir():
        return []
    return [
        RunStore(results_dir, d.name)
        for d in sorted(Path(results_dir).iterdir())
        if (d / "run.json").is_file()
    ]
