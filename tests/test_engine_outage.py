"""Engine outages pause the run instead of burning it (issue 9, item 4), and every attempt's spend is in
the trial line (item 3).

Without Docker: the pause and backoff logic (EngineWatch) on a fake clock, and the Runner's handling of
trials an outage hits, with run_trial/grade_trial replaced by scripted results.

With Docker (marked `docker`): a SECOND dockerd of the test's own (own socket, data root, exec root,
pidfile and bridge) runs real oracle trials of the smoke tasks while the test kills it (-9) and restarts
it, SIGSTOPs and SIGCONTs it, and kills it for good; 0 trials misclassified, 0 lost, 0 paid twice.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from harness import runner as runner_mod
from harness.agents.oracle import OracleAgent
from harness.config import RunConfig
from harness.models.base import Usage
from harness.results import TrialResult, utcnow
from harness.runner import EXIT_CODES, MAX_OUTAGE_RERUNS, EngineWatch, RunEvents, Runner, plan_run
from harness.task import Task, load_tasks
from harness.trial import AgentDone, TrialContext, trial_id
from tests.fixtures.netguard import CLEARED_ENV, PROXY_ENV
from tests.fixtures.outage_agent import agent_runs

REPO = Path(__file__).resolve().parent.parent
PY_TASKS = ["py-duration-parse", "py-ledger-cents", "py-version-constraints"]


# -- the pause and its backoff, on a fake clock -------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        self.sleeps.append(s)
        self.now += s


class ScriptedPing:
    """Answers as scripted (True/False per call, then `then`); each ping takes `cost` seconds."""

    def __init__(self, answers: list[bool], then: bool, clock: FakeClock | None = None, cost: float = 0.0):
        self.answers, self.then, self.clock, self.cost = list(answers), then, clock, cost
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        if self.clock is not None:
            self.clock.now += self.cost
        return self.answers.pop(0) if self.answers else self.then


def test_the_watch_backs_off_exponentially_and_resumes_when_the_engine_answers() -> None:
    clock = FakeClock()
    waits: list[tuple[float, float]] = []
    back: list[float] = []
    events = RunEvents(engine_wait=lambda r, w: waits.append((r, w)), engine_back=back.append)
    watch = EngineWatch(ScriptedPing([False] * 4, True), 300, events, clock=clock, sleep=clock.sleep)
    assert watch.recover() is True
    assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]  # doubling from BACKOFF_FIRST_S
    assert [r for r, _ in waits] == clock.sleeps and back == [15.0]
    assert watch.state == "up" and not watch.gone and watch.wait_up() is True
    # The outage is on record as a closed window: a trial that ran through it is known to have been hit.
    assert watch.outages == [[1000.0, 1015.0]]
    assert watch.saw_outage_since(1010.0) and not watch.saw_outage_since(1015.1)


def test_the_backoff_is_capped_and_the_wait_bounded_then_the_engine_counts_as_gone() -> None:
    clock = FakeClock()
    gone: list[float] = []
    # A SIGSTOPped engine: each ping waits for its whole timeout (3 s) before it counts as no answer.
    ping = ScriptedPing([], False, clock, cost=3.0)
    watch = EngineWatch(ping, 100, RunEvents(engine_gone=gone.append), clock=clock, sleep=clock.sleep)
    assert watch.recover() is False
    assert watch.gone and watch.wait_up() is False
    assert max(clock.sleeps) == runner_mod.BACKOFF_MAX_S
    # Never waits past the bound: the last pause is cut to what is left; only the last ping may overrun.
    assert clock.now - 1000.0 <= 100 + ping.cost
    assert gone and gone[0] >= 100 and ping.calls == len(clock.sleeps) + 1


def test_an_engine_that_answers_at_once_needs_no_pause() -> None:
    clock = FakeClock()
    waits: list[Any] = []
    watch = EngineWatch(
        ScriptedPing([], True), 300, RunEvents(engine_wait=lambda *a: waits.append(a)), clock=clock
    )
    watch.down()  # a worker's failed call said so (the queue is paused); the watch's own ping finds it back
    assert watch.state == "down"
    assert watch.recover() is True and clock.sleeps == [] and waits == [] and watch.wait_up()


# -- the Runner with scripted trials ----------------------------------------------------------------------------

SMOKE_PY = {t.id: t for t in load_tasks(["smoke"], task_globs=["py-*"])}


class FakeEngine:
    """The engine the scripted trials see: `down(n)` makes the next n pings fail, then it answers."""

    def __init__(self) -> None:
        self.failing = 0
        self.pings = 0
        self.forever = False

    def down(self, pings: int = 0, forever: bool = False) -> None:
        self.failing, self.forever = pings, forever

    def __call__(self) -> bool:
        self.pings += 1
        if self.forever:
            return False
        if self.failing:
            self.failing -= 1
            return False
        return True


def _trial(
    task: Task, attempt: int, status: str = "pass", kind: str | None = None, **extra: Any
) -> TrialResult:
    return TrialResult(
        run_id="outage-unit", trial_id=trial_id(task.id, attempt), task_id=task.id, suite=task.suite,
        task_hash=task.content_hash, language=task.spec.language, difficulty=task.spec.difficulty,
        agent="oracle", model="fake/m", attempt=attempt, status=status,
        error_kind=kind, message=f"{kind} trouble" if kind else None, started_at=utcnow(),
        finished_at=utcnow(), **extra,
    )  # fmt: skip


@pytest.fixture
def fast_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_mod, "WATCH_INTERVAL_S", 0.01)
    monkeypatch.setattr(runner_mod, "BACKOFF_FIRST_S", 0.01)
    monkeypatch.setattr(runner_mod, "BACKOFF_MAX_S", 0.02)


def _runner(
    tmp_path: Path, engine: FakeEngine, tasks: list[Task], engine_wait_s: float = 30.0, **config: Any
) -> Runner:
    cfg = RunConfig(
        **{"targets": ["smoke"], "agent": "oracle", "run_id": "outage-unit", "results_dir": tmp_path,
           "concurrency": 1, **config}
    )  # fmt: skip
    ctx = TrialContext(run_id=cfg.run_id, client=None, images={}, agent=OracleAgent(), model=None)
    return Runner(cfg, tasks, None, ctx, engine_wait_s=engine_wait_s, ping=engine)


def _run(r: Runner) -> list[TrialResult]:
    with r.store.locked():
        return r.run(plan_run(r.config, r.tasks, r.store))


U = Usage(input_tokens=1000, output_tokens=100)


def test_a_trial_cut_in_its_agent_phase_runs_again_after_the_pause_and_its_spend_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    task = SMOKE_PY["py-duration-parse"]
    engine = FakeEngine()
    calls: list[str] = []

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        calls.append(t.id)
        if len(calls) == 1:
            engine.down(pings=3)  # the engine stops answering during the first run
            r = _trial(t, attempt, "error", "sandbox", usage=U, cost_usd=0.25)
            r._engine_down = True  # its exception said so (engine_unreachable)
            return r
        return _trial(t, attempt, "pass", usage=U, cost_usd=0.5)

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    r = _runner(tmp_path, engine, [task], infra_retries=0)  # outage re-runs do not use up infra retries
    (res,) = _run(r)
    assert calls == [task.id, task.id] and engine.pings >= 3
    assert res.status == "pass" and res.infra_retries == 0
    assert [(a.phase, a.error_kind, a.cost_usd, a.usage) for a in res.attempts] == [
        ("agent", "engine", 0.25, U)
    ]
    assert res.retried_cost_usd == pytest.approx(0.25) == sum(a.cost_usd or 0 for a in res.attempts)
    assert r.spent == pytest.approx(0.75)
    records = r.store.load_trials()  # the paid-for error is on record, superseded by the pass
    assert [(x.status, x.error_kind) for x in records] == [("error", "engine"), ("pass", None)]
    assert r.end_reason == "completed" and r.store.read_run().end_reason == "completed"


def test_a_trial_whose_grading_was_cut_is_regraded_not_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    task = SMOKE_PY["py-ledger-cents"]
    engine = FakeEngine()
    runs: list[str] = []
    grades: list[AgentDone] = []

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        runs.append(t.id)
        engine.down(pings=2)
        r = _trial(t, attempt, "error", "engine", usage=U, cost_usd=0.5, diff="the agent's diff")
        r._engine_down = True
        r._agent_done = AgentDone(fields={}, outcome=None, diff="the agent's diff", dropped=[], agent_s=1.0)  # type: ignore[arg-type]
        return r

    def grade_trial(ctx: TrialContext, t: Task, done: AgentDone) -> TrialResult:
        grades.append(done)
        return _trial(t, 1, "pass", usage=U, cost_usd=0.5, diff=done.diff)

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    monkeypatch.setattr(runner_mod, "grade_trial", grade_trial)
    r = _runner(tmp_path, engine, [task], run_budget_usd=10.0)
    (res,) = _run(r)
    assert runs == [task.id] and [d.diff for d in grades] == ["the agent's diff"]  # the agent ran once
    assert res.status == "pass" and res.diff == "the agent's diff"
    assert [(a.phase, a.error_kind, a.cost_usd, a.usage) for a in res.attempts] == [
        ("grading", "engine", 0.0, None)
    ]
    assert res.retried_cost_usd == 0.0
    # Paid once: one record with the agent's spend, counted once by the budget.
    assert [(x.status, x.cost_usd) for x in r.store.load_trials()] == [("pass", 0.5)]
    assert r.spent == pytest.approx(0.5)


def test_the_queue_waits_for_the_engine_and_a_fail_graded_during_an_outage_is_graded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    stalled, other, queued = (SMOKE_PY[i] for i in PY_TASKS)
    engine = FakeEngine()
    up_at_start: dict[str, bool] = {}
    grades: list[str] = []
    holder: dict[str, Runner] = {}

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        up_at_start[t.id] = not engine.forever
        watch = holder["runner"].watch
        assert watch is not None
        if t.id == stalled.id:
            # Graded as a test timeout while the engine stalled (once the other trial is in flight too);
            # the watch sees the engine down.
            while other.id not in up_at_start:
                time.sleep(0.01)
            engine.down(forever=True)
            watch.down()
            r = _trial(t, attempt, "fail", fail_reason="test_timeout", usage=U, cost_usd=0.5)
            r._agent_done = AgentDone(fields={}, outcome=None, diff="d", dropped=[], agent_s=1.0)  # type: ignore[arg-type]
            return r
        if t.id == other.id:
            # In flight when the engine stops: it ends while the engine is still down, freeing a worker
            # for the queued trial; the engine answers again a moment later.
            while watch.state != "down":
                time.sleep(0.01)
            threading.Timer(0.3, lambda: setattr(engine, "forever", False)).start()
        return _trial(t, attempt, "pass", usage=U, cost_usd=0.5)

    def grade_trial(ctx: TrialContext, t: Task, done: AgentDone) -> TrialResult:
        grades.append(t.id)
        return _trial(t, 1, "pass", usage=U, cost_usd=0.5)

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    monkeypatch.setattr(runner_mod, "grade_trial", grade_trial)
    r = holder["runner"] = _runner(tmp_path, engine, [stalled, other, queued], concurrency=2)
    by_id = {x.task_id: x for x in _run(r)}
    # The queued trial did not start while the engine was down, though a worker was free.
    assert up_at_start == {stalled.id: True, other.id: True, queued.id: True}
    assert grades == [stalled.id] and by_id[stalled.id].status == "pass"
    assert [(a.phase, a.error_kind, a.cost_usd) for a in by_id[stalled.id].attempts] == [
        ("grading", "engine", 0.0)
    ]
    assert sorted(x.status for x in r.store.load_trials()) == ["pass"] * 3  # no fail on record
    assert r.spent == pytest.approx(1.5)


def test_a_fail_after_an_outage_during_the_agents_run_is_an_engine_error_and_runs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    task = SMOKE_PY["py-duration-parse"]
    engine = FakeEngine()
    holder: dict[str, Runner] = {}
    calls: list[int] = []

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        calls.append(attempt)
        if len(calls) == 1:
            # The engine stalls while the agent runs (its write failed, it gave up): graded fail.
            engine.down(pings=2)
            watch = holder["runner"].watch
            assert watch is not None
            watch.down()
            r = _trial(
                t, attempt, "fail", fail_reason="tests_failed", usage=U, cost_usd=0.25, agent_duration_s=1e6
            )
            r._agent_done = AgentDone(fields={}, outcome=None, diff="", dropped=[], agent_s=1e6)  # type: ignore[arg-type]
            return r
        return _trial(t, attempt, "pass", usage=U, cost_usd=0.5)

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    r = holder["runner"] = _runner(tmp_path, engine, [task])
    (res,) = _run(r)
    assert len(calls) == 2 and res.status == "pass"
    assert [(a.phase, a.error_kind, a.cost_usd) for a in res.attempts] == [("agent", "engine", 0.25)]
    # The earlier run is on record as an engine error with its spend, never as a graded fail.
    assert [(x.status, x.error_kind, x.cost_usd) for x in r.store.load_trials()] == [
        ("error", "engine", 0.25),
        ("pass", None, 0.5),
    ]
    assert r.spent == pytest.approx(0.75) and res.retried_cost_usd == pytest.approx(0.25)


def test_outage_reruns_are_bounded_and_a_plain_sandbox_error_is_an_ordinary_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    flaky, plain = SMOKE_PY["py-duration-parse"], SMOKE_PY["py-version-constraints"]
    engine = FakeEngine()
    calls: dict[str, int] = {}

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        calls[t.id] = calls.get(t.id, 0) + 1
        r = _trial(t, attempt, "error", "sandbox")
        r._engine_down = t.id == flaky.id  # an engine that drops every call but answers every ping
        return r

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    r = _runner(tmp_path, engine, [flaky, plain], infra_retries=1)
    by_id = {x.task_id: x for x in _run(r)}
    assert calls == {flaky.id: MAX_OUTAGE_RERUNS + 1, plain.id: 2}
    f, p = by_id[flaky.id], by_id[plain.id]
    assert f.status == "error" and f.error_kind == "engine" and f.infra_retries == 0
    assert len(f.attempts) == MAX_OUTAGE_RERUNS and {a.error_kind for a in f.attempts} == {"engine"}
    # The engine answered throughout: an ordinary infrastructure error, retried once, not an outage.
    assert p.status == "error" and p.error_kind == "sandbox" and p.infra_retries == 1
    assert [a.error_kind for a in p.attempts] == ["sandbox"]
    assert r.end_reason == "errors"


def test_an_engine_that_never_answers_stops_the_run_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fast_watch: None
) -> None:
    tasks = [SMOKE_PY[i] for i in PY_TASKS]
    engine = FakeEngine()
    calls: list[str] = []

    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        calls.append(t.id)
        engine.down(forever=True)
        r = _trial(t, attempt, "error", "sandbox", usage=U, cost_usd=0.25)
        r._engine_down = True
        return r

    monkeypatch.setattr(runner_mod, "run_trial", run_trial)
    r = _runner(tmp_path, engine, tasks, engine_wait_s=0.2)
    results = _run(r)
    assert calls == [tasks[0].id]  # nothing else started
    assert r.end_reason == "engine" and EXIT_CODES["engine"] not in (0, 2, 3, 4, 130)
    info = r.store.read_run()
    assert info.status == "finished" and info.end_reason == "engine"
    # The trial in flight is an engine error with its spend; the others are not started, not errors.
    assert [(x.task_id, x.status, x.error_kind, x.cost_usd) for x in results] == [
        (tasks[0].id, "error", "engine", 0.25)
    ]
    assert len(r.store.load_trials()) == 1 and r.engine_not_started == 2
    assert r.spent == pytest.approx(0.25)


# -- a second Docker engine of the test's own --------------------------------------------------------------

BRIDGE, BRIDGE_ADDR = "hbr-test", "172.29.0.1/24"
AGENT = "tests.fixtures.outage_agent:LoggingOracle"
SLOW = "sleep 7; "  # the grading of a slowed task copy: a known window to cut it in


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _run_quiet(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)


def _running(pid: int) -> bool:
    """A live process (a zombie, dead but not yet reaped by its new parent, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


class SecondEngine:
    """A dockerd on its own socket, data root, exec root, pidfile and bridge (NEVER --bridge=none: that
    deletes the host's docker0). The test kills, stops and restarts it; close() removes every trace."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sock = root / "docker.sock"
        self.host = f"unix://{self.sock}"
        self.pidfile = root / "docker.pid"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90) -> None:
        # After a kill -9 the engine's containerd dies with it, but its pid file stays; while that pid
        # is a zombie (not yet reaped by its new parent) a new dockerd takes it for a live containerd and
        # waits on a dead socket. A containerd of this engine's that still runs is taken over instead.
        pidfile = self.root / "exec" / "containerd" / "containerd.pid"
        text = pidfile.read_text().strip() if pidfile.exists() else ""
        if text and not (text.isdigit() and _running(int(text)) and self._ours(int(text))):
            pidfile.unlink(missing_ok=True)
        argv = [
            "dockerd", "--host", self.host, "--data-root", str(self.root / "data"),
            "--exec-root", str(self.root / "exec"), "--pidfile", str(self.pidfile), "--bridge", BRIDGE,
            "--iptables=false", "--ip6tables=false",
        ]  # fmt: skip
        with (self.root / "dockerd.log").open("ab") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                lines = (self.root / "dockerd.log").read_text(errors="replace").splitlines()
                notable = [ln for ln in lines if "grpc" not in ln and ("level=info" not in ln)]
                raise RuntimeError("the second dockerd did not come up:\n" + "\n".join(notable[-25:]))
            time.sleep(0.2)

    def _ours(self, pid: int) -> bool:
        try:
            return str(self.root).encode() in Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False

    def answers(self) -> bool:
        return (
            _run_quiet("docker", "-H", self.host, "version", timeout=20).returncode == 0
            if self._up()
            else False
        )

    def _up(self) -> bool:
        return self.proc is not None and self.proc.poll() is None and self.sock.exists()

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, sig)
        if sig == signal.SIGKILL:
            self.proc.wait(timeout=30)

    def docker(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return _run_quiet("docker", "-H", self.host, *args, timeout=timeout)

    def running_command(self, trial: str, role: str, needle: str) -> bool:
        """Whether the trial's container of this role runs a process whose command holds needle."""
        ids = self.docker(
            "ps", "-q", "--filter", f"label=harness.trial={trial}", "--filter", f"label=harness.role={role}"
        ).stdout.split()
        return any(needle in self.docker("top", cid).stdout for cid in ids)

    def close(self) -> None:
        """SIGCONT, remove its containers, stop it (then its containerd and shims), unmount, delete."""
        root = str(self.root)
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                os.kill(self.proc.pid, signal.SIGCONT)
        if not self._up():
            with contextlib.suppress(Exception):
                self.start(timeout=30)  # an engine killed for good: back up, so it shuts down in order
        if self._up():
            with contextlib.suppress(Exception):
                ids = self.docker("ps", "-aq", timeout=30).stdout.split()
                if ids:
                    self.docker("rm", "-f", "-v", *ids, timeout=120)
            with contextlib.suppress(OSError):
                assert self.proc is not None
                os.kill(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                assert self.proc is not None
                self.proc.wait(timeout=45)
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        # What this engine started and left (its containerd, shims): found by its own paths, killed by pid.
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit() or int(proc.name) == os.getpid():
                continue
            with contextlib.suppress(OSError):
                if root.encode() in (proc / "cmdline").read_bytes():
                    os.kill(int(proc.name), signal.SIGKILL)
        mounts = [line.split()[1] for line in Path("/proc/self/mounts").read_text().splitlines()]
        for point in sorted((m for m in mounts if m.startswith(root + "/")), reverse=True):
            _run_quiet("umount", "-l", point)
        shutil.rmtree(self.root, ignore_errors=True)


def _remove_bridge() -> None:
    if _run_quiet("ip", "link", "show", BRIDGE).returncode == 0:
        _run_quiet("ip", "link", "delete", BRIDGE)


@pytest.fixture(scope="module")
def engine(docker_client: Any) -> Iterator[SecondEngine]:
    """A second dockerd with the python sandbox image loaded (offline, from the main engine)."""
    from harness.sandbox.images import ensure_images

    missing = [tool for tool in ("dockerd", "docker", "ip", "umount") if shutil.which(tool) is None]
    if os.geteuid() != 0 or missing:
        why = f"a second dockerd needs root and {', '.join(missing) or 'dockerd, docker, ip'}"
        if _in_ci():
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)
    ((tag, _),) = ensure_images(docker_client, {"python"}, print).values()
    # A short root: the engine's unix sockets (containerd's, under the exec root) must fit in 108 bytes.
    eng = SecondEngine(Path(tempfile.mkdtemp(prefix="hde-", dir="/tmp")))
    try:
        _remove_bridge()  # left by an earlier run that was killed
        for argv in (
            ["ip", "link", "add", "name", BRIDGE, "type", "bridge"],
            ["ip", "addr", "add", BRIDGE_ADDR, "dev", BRIDGE],
            ["ip", "link", "set", BRIDGE, "up"],
        ):
            subprocess.run(argv, check=True, capture_output=True, timeout=30)
        eng.start()
        # No registry answers here: the one image the trials need goes over a pipe from the main engine.
        save = subprocess.Popen(["docker", "save", tag], stdout=subprocess.PIPE)
        load = subprocess.run(
            ["docker", "-H", eng.host, "load"], stdin=save.stdout, capture_output=True, text=True, timeout=600
        )
        assert save.stdout is not None
        save.stdout.close()
        assert save.wait(timeout=60) == 0 and load.returncode == 0, load.stderr
        yield eng
    finally:
        try:
            eng.close()
        finally:
            _remove_bridge()


def _task_folder(tmp_path: Path, slow: tuple[str, ...] = ()) -> Path:
    """Copies of the python smoke tasks; those in `slow` sleep before their tests (a window to cut)."""
    dest = tmp_path / "tasks"
    for name in PY_TASKS:
        shutil.copytree(REPO / "tasks" / "smoke" / name, dest / name)
        if name in slow:
            toml = dest / name / "task.toml"
            text = toml.read_text()
            marker = "command = 'python3 -m pytest"
            assert marker in text
            toml.write_text(text.replace(marker, f"command = '{SLOW}python3 -m pytest", 1))
    return dest


class HarnessRun:
    """`harness run` against the second engine, in the background, its output in a file."""

    def __init__(self, tmp_path: Path, eng: SecondEngine, run_id: str, *args: str, hold: str = "") -> None:
        self.results = tmp_path / "results"
        self.run_id = run_id
        self.agent_log = tmp_path / f"{run_id}.agents"
        self.release = tmp_path / f"{run_id}.release"
        self.out = tmp_path / f"{run_id}.out"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in CLEARED_ENV and not k.endswith("_BASE_URL") and k.upper() not in PROXY_ENV
        }
        env.update(
            DOCKER_HOST=eng.host, COLUMNS="200", HARNESS_TEST_AGENT_LOG=str(self.agent_log),
            HARNESS_TEST_HOLD=f"{hold}={self.release}" if hold else "",
        )  # fmt: skip
        argv = [sys.executable, "-m", "harness.cli", "run", *args, "--agent", AGENT, "--run-id", run_id,
                "--results-dir", str(self.results)]  # fmt: skip
        with self.out.open("wb") as out:
            self.proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.out.read_text(errors="replace")

    def wait_for(self, what: str, cond: Callable[[], bool], timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if self.proc.poll() is not None:
                pytest.fail(
                    f"harness run ended (exit {self.proc.returncode}) before {what}:\n{self.output()}"
                )
            if time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"no {what} within {timeout:.0f} s:\n{self.output()}")
            time.sleep(0.1)

    def agent_started(self, trial: str) -> Callable[[], bool]:
        return lambda: agent_runs(self.agent_log).get(trial, 0) > 0

    def said(self, text: str) -> Callable[[], bool]:
        return lambda: text in self.output()

    def finish(self, timeout: float = 300) -> int:
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            pytest.fail(f"harness run still going after {timeout:.0f} s:\n{self.output()}")

    def lines(self) -> list[dict[str, Any]]:
        path = self.results / self.run_id / "trials.jsonl"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def run_json(self) -> dict[str, Any]:
        return json.loads((self.results / self.run_id / "run.json").read_text())


