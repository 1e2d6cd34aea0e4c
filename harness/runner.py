"""Schedules trials: concurrency, attempts, infrastructure retries, resume and interruption."""

from __future__ import annotations

import platform
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import docker

from harness import __version__
from harness.config import RunConfig, changed_settings
from harness.errors import HarnessError
from harness.paths import project_root
from harness.results import Invocation, RunInfo, RunStore, TrialResult, utcnow
from harness.sandbox.docker import MANAGED_LABEL
from harness.task import Task
from harness.trial import TrialContext, rerun_allowed, run_trial, trial_id

# Errors a second attempt cannot fix: a key the provider refuses stays refused.
NOT_RETRIED = {"model_auth"}

# Why a run ended (run.json end_reason) -> the exit code of `harness run` (README "Reading results").
EXIT_CODES = {"completed": 0, "errors": 3, "budget": 4, "interrupted": 130}


@dataclass
class RunEvents:
    """Hooks for a display; called from worker threads (started) and the main thread (finished)."""

    started: Callable[[str], None] = lambda tid: None
    finished: Callable[[TrialResult], None] = lambda r: None
    retrying: Callable[[TrialResult], None] = lambda r: None


@dataclass
class RunPlan:
    todo: list[tuple[Task, int]]
    kept: list[TrialResult]
    stale: list[str] = field(default_factory=list)


def plan_run(
    config: RunConfig, tasks: list[Task], store: RunStore, allow_changed_settings: bool = False
) -> RunPlan:
    """Which (task, attempt) pairs still need running: resume keeps graded trials of unchanged tasks.
    A resume under other behaviour settings than the run's last invocation is refused (exit 2) unless
    allow_changed_settings; then the runner records a new invocation."""
    done: dict[tuple[str, int], TrialResult] = {}
    if store.exists():
        prior = store.read_run()
        mine, theirs = config.comparable(), prior.config
        diffs = [k for k, v in mine.items() if theirs.get(k) != v]
        if diffs:
            k = diffs[0]
            raise HarnessError(
                f"run '{config.run_id}' exists with another {k} ({theirs.get(k)!r}, not {mine[k]!r}); "
                "use a new --run-id, or the same options to resume it"
            )
        changed = changed_settings(prior.history()[-1].settings, config.behaviour())
        if changed and not allow_changed_settings:
            raise HarnessError(
                f"run '{config.run_id}' ran with other settings: {'; '.join(changed)}; use the same "
                "options to resume it, a new --run-id, or --allow-changed-settings to record the change"
            )
        done = store.latest_by_key()
    kept, stale, todo = [], [], []
    for task in tasks:
        for attempt in range(1, config.attempts + 1):
            prev = done.get((task.id, attempt))
            if prev and prev.status != "error" and prev.task_hash == task.content_hash:
                kept.append(prev)
                continue
            if prev and prev.task_hash != task.content_hash:
                stale.append(trial_id(task.id, attempt))
            todo.append((task, attempt))
    return RunPlan(todo=todo, kept=kept, stale=stale)


def git_provenance() -> tuple[str | None, bool | None]:
    try:
        import git

        repo = git.Repo(project_root())
        return repo.head.commit.hexsha, repo.is_dirty(untracked_files=False)
    except Exception:
        return None, None


