"""mini-SWE-agent in real Docker: installed over the python image, it solves a smoke task through the
model gateway against the local FakeServer, passed through (OpenAI Chat Completions) and translated (to
Anthropic Messages). The fake answers in mini's own text vocabulary: a reply with no action (answered
with its format error), one ```mswea_bash_command block that writes the solution, and the completion
marker `echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT`, after which it must ask nothing more."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.products.mini_swe_agent import Agent as MiniAgent
from harness.models.base import Usage
from harness.models.fakeserver import FakeServer, Reply
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)
from tests.fixtures.products import as_openai, layer_images, run_product

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
DURATIONS = "py-duration-parse"
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
MARKER = "COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT"
U1 = Usage(input_tokens=2500, output_tokens=700, cache_write_tokens=9000)
U2 = Usage(input_tokens=300, output_tokens=40, cache_read_tokens=9000)
U3 = Usage(input_tokens=120, output_tokens=15)
Images = dict[str, tuple[str, str]]

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def agent_images(docker_client: docker.DockerClient) -> Images:
    return layer_images(docker_client, MiniAgent())


def run_mini(server: FakeServer, tmp_path: Path, model: str, *extra: str) -> tuple[Any, dict[str, Any]]:
    return run_product(server, tmp_path, "mini-swe-agent", model, *extra, run_id="mini")


def action(thought: str, command: str) -> str:
    return f"THOUGHT: {thought}\n\n```mswea_bash_command\n{command}\n```"


def solving_replies() -> list[Reply]:
    encoded = base64.b64encode(SOLUTION.encode()).decode()
    return [
        Reply(content="I know what to write.", usage=U3),  # no action: mini answers with a format error
        Reply(content=action("Write it.", f"echo {encoded} | base64 -d > durations.py"), usage=U1),
        Reply(content=action("Tests aside, it is done.", f"echo {MARKER}"), usage=U2),
    ]


def text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    return "\n".join(str(b.get("text", "")) for b in content or [] if isinstance(b, dict))


@pytest.mark.parametrize(
    "model",
    [
        "openai/gpt-4o-mini",  # pass-through: Chat Completions upstream as mini sent it
        "anthropic/claude-haiku-4-5",  # translated: Chat Completions to Messages
    ],
)
def test_mini_swe_agent_solves_a_smoke_task_through_the_gateway(
    agent_images: Images, tmp_path: Path, model: str
) -> None:
    replies = solving_replies()
    never = Reply(content=action("Past the marker.", "rm -f durations.py"), usage=U1)
    seen_as = (lambda u: u) if model.startswith("anthropic/") else as_openai
    expected = sum((seen_as(r.usage) for r in replies), Usage())
    with FakeServer() as server:
        server.push(*replies, never)
        proc, record = run_mini(server, tmp_path, model)
        requests = list(server.requests)
        left = server.pending
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert record["status"] == "pass", record
    assert record["stop_reason"] == "done"
    assert record["agent_version"] == "mini-swe-agent 2.4.6"
    assert Usage(**record["usage"]) == expected  # exactly what the fake reported
    # The completion marker ended it: every scripted reply but the one after the marker was asked for.
    assert record["turns"] == len(replies) == len(requests) and left == 1
    bodies = [r.body for r in requests]
    # Text-based: no tools offered; the system prompt teaches the code block, the task is the prompt.
    assert all("tools" not in b for b in bodies)
    if model.startswith("anthropic/"):
        assert all(r.path == "/v1/messages" for r in requests)
        assert bodies[0]["model"] == "claude-haiku-4-5"
        system = text_of(bodies[0]["system"])
        turns = [(m["role"], text_of(m["content"])) for m in bodies[-1]["messages"]]
    else:
        assert all(r.path == "/v1/chat/completions" for r in requests)
        assert bodies[0]["model"] == "gpt-4o-mini"
        system = text_of(bodies[0]["messages"][0]["content"])
        turns = [(m["role"], text_of(m["content"])) for m in bodies[-1]["messages"][1:]]
    assert "mswea_bash_command" in system
    assert turns[0][0] == "user" and "Compact durations" in turns[0][1]
    # mini keeps no reply without an action: only its format error, then the write and its result.
    assistant = [i for i, (role, _) in enumerate(turns) if role == "assistant"]
    assert [turns[i][1] for i in assistant] == [replies[1].content], turns
    assert any("EXACTLY ONE action" in text for _, text in turns[: assistant[0]]), turns
    assert turns[-1][0] == "user" and "<returncode>0</returncode>" in turns[-1][1], turns
    t = json.loads((tmp_path / "results" / "mini" / record["transcript_path"]).read_text())
    assert t["agent"] == "mini-swe-agent" and t["protocol"] == "openai-chat"
    assert len(t["exchanges"]) == len(replies)
    assert all(e["path"] == "/v1/chat/completions" for e in t["exchanges"])  # what mini itself sent
    assert "harness-gateway" not in json.dumps(t["exchanges"])  # the agent's key, redacted
    # Its own log: the submission, then the trajectory it saved under /tmp.
    assert MARKER in t["agent_stdout"] and "Saved trajectory" in t["agent_stdout"]


def test_a_cost_limit_stops_mini_swe_agent_mid_task(agent_images: Images, tmp_path: Path) -> None:
    """The gateway refuses the call past --max-cost; mini ends there, asking once, not retrying."""
    expensive = Usage(input_tokens=2_000_000, output_tokens=100)
    with FakeServer() as server:
        server.push(Reply(content=action("Look first.", "ls"), usage=expensive), *solving_replies())
        proc, record = run_mini(server, tmp_path, "openai/gpt-4o-mini", "--max-cost", "0.2")
        asked = len(server.requests)
    assert record["stop_reason"] == "max_cost", record
    assert asked == 1  # the second call was refused at the gateway, never sent upstream
    assert record["status"] == "fail" and Usage(**record["usage"]) == expensive
    assert proc.returncode == 0, proc.stdout + proc.stderr
    t = json.loads((tmp_path / "results" / "mini" / record["transcript_path"]).read_text())
    assert [e.get("status") for e in t["exchanges"]][1:] == [400]  # refused once, not retried
