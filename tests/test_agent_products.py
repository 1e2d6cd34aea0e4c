"""Agent products in real Docker: Claude Code and Codex CLI, installed over the task's image, solve a
smoke task through the model gateway against the local FakeServer (reached through the real SDK's
HTTP, or passed through), with the fake answering in each agent's own tool vocabulary (Claude Code's
Write, Codex's exec_command). Checked: the verdict, tokens equal to what the fake reported, pass-through
and translation, a --max-cost cut, and that the container reaches nothing but the gateway."""

from __future__ import annotations

import base64
import json
import tempfile
from pathlib import Path
from typing import Any

import docker
import pytest

from harness.agents.base import AgentLimits
from harness.agents.installed import GATEWAY_MOUNT, RELAY_PORT, InstalledAgent, Product, start_relay
from harness.agents.products.claude_code import Agent as ClaudeCodeAgent
from harness.agents.products.codex import Agent as CodexAgent
from harness.errors import HarnessError
from harness.gateway.server import Gateway
from harness.models.base import ModelSettings, Usage
from harness.models.fake import FakeModel
from harness.models.fakeserver import FakeServer, FakeToolCall, Reply
from harness.sandbox.base import SandboxSpec
from harness.sandbox.docker import DockerSandbox
from tests.fixtures.cli import harness, trials
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)
from tests.fixtures.products import as_openai, layer_images, run_product

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
DURATIONS = "py-duration-parse"
SOLUTION = (SMOKE / DURATIONS / "solution" / "durations.py").read_text()
U1 = Usage(input_tokens=3000, output_tokens=900, cache_write_tokens=12000)
U2 = Usage(input_tokens=400, output_tokens=30, cache_read_tokens=12000)
Images = dict[str, tuple[str, str]]

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def agent_images(docker_client: docker.DockerClient) -> Images:
    return layer_images(docker_client, ClaudeCodeAgent(), CodexAgent())


def run_agent(
    server: FakeServer, tmp_path: Path, agent: str, model: str, *extra: str
) -> tuple[Any, dict[str, Any]]:
    return run_product(server, tmp_path, agent, model, *extra, run_id="cc")


def solving_replies(agent: str = "claude-code") -> list[Reply]:
    """Write the solution with the agent's own tools, then end the turn: Claude Code Reads the file
    first (its Write refuses a file it has not read), Codex runs exec_command."""
    done = Reply(content="Done.", usage=U2)
    if agent == "claude-code":
        path = "/workspace/durations.py"
        read = FakeToolCall("Read", {"file_path": path})
        write = FakeToolCall("Write", {"file_path": path, "content": SOLUTION})
        return [
            Reply(content="Reading durations.py.", tool_calls=[read], usage=U1),
            Reply(content="Writing it.", tool_calls=[write], usage=U1),
            done,
        ]
    encoded = base64.b64encode(SOLUTION.encode()).decode()
    write = FakeToolCall("exec_command", {"cmd": f"echo {encoded} | base64 -d > durations.py"})
    return [Reply(content="Writing durations.py.", tool_calls=[write], usage=U1), done]