PAUSED = "engine not answering, paused, retrying in"


def _check_nothing_lost_or_misgraded_or_paid_twice(run: HarnessRun, trials: list[str]) -> dict[str, Any]:
    """Every trial present and `pass` (the oracle's due); one graded line each; each agent phase ran
    exactly once more than the trial's agent-phase re-runs in its attempt history. Returns the latest
    line per trial."""
    lines = run.lines()
    latest = {d["trial_id"]: d for d in lines}
    assert sorted(latest) == sorted(trials), run.output()
    assert {t: d["status"] for t, d in latest.items()} == dict.fromkeys(trials, "pass"), run.output()
    graded = [d["trial_id"] for d in lines if d["status"] != "error"]
    assert sorted(graded) == sorted(trials)  # never two graded results for one trial
    runs = agent_runs(run.agent_log)
    for t, d in latest.items():
        agent_reruns = [a for a in d["attempts"] if a["phase"] == "agent"]
        assert runs.get(t) == 1 + len(agent_reruns), (t, runs, d["attempts"])
        assert d["retried_cost_usd"] == (
            sum(a["cost_usd"] or 0 for a in d["attempts"]) if d["attempts"] else None
        )
        # Each agent-phase re-run left its paid-for error line, superseded by the pass.
        assert len([x for x in lines if x["trial_id"] == t and x["status"] == "error"]) == len(agent_reruns)
    return latest


