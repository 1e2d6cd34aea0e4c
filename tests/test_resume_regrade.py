"""A resume never pays for an agent phase twice (issue 9): a trial whose agent finished but whose grading
was cut (the engine never came back, the run ended with end_reason engine) is graded again from its stored
record, not run again; `harness results show RUN --trial ID` lists the attempts history.

Without Docker: which stored records a resume re-grades (harness.runner.regradable), and the Runner's
resume with run_trial replaced by one that fails the test if the agent runs. With Docker (the main engine):
a real trial's record turned into a grading-cut engine error, resumed through `harness run` with an
agent that logs each run: graded pass from the stored diff, agent not run, paid once.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from harness import runner as runner_mod
from harness.agents.oracle import OracleAgent
from harness.config import RunConfig
from harness.models.base import Usage
from harness.report import show_trial
from harness.results import Attempt, RunStore, TrialResult, utcnow
from harness.results import TestCounts as Counts
from harness.runner import RunEvents, Runner, plan_run, regradable
from harness.task import Task, load_tasks
from harness.trial import AgentDone, TrialContext, trial_id
from tests.fixtures.netguard import CLEARED_ENV, PROXY_ENV
from tests.fixtures.outage_agent import agent_runs

REPO = Path(__file__).resolve().parent.parent
SMOKE_PY = {t.id: t for t in load_tasks(["smoke"], task_globs=["py-*"])}
U = Usage(input_tokens=1000, output_tokens=100)
DIFF = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n"


class Engine:
    """The engine the scripted trials see: it answers, or (forever) it never does again."""

    def __init__(self) -> None:
        self.forever = False

    def __call__(self) -> bool:
        return not self.forever


@pytest.fixture(autouse=True)
def fast_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_mod, "WATCH_INTERVAL_S", 0.01)
    monkeypatch.setattr(runner_mod, "BACKOFF_FIRST_S", 0.01)
    monkeypatch.setattr(runner_mod, "BACKOFF_MAX_S", 0.02)


def _record(task: Task, attempt: int = 1, status: str = "error", **extra: Any) -> TrialResult:
    fields: dict[str, Any] = dict(
        run_id="resume-unit", trial_id=trial_id(task.id, attempt), task_id=task.id, suite=task.suite,
        task_hash=task.content_hash, language=task.spec.language, difficulty=task.spec.difficulty,
        agent="oracle", model="fake/m", attempt=attempt, started_at=utcnow(), finished_at=utcnow(),
    )  # fmt: skip
    fields["status"] = extra.pop("status", status)
    fields.update(extra)
    return TrialResult(**fields)


def _grading_cut(task: Task, attempt: int = 1, **extra: Any) -> TrialResult:
    """What harness.trial.grade_trial returns when the grading raised: the agent's fields and diff."""
    fields: dict[str, Any] = dict(
        status="error", error_kind="engine", message="the engine did not answer", stop_reason="done", turns=7,
        usage=U, cost_usd=0.5, agent_duration_s=12.0, transcript_path="transcripts/t.json", diff=DIFF,
        dropped_paths=["link"],
    )  # fmt: skip
    fields.update(extra)
    return _record(task, attempt, **fields)


def _runner(tmp_path: Path, engine: Engine, tasks: list[Task], **config: Any) -> Runner:
    cfg = RunConfig(
        **{"targets": ["smoke"], "agent": "oracle", "run_id": "resume-unit", "results_dir": tmp_path,
           "concurrency": 1, **config}
    )  # fmt: skip
    ctx = TrialContext(run_id=cfg.run_id, client=None, images={}, agent=OracleAgent(), model=None)
    return Runner(cfg, tasks, None, ctx, RunEvents(), engine_wait_s=0.2, ping=engine)


def _run(r: Runner) -> list[TrialResult]:
    with r.store.locked():
        return r.run(plan_run(r.config, r.tasks, r.store))


