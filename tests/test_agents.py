"""Model-driven agents end to end: the real `openai` and `anthropic` SDKs talking to the local FakeServer,
the agents working in real Docker sandboxes, trials graded by the hidden tests; and the CLI paths that
go with them (bad and missing keys, the run budget, --dry-run, transcripts, replay, results show).

No test here can reach a real provider: the autouse `offline` guard blocks non-loopback sockets in this
process, and CLI subprocesses get a cleaned environment plus --base-url at a FakeServer.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.loop import LoopAgent
from harness.agents.meter import load_prompt
from harness.agents.tools import ToolsAgent
from harness.display import fmt_cost
from harness.models import retry
from harness.models.anthropic import AnthropicModel
from harness.models.base import ModelSettings, Usage
from harness.models.fakeserver import Error, FakeServer, FakeToolCall, RecordedRequest, Reply
from harness.models.openai import OpenAIModel
from harness.models.pricing import cost_usd
from harness.results import RunStore, TrialResult
from harness.task import load_tasks
from harness.trial import TrialContext, run_trial
from tests.fixtures.cli import harness, nonblank_lines, trials
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
TASKS = {t.id: t for t in load_tasks(["smoke"])}
DURATIONS = "py-duration-parse"
STUB = (SMOKE / DURATIONS / "workspace" / "durations.py").read_text()
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
TEST_COMMAND = "python3 -m pytest -q -p no:cacheprovider tests"
SOLVER_TASKS = ["py-duration-parse", "py-ledger-cents"]  # a short run: two trials, then replayed
TOOL_NAMES = ["bash", "read_file", "write_file", "edit_file", "run_tests", "submit"]
OPENAI_MODEL = "openai/gpt-4o-mini"
ANTHROPIC_MODEL = "anthropic/claude-haiku-4-5"
SOLVER = "fake/smoke-solver"
Images = dict[str, tuple[str, str]]
BadKeyRun = tuple[Path, list[dict[str, Any]], list[RecordedRequest]]
SELECT = [arg for task_id in SOLVER_TASKS for arg in ("--task", task_id)]


# -- fixtures and helpers -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # Exponential backoff shrinks to milliseconds; Retry-After is not scaled and stays honoured.
    monkeypatch.setattr(retry, "BACKOFF_SCALE", 0.001)


@pytest.fixture(scope="module")
def py_images(docker_client: docker.DockerClient) -> Images:
    """Only the python image: every in-process trial here runs a python smoke task."""
    from harness.sandbox.images import ensure_images

    return ensure_images(docker_client, {"python"}, lambda m: print(m))


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def settings(**overrides: Any) -> ModelSettings:
    return ModelSettings(**{"timeout_s": 30.0, "max_retries": 2, "max_retry_time_s": 60.0, **overrides})


def openai_model(server: FakeServer, **overrides: Any) -> OpenAIModel:
    return OpenAIModel(OPENAI_MODEL, settings(**overrides), api_key=server.openai_key,
                       base_url=server.openai_base_url)  # fmt: skip


def anthropic_model(server: FakeServer, **overrides: Any) -> AnthropicModel:
    return AnthropicModel(ANTHROPIC_MODEL, settings(**overrides), api_key=server.anthropic_key,
                          base_url=server.anthropic_base_url)  # fmt: skip


def trial(
    docker_client: docker.DockerClient,
    images: Images,
    agent: Any,
    model: Any,
    results_dir: Path | None = None,
    **ctx: Any,
) -> TrialResult:
    """One in-process trial of py-duration-parse (attempt 1) in real Docker."""
    run_id = f"agents-{uuid.uuid4().hex[:8]}"
    store = RunStore(results_dir, run_id) if results_dir is not None else None
    context = TrialContext(run_id=run_id, client=docker_client, images=images, agent=agent, model=model,
                           store=store, **ctx)  # fmt: skip
    return run_trial(context, TASKS[DURATIONS], 1)


def bodies(server: FakeServer) -> list[dict[str, Any]]:
    return [r.body for r in server.requests]


def total(*usages: Usage) -> Usage:
    out = Usage()
    for u in usages:
        out = out + u
    return out


def solved_by_tests(result: TrialResult) -> None:
    assert result.status == "pass", (result.status, result.error_kind, result.message, result.log_tail)
    assert result.tests is not None and result.tests.failed == 0 and result.tests.errors == 0
    assert result.tests.passed == result.tests.total > 0
    assert result.score == 1.0


# -- 1. OpenAI wire protocol ---------------------------------------------------------------------------


@pytest.mark.docker
def test_tools_agent_over_the_openai_sdk_passes(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images, results_dir: Path
) -> None:
    usages = [
        Usage(input_tokens=1200, output_tokens=40),
        Usage(input_tokens=900, output_tokens=700, cache_read_tokens=1600, reasoning_tokens=128),
        Usage(input_tokens=300, output_tokens=20, cache_read_tokens=2400),
    ]
    server.push(
        Reply(content="Reading it first.", usage=usages[0],
              tool_calls=[FakeToolCall("read_file", {"path": "durations.py"}, id="call_read")]),
        Reply(usage=usages[1], tool_calls=[
            FakeToolCall("write_file", {"path": "durations.py", "content": SOLUTION}, id="call_write"),
            FakeToolCall("run_tests", {}, id="call_tests"),
        ]),
        Reply(content="Done.", usage=usages[2],
              tool_calls=[FakeToolCall("submit", {"summary": "implemented both"}, id="call_submit")]),
    )  # fmt: skip
    result = trial(docker_client, py_images, ToolsAgent(), openai_model(server), results_dir)

    solved_by_tests(result)
    assert result.stop_reason == "submitted" and result.turns == 3
    assert result.model == OPENAI_MODEL and result.agent == "tools" and result.agent_version == "tools_v1"
    assert '+    return "".join(parts)' in result.diff

    # Tokens and cost are exactly what the server reported, priced as the model used.
    assert result.usage == total(*usages)
    assert result.usage == Usage(input_tokens=2400, output_tokens=760, cache_read_tokens=4000,
                                 reasoning_tokens=128)  # fmt: skip
    expected = cost_usd(OPENAI_MODEL, total(*usages))
    assert expected is not None and result.cost_usd == pytest.approx(expected, rel=1e-9)
    assert result.cost_usd == pytest.approx(sum(cost_usd(OPENAI_MODEL, u) or 0 for u in usages), rel=1e-9)
    # 2400 * 0.15 + 760 * 0.60 + 4000 * 0.075 per million
    assert result.cost_usd == pytest.approx(0.001116, rel=1e-9)

    # The wire: three chat completions with our key, the tools in OpenAI's function schema.
    assert server.pending == 0
    assert [r.path for r in server.requests] == ["/v1/chat/completions"] * 3
    assert {r.headers["authorization"] for r in server.requests} == {f"Bearer {server.openai_key}"}
    first, second, third = bodies(server)
    assert first["model"] == "gpt-4o-mini"
    for body in (first, second, third):
        assert [t["function"]["name"] for t in body["tools"]] == TOOL_NAMES
        for t in body["tools"]:
            assert t["type"] == "function" and set(t["function"]) == {"name", "description", "parameters"}
            params = t["function"]["parameters"]
            assert params["type"] == "object" and params["additionalProperties"] is False
    bash = first["tools"][0]["function"]["parameters"]
    assert bash["required"] == ["command"] and bash["properties"]["command"] == {"type": "string"}

    system, user = first["messages"]
    assert system == {"role": "system", "content": load_prompt("tools_v1")[0]}
    assert user["role"] == "user" and user["content"].startswith(f"Task {DURATIONS}\n\n")
    assert user["content"].endswith("Files in /workspace:\ndurations.py\ntests/test_visible.py\n")

    # Each request carries the earlier turns: the assistant's tool calls and their results, by call id.
    assert second["messages"][:2] == first["messages"]
    assert second["messages"][2] == {
        "role": "assistant",
        "content": "Reading it first.",
        "tool_calls": [{"id": "call_read", "type": "function",
                        "function": {"name": "read_file", "arguments": '{"path": "durations.py"}'}}],
    }  # fmt: skip
    assert second["messages"][3] == {"role": "tool", "tool_call_id": "call_read", "content": STUB}
    assert len(second["messages"]) == 4
    assert third["messages"][:4] == second["messages"]
    assistant, wrote, tested = third["messages"][4:]
    assert [c["id"] for c in assistant["tool_calls"]] == ["call_write", "call_tests"]
    assert assistant["content"] is None  # only tool calls: null, as the API wants
    assert json.loads(assistant["tool_calls"][0]["function"]["arguments"])["content"] == SOLUTION
    assert wrote == {"role": "tool", "tool_call_id": "call_write",
                     "content": f"wrote {len(SOLUTION.encode())} bytes to /workspace/durations.py"}  # fmt: skip
    assert tested["tool_call_id"] == "call_tests"
    assert "4 passed" in tested["content"] and tested["content"].endswith("\n[exit code 0]")

    # The transcript file holds every message and each model turn with its usage.
    assert result.transcript_path == f"transcripts/{DURATIONS}@1.json"
    data = json.loads((results_dir / result.run_id / result.transcript_path).read_text())
    assert [m["role"] for m in data["messages"]] == ["system", "user", "assistant", "tool", "assistant",
                                                     "tool", "tool", "assistant"]  # fmt: skip
    assert [Usage.model_validate(t["usage"]) for t in data["model_turns"]] == usages
    assert [t["model"] for t in data["model_turns"]] == ["gpt-4o-mini"] * 3
    assert [t["attempts"] for t in data["model_turns"]] == [1, 1, 1]


# -- 2. Anthropic wire protocol ------------------------------------------------------------------------


@pytest.mark.docker
def test_tools_agent_over_the_anthropic_sdk_passes(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    usages = [
        Usage(input_tokens=1500, output_tokens=800, cache_write_tokens=1300),
        Usage(input_tokens=200, output_tokens=30, cache_read_tokens=1300, cache_write_tokens=900),
        Usage(input_tokens=50, output_tokens=10, cache_read_tokens=2200),
    ]
    server.push(
        Reply(content="Writing the module.", usage=usages[0], tool_calls=[
            FakeToolCall("write_file", {"path": "durations.py", "content": SOLUTION}, id="toolu_write"),
            FakeToolCall("bash", {"command": "cd tests && python3 -c 'print(6*7)'"}, id="toolu_cd"),
        ]),
        Reply(usage=usages[1], tool_calls=[FakeToolCall("bash", {"command": "pwd"}, id="toolu_pwd")]),
        Reply(usage=usages[2], tool_calls=[FakeToolCall("submit", {}, id="toolu_submit")]),
    )  # fmt: skip
    result = trial(docker_client, py_images, ToolsAgent(), anthropic_model(server))

    solved_by_tests(result)
    assert result.stop_reason == "submitted" and result.turns == 3 and result.model == ANTHROPIC_MODEL
    # Cache reads and writes are summed separately and priced at their own rates.
    assert result.usage == total(*usages)
    assert result.usage == Usage(input_tokens=1750, output_tokens=840, cache_read_tokens=3500,
                                 cache_write_tokens=2200)  # fmt: skip
    expected = cost_usd(ANTHROPIC_MODEL, total(*usages))
    # haiku 4.5: 1750 * 1.00 + 840 * 5.00 + 3500 * 0.10 + 2200 * 1.25 per million
    assert expected == pytest.approx(0.00905, rel=1e-9)
    assert result.cost_usd == pytest.approx(expected, rel=1e-9)

    assert [r.path for r in server.requests] == ["/v1/messages"] * 3
    for r in server.requests:
        assert r.headers.get("x-api-key") == server.anthropic_key or (
            r.headers.get("authorization") == f"Bearer {server.anthropic_key}"
        )
    first, second, third = bodies(server)
    assert first["model"] == "claude-haiku-4-5" and first["max_tokens"] == 4096
    assert first["system"] == [{"type": "text", "text": load_prompt("tools_v1")[0],
                                "cache_control": {"type": "ephemeral"}}]  # fmt: skip
    assert [t["name"] for t in first["tools"]] == TOOL_NAMES
    assert all(set(t) >= {"name", "description", "input_schema"} for t in first["tools"])
    assert first["tools"][-1]["cache_control"] == {"type": "ephemeral"}
    assert [m["role"] for m in first["messages"]] == ["user"]

    assert [m["role"] for m in second["messages"]] == ["user", "assistant", "user"]
    turn = second["messages"][1]["content"]
    assert turn[0] == {"type": "text", "text": "Writing the module."}
    assert [(b["type"], b["id"], b["name"]) for b in turn[1:]] == [
        ("tool_use", "toolu_write", "write_file"), ("tool_use", "toolu_cd", "bash")]  # fmt: skip
    results = second["messages"][2]["content"]
    assert results == [
        {"type": "tool_result", "tool_use_id": "toolu_write",
         "content": f"wrote {len(SOLUTION.encode())} bytes to /workspace/durations.py"},
        {"type": "tool_result", "tool_use_id": "toolu_cd", "content": "42\n[exit code 0]"},
    ]  # fmt: skip
    # The bash session persists between calls: `cd tests` still holds on the next turn.
    assert third["messages"][-1]["content"] == [
        {"type": "tool_result", "tool_use_id": "toolu_pwd", "content": "/workspace/tests\n[exit code 0]"}
    ]


# -- 3. The loop agent -----------------------------------------------------------------------------------

WRONG_EDIT = """The parser can start simple.