def transcript(tmp_path: Path, record: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((tmp_path / "results" / "cc" / record["transcript_path"]).read_text())
    return data


@pytest.mark.parametrize(
    ("agent", "model"),
    [
        # Pass-through: the agent speaks its provider's protocol (Anthropic Messages; OpenAI Responses).
        ("claude-code", "anthropic/claude-haiku-4-5"),
        ("codex", "openai/gpt-5"),
        # Translated: Messages to Chat Completions; Responses to Messages.
        ("claude-code", "openai/gpt-4o-mini"),
        ("codex", "anthropic/claude-haiku-4-5"),
    ],
)
def test_an_agent_product_solves_a_smoke_task_through_the_gateway(
    agent_images: Images, tmp_path: Path, agent: str, model: str
) -> None:
    replies = solving_replies(agent)
    seen_as = (lambda u: u) if model.startswith("anthropic/") else as_openai
    expected = sum((seen_as(r.usage) for r in replies), Usage())
    with FakeServer() as server:
        server.push(*replies)
        proc, record = run_agent(server, tmp_path, agent, model)
        requests = list(server.requests)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert record["status"] == "pass", record
    assert record["stop_reason"] == "done"
    assert record["agent_version"] == {"claude-code": "claude-code 2.1.328", "codex": "codex 0.169.0"}[agent]
    # Exact metering: the tokens the fake reported, whatever the agent says about itself.
    assert Usage(**record["usage"]) == expected
    assert record["turns"] == len(replies) == len(requests)
    # What the provider saw came from the agent's own request: its tools, and the result of the call.
    first, second = requests[0].body, requests[-1].body
    tool_names = {t.get("name") or t.get("function", {}).get("name") for t in first["tools"]}
    assert {"claude-code": "Write", "codex": "exec_command"}[agent] in tool_names
    if model.startswith("anthropic/"):
        assert first["model"] == "claude-haiku-4-5"
        results = [
            b
            for m in second["messages"]
            for b in m["content"]
            if isinstance(b, dict) and b.get("type") == "tool_result"
        ]
        assert results, second["messages"][-1]
    elif agent == "codex":  # passed through: the Responses request itself
        assert first["model"] == "gpt-5" and first["stream"] is True
        assert any(i.get("type") == "function_call_output" for i in second["input"])
    else:
        assert second["messages"][-1]["role"] == "tool"
    t = transcript(tmp_path, record)
    assert t["agent"] == agent and len(t["exchanges"]) == len(replies)
    # The conversation, readable (results show, the web report): the task went in as a user turn.
    assert any(m["role"] == "user" and "Compact durations" in m["content"] for m in t["messages"])
    assert "harness-gateway" not in json.dumps(t["exchanges"])  # the agent's key, redacted
    # The agent's own log, beside the gateway's record of every exchange.
    last = json.loads(t["agent_stdout"].strip().splitlines()[-1])
    assert last["type"] == {"claude-code": "result", "codex": "turn.completed"}[agent]


def test_a_cost_limit_stops_claude_code_mid_task(agent_images: Images, tmp_path: Path) -> None:
    expensive = Usage(input_tokens=2_000_000, output_tokens=100)
    look = FakeToolCall("Bash", {"command": "ls", "description": "list files"})
    with FakeServer() as server:
        server.push(Reply(content="Looking first.", tool_calls=[look], usage=expensive), *solving_replies())
        proc, record = run_agent(
            server, tmp_path, "claude-code", "anthropic/claude-haiku-4-5", "--max-cost", "0.5"
        )
        asked = len(server.requests)
    assert record["stop_reason"] == "max_cost", record
    assert asked == 1  # the second call was refused at the gateway, never sent upstream
    # Graded as the agent left it (it never wrote the solution): a fail, not an error.
    assert record["status"] == "fail" and Usage(**record["usage"]) == expensive
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_agent_container_reaches_nothing_but_the_gateway(
    agent_images: Images, docker_client: docker.DockerClient
) -> None:
    agent = ClaudeCodeAgent()
    agent.ensure_images(docker_client, agent_images, print)
    model = FakeModel.from_name("fake/submit", ModelSettings())
    # The internet, the engine's bridge gateway, a private address, and a closed local port.
    probe = (
        "import json, socket\n"
        "def reach(host, port):\n"
        "    s = socket.socket(); s.settimeout(3)\n"
        "    try:\n"
        "        s.connect((host, port)); return 'reached'\n"
        "    except OSError as e:\n"
        "        return type(e).__name__\n"
        "targets = [('1.1.1.1', 443), ('172.17.0.1', 2375), ('10.0.0.1', 80), ('127.0.0.1', 22)]\n"
        "print(json.dumps({f'{h}:{p}': reach(h, p) for h, p in targets}))\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        spec = agent.sandbox_spec(SandboxSpec(image=agent_images["python"][0]), Path(folder))
        with (
            Gateway(model, AgentLimits(wall_time_s=60), Path(folder)) as gw,
            DockerSandbox(docker_client, spec) as sb,
        ):
            start_relay(sb, gw)
            outside = sb.exec(["python3", "-c", probe], timeout=60)
            assert outside.ok, outside.output
            reached = json.loads(outside.stdout)
            assert len(reached) == 4 and "reached" not in reached.values(), reached
            # The only interface is loopback, and the mounted folder holds only the gateway's socket.
            ifaces = sb.exec("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '", timeout=30).stdout.split()
            assert ifaces == ["lo"]
            assert sb.exec(f"ls -A {GATEWAY_MOUNT}", timeout=30).stdout.split() == ["gateway.sock"]
            models = sb.exec(
                f"python3 -c \"import urllib.request as u; print(u.urlopen('http://127.0.0.1:{RELAY_PORT}/v1/models').read().decode())\"",
                timeout=30,
            )
            assert models.ok and "fake/submit" in models.stdout, models.output


@pytest.mark.parametrize("agent", ["claude-code", "codex"])
def test_the_readme_example_model_drives_each_product_offline(
    docker_client: docker.DockerClient, tmp_path: Path, agent: str
) -> None:
    """The README's worked example: one scripted model, `fake/smoke-agents`, answers each product in
    its own vocabulary (here on a Node.js task, so the product is layered over a second image)."""
    results = tmp_path / "results"
    proc = harness(
        "run", "smoke", "--task", "node-template-fix", "--agent", agent, "--model", "fake/smoke-agents",
        "--run-id", "demo", "--results-dir", str(results), timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (record,) = trials(results, "demo")
    assert record["status"] == "pass" and record["stop_reason"] == "done", record
    # The script's turns for this task: look, (Claude Code: read,) write, done.
    assert record["cost_usd"] > 0 and record["turns"] == {"claude-code": 4, "codex": 3}[agent]


def test_an_agent_that_cannot_be_installed_says_so_in_one_line(
    docker_client: docker.DockerClient, agent_images: Images
) -> None:
    broken = Product(
        name="no-such-agent",
        version="0.0.1",
        protocol="openai-chat",
        install="FROM debian:bookworm-slim AS install\nRUN echo 'npm error 404 @nope/agent' && exit 1\n",
        command="true",
    )

    class Broken(InstalledAgent):
        product = broken

    with pytest.raises(HarnessError) as err:
        Broken().ensure_images(docker_client, {"python": agent_images["python"]}, print)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("cannot install no-such-agent 0.0.1 over harness-python:"), message
    assert "returned a non-zero code: 1" in message
