"""Faults are errors, never failures: each fault is injected for real (the real `openai` SDK against the
local FakeServer, real Docker sandboxes) and the trial must come out as `status=error` with the right
error_kind, never a graded fail; nothing billed is lost and nothing is run (or paid) more often than the
policy says. Also: exit codes and end_reason, the per-run lock, and readers that never write.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.oracle import OracleAgent
from harness.agents.tools import ToolsAgent
from harness.config import RunConfig
from harness.models import retry
from harness.models.base import ModelSettings, Usage
from harness.models.fakeserver import EmptyChoices, Error, FakeServer, FakeToolCall, Hang, Raw, Reply
from harness.models.openai import OpenAIModel
from harness.models.pricing import cost_usd
from harness.results import RunInfo, RunStore, TrialResult, utcnow
from harness.runner import Runner, plan_run
from harness.task import Task, load_tasks
from harness.trial import TrialContext, run_trial
from tests.fixtures.cli import harness, nonblank_lines, trials
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
DURATIONS = "py-duration-parse"
TASK = {t.id: t for t in load_tasks(["smoke"], task_globs=[DURATIONS])}[DURATIONS]
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
MODEL = "openai/gpt-4o-mini"
Images = dict[str, tuple[str, str]]
U1 = Usage(input_tokens=1000, output_tokens=50)


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BACKOFF_SCALE", 0.001)


@pytest.fixture(scope="module")
def py_images(docker_client: docker.DockerClient) -> Images:
    from harness.sandbox.images import ensure_images

    return ensure_images(docker_client, {"python"}, lambda m: print(m))


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def model(server: FakeServer, **overrides: Any) -> OpenAIModel:
    values: dict[str, Any] = {"timeout_s": 30.0, "max_retries": 2, "max_retry_time_s": 60.0, **overrides}
    return OpenAIModel(
        MODEL, ModelSettings(**values), api_key=server.openai_key, base_url=server.openai_base_url
    )


def ctx(
    client: docker.DockerClient, images: Images, agent: Any, mdl: Any, store: RunStore | None = None
) -> TrialContext:
    run_id = store.run_id if store else f"faults-{uuid.uuid4().hex[:8]}"
    return TrialContext(run_id=run_id, client=client, images=images, agent=agent, model=mdl, store=store)


def run_with_runner(
    client: docker.DockerClient, images: Images, agent: Any, mdl: Any, results: Path, task: Task = TASK,
    infra_retries: int = 1,
) -> tuple[Runner, list[TrialResult]]:  # fmt: skip
    """One task through the real Runner (the infrastructure re-run policy), stored in results/."""
    config = RunConfig(
        targets=[str(task.path)], agent=agent.name, model=getattr(mdl, "name", None),
        run_id=f"faults-{uuid.uuid4().hex[:8]}", results_dir=results, infra_retries=infra_retries,
        concurrency=1,
    )  # fmt: skip
    store = RunStore(results, config.run_id)
    runner = Runner(config, [task], client, ctx(client, images, agent, mdl, store))
    with store.locked():
        out = runner.run(plan_run(config, [task], store))
    return runner, out


def read_file_reply(usage: Usage = U1) -> Reply:
    return Reply(usage=usage, tool_calls=[FakeToolCall("read_file", {"path": "durations.py"})])


# -- 1. empty choices -------------------------------------------------------------------------------------


@pytest.mark.docker
def test_empty_choices_are_retried_like_a_network_fault(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    u2, u3 = Usage(input_tokens=2000, output_tokens=900), Usage(input_tokens=300, output_tokens=20)
    server.push(
        read_file_reply(),
        EmptyChoices(),  # retried inside the call: the agent never sees it
        Raw(),  # a 200 whose body is not JSON: the same
        Reply(
            usage=u2, tool_calls=[FakeToolCall("write_file", {"path": "durations.py", "content": SOLUTION})]
        ),
        Reply(usage=u3, tool_calls=[FakeToolCall("submit", {"summary": "done"})]),
    )
    result = run_trial(ctx(docker_client, py_images, ToolsAgent(), model(server)), TASK, 1)
    assert result.status == "pass", (result.status, result.error_kind, result.message)
    assert result.turns == 3 and server.pending == 0 and len(server.requests) == 5
    # Billed exactly once per successful reply: the faulty replies carried no usage.
    assert result.usage == U1 + u2 + u3
    assert result.cost_usd == pytest.approx(cost_usd(MODEL, U1 + u2 + u3), rel=1e-9)


@pytest.mark.docker
def test_persistent_empty_choices_are_an_error_and_the_rerun_is_paid_for(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images, tmp_path: Path
) -> None:
    # Each run of the trial: one good (billed) turn, then empty choices for every attempt of the next call.
    per_run = [read_file_reply(), EmptyChoices(), EmptyChoices(), EmptyChoices()]
    server.push(*per_run, *per_run)
    runner, (result,) = run_with_runner(docker_client, py_images, ToolsAgent(), model(server), tmp_path)
    assert result.status == "error" and result.error_kind == "model", result
    assert result.fail_reason is None and result.score is None
    assert "no choices" in (result.message or "") and "gave up after 3 attempt(s)" in (result.message or "")
    assert result.infra_retries == 1 and server.pending == 0 and len(server.requests) == 8
    one_run = cost_usd(MODEL, U1)
    assert one_run is not None
    # Nothing billed is lost: the kept usage of the final run, the re-run's spend on record and counted.
    assert result.usage == U1 and result.turns == 1
    assert result.cost_usd == pytest.approx(one_run) and result.retried_cost_usd == pytest.approx(one_run)
    assert runner.spent == pytest.approx(2 * one_run)
    records = runner.store.load_trials()
    assert [(r.status, r.infra_retries) for r in records] == [("error", 0), ("error", 1)]
    assert sum(r.cost_usd or 0 for r in records) == pytest.approx(2 * one_run)
    info = runner.store.read_run()
    assert info.status == "finished" and info.end_reason == "errors"


# -- 2. model does not exist ---------------------------------------------------------------------------------


@pytest.mark.docker
def test_missing_model_is_an_error_naming_it_and_is_not_retried(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images, tmp_path: Path
) -> None:
    server.push(Error(404, "The model `gpt-4o-mini` does not exist or you do not have access to it."))
    runner, (result,) = run_with_runner(docker_client, py_images, ToolsAgent(), model(server), tmp_path)
    assert result.status == "error" and result.error_kind == "model", result
    assert "gpt-4o-mini" in (result.message or "") and server.openai_base_url in (result.message or "")
    assert "does not exist" in (result.message or "")
    # One request in all: no retry at the network edge, no re-run of the trial.
    assert len(server.requests) == 1 and result.infra_retries == 0
    assert len(runner.store.load_trials()) == 1


# -- 3. a 200 whose body is not JSON --------------------------------------------------------------------------


@pytest.mark.docker
def test_non_json_body_keeps_the_usage_billed_so_far(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    server.push(read_file_reply(), Raw(), Raw(content_type="text/html"), Raw("{not json"))
    result = run_trial(ctx(docker_client, py_images, ToolsAgent(), model(server)), TASK, 1)
    assert result.status == "error" and result.error_kind == "model", result
    assert "not valid JSON" in (result.message or "")
    assert len(server.requests) == 4 and server.pending == 0
    assert result.turns == 1 and result.usage == U1
    assert result.cost_usd == pytest.approx(cost_usd(MODEL, U1))


# -- 5. a server that hangs costs at most the trial's wall time -------------------------------------------------


@pytest.mark.docker
def test_a_hanging_server_costs_the_wall_time_once(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images, task_copy: Any, tmp_path: Path
) -> None:
    folder = task_copy(DURATIONS)
    toml = folder / "task.toml"
    toml.write_text(toml.read_text().replace("timeout_sec = 300", "timeout_sec = 4", 1))
    (task,) = load_tasks([str(folder)])
    server.push(Hang(120))
    # The request timeout (600 s, the default) is cut to what is left of the 4 s wall time.
    runner, (result,) = run_with_runner(
        docker_client, py_images, ToolsAgent(), model(server, timeout_s=600.0), tmp_path, task=task
    )
    assert result.status == "error" and result.error_kind == "network", result
    assert "wall time" in (result.message or "")
    assert len(server.requests) == 1 and result.infra_retries == 0  # neither retried nor re-run
    assert len(runner.store.load_trials()) == 1


# -- 4. a grading container killed from outside --------------------------------------------------------------


def _slow_grading_task(task_copy: Any, command_prefix: str) -> Task:
    folder = task_copy(DURATIONS)
    toml = folder / "task.toml"
    text = toml.read_text()
    marker = "command = 'python3 -m pytest"
    assert marker in text
    toml.write_text(text.replace(marker, f"command = '{command_prefix}python3 -m pytest", 1))
    (task,) = load_tasks([str(folder)])
    return task


def _kill_when_grading(client: docker.DockerClient, run_id: str, done: threading.Event) -> None:
    """Kill the run's grading container from outside once its test command is running."""
    filters = {"label": [f"harness.run={run_id}", "harness.role=grading"]}
    while not done.is_set():
        for c in client.containers.list(filters=filters):
            try:
                procs = c.top().get("Processes") or []
            except docker.errors.APIError:
                continue
            if any("sleep 30" in " ".join(p) for p in procs):
                c.kill()
                return
        time.sleep(0.1)