durations.py
<<<<<<< SEARCH
def parse_duration(text: str) -> int:
    \"\"\"Total seconds of a compact duration string; ValueError if it is not one.\"\"\"
    raise NotImplementedError
=======
def parse_duration(text: str) -> int:
    \"\"\"Total seconds of a compact duration string; ValueError if it is not one.\"\"\"
    return 0
>>>>>>> REPLACE
"""
RIGHT_EDIT = f"Here is the whole module.\n\ndurations.py\n```python\n{SOLUTION}```\n"


@pytest.mark.docker
def test_loop_agent_fixes_failing_visible_tests_on_its_second_try(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    server.push(
        Reply(content=WRONG_EDIT, usage=Usage(input_tokens=1000, output_tokens=100)),
        Reply(content=RIGHT_EDIT, usage=Usage(input_tokens=1400, output_tokens=500)),
    )
    result = trial(docker_client, py_images, LoopAgent(), openai_model(server), max_tries=3)

    solved_by_tests(result)
    assert result.stop_reason == "tests_passed" and result.turns == 2 and result.agent_version == "loop_v1"
    assert result.usage == Usage(input_tokens=2400, output_tokens=600)
    assert result.cost_usd == pytest.approx(
        cost_usd(OPENAI_MODEL, Usage(input_tokens=2400, output_tokens=600))
    )
    first_try, second_try = result.tries
    assert first_try["try"] == 1 and first_try["status"] == "fail"
    assert first_try["edits"] == 1 and first_try["well_formed"] is True and first_try["problems"] == []
    assert first_try["visible_tests_passed"] is False and first_try["score"] < 1.0
    assert second_try["try"] == 2 and second_try["status"] == "pass" and second_try["score"] == 1.0
    assert second_try["visible_tests_passed"] is True

    assert len(server.requests) == 2 and server.pending == 0
    first, second = bodies(server)
    assert "tools" not in first  # the loop agent speaks in edit blocks, not tool calls
    assert f"durations.py\n```\n{STUB}```\n" in first["messages"][1]["content"]
    assert first["messages"][1]["content"].startswith(f"Task {DURATIONS}\n\n")
    assert second["messages"][:2] == first["messages"]
    assert second["messages"][2] == {"role": "assistant", "content": WRONG_EDIT}
    feedback = second["messages"][3]
    assert feedback["role"] == "user" and feedback["content"].startswith("The tests failed:\n")
    assert feedback["content"].endswith("Fix the problems with further edit blocks.")
    # The real pytest output of the failing visible tests, e.g. "FAILED tests/test_visible.py::...".
    assert "FAILED tests/test_visible.py::test_parse_single_units" in feedback["content"]
    assert "NotImplementedError" in feedback["content"]  # format_duration is still the stub


# -- 4. Retries at the network edge ------------------------------------------------------------------------


@pytest.mark.docker
def test_rate_limit_and_server_error_are_retried_within_a_trial(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    real_backoff = retry._backoff

    def spy(state: Any) -> float:
        waits.append(real_backoff(state))
        return waits[-1]

    monkeypatch.setattr(retry, "_backoff", spy)
    server.push(
        Error(429, "slow down", headers={"Retry-After": "1"}),
        Reply(tool_calls=[FakeToolCall("write_file", {"path": "durations.py", "content": SOLUTION})],
              usage=Usage(input_tokens=100, output_tokens=50)),
        Error(500, "internal error"),
        Reply(tool_calls=[FakeToolCall("submit", {})], usage=Usage(input_tokens=10, output_tokens=5)),
    )  # fmt: skip
    result = trial(docker_client, py_images, ToolsAgent(), openai_model(server))

    solved_by_tests(result)
    assert result.turns == 2 and len(server.requests) == 4 and server.pending == 0
    # The 429's Retry-After is obeyed exactly; the 500 gets (scaled-down) exponential backoff.
    assert len(waits) == 2 and waits[0] == 1.0 and 0 < waits[1] < 0.01
    # A failed attempt is billed nothing: only the two successful replies count.
    assert result.usage == Usage(input_tokens=110, output_tokens=55)
    # The same request was sent again each time.
    assert bodies(server)[0] == bodies(server)[1] and bodies(server)[2] == bodies(server)[3]


@pytest.mark.docker
def test_provider_down_for_every_attempt_is_a_model_error_not_a_fail(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    server.push(*[Error(503, "overloaded")] * 3)
    result = trial(docker_client, py_images, ToolsAgent(), openai_model(server, max_retries=2))

    assert result.status == "error" and result.error_kind == "model"
    assert result.stop_reason == "model_error" and result.turns == 0
    assert result.message is not None
    assert result.message.startswith("gave up after 3 attempt(s) in ") and "HTTP 503" in result.message
    assert len(server.requests) == 3 and server.pending == 0
    assert result.tests is None and result.score is None  # never graded


@pytest.mark.docker
def test_a_refused_request_ends_the_agent_and_the_workspace_is_graded(
    server: FakeServer, docker_client: docker.DockerClient, py_images: Images
) -> None:
    server.push(
        Reply(tool_calls=[FakeToolCall("write_file", {"path": "durations.py", "content": SOLUTION})]),
        Error(400, "This model's maximum context length is 128000 tokens."),
    )
    result = trial(docker_client, py_images, ToolsAgent(), openai_model(server))
    # Not retried (4xx), not an infrastructure error: what the agent did before it is graded.
    assert len(server.requests) == 2 and server.pending == 0
    assert result.stop_reason == "model_request_error" and result.error_kind is None
    solved_by_tests(result)


# -- 5. Keys -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_key_run(
    docker_client: docker.DockerClient, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BadKeyRun]:
    """`harness run` with a wrong OPENAI_API_KEY against a FakeServer: (results dir, trials, requests)."""
    results = tmp_path_factory.mktemp("bad-key")
    with FakeServer() as srv:
        proc = harness(
            "run", "smoke", "--task", "py-duration-parse", "--task", "py-ledger-cents", "--agent", "tools",
            "--model", OPENAI_MODEL, "--base-url", srv.openai_base_url, "--run-id", "badkey",
            "--results-dir", str(results), "--concurrency", "2", "--no-preflight",
            env={"OPENAI_API_KEY": "sk-wrong-key"},
        )  # fmt: skip
        assert proc.returncode == 3, proc.stdout + proc.stderr  # 3: trials left in error
        yield results, trials(results, "badkey"), list(srv.requests)


@pytest.mark.docker
def test_bad_key_errors_each_trial_with_one_request_per_attempt(bad_key_run: BadKeyRun) -> None:
    _, records, requests = bad_key_run
    assert sorted(r["task_id"] for r in records) == ["py-duration-parse", "py-ledger-cents"]
    for r in records:
        assert r["status"] == "error" and r["error_kind"] == "model_auth", r
        assert r["stop_reason"] == "model_error" and r["turns"] == 0
        assert r["message"].startswith("HTTP 401: ") and "Incorrect API key" in r["message"]
        assert "gave up" not in r["message"]  # no retries at the network edge
        assert r["agent_duration_s"] < 60  # a retried 401 would back off 1+2+4+...+32 s
    assert {q.headers["authorization"] for q in requests} == {"Bearer sk-wrong-key"}
    # Exactly one request per time a trial ran (the first run and each infrastructure re-run).
    assert len(requests) == sum(1 + r["infra_retries"] for r in records)


@pytest.mark.docker
def test_bad_key_trial_is_not_rerun(bad_key_run: BadKeyRun) -> None:
    _, records, requests = bad_key_run
    assert [r["infra_retries"] for r in records] == [0, 0]
    assert len(requests) == len(records)


def test_missing_key_fails_before_anything_starts(tmp_path: Path) -> None:
    results = tmp_path / "results"
    proc = harness(
        "run", "smoke", "--agent", "tools", "--model", OPENAI_MODEL, "--results-dir", str(results),
        # If the CLI reached Docker it would fail on this instead, with another message.
        env={"OPENAI_API_KEY": None, "DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"},
    )  # fmt: skip
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = nonblank_lines(proc.stderr)
    assert len(lines) == 1 and "OPENAI_API_KEY" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout and "Docker" not in proc.stderr
    assert not results.exists()


# -- 6.-9. A fake/smoke-solver run under a budget, resumed; transcripts, replay, show ------------------------


@pytest.fixture(scope="module")
def solver_run(
    docker_client: docker.DockerClient, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Two python smoke tasks with fake/smoke-solver: first under a $0.001 budget (one trial fits), then
    resumed with a larger budget. Returns the results dir and both CLI outputs."""
    results = tmp_path_factory.mktemp("solver")
    args = ("run", "smoke", *SELECT, "--agent", "tools", "--model", SOLVER, "--concurrency", "1",
            "--run-id", "solver", "--results-dir", str(results))  # fmt: skip
    first = harness(*args, "--budget", "0.001")
    assert first.returncode == 4, first.stdout + first.stderr  # 4: stopped by the budget
    after_first = trials(results, "solver")
    second = harness(*args, "--budget", "1")
    assert second.returncode == 0, second.stdout + second.stderr
    return {"results": results, "first": first, "after_first": after_first, "second": second}