class Runner:
    def __init__(
        self,
        config: RunConfig,
        tasks: list[Task],
        client: docker.DockerClient,
        ctx: TrialContext,
        events: RunEvents | None = None,
        price_table_version: str | None = None,
    ) -> None:
        self.config = config
        self.tasks = tasks
        self.client = client
        self.ctx = ctx
        self.events = events or RunEvents()
        self.price_table_version = price_table_version
        self.store = RunStore(config.results_dir, config.run_id)
        self.stop = threading.Event()
        self.info: RunInfo | None = None
        self.spent = 0.0
        self.not_started = 0  # trials the run budget kept from starting
        self.end_reason: str | None = None
        self._lock = threading.Lock()

    def plan(self) -> RunPlan:
        return plan_run(self.config, self.tasks, self.store)

    def _start_info(self) -> RunInfo:
        now = utcnow()
        sha, dirty = git_provenance()
        prior = self.store.read_run() if self.store.exists() else None
        created = prior.created_at if prior else now
        history = prior.history() if prior else []
        history.append(
            Invocation(
                index=len(history) + 1, at=now, settings=self.config.behaviour(),
                harness_version=__version__, git_sha=sha, git_dirty=dirty,
            )
        )  # fmt: skip
        try:
            docker_version = self.client.version().get("Version")
        except Exception:
            docker_version = None
        return RunInfo(
            run_id=self.config.run_id,
            created_at=created,
            started_at=now,
            harness_version=__version__,
            git_sha=sha,
            git_dirty=dirty,
            python=platform.python_version(),
            docker_version=docker_version,
            price_table_version=self.price_table_version,
            config=self.config.model_dump(mode="json"),
            tasks={t.id: t.content_hash for t in self.tasks},
            images={name: image_id for name, (_, image_id) in self.ctx.images.items()},
            invocations=history,
        )

    def run(self, plan: RunPlan) -> list[TrialResult]:
        """Run plan.todo; return every result of the run (kept and new). Ctrl-C/SIGTERM: containers are
        removed, run.json says interrupted, and KeyboardInterrupt propagates. The caller holds the run's
        lock (RunStore.locked) so only one process writes a run."""
        self.info = self._start_info()
        self.store.write_run(self.info)
        results = list(plan.kept)
        self.spent = sum((r.cost_usd or 0.0) + (r.retried_cost_usd or 0.0) for r in plan.kept)
        pool = ThreadPoolExecutor(max_workers=self.config.concurrency, thread_name_prefix="trial")
        pending: set[Future[TrialResult | None]] = {pool.submit(self._one, t, a) for t, a in plan.todo}
        try:
            while pending:
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for fut in finished:
                    res = fut.result()
                    if res is not None:
                        results.append(res)
                        self.events.finished(res)
        except BaseException:
            self.stop.set()
            pool.shutdown(wait=False, cancel_futures=True)  # queued trials never start
            # run.json first: whatever happens during the cleanup below, the run reads as interrupted.
            self._finish("interrupted")
            self.remove_containers()
            # Workers see their containers vanish and return; then sweep whatever they created meanwhile.
            # A worker still busy after that (an agent in a long local call) is abandoned: the CLI exits
            # without joining it, so Ctrl-C ends the process within about two seconds.
            wait(pending, timeout=0.5)
            self.remove_containers()
            raise
        pool.shutdown(wait=True)
        self.end_reason = self._end_reason(results)
        self._finish("finished")
        return results

    def _end_reason(self, results: list[TrialResult]) -> str:
        if self.not_started:
            return "budget"
        if any(r.status == "error" for r in results):
            return "errors"
        return "completed"

    def _one(self, task: Task, attempt: int) -> TrialResult | None:
        tid = trial_id(task.id, attempt)
        result: TrialResult | None = None
        budget = self.config.run_budget_usd
        retried_cost: float | None = None
        for retry in range(self.config.infra_retries + 1):
            if self.stop.is_set():
                return None
            if budget is not None and self.spent >= budget:
                with self._lock:
                    self.not_started += 1
                return None
            self.events.started(tid)
            result = run_trial(self.ctx, task, attempt)
            if self.stop.is_set():
                return None  # an interrupted trial is unfinished, not a result
            result.infra_retries = retry
            result.retried_cost_usd = retried_cost
            if (
                result.status != "error"
                or result.error_kind in NOT_RETRIED
                or not rerun_allowed(result)
                or retry == self.config.infra_retries
            ):
                break
            # The errored run was paid for: its record is kept (a later record of the trial supersedes
            # it) and its spend counts towards the budget and the trial's retried_cost_usd.
            self._store(result)
            with self._lock:
                self.spent += result.cost_usd or 0.0
            retried_cost = (retried_cost or 0.0) + (result.cost_usd or 0.0)
            self.events.retrying(result)
        assert result is not None
        result = self._store(result)
        with self._lock:
            self.spent += result.cost_usd or 0.0
        return result

    def _store(self, result: TrialResult) -> TrialResult:
        """Append result to trials.jsonl. A result that cannot be stored never ends the run: it is
        replaced by a harness error for the trial (without the parts that could not be written), which
        a resume runs again. The record names the invocation it ran under."""
        if self.info is not None and self.info.invocations:
            result.invocation = self.info.invocations[-1].index
        try:
            self.store.append(result)
            return result
        except Exception as e:
            detail = (
                " ".join(str(e).split())[:300].encode("utf-8", "backslashreplace").decode()
                or type(e).__name__
            )
            err = result.model_copy(
                update=dict(
                    status="error",
                    error_kind="harness",
                    fail_reason=None,
                    message=f"could not store the trial's result ({type(e).__name__}: {detail})",
                    tests=None,
                    score=None,
                    diff="",
                    diff_truncated=False,
                    dropped_paths=[],
                    restored_paths=[],
                    log_tail="",
                    agent_log_tail="",
                    tries=[],
                )
            )
            try:
                self.store.append(err)
            except Exception:
                pass  # not even the error could be written (disk full?): the trial stays to do
            return err

    def remove_containers(self) -> int:
        n = 0
        filters = {"label": [MANAGED_LABEL, f"harness.run={self.config.run_id}"]}
        try:
            for c in self.client.containers.list(all=True, filters=filters):
                try:
                    c.remove(force=True, v=True)
                    n += 1
                except docker.errors.DockerException:
                    pass
        except docker.errors.DockerException:
            pass
        return n

    def _finish(self, status: str) -> None:
        if self.info is None:
            return
        self.info.status = status  # type: ignore[assignment]
        self.info.end_reason = self.end_reason if status == "finished" else status
        self.info.finished_at = utcnow()
        self.store.write_run(self.info)