@pytest.mark.docker
def test_grading_container_killed_from_outside_is_an_engine_error(
    docker_client: docker.DockerClient, py_images: Images, task_copy: Any
) -> None:
    task = _slow_grading_task(task_copy, "sleep 30; ")
    context = ctx(docker_client, py_images, OracleAgent(), None)
    done = threading.Event()
    killer = threading.Thread(
        target=_kill_when_grading, args=(docker_client, context.run_id, done), daemon=True
    )
    killer.start()
    try:
        result = run_trial(context, task, 1)
    finally:
        done.set()
        killer.join(timeout=30)
    assert result.status == "error" and result.error_kind == "engine", result
    assert result.fail_reason is None and "grading container stopped" in (result.message or "")


@pytest.mark.docker
def test_the_test_commands_own_crash_stays_a_fail(
    docker_client: docker.DockerClient, py_images: Images, task_copy: Any
) -> None:
    # Exit 137 from the test command itself (SIGKILL of its own process), the container alive: graded.
    task = _slow_grading_task(task_copy, "kill -9 $$; ")
    result = run_trial(ctx(docker_client, py_images, OracleAgent(), None), task, 1)
    assert result.status == "fail" and result.error_kind is None, result


# -- 6. exit codes and end_reason -----------------------------------------------------------------------------