@pytest.mark.docker
def test_run_budget_stops_scheduling_and_a_larger_budget_finishes(solver_run: dict[str, Any]) -> None:
    results, first, second = solver_run["results"], solver_run["first"], solver_run["second"]
    [only] = solver_run["after_first"]
    assert only["task_id"] == SOLVER_TASKS[0] and only["status"] == "pass"
    # smoke-solver: 2700 input, 920 output, 2400 cache-read tokens per trial, priced as gpt-4o-mini.
    assert only["cost_usd"] == pytest.approx(0.001137, rel=1e-9)
    assert (
        f"budget of $0.0010 spent ({fmt_cost(only['cost_usd'])}): {len(SOLVER_TASKS) - 1} trials not started"
        in first.stdout
    ), first.stdout
    assert "rerun with --run-id solver" in first.stdout

    assert f"resuming run solver: 1 trials kept, {len(SOLVER_TASKS) - 1} to run" in second.stdout
    assert "not started" not in second.stdout
    records = trials(results, "solver")
    assert records[0] == only  # kept as it was
    assert sorted(r["task_id"] for r in records) == SOLVER_TASKS
    assert {r["status"] for r in records} == {"pass"}
    assert {r["infra_retries"] for r in records} == {0}


@pytest.mark.docker
def test_dry_run_estimate_from_earlier_trials(solver_run: dict[str, Any]) -> None:
    results = solver_run["results"]
    costs = [r["cost_usd"] for r in trials(results, "solver")]
    proc = harness("run", "smoke", *SELECT, "--agent", "tools", "--model", SOLVER, "--dry-run",
                   "--run-id", "estimate", "--results-dir", str(results))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    n = len(SOLVER_TASKS)
    assert f"{n} tasks x 1 attempts = {n} trials; 0 already done, {n} to run (run id estimate)" in proc.stdout
    mean = sum(costs) / len(costs)
    assert f"estimated cost: {fmt_cost(mean * n)} (mean of {n} earlier trials of {SOLVER})" in proc.stdout
    assert not (results / "estimate").exists()


