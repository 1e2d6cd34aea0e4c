"""Aider in real Docker: installed over the python image, it solves a smoke task through the model
gateway against the local FakeServer, which answers in Aider's own vocabulary, its SEARCH/REPLACE edit
blocks. The first block does not match the file, so Aider reflects its own error back to the model and
the second block lands. Checked: the verdict, tokens equal to what the fake reported, pass-through
(Chat Completions) and translation (to Anthropic Messages), and that only the agent's change is graded."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.products.aider import AIDER
from harness.agents.products.aider import Agent as AiderAgent
from harness.models.base import Usage
from harness.models.fakeserver import FakeServer, Reply
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)
from tests.fixtures.products import as_openai, layer_images, run_product

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
DURATIONS = "py-duration-parse"
STUB = (SMOKE / DURATIONS / "workspace" / "durations.py").read_text()
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
U1 = Usage(input_tokens=3000, output_tokens=900, cache_write_tokens=12000)
U2 = Usage(input_tokens=400, output_tokens=700, cache_read_tokens=12000)
Images = dict[str, tuple[str, str]]

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def agent_images(docker_client: docker.DockerClient) -> Images:
    return layer_images(docker_client, AiderAgent())


def run_aider(server: FakeServer, tmp_path: Path, model: str, *extra: str) -> tuple[Any, dict[str, Any]]:
    return run_product(server, tmp_path, "aider", model, *extra, run_id="ai")


def edit_block(search: str, replace: str) -> str:
    return f"durations.py\n```python\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n```\n"


def solving_replies() -> list[Reply]:
    """A SEARCH that is not in the file (Aider answers with its no-match error), then the stub whole."""
    wrong = "def parse_duration(text):\n    return 0\n"
    return [
        Reply(content="Implementing parse_duration.\n\n" + edit_block(wrong, SOLUTION), usage=U1),
        Reply(content="The stub, exactly this time.\n\n" + edit_block(STUB, SOLUTION), usage=U2),
    ]


def text_of(message: dict[str, Any]) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") for b in content if isinstance(b, dict))


@pytest.mark.parametrize(
    "model",
    [
        "openai/gpt-4o-mini",  # passed through: Aider's own Chat Completions request
        "anthropic/claude-haiku-4-5",  # translated to Anthropic Messages
    ],
)
def test_aider_solves_a_smoke_task_through_the_gateway(
    agent_images: Images, tmp_path: Path, model: str
) -> None:
    replies = solving_replies()
    seen_as = (lambda u: u) if model.startswith("anthropic/") else as_openai
    expected = sum((seen_as(r.usage) for r in replies), Usage())
    with FakeServer() as server:
        server.push(*replies)
        proc, record = run_aider(server, tmp_path, model)
        requests = list(server.requests)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert record["status"] == "pass", record
    assert record["stop_reason"] == "done"
    assert record["agent_version"] == f"aider {AIDER.version}" == "aider 0.86.2"
    assert Usage(**record["usage"]) == expected
    assert record["turns"] == len(replies) == len(requests)
    # Graded is the agent's change alone: the file it edited, none of Aider's caches or histories.
    assert re.findall(r"^diff --git a/(\S+)", record["diff"], re.M) == ["durations.py"]

    first, second = requests[0].body, requests[1].body
    model_id = model.partition("/")[2]
    assert first["model"] == model_id
    # Aider's own prompt (its edit format), the file the instruction names added to the chat, and the
    # instruction itself.
    anthropic = model.startswith("anthropic/")
    system = json.dumps(first["system"]) if anthropic else text_of(first["messages"][0])
    assert "SEARCH/REPLACE" in system
    users = [text_of(m) for m in first["messages"] if m["role"] == "user"]
    assert any(STUB.strip() in u for u in users)
    assert any(u.startswith("# Compact durations") for u in users)
    # The second call carries Aider's own feedback on the block that did not match.
    feedback = [text_of(m) for m in second["messages"] if m["role"] == "user"][-1]
    assert "SearchReplaceNoExactMatch" in feedback, feedback

    t = json.loads((tmp_path / "results" / "ai" / record["transcript_path"]).read_text())
    assert t["agent"] == "aider" and t["exit_code"] == 0
    assert len(t["exchanges"]) == len(replies)
    # Aider was told the run's model (as an OpenAI-compatible one: openai/<id>).
    assert [e["request"]["model"] for e in t["exchanges"]] == [model_id] * len(replies)
    assert "harness-gateway" not in json.dumps(t["exchanges"])  # the agent's key, redacted
    assert "Applied edit to durations.py" in t["agent_stdout"], t["agent_stdout"][-3000:]
