"""Schedules trials: concurrency, attempts, infrastructure retries, resume and interruption."""

from __future__ import annotations

import platform
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import docker

from harness import __version__
from harness.agents.base import AgentOutcome
from harness.config import RunConfig, changed_settings
from harness.errors import HarnessError
from harness.paths import project_root
from harness.results import Attempt, Invocation, RunInfo, RunStore, TrialResult, utcnow
from harness.sandbox.docker import MANAGED_LABEL, engine_ping
from harness.task import Task
from harness.trial import (
    AgentDone,
    TrialContext,
    grade_trial,
    pending_grading,
    rerun_allowed,
    run_trial,
    trial_id,
)

# Errors a second attempt cannot fix: a key the provider refuses stays refused.
NOT_RETRIED = {"model_auth"}

# Why a run ended (run.json end_reason) -> the exit code of `harness run` (README "Reading results").
EXIT_CODES = {"completed": 0, "errors": 3, "budget": 4, "engine": 5, "interrupted": 130}

# Engine outages: how often the engine is pinged while it answers; then the backoff of the pause.
WATCH_INTERVAL_S = 0.5
BACKOFF_FIRST_S = 1.0
BACKOFF_MAX_S = 15.0
DEFAULT_ENGINE_WAIT_S = 300.0
# Per trial, apart from infra_retries: re-runs (agent phase cut) or re-gradings after an engine outage.
MAX_OUTAGE_RERUNS = 3
# Error kinds an engine outage can show up as (a container gone, an exec cut, a reply that never came).
OUTAGE_KINDS = {"engine", "sandbox", "harness"}


@dataclass
class RunEvents:
    """Hooks for a display; called from worker threads (started) and the main thread (finished)."""

    started: Callable[[str], None] = lambda tid: None
    finished: Callable[[TrialResult], None] = lambda r: None
    retrying: Callable[[TrialResult], None] = lambda r: None
    # An engine outage hit a trial in its "agent" phase (re-run) or its "grading" (re-graded).
    outage: Callable[[TrialResult, str], None] = lambda r, phase: None
    # The engine does not answer: the queue is paused, the next ping in `retry_in` s (waited so far).
    engine_wait: Callable[[float, float], None] = lambda retry_in, waited: None
    # The engine answers again after `waited` s (resumed), or gave no answer for the whole wait (gone).
    engine_back: Callable[[float], None] = lambda waited: None
    engine_gone: Callable[[float], None] = lambda waited: None