@pytest.mark.docker
def test_every_trial_has_a_transcript_and_replay_reruns_it(solver_run: dict[str, Any]) -> None:
    results = solver_run["results"]
    original = {r["task_id"]: r for r in trials(results, "solver")}
    for task_id, r in original.items():
        path = results / "solver" / "transcripts" / f"{task_id}@1.json"
        assert r["transcript_path"] == f"transcripts/{task_id}@1.json" and path.is_file()
        data = json.loads(path.read_text())
        assert data["agent"] == "tools" and data["prompt_version"] == "tools_v1"
        assert [m["role"] for m in data["messages"]][:3] == ["system", "user", "assistant"]
        assert data["messages"][-1]["tool_calls"][0]["name"] == "submit"
        assert len(data["model_turns"]) == r["turns"] == 2
        turn_usage = [Usage.model_validate(t["usage"]) for t in data["model_turns"]]
        assert total(*turn_usage) == Usage.model_validate(r["usage"])
        assert sum(t["cost_usd"] for t in data["model_turns"]) == pytest.approx(r["cost_usd"], rel=1e-9)

    proc = harness("run", "smoke", *SELECT, "--agent", "tools", "--model", "replay/solver",
                   "--run-id", "replayed", "--results-dir", str(results))  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    replayed = {r["task_id"]: r for r in trials(results, "replayed")}
    assert sorted(replayed) == SOLVER_TASKS
    for task_id, r in replayed.items():
        assert r["status"] == "pass" and r["stop_reason"] == "submitted", r
        assert r["usage"] == original[task_id]["usage"] and r["turns"] == original[task_id]["turns"]
        assert r["tests"] == original[task_id]["tests"] and r["diff"] == original[task_id]["diff"]
        assert r["model"] == "replay/solver"