@pytest.mark.docker
def test_sigstop_pauses_the_queue_and_sigcont_resumes_it(engine: SecondEngine, tmp_path: Path) -> None:
    tasks = _task_folder(tmp_path, slow=("py-duration-parse",))
    run = HarnessRun(tmp_path, engine, "stop", str(tasks), "--task", "py-duration-parse", "--task",
                     "py-ledger-cents", "--concurrency", "1")  # fmt: skip
    # Stopped while the first trial's tests run: the engine accepts connections and never answers.
    run.wait_for("grading", lambda: engine.running_command("py-duration-parse@1", "grading", "sleep 7"))
    engine.signal(signal.SIGSTOP)
    try:
        run.wait_for("the pause", run.said(PAUSED))
    finally:
        engine.signal(signal.SIGCONT)
    assert run.finish() == 0, run.output()
    assert "engine answers again" in run.output()
    latest = _check_nothing_lost_or_misgraded_or_paid_twice(run, ["py-duration-parse@1", "py-ledger-cents@1"])
    assert run.run_json()["end_reason"] == "completed"
    assert all(not d["attempts"] for d in latest.values())  # a stalled engine cut nothing


@pytest.mark.docker
def test_kill_and_restart_mid_run_regrades_or_reruns_what_it_cut(
    engine: SecondEngine, tmp_path: Path
) -> None:
    tasks = _task_folder(tmp_path, slow=("py-duration-parse",))
    held, graded = "py-ledger-cents@1", "py-duration-parse@1"
    run = HarnessRun(tmp_path, engine, "kill", str(tasks), "--concurrency", "2", hold=held)
    # A known point: one trial held in its agent phase (sandbox up), the other's tests running.
    run.wait_for("the held agent", run.agent_started(held))
    run.wait_for("grading", lambda: engine.running_command(graded, "grading", "sleep 7"))
    engine.signal(signal.SIGKILL)
    run.release.touch()  # the held agent goes on, into an engine that is gone
    run.wait_for("the pause", run.said(PAUSED))
    engine.start()
    assert run.finish() == 0, run.output()
    trials = [f"{t}@1" for t in PY_TASKS]
    latest = _check_nothing_lost_or_misgraded_or_paid_twice(run, trials)
    # Cut in grading: re-graded from the kept agent result; the agent ran once.
    assert [(a["phase"], a["error_kind"]) for a in latest[graded]["attempts"]] == [("grading", "engine")]
    assert agent_runs(run.agent_log)[graded] == 1
    # Cut in its agent phase: an engine error, run again after the pause.
    assert [(a["phase"], a["error_kind"]) for a in latest[held]["attempts"]] == [("agent", "engine")]
    assert latest[held]["infra_retries"] == 0  # outage re-runs do not use up the infra retries
    assert run.run_json()["end_reason"] == "completed"
    assert "engine answers again" in run.output()


@pytest.mark.docker
def test_an_engine_that_stays_gone_stops_the_run_with_exit_5(engine: SecondEngine, tmp_path: Path) -> None:
    tasks = _task_folder(tmp_path)
    first = "py-duration-parse@1"
    run = HarnessRun(
        tmp_path, engine, "gone", str(tasks), "--concurrency", "1", "--engine-wait", "4", hold=first
    )
    try:
        run.wait_for("the held agent", run.agent_started(first))
        engine.signal(signal.SIGKILL)
        run.release.touch()
        code = run.finish()
    finally:
        if not engine.answers():
            engine.start()  # for whatever runs next
    assert code == EXIT_CODES["engine"] == 5, run.output()
    info = run.run_json()
    assert info["status"] == "finished" and info["end_reason"] == "engine"
    # The trial in flight is an engine error (not a fail); the others were not started, so not recorded.
    assert [(d["trial_id"], d["status"], d["error_kind"]) for d in run.lines()] == [
        (first, "error", "engine")
    ]
    assert set(agent_runs(run.agent_log)) == {first}
    assert PAUSED in run.output() and "2 trials not started" in run.output()
    assert "Traceback" not in run.output()