class EngineWatch:
    """Whether the Docker engine answers. A thread pings it every WATCH_INTERVAL_S; when a ping fails,
    or a worker reports the engine down, the queue pauses (wait_up blocks) and recover() polls with
    bounded exponential backoff (BACKOFF_FIRST_S doubling to BACKOFF_MAX_S) for at most max_wait_s.
    Then the run resumes, or the engine counts as gone and wait_up says so."""

    def __init__(
        self,
        ping: Callable[[], bool],
        max_wait_s: float,
        events: RunEvents | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self.ping = ping
        self.max_wait_s = max_wait_s
        self.events = events or RunEvents()
        self.clock = clock
        self._quit = threading.Event()
        self.sleep = sleep or self._quit.wait
        self.state = "up"  # up | down | gone
        self.outages: list[list[float | None]] = []  # [start, end] on the clock; end None while down
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="engine-watch", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._quit.set()
        with self._cond:
            self._cond.notify_all()

    @property
    def gone(self) -> bool:
        return self.state == "gone"

    def down(self) -> None:
        """The engine did not answer (a ping, or a worker's call): pause the queue."""
        with self._cond:
            if self.state == "up":
                self.state = "down"
                self.outages.append([self.clock(), None])

    def saw_outage_since(self, t: float) -> bool:
        """Whether the engine was down at some time since t (on the watch's clock)."""
        with self._cond:
            return any(end is None or end >= t for _, end in self.outages)

    def saw_outage_between(self, t0: float, t1: float) -> bool:
        """Whether the engine was down at some time between t0 and t1 (on the watch's clock)."""
        with self._cond:
            return any(
                start <= t1 and (end is None or end >= t0) for start, end in self.outages if start is not None
            )

    def wait_up(self) -> bool:
        """Block while the queue is paused; True when the engine answers, False when it is gone (or the
        watch was closed)."""
        with self._cond:
            while self.state == "down" and not self._quit.is_set():
                self._cond.wait(0.5)
            return self.state == "up" and not self._quit.is_set()

    def recover(self) -> bool:
        """Poll the engine until it answers (True) or max_wait_s has passed without an answer (False,
        and the engine is gone). Each wait is at most what is left of max_wait_s."""
        self.down()
        start, delay, paused = self.clock(), BACKOFF_FIRST_S, False
        while not self._quit.is_set():
            if self.ping():
                waited = self.clock() - start
                with self._cond:
                    self.state = "up"
                    self.outages[-1][1] = self.clock()
                    self._cond.notify_all()
                if paused:
                    self.events.engine_back(waited)
                return True
            waited = self.clock() - start
            left = self.max_wait_s - waited
            if left <= 0:
                break
            pause = min(delay, left)
            self.events.engine_wait(pause, waited)
            paused = True
            self.sleep(pause)
            delay = min(delay * 2, BACKOFF_MAX_S)
        with self._cond:
            self.state = "gone"
            self._cond.notify_all()
        self.events.engine_gone(self.clock() - start)
        return False

    def _loop(self) -> None:
        while not self._quit.is_set():
            if (self.state == "down" or not self.ping()) and not self.recover():
                return
            self._quit.wait(WATCH_INTERVAL_S)


@dataclass
class RunPlan:
    todo: list[tuple[Task, int]]
    kept: list[TrialResult]
    stale: list[str] = field(default_factory=list)
    # (task id, attempt) in todo -> its latest record, an error whose finished agent phase is graded
    # again from the record (see regradable), never run again.
    regrade: dict[tuple[str, int], TrialResult] = field(default_factory=dict)


# The fields of a record that its agent phase wrote (harness.trial.run_trial): kept by a re-grading.
AGENT_FIELDS = (
    "run_id", "trial_id", "task_id", "suite", "task_hash", "language", "difficulty", "tags", "family",
    "agent", "model", "attempt", "image", "image_id", "isolation", "started_at", "agent_duration_s",
    "stop_reason", "turns", "usage", "cost_usd", "agent_log_tail", "agent_version", "transcript_path",
)  # fmt: skip


def regradable(prev: TrialResult, task: Task) -> bool:
    """Whether a resume grades a stored record again instead of running its trial again: an `error`
    whose agent phase finished and whose grading never gave a grade (an engine outage, or another
    infrastructure fault, cut it), of an unchanged task. On record that reads: the agent's outcome
    (`stop_reason`), its whole diff (non-empty, not truncated: the stored diff is what is graded), and
    no grade (no `tests`, `log_tail` or grading time: a fail graded while the engine stalled during the
    agent's run is on record as an engine error with its grade, and runs again). An agent that left
    no change, and a diff past the record's cap, run again."""
    return (
        prev.status == "error"
        and prev.task_hash == task.content_hash
        and prev.stop_reason is not None
        and bool(prev.diff)
        and not prev.diff_truncated
        and prev.tests is None
        and not prev.log_tail
        and prev.grading_duration_s == 0
    )


def stored_agent_done(prev: TrialResult) -> AgentDone:
    """The finished agent phase of a regradable record, for grade_trial. The loop agent's per-try
    snapshots are not on record, so a re-graded trial has no `tries`."""
    outcome = AgentOutcome(
        stop_reason=prev.stop_reason or "",
        log=prev.agent_log_tail,
        turns=prev.turns,
        usage=prev.usage,
        cost_usd=prev.cost_usd,
        agent_version=prev.agent_version,
    )
    fields = {k: getattr(prev, k) for k in AGENT_FIELDS}
    return AgentDone(fields, outcome, prev.diff, list(prev.dropped_paths), prev.agent_duration_s)


def plan_run(
    config: RunConfig, tasks: list[Task], store: RunStore, allow_changed_settings: bool = False
) -> RunPlan:
    """Which (task, attempt) pairs still need running: resume keeps graded trials of unchanged tasks,
    and grades again (plan.regrade, no agent run) errors whose agent phase had finished (regradable).
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
    regrade: dict[tuple[str, int], TrialResult] = {}
    for task in tasks:
        for attempt in range(1, config.attempts + 1):
            prev = done.get((task.id, attempt))
            if prev and prev.status != "error" and prev.task_hash == task.content_hash:
                kept.append(prev)
                continue
            if prev and prev.task_hash != task.content_hash:
                stale.append(trial_id(task.id, attempt))
            if prev and regradable(prev, task):
                regrade[(task.id, attempt)] = prev
            todo.append((task, attempt))
    return RunPlan(todo=todo, kept=kept, stale=stale, regrade=regrade)


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
        engine_wait_s: float = DEFAULT_ENGINE_WAIT_S,
        ping: Callable[[], bool] | None = None,
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
        self.engine_not_started = 0  # trials not started because the engine stopped answering
        self.engine_wait_s = engine_wait_s
        self._ping = ping
        self.watch: EngineWatch | None = None
        self.end_reason: str | None = None
        self._lock = threading.Lock()
        self._regrade: dict[tuple[str, int], TrialResult] = {}

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
        self._regrade = dict(plan.regrade)
        self.spent = sum((r.cost_usd or 0.0) + (r.retried_cost_usd or 0.0) for r in plan.kept)
        self.watch = EngineWatch(self._ping or engine_ping(self.client), self.engine_wait_s, self.events)
        self.watch.start()
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
            self.watch.close()
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
        self.watch.close()
        self.end_reason = self._end_reason(results)
        self._finish("finished")
        return results

    def _end_reason(self, results: list[TrialResult]) -> str:
        if self.watch is not None and self.watch.gone:
            return "engine"
        if self.not_started:
            return "budget"
        if any(r.status == "error" for r in results):
            return "errors"
        return "completed"

    def _one(self, task: Task, attempt: int) -> TrialResult | None:
        """Run one trial until it has a result: infrastructure errors are run again (infra_retries), and
        so, apart from those and at most MAX_OUTAGE_RERUNS times, is a trial an engine outage cut short:
        after the engine answers again, the whole trial when its agent phase was cut, only its grading
        when the agent had finished (the agent's work is kept, the model is not paid twice). Each
        earlier run's error, usage and cost go in the result's `attempts`."""
        assert self.watch is not None
        tid = trial_id(task.id, attempt)
        result: TrialResult | None = None
        stored = False  # `result` is on record (and its spend counted) already
        budget = self.config.run_budget_usd
        history: list[Attempt] = []
        retries = outage_reruns = 0
        done: AgentDone | None = None  # a finished agent phase whose grading an outage cut short
        prior_retries = 0
        prev = self._regrade.get((task.id, attempt))
        if prev is not None:
            # A resume: the stored error's agent phase finished, its grading did not. Graded again from
            # the record (its spend is the trial's own, paid once); that grading is an earlier attempt.
            done = stored_agent_done(prev)
            history = [*prev.attempts, self._attempt(prev, "grading")]
            prior_retries = prev.infra_retries
        while True:
            if not self.watch.wait_up():  # paused while the engine does not answer
                if self.stop.is_set():
                    return None
                if result is None:
                    with self._lock:
                        self.engine_not_started += 1
                    return None  # the engine is gone: not started, so not a result either
                if stored:
                    return result
                if done is not None and result.status != "error":
                    # A fail graded while the engine stalled: on record as the engine error it is, with
                    # the agent's work and no grade, so a resume grades it again (regradable).
                    result = result.model_copy(
                        update=dict(
                            status="error", error_kind="engine", fail_reason=None,
                            message=history[-1].message, tests=None, score=None, grading_duration_s=0.0,
                            log_tail="", test_results=[], restored_paths=[], tries=[], grade_detail=None,
                            inventory_checked=None, canaries_checked=None,
                        )
                    )  # fmt: skip
                break  # the engine is gone: the trial's last error is its record
            if self.stop.is_set():
                return None
            if done is None and budget is not None and self.spent >= budget:
                with self._lock:
                    self.not_started += 1
                return None
            self.events.started(tid)
            t_start = self.watch.clock()
            result = grade_trial(self.ctx, task, done) if done else run_trial(self.ctx, task, attempt)
            stored = False
            if self.stop.is_set():
                return None  # an interrupted trial is unfinished, not a result
            result.infra_retries = prior_retries + retries
            result.attempts = list(history)
            result.retried_cost_usd = sum(a.cost_usd or 0.0 for a in history) if history else None
            graded_part = pending_grading(result)
            if result.status == "fail" and graded_part is not None and outage_reruns < MAX_OUTAGE_RERUNS:
                # Never a fail of an outage's making. The engine not answering while the agent ran (a
                # stalled command reads as a timeout, a failed write as the agent's problem): the trial
                # runs again, its spend kept; only while it was graded: graded again (no model call).
                agent_end = t_start + (0.0 if done else result.agent_duration_s)
                agent_hit = done is None and self.watch.saw_outage_between(t_start, agent_end)
                if agent_hit or self.watch.saw_outage_since(agent_end):
                    outage_reruns += 1
                    phase = "agent" if agent_hit else "grading"
                    what = "ran" if agent_hit else "was graded"
                    why = f"graded {result.fail_reason}, but the engine was not answering while it {what}"
                    if agent_hit:
                        # On record as what it is, an engine error (never a second graded result).
                        result = result.model_copy(
                            update=dict(status="error", error_kind="engine", fail_reason=None, message=why)
                        )
                        stored = self._store_counted(result)
                    history.append(self._attempt(result, phase, error_kind="engine", message=why))
                    done = None if agent_hit else graded_part
                    self.events.outage(result, phase)
                    continue
            if result.status != "error":
                break
            if self._outage(result, t_start):
                result.error_kind = "engine"
                if outage_reruns == MAX_OUTAGE_RERUNS:
                    break
                outage_reruns += 1
                history.append(self._attempt(result, "grading" if graded_part else "agent"))
                if graded_part is None:
                    # Paid for and on record (a later record of the trial supersedes it).
                    stored = self._store_counted(result)
                done = graded_part
                self.events.outage(result, "grading" if graded_part else "agent")
                continue
            if (
                result.error_kind in NOT_RETRIED
                or not rerun_allowed(result)
                or retries == self.config.infra_retries
            ):
                break
            retries += 1
            if prev is not None and graded_part is not None:
                # A resume's re-grading failed: graded again, still from the stored agent phase (which
                # this resume never pays for again); nothing new was spent, so nothing new on record.
                history.append(self._attempt(result, "grading"))
                done = graded_part
            else:
                # The errored run was paid for: its record is kept (a later record of the trial
                # supersedes it) and its spend counts towards the budget and the trial's retried_cost_usd.
                history.append(self._attempt(result, "agent"))
                stored = self._store_counted(result)
                done = None
            self.events.retrying(result)
        assert result is not None
        if not stored:
            result = self._store(result)
            with self._lock:
                self.spent += result.cost_usd or 0.0
        return result

    def _store_counted(self, result: TrialResult) -> bool:
        self._store(result)
        with self._lock:
            self.spent += result.cost_usd or 0.0
        return True

    @staticmethod
    def _attempt(
        result: TrialResult, phase: str, error_kind: str | None = None, message: str | None = None
    ) -> Attempt:
        """The attempt-history entry of an errored run. A grading cut short costs nothing of its own:
        the agent's run it graded stays the trial's (its spend is counted once, with the trial)."""
        agent = phase == "agent"
        return Attempt(
            phase="agent" if agent else "grading",
            error_kind=error_kind or result.error_kind,
            message=message or result.message,
            usage=result.usage if agent else None,
            cost_usd=result.cost_usd if agent else 0.0,
            started_at=result.started_at,
            duration_s=result.duration_s,
        )

    def _outage(self, result: TrialResult, t_start: float) -> bool:
        """Whether an errored trial was hit by the engine not answering: its error said so (see
        harness.sandbox.docker.engine_unreachable), or the engine was down while it ran, or is now."""
        assert self.watch is not None
        if result.error_kind not in OUTAGE_KINDS:
            return False
        if self.watch.saw_outage_since(t_start):
            return True
        if getattr(result, "_engine_down", False) or not self.watch.ping():
            self.watch.down()  # the watch confirms it (or resumes at once) with its own pings
            return True
        return False

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