@pytest.mark.docker
def test_results_show_prints_the_transcript_and_cost(solver_run: dict[str, Any]) -> None:
    results = solver_run["results"]
    record = next(r for r in trials(results, "solver") if r["task_id"] == DURATIONS)
    proc = harness("results", "show", "solver", "--trial", f"{DURATIONS}@1", "--results-dir", str(results))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert f"agent tools  model {SOLVER}  stop submitted  turns 2" in out
    assert (
        "tokens: in 2700, out 920, cache read 2400, cache write 0, reasoning 0; "
        f"cost {fmt_cost(record['cost_usd'])}" in out
    )
    # Tool calls, with their arguments, and the tool results the model got back.
    assert '→ write_file({"path": "durations.py", "content": ' in out
    assert f'→ bash({{"command": "{TEST_COMMAND}"}})' in out
    assert '→ submit({"summary": ' in out
    assert f"wrote {len(SOLUTION.encode())} bytes to /workspace/durations.py" in out
    assert "4 passed" in out and "[exit code 0]" in out
    for title in ("0 system", "1 user", "2 assistant", "3 tool", "4 tool", "5 assistant"):
        assert title in out


# -- 7. --dry-run ----------------------------------------------------------------------------------------------


# With no earlier trials: 15 turns of 8000 input and 400 output tokens per trial (harness.estimate).
ROUGH_PER_TRIAL = cost_usd(OPENAI_MODEL, Usage(input_tokens=15 * 8000, output_tokens=15 * 400))