@pytest.mark.docker
def test_run_with_trials_left_in_error_exits_3(server: FakeServer, tmp_path: Path) -> None:
    server.push(Error(404, "The model `gpt-4o-mini` does not exist"))
    results = tmp_path / "results"
    proc = harness(
        "run", "smoke", "--task", DURATIONS, "--agent", "tools", "--model", MODEL, "--base-url",
        server.openai_base_url, "--run-id", "errs", "--results-dir", str(results), "--no-preflight",
        env={"OPENAI_API_KEY": server.openai_key},
    )  # fmt: skip
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    (record,) = trials(results, "errs")
    assert record["status"] == "error" and record["error_kind"] == "model"
    run = json.loads((results / "errs" / "run.json").read_text())
    assert run["status"] == "finished" and run["end_reason"] == "errors"


# -- 7. one process per run id ---------------------------------------------------------------------------------


def test_a_second_process_on_the_same_run_id_stops_with_one_line(tmp_path: Path) -> None:
    results = tmp_path / "results"
    store = RunStore(results, "busy")
    with store.locked():
        proc = harness(
            "run", "smoke", "--task", DURATIONS, "--agent", "oracle", "--run-id", "busy",
            "--results-dir", str(results),
            # Had it got past the lock it would reach Docker and fail on this instead.
            env={"DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"},
        )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = nonblank_lines(proc.stderr)
    assert len(lines) == 1 and "in use by another harness process" in lines[0], proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not store.trials_path.exists() and not store.run_path.exists()
    with store.locked():  # released by its holder: the next writer gets it
        pass


# -- 8. readers never write ------------------------------------------------------------------------------------


def _damaged_run(results: Path, run_id: str) -> tuple[RunStore, bytes]:
    """A run whose trials.jsonl has a corrupt middle line (line 2) and a torn last line."""
    # max_turns as `harness run` sets it by default, so the CLI's dry run below resumes it unchanged.
    config = RunConfig(targets=["smoke"], task_globs=[DURATIONS], agent="oracle", run_id=run_id,
                       results_dir=results, max_turns=50)  # fmt: skip
    store = RunStore(results, run_id)
    now = utcnow()
    store.write_run(RunInfo(run_id=run_id, created_at=now, started_at=now, finished_at=now, status="finished",
                            harness_version="test", config=config.model_dump(mode="json")))  # fmt: skip
    good = TrialResult(
        run_id=run_id, trial_id=f"{DURATIONS}@1", task_id=DURATIONS, suite="smoke", task_hash=TASK.content_hash,
        language="python", difficulty="easy", agent="oracle", attempt=1, status="pass", started_at=now,
        finished_at=now, score=1.0,
    )  # fmt: skip
    data = (good.model_dump_json() + "\n" + "{this is not a trial}\n").encode()
    data += b'{"schema_version": 1, "run_id": "' + run_id.encode() + b'", "trial_id": "x@1", "sta'
    store.trials_path.write_bytes(data)
    return store, data