def _no_agent(runs: list[str]) -> Any:
    def run_trial(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        runs.append(trial_id(t.id, attempt))
        raise AssertionError(f"the agent ran again for {t.id}@{attempt}")

    return run_trial


def _grader(seen: list[AgentDone], status: str = "pass") -> Any:
    """Like harness.trial.grade_trial: the graded record is the agent's fields plus the grade."""

    def grade_trial(ctx: TrialContext, t: Task, done: AgentDone) -> TrialResult:
        seen.append(done)
        return TrialResult(
            **done.fields, status=status, tests=Counts(total=3, passed=3), score=1.0,
            grading_duration_s=2.0, diff=done.diff, dropped_paths=done.dropped, log_tail="3 passed",
            finished_at=utcnow(), duration_s=done.agent_s + 2.0,
        )  # fmt: skip

    return grade_trial


def test_which_stored_errors_a_resume_regrades(tmp_path: Path) -> None:
    task = SMOKE_PY["py-ledger-cents"]
    assert regradable(_grading_cut(task), task)
    # Any infrastructure kind: what counts is that the agent finished and no grade came of it.
    assert regradable(_grading_cut(task, error_kind="sandbox"), task)
    not_regraded = {
        "cut in its agent phase (no outcome, no diff)": _record(task, error_kind="engine"),
        "the agent's own error (outcome, no diff)": _record(
            task, error_kind="model", stop_reason="error", usage=U, cost_usd=0.1
        ),
        "an agent that left no change": _grading_cut(task, diff=""),
        "a diff past the record's cap": _grading_cut(task, diff_truncated=True),
        # A fail graded while the engine stalled during the agent's run: on record with its grade.
        "graded, the agent phase suspect": _grading_cut(
            task, tests=Counts(total=3, failed=3), log_tail="3 failed", grading_duration_s=2.0
        ),
        "graded in no time yet": _grading_cut(task, grading_duration_s=0.5),
        "a graded fail": _grading_cut(task, status="fail", error_kind=None, fail_reason="tests_failed"),
        "a changed task": _grading_cut(task, task_hash="0" * 64),
    }
    assert [why for why, rec in not_regraded.items() if regradable(rec, task)] == []


def test_plan_lists_the_regradable_trials_and_runs_the_others(tmp_path: Path) -> None:
    cut, agent_cut, changed = (
        SMOKE_PY[i] for i in ("py-ledger-cents", "py-duration-parse", "py-version-constraints")
    )
    r = _runner(tmp_path, Engine(), [cut, agent_cut, changed], attempts=2)
    with r.store.locked():
        r.info = r._start_info()
        r.store.write_run(r.info)
    for rec in (
        _grading_cut(cut, 1),
        _record(cut, 2, "pass"),
        _record(agent_cut, 1, error_kind="engine"),
        _grading_cut(agent_cut, 2, status="pass", error_kind=None),
        _grading_cut(changed, 1, task_hash="0" * 64),
    ):
        r.store.append(rec)
    plan = plan_run(r.config, r.tasks, r.store)
    assert sorted(plan.regrade) == [(cut.id, 1)]
    assert sorted(trial_id(t.id, a) for t, a in plan.todo) == sorted(
        [f"{cut.id}@1", f"{agent_cut.id}@1", f"{changed.id}@1", f"{changed.id}@2"]
    )
    assert sorted(x.trial_id for x in plan.kept) == [f"{agent_cut.id}@2", f"{cut.id}@2"]
    assert plan.stale == [f"{changed.id}@1"]


def test_a_resume_regrades_a_grading_cut_by_an_engine_that_never_came_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = SMOKE_PY["py-ledger-cents"]
    engine = Engine()
    runs: list[str] = []

    # The first run: the agent finishes, its grading is cut, and the engine never answers again.
    def first_run(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        runs.append(trial_id(t.id, attempt))
        engine.forever = True
        r = _grading_cut(t, attempt)
        r._engine_down = True
        r._agent_done = AgentDone(fields={}, outcome=None, diff=DIFF, dropped=["link"], agent_s=12.0)  # type: ignore[arg-type]
        return r

    monkeypatch.setattr(runner_mod, "run_trial", first_run)
    r1 = _runner(tmp_path, engine, [task], run_budget_usd=10.0)
    _run(r1)
    assert r1.end_reason == "engine" and runs == [f"{task.id}@1"]
    (stored,) = r1.store.load_trials()
    assert stored.status == "error" and stored.error_kind == "engine" and stored.diff == DIFF

    # The resume: graded from the stored record; the agent must not run.
    engine.forever = False
    seen: list[AgentDone] = []
    monkeypatch.setattr(runner_mod, "run_trial", _no_agent(runs))
    monkeypatch.setattr(runner_mod, "grade_trial", _grader(seen))
    r2 = _runner(tmp_path, engine, [task], run_budget_usd=10.0)
    (res,) = _run(r2)
    assert runs == [f"{task.id}@1"]  # still the one agent run of the first invocation
    assert [(d.diff, d.dropped, d.agent_s) for d in seen] == [(DIFF, ["link"], 12.0)]
    assert res.status == "pass" and res.diff == DIFF and res.tests is not None and res.tests.passed == 3
    # The agent's part of the record is kept: usage, cost, turns, transcript, start.
    assert (res.usage, res.cost_usd, res.turns, res.transcript_path, res.stop_reason) == (
        U, 0.5, 7, "transcripts/t.json", "done"
    )  # fmt: skip
    assert res.started_at == stored.started_at and res.invocation == 2
    # The cut grading is an earlier attempt that cost nothing: paid once.
    assert [(a.phase, a.error_kind, a.message, a.cost_usd, a.usage) for a in res.attempts] == [
        ("grading", "engine", "the engine did not answer", 0.0, None)
    ]
    assert res.retried_cost_usd == 0.0
    assert [(x.status, x.cost_usd) for x in r2.store.load_trials()] == [("error", 0.5), ("pass", 0.5)]
    assert r2.spent == pytest.approx(0.5) and r2.end_reason == "completed"


def test_a_fail_graded_while_the_engine_went_for_good_is_stored_without_its_grade_and_regraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = SMOKE_PY["py-duration-parse"]
    engine = Engine()
    holder: dict[str, Runner] = {}

    def first_run(ctx: TrialContext, t: Task, attempt: int) -> TrialResult:
        # A test timeout while the engine stalled during grading, after the agent's run; it never returns.
        # Its agent phase ended before the outage (agent_duration_s 0: the watch saw it after).
        r = _grading_cut(t, attempt, status="fail", error_kind=None, message=None, fail_reason="test_timeout",
                         tests=Counts(total=3, errors=3), grading_duration_s=600.0, log_tail="timeout",
                         agent_duration_s=0.0)  # fmt: skip
        r._agent_done = AgentDone(fields={}, outcome=None, diff=DIFF, dropped=[], agent_s=12.0)  # type: ignore[arg-type]
        engine.forever = True
        watch = holder["r"].watch
        assert watch is not None
        watch.down()
        return r

    monkeypatch.setattr(runner_mod, "run_trial", first_run)
    r1 = holder["r"] = _runner(tmp_path, engine, [task])
    _run(r1)
    assert r1.end_reason == "engine"
    (stored,) = r1.store.load_trials()
    assert (stored.status, stored.error_kind, stored.fail_reason, stored.tests, stored.log_tail) == (
        "error", "engine", None, None, ""
    )  # fmt: skip
    assert (
        stored.diff == DIFF
        and stored.cost_usd == 0.5
        and "engine was not answering" in (stored.message or "")
    )
    assert regradable(stored, task)

    engine.forever = False
    runs: list[str] = []
    seen: list[AgentDone] = []
    monkeypatch.setattr(runner_mod, "run_trial", _no_agent(runs))
    monkeypatch.setattr(runner_mod, "grade_trial", _grader(seen))
    (res,) = _run(_runner(tmp_path, engine, [task]))
    assert runs == [] and len(seen) == 1 and res.status == "pass" and res.cost_usd == 0.5
    assert [(a.phase, a.error_kind) for a in res.attempts] == [("grading", "engine")]


def test_a_resumed_grading_that_fails_on_infrastructure_is_graded_again_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = SMOKE_PY["py-ledger-cents"]
    r = _runner(tmp_path, Engine(), [task], infra_retries=1)
    with r.store.locked():
        r.info = r._start_info()
        r.store.write_run(r.info)
    earlier = Attempt(phase="agent", error_kind="network", message="reset", usage=U, cost_usd=0.2,
                      started_at=utcnow(), duration_s=3.0)  # fmt: skip
    r.store.append(_grading_cut(task, attempts=[earlier], retried_cost_usd=0.2, infra_retries=1))
    runs: list[str] = []
    seen: list[AgentDone] = []
    grade_ok = _grader(seen)

    def grade_trial(ctx: TrialContext, t: Task, done: AgentDone) -> TrialResult:
        if not seen:
            seen.append(done)
            err = TrialResult(**done.fields, status="error", error_kind="sandbox", message="no container",
                              finished_at=utcnow())  # fmt: skip
            err._agent_done = done
            return err
        return grade_ok(ctx, t, done)

    monkeypatch.setattr(runner_mod, "run_trial", _no_agent(runs))
    monkeypatch.setattr(runner_mod, "grade_trial", grade_trial)
    (res,) = _run(_runner(tmp_path, Engine(), [task], infra_retries=1))
    assert runs == [] and len(seen) == 2 and res.status == "pass"
    assert [(a.phase, a.error_kind, a.cost_usd) for a in res.attempts] == [
        ("agent", "network", 0.2), ("grading", "engine", 0.0), ("grading", "sandbox", 0.0)
    ]  # fmt: skip
    assert res.retried_cost_usd == pytest.approx(0.2) and res.infra_retries == 2
    # No record for the failed re-grading: it spent nothing.
    assert [x.status for x in RunStore(tmp_path, "resume-unit").load_trials()] == ["error", "pass"]


def test_results_show_lists_the_attempts_history(tmp_path: Path) -> None:
    task = SMOKE_PY["py-ledger-cents"]
    t0 = utcnow()
    r = _record(
        task, status="pass", usage=U, cost_usd=0.5, retried_cost_usd=0.25,
        attempts=[
            Attempt(phase="agent", error_kind="engine", message="graded tests_failed, but the engine was "
                    "not answering while it ran", usage=U, cost_usd=0.25, started_at=t0, duration_s=40.0),
            Attempt(phase="grading", error_kind="sandbox", message="[red]no container[/]", cost_usd=0.0,
                    started_at=t0, duration_s=3.5),
        ],
    )  # fmt: skip
    console = Console(width=220, record=True)
    show_trial(console, RunStore(tmp_path, "resume-unit"), r)
    text = console.export_text()
    assert "earlier runs: 2, retried cost $0.2500" in text
    assert "1. agent (run again): engine, cost $0.2500, 40.0s" in text
    assert "graded tests_failed, but the engine was not answering while it ran" in text
    assert "2. grading (re-graded): sandbox, cost $0.0000, 3.5s" in text
    assert "[red]no container[/]" in text  # a message is shown as written, never read as markup
    console = Console(width=220, record=True)
    show_trial(console, RunStore(tmp_path, "resume-unit"), _record(task, status="pass"))
    assert "earlier runs" not in console.export_text()


# -- with the main Docker engine: a real grading of the stored diff ----------------------------------------

AGENT = "tests.fixtures.outage_agent:LoggingOracle"
TASK = "py-ledger-cents"


def _harness(tmp_path: Path, log: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in CLEARED_ENV and not k.endswith("_BASE_URL") and k.upper() not in PROXY_ENV
    }
    env.update(COLUMNS="220", HARNESS_TEST_AGENT_LOG=str(log))
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip


@pytest.mark.docker
def test_resume_grades_the_stored_diff_in_a_fresh_container_without_the_agent(
    docker_client: Any, images: Any, tmp_path: Path
) -> None:
    tasks = tmp_path / "tasks"
    shutil.copytree(REPO / "tasks" / "smoke" / TASK, tasks / TASK)
    results = tmp_path / "results"
    run = ["run", str(tasks), "--agent", AGENT, "--run-id", "rg", "--results-dir", str(results)]
    first = _harness(tmp_path, tmp_path / "first.log", *run)
    assert first.returncode == 0, first.stdout + first.stderr
    assert agent_runs(tmp_path / "first.log") == {f"{TASK}@1": 1}
    path = results / "rg" / "trials.jsonl"
    (graded,) = [json.loads(line) for line in path.read_text().splitlines()]
    assert graded["status"] == "pass" and graded["diff"]
    # What a run whose engine never came back stores for a trial cut in its grading (a paid agent phase).
    cut = {
        **graded, "status": "error", "error_kind": "engine", "message": "the engine did not answer",
        "tests": None, "score": None, "grading_duration_s": 0.0, "log_tail": "", "test_results": [],
        "restored_paths": [], "inventory_checked": None, "canaries_checked": None, "grade_detail": None,
        "usage": {"input_tokens": 1000, "output_tokens": 100}, "cost_usd": 0.5, "turns": 7,
    }  # fmt: skip
    path.write_text(json.dumps(cut) + "\n")
    info_path = results / "rg" / "run.json"
    info_path.write_text(json.dumps({**json.loads(info_path.read_text()), "end_reason": "engine"}))

    dry = _harness(tmp_path, tmp_path / "dry.log", *run, "--dry-run")
    assert "0 to run, 1 to grade again (no model calls)" in " ".join(dry.stdout.split()), dry.stdout
    second = _harness(tmp_path, tmp_path / "second.log", *run)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "0 to run, 1 to grade again" in " ".join(second.stdout.split()), second.stdout
    assert agent_runs(tmp_path / "second.log") == {}  # the agent did not run
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [(d["status"], d["cost_usd"]) for d in lines] == [("error", 0.5), ("pass", 0.5)]
    res = lines[-1]
    assert res["diff"] == graded["diff"] and res["tests"] == graded["tests"] and res["grading_duration_s"] > 0
    assert (res["usage"]["input_tokens"], res["turns"], res["started_at"]) == (1000, 7, graded["started_at"])
    assert [(a["phase"], a["error_kind"], a["cost_usd"]) for a in res["attempts"]] == [
        ("grading", "engine", 0.0)
    ]
    assert res["retried_cost_usd"] == 0.0
    assert json.loads(info_path.read_text())["end_reason"] == "completed"

    show = _harness(tmp_path, tmp_path / "show.log", "results", "show", "rg", "--trial", f"{TASK}@1",
                    "--results-dir", str(results))  # fmt: skip
    assert show.returncode == 0, show.stderr
    assert "earlier runs: 1" in show.stdout and "1. grading (re-graded): engine, cost $0.0000" in show.stdout
