"""OpenCode in real Docker: installed over the python image, it solves a smoke task through the model
gateway against the local FakeServer, passed through (Anthropic Messages, its protocol) and translated
(to OpenAI Chat Completions). The fake answers in OpenCode's own tool calls: `read` the file (its
`write` refuses a file it has not read), `write` the solution, run the visible tests with `bash`, then
end the turn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.products.opencode import Agent as OpenCodeAgent
from harness.models.base import Usage
from harness.models.fakeserver import FakeServer, FakeToolCall, Reply
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)
from tests.fixtures.products import as_openai, layer_images, run_product

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
DURATIONS = "py-duration-parse"
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
PATH = "/workspace/durations.py"
TESTS = "python3 -m pytest -q -p no:cacheprovider tests"
U1 = Usage(input_tokens=2800, output_tokens=600, cache_write_tokens=11000)
U2 = Usage(input_tokens=350, output_tokens=45, cache_read_tokens=11000)
Images = dict[str, tuple[str, str]]

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def agent_images(docker_client: docker.DockerClient) -> Images:
    return layer_images(docker_client, OpenCodeAgent())


def run_opencode(server: FakeServer, tmp_path: Path, model: str, *extra: str) -> tuple[Any, dict[str, Any]]:
    return run_product(server, tmp_path, "opencode", model, *extra, run_id="oc")


def solving_replies() -> list[Reply]:
    read = FakeToolCall("read", {"filePath": PATH})
    write = FakeToolCall("write", {"filePath": PATH, "content": SOLUTION})
    run = FakeToolCall("bash", {"command": TESTS, "description": "Run the visible tests"})
    return [
        Reply(content="Reading durations.py.", tool_calls=[read], usage=U1),
        Reply(content="Writing it.", tool_calls=[write], usage=U2),
        Reply(content="Running the tests.", tool_calls=[run], usage=U2),
        Reply(content="Done: both functions are implemented.", usage=U2),
    ]


def events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    "model",
    [
        "anthropic/claude-haiku-4-5",  # pass-through: its Messages request upstream as sent
        "openai/gpt-4o-mini",  # translated: Messages to Chat Completions
    ],
)
def test_opencode_solves_a_smoke_task_through_the_gateway(
    agent_images: Images, tmp_path: Path, model: str
) -> None:
    replies = solving_replies()
    seen_as = (lambda u: u) if model.startswith("anthropic/") else as_openai
    expected = sum((seen_as(r.usage) for r in replies), Usage())
    with FakeServer() as server:
        server.push(*replies)
        proc, record = run_opencode(server, tmp_path, model)
        requests = list(server.requests)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert record["status"] == "pass", record
    assert record["stop_reason"] == "done"
    assert record["agent_version"] == "opencode 1.18.33"
    assert Usage(**record["usage"]) == expected  # exactly what the fake reported
    # One model call a step, and none besides (the session's title is given, not generated).
    assert record["turns"] == len(replies) == len(requests)
    first, last = requests[0].body, requests[-1].body
    tools = {t.get("name") or t.get("function", {}).get("name") for t in first["tools"]}
    assert {"read", "write", "edit", "bash", "grep", "glob"} <= tools, tools
    if model.startswith("anthropic/"):
        assert all(r.path == "/v1/messages" for r in requests)
        assert first["model"] == "claude-haiku-4-5" and first["stream"] is True
        assert requests[0].headers["x-api-key"] == server.anthropic_key  # the run's key, not the agent's
        results = [
            b
            for m in last["messages"]
            for b in m["content"]
            if isinstance(b, dict) and b.get("type") == "tool_result"
        ]
        assert len(results) == 3, last["messages"]
    else:
        assert all(r.path == "/v1/chat/completions" for r in requests)
        assert first["model"] == "gpt-4o-mini"
        assert [m["role"] for m in last["messages"]].count("tool") == 3
    t = json.loads((tmp_path / "results" / "oc" / record["transcript_path"]).read_text())
    assert t["agent"] == "opencode" and t["protocol"] == "anthropic"
    assert len(t["exchanges"]) == len(replies)
    assert all(e["path"] == "/v1/messages" for e in t["exchanges"])  # what OpenCode itself sent
    # Told the run's model when it is Anthropic's, else the default its prompts are chosen for.
    told = {e["request"]["model"] for e in t["exchanges"]}
    assert told == {"claude-haiku-4-5" if model.startswith("anthropic/") else "claude-sonnet-4-5"}
    assert "harness-gateway" not in json.dumps(t["exchanges"])  # the agent's key, redacted
    # Its own JSON events: each tool ran and completed, the tests passed, and the last step stopped.
    log = events(t["agent_stdout"])
    used = [(e["part"]["tool"], e["part"]["state"]["status"]) for e in log if e["type"] == "tool_use"]
    assert used == [("read", "completed"), ("write", "completed"), ("bash", "completed")], used
    assert " passed" in log_output(log, "bash")
    assert log[-1]["type"] == "step_finish" and log[-1]["part"]["reason"] == "stop"


def log_output(log: list[dict[str, Any]], tool: str) -> str:
    return next(
        str(e["part"]["state"].get("output", "")) for e in log if e.get("part", {}).get("tool") == tool
    )


def test_a_cost_limit_stops_opencode_mid_task(agent_images: Images, tmp_path: Path) -> None:
    """The gateway refuses the call past --max-cost; OpenCode ends there without retrying it."""
    expensive = Usage(input_tokens=2_000_000, output_tokens=100)
    look = FakeToolCall("bash", {"command": "ls", "description": "List files"})
    with FakeServer() as server:
        server.push(Reply(content="Looking first.", tool_calls=[look], usage=expensive), *solving_replies())
        proc, record = run_opencode(server, tmp_path, "anthropic/claude-haiku-4-5", "--max-cost", "0.5")
        asked = len(server.requests)
    assert record["stop_reason"] == "max_cost", record
    assert asked == 1  # the second call was refused at the gateway, never sent upstream
    # Graded as the agent left it (it never wrote the solution): a fail, not an error.
    assert record["status"] == "fail" and Usage(**record["usage"]) == expensive
    assert proc.returncode == 0, proc.stdout + proc.stderr
    t = json.loads((tmp_path / "results" / "oc" / record["transcript_path"]).read_text())
    refused = [e for e in t["exchanges"] if e.get("status") == 400]
    assert len(refused) == 1, [e.get("status") for e in t["exchanges"]]  # asked once, not retried