def test_readers_never_modify_trials_and_report_bad_lines(tmp_path: Path) -> None:
    results = tmp_path / "results"
    store, data = _damaged_run(results, "damaged")
    commands = [
        ("results", "show", "damaged", "--results-dir", str(results)),
        ("leaderboard", "--results-dir", str(results), "--format", "md", "--out", str(tmp_path / "board")),
        ("run", "smoke", "--task", DURATIONS, "--agent", "oracle", "--run-id", "damaged", "--results-dir",
         str(results), "--dry-run"),
    ]  # fmt: skip
    for cmd in commands:
        proc = harness(*cmd)
        assert proc.returncode == 0, (cmd, proc.stdout + proc.stderr)
        assert store.trials_path.read_bytes() == data, cmd
        assert not (store.dir / "trials.torn").exists(), cmd
        warning = [ln for ln in nonblank_lines(proc.stderr) if "unreadable" in ln]
        assert len(warning) == 1 and "1 unreadable line(s)" in warning[0] and "line 2" in warning[0], (
            cmd,
            proc.stderr,
        )
    dry = harness(*commands[2])
    assert "1 already done" in dry.stdout  # the good line counts; the broken ones are left out


def test_only_the_writer_sets_a_torn_line_aside(tmp_path: Path) -> None:
    store, data = _damaged_run(tmp_path, "w")
    scan = store.scan_trials()
    assert len(scan.trials) == 1 and scan.bad_lines == [2] and scan.torn
    assert store.trials_path.read_bytes() == data
    store.append(scan.trials[0])
    assert b'"trial_id": "x@1"' in (store.dir / "trials.torn").read_bytes()
    after = store.scan_trials()
    assert len(after.trials) == 2 and after.bad_lines == [2] and not after.torn


def test_leaderboard_skips_a_run_with_a_bad_run_json(tmp_path: Path) -> None:
    results = tmp_path / "results"
    store, _ = _damaged_run(results, "good")
    store.trials_path.write_text(store.trials_path.read_text().splitlines()[0] + "\n")
    bad = results / "broken"
    bad.mkdir()
    (bad / "run.json").write_text("{not json")
    proc = harness(
        "leaderboard", "--results-dir", str(results), "--format", "md", "--out", str(tmp_path / "b")
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warnings = [ln for ln in nonblank_lines(proc.stderr) if "broken" in ln]
    assert len(warnings) == 1 and warnings[0].startswith("warning: skipping run 'broken'"), proc.stderr
    assert "| oracle |" in proc.stdout


# -- 9. pre-flight ------------------------------------------------------------------------------------------


def _preflight_run(
    server: FakeServer, tmp_path: Path, model_name: str = MODEL, key: str | None = None
) -> Any:
    return harness(
        "run", "smoke", "--task", DURATIONS, "--agent", "tools", "--model", model_name, "--base-url",
        server.openai_base_url, "--run-id", "pre", "--results-dir", str(tmp_path / "results"),
        # Past the pre-flight the run would reach Docker and fail on this instead.
        env={"OPENAI_API_KEY": key or server.openai_key, "DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "key", "answer"),
    [
        (
            Error(404, "The model `gpt-nope` does not exist or you do not have access to it."),
            None,
            "does not exist",
        ),
        (None, "sk-wrong", "Incorrect API key"),
    ],
)
def test_preflight_stops_a_run_with_a_bad_model_or_key(
    server: FakeServer, tmp_path: Path, outcome: Any, key: str | None, answer: str
) -> None:
    if outcome is not None:
        server.push(outcome)
    proc = _preflight_run(server, tmp_path, "openai/gpt-nope", key)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = nonblank_lines(proc.stderr)
    assert len(lines) == 1 and "pre-flight" in lines[0], proc.stderr
    assert server.openai_base_url.rstrip("/") in lines[0] and answer in lines[0]
    assert "Traceback" not in proc.stdout + proc.stderr and "Docker" not in proc.stderr
    assert len(server.requests) == 1  # one call, not retried
    assert not (tmp_path / "results" / "pre" / "trials.jsonl").exists()
    assert not (tmp_path / "results" / "pre" / "run.json").exists()


def test_preflight_is_one_cheap_call_then_the_run_goes_on(server: FakeServer, tmp_path: Path) -> None:
    server.push(Reply(content="ok", usage=Usage(input_tokens=12, output_tokens=1)))
    proc = _preflight_run(server, tmp_path)
    assert proc.returncode == 2 and "Docker" in proc.stderr, proc.stdout + proc.stderr  # got past it
    (request,) = server.requests
    assert request.body["model"] == "gpt-4o-mini" and request.body["max_completion_tokens"] == 1
    assert "tools" not in request.body