@pytest.mark.parametrize(
    ("model", "estimate"),
    [(SOLVER, f"estimated cost: {fmt_cost(len(TASKS) * (ROUGH_PER_TRIAL or 0))} (rough: no earlier trials"),
     ("ollama/some-model", "estimated cost: unknown (unknown: no price for ollama/some-model")],
)  # fmt: skip
def test_dry_run_prints_count_and_estimate_and_runs_nothing(
    tmp_path: Path, model: str, estimate: str
) -> None:
    results = tmp_path / "results"
    proc = harness(
        "run", "smoke", "--agent", "tools", "--model", model, "--dry-run", "--run-id", "dry",
        "--results-dir", str(results),
        env={"DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"},  # any Docker call would fail
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    n = len(TASKS)
    assert f"{n} tasks x 1 attempts = {n} trials; 0 already done, {n} to run (run id dry)" in proc.stdout
    assert estimate in proc.stdout, proc.stdout
    if model == SOLVER and n == 5:
        assert "estimated cost: $0.1080 " in proc.stdout  # 5 x (120k x $0.15 + 6k x $0.60) / 1M
    assert not results.exists()


def test_budget_needs_a_price(tmp_path: Path) -> None:
    proc = harness("run", "smoke", "--agent", "tools", "--model", "ollama/some-model", "--budget", "1",
                   "--results-dir", str(tmp_path / "r"), env={"DOCKER_HOST": f"unix://{tmp_path}/x.sock"})  # fmt: skip
    assert proc.returncode == 2
    lines = nonblank_lines(proc.stderr)
    assert len(lines) == 1 and "need a price for 'ollama/some-model'" in lines[0], proc.stderr
