"""The model gateway, driven by the real `anthropic` and `openai` SDKs over its unix socket: the three
wire protocols (streaming included), translation to a provider of another protocol, pass-through to a
provider of the same one (the local FakeServer, through the real SDK's HTTP), exact metering, limits,
provider faults, key redaction and the WebSocket refusal."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anthropic
import httpx2
import openai
import pytest

from harness.agents.base import AgentLimits
from harness.gateway.server import Gateway
from harness.models import retry
from harness.models.anthropic import AnthropicModel
from harness.models.base import ModelSettings, Usage
from harness.models.fakeserver import Error, FakeServer, FakeToolCall, Reply
from harness.models.openai import OpenAIModel
from harness.models.pricing import cost_usd
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: loopback only)

TOOLS = [
    {
        "name": "Bash",
        "description": "run",
        "input_schema": {"type": "object", "properties": {"command": {"type": "string"}}},
    }
]
U1 = Usage(input_tokens=1200, output_tokens=80, cache_read_tokens=3000, cache_write_tokens=500)
U2 = Usage(input_tokens=300, output_tokens=20, cache_read_tokens=4200)


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "BACKOFF_SCALE", 0.001)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def anthropic_model(server: FakeServer) -> AnthropicModel:
    settings = ModelSettings(max_retries=2)
    return AnthropicModel(
        "anthropic/claude-haiku-4-5",
        settings,
        api_key=server.anthropic_key,
        base_url=server.anthropic_base_url,
    )


def openai_model(server: FakeServer, name: str = "openai/gpt-4o-mini") -> OpenAIModel:
    settings = ModelSettings(max_retries=2)
    return OpenAIModel(name, settings, api_key=server.openai_key, base_url=server.openai_base_url)


def clients(gw: Gateway) -> tuple[anthropic.Anthropic, openai.OpenAI]:
    http = httpx2.Client(transport=httpx2.HTTPTransport(uds=str(gw.socket_path)))
    # The agent's own key: the gateway never sends it anywhere.
    a = anthropic.Anthropic(
        api_key="agent-key-123", base_url="http://gateway", http_client=http, max_retries=0
    )
    o = openai.OpenAI(api_key="agent-key-456", base_url="http://gateway/v1", http_client=http, max_retries=0)
    return a, o


def gateway(model: Any, tmp_path: Path, **limits: Any) -> Gateway:
    return Gateway(model, AgentLimits(wall_time_s=60, **limits), tmp_path / "gw")


def script(server: FakeServer) -> None:
    server.push(
        Reply(content="Looking.", tool_calls=[FakeToolCall("Bash", {"command": "ls"})], usage=U1),
        Reply(content="Done.", usage=U2),
    )


# -- translation: every protocol the agent may speak, to a provider of another ------------------------------


def test_anthropic_agent_on_an_openai_provider_is_translated_streaming_included(
    server: FakeServer, tmp_path: Path
) -> None:
    script(server)
    with gateway(openai_model(server), tmp_path) as gw:
        a, _ = clients(gw)
        first = a.messages.create(
            model="claude-x", max_tokens=100, messages=[{"role": "user", "content": "hi"}], tools=TOOLS
        )  # type: ignore[arg-type]
        tool_use = next(b for b in first.content if b.type == "tool_use")
        assert (tool_use.name, tool_use.input) == ("Bash", {"command": "ls"})
        assert first.stop_reason == "tool_use"
        history = [
            {"role": "user", "content": "hi"},
            {
                "role": "assistant",
                "content": [
                    {"type": "tool_use", "id": tool_use.id, "name": "Bash", "input": {"command": "ls"}}
                ],
            },
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": tool_use.id, "content": "a.txt"}],
            },
        ]
        with a.messages.stream(model="claude-x", max_tokens=100, messages=history, tools=TOOLS) as s:  # type: ignore[arg-type]
            final = s.get_final_message()
        assert [b.text for b in final.content if b.type == "text"] == ["Done."]
        assert final.stop_reason == "end_turn"
        assert (
            final.usage.input_tokens == U2.input_tokens
            and final.usage.cache_read_input_tokens == U2.cache_read_tokens
        )
    # What the provider saw: Chat Completions, the tool result answering the call it made.
    sent = server.requests[1].body
    assert sent["messages"][-1] == {"role": "tool", "tool_call_id": tool_use.id, "content": "a.txt"}
    assert sent["tools"][0]["function"]["name"] == "Bash"
    # Exact metering: what the provider reported, as its own agents would count it.
    expected = Usage(input_tokens=1200 + 500, output_tokens=80, cache_read_tokens=3000) + U2
    assert gw.meter.usage == expected
    assert gw.meter.turns == 2
    assert gw.meter.cost == pytest.approx(cost_usd("openai/gpt-4o-mini", expected))


def test_openai_chat_and_responses_agents_on_an_anthropic_provider(
    server: FakeServer, tmp_path: Path
) -> None:
    script(server)
    script(server)
    with gateway(anthropic_model(server), tmp_path, max_turns=10) as gw:
        gw.upstreams = {}  # translate even the Anthropic-speaking path (none is used here)
        _, o = clients(gw)
        chunks = list(
            o.chat.completions.create(
                model="gpt-x",
                messages=[{"role": "user", "content": "hi"}],
                stream=True,
                stream_options={"include_usage": True},
                tools=[
                    {
                        "type": "function",
                        "function": {"name": "Bash", "parameters": {"type": "object", "properties": {}}},
                    }
                ],
            )
        )
        calls = [tc for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or [])]
        assert calls[0].function.name == "Bash" and json.loads(calls[0].function.arguments) == {
            "command": "ls"
        }
        usage = next(c.usage for c in chunks if c.usage)
        assert usage.prompt_tokens == U1.prompt_tokens and usage.completion_tokens == U1.output_tokens
        done = o.chat.completions.create(
            model="gpt-x",
            messages=[
                {"role": "user", "content": "hi"},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": calls[0].id,
                            "type": "function",
                            "function": {"name": "Bash", "arguments": "{}"},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": calls[0].id, "content": "ok"},
            ],
        )
        assert done.choices[0].message.content == "Done."
        events = list(
            o.responses.create(
                model="gpt-x",
                input="hi",
                stream=True,
                tools=[
                    {
                        "type": "function",
                        "name": "Bash",
                        "parameters": {"type": "object", "properties": {}},
                        "strict": False,
                    }
                ],
            )
        )
        completed = events[-1]
        assert completed.type == "response.completed"
        item = completed.response.output[-1]
        assert item.type == "function_call" and item.name == "Bash"
        assert completed.response.usage.input_tokens == U1.prompt_tokens
        second = o.responses.create(
            model="gpt-x",
            input=[
                {"role": "user", "content": "hi"},
                {"type": "function_call", "call_id": item.call_id, "name": "Bash", "arguments": "{}"},
                {"type": "function_call_output", "call_id": item.call_id, "output": "ok"},
            ],
        )
        assert second.output_text == "Done."
    # The Anthropic provider got tool results in its own shape.
    last = server.requests[-1].body["messages"]
    assert (
        last[-1]["content"][0]["type"] == "tool_result"
        and last[-1]["content"][0]["tool_use_id"] == item.call_id
    )
    assert gw.meter.turns == 4 and gw.meter.usage == U1 + U2 + U1 + U2


# -- pass-through: same protocol on both sides --------------------------------------------------------------


def test_anthropic_pass_through_keeps_the_request_and_streams_the_reply_unchanged(
    server: FakeServer, tmp_path: Path
) -> None:
    script(server)
    with gateway(anthropic_model(server), tmp_path) as gw:
        a, _ = clients(gw)
        body: dict[str, Any] = {
            "model": "claude-whatever-the-agent-says",
            "max_tokens": 100,
            "system": [{"type": "text", "text": "sys", "cache_control": {"type": "ephemeral"}}],
            "messages": [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "hi", "cache_control": {"type": "ephemeral"}}],
                }
            ],
            "tools": TOOLS,
            "thinking": {"type": "enabled", "budget_tokens": 1024},
        }
        with a.messages.stream(
            **body, extra_headers={"anthropic-beta": "interleaved-thinking-2025-05-14"}
        ) as s:
            final = s.get_final_message()
        assert final.stop_reason == "tool_use"
        assert final.usage.cache_creation_input_tokens == U1.cache_write_tokens
    got = server.requests[0]
    # Unchanged but for the run's model, and the run's key instead of the agent's.
    expected = {**body, "model": "claude-haiku-4-5", "stream": True}
    assert got.body == expected
    assert got.headers["anthropic-beta"] == "interleaved-thinking-2025-05-14"
    assert got.headers["x-api-key"] == server.anthropic_key
    assert "agent-key-123" not in json.dumps(got.headers)
    assert gw.meter.usage == U1 and gw.meter.turns == 1
    assert gw.meter.cost == pytest.approx(cost_usd("anthropic/claude-haiku-4-5", U1))
    (entry,) = gw.exchanges
    assert entry["passthrough"] and "agent-key-123" not in json.dumps(entry)
    assert "[redacted]" in (entry["headers"].get("x-api-key"), entry["headers"].get("authorization"))
    assert "event: message_stop" in entry["response_raw"]


def test_openai_pass_through_meters_a_stream_that_did_not_ask_for_usage(
    server: FakeServer, tmp_path: Path
) -> None:
    server.push(Reply(content="hello", usage=U2))
    with gateway(openai_model(server), tmp_path) as gw:
        _, o = clients(gw)
        text = "".join(
            c.choices[0].delta.content or ""
            for c in o.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}], stream=True
            )
            if c.choices
        )
    assert text == "hello"
    assert server.requests[0].body["model"] == "gpt-4o-mini"
    assert gw.meter.usage == U2


# -- limits, faults ------------------------------------------------------------------------------------------


def test_a_turn_limit_refuses_the_next_call_and_says_why(server: FakeServer, tmp_path: Path) -> None:
    script(server)
    with gateway(anthropic_model(server), tmp_path, max_turns=1) as gw:
        a, _ = clients(gw)
        a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
        with pytest.raises(anthropic.BadRequestError, match="max_turns limit reached"):
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "again"}])
    assert gw.stop_reason == "max_turns" and gw.fault is None
    assert len(server.requests) == 1 and server.pending == 1  # the refused call never went upstream
    assert gw.meter.usage == U1  # a whole (not streamed) reply passed through is metered from its body


def test_a_cost_limit_cuts_after_the_call_that_crossed_it(server: FakeServer, tmp_path: Path) -> None:
    big = Usage(input_tokens=2_000_000, output_tokens=10)
    server.push(Reply(content="one", usage=big), Reply(content="two"))
    with gateway(openai_model(server), tmp_path, max_cost_usd=0.01) as gw:
        gw.upstreams = {}
        a, _ = clients(gw)
        a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
        with pytest.raises(anthropic.BadRequestError, match="max_cost limit reached"):
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "again"}])
    assert gw.stop_reason == "max_cost"
    assert gw.meter.cost == pytest.approx(cost_usd("openai/gpt-4o-mini", big))


@pytest.mark.parametrize("passthrough", [True, False])
def test_a_provider_outage_is_a_fault_not_the_agents_failure(
    server: FakeServer, tmp_path: Path, passthrough: bool
) -> None:
    server.push(*[Error(503, "overloaded")] * 3)
    with gateway(anthropic_model(server), tmp_path) as gw:
        if not passthrough:
            gw.upstreams = {}
        a, _ = clients(gw)
        with pytest.raises(anthropic.APIStatusError) as err:
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
        assert err.value.status_code == 503
        # Every later call is refused at once: the trial is over, and it is an error, not a fail.
        with pytest.raises(anthropic.APIStatusError, match="provider failed earlier"):
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    assert gw.fault is not None and gw.fault.error_kind == "model"
    assert len(server.requests) == 3  # the provider layer's retries (max_retries=2), then no more


def test_a_request_the_provider_refuses_goes_back_to_the_agent(server: FakeServer, tmp_path: Path) -> None:
    server.push(Error(400, "prompt is too long"), Reply(content="ok"))
    with gateway(anthropic_model(server), tmp_path) as gw:
        a, _ = clients(gw)
        with pytest.raises(anthropic.BadRequestError, match="prompt is too long"):
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}])
        assert (
            a.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": "short"}])
            .content[0]
            .text
            == "ok"
        )  # type: ignore[union-attr]
    assert gw.fault is None and gw.stop_reason is None


def test_websocket_upgrade_is_refused_at_once_and_count_tokens_is_answered(
    server: FakeServer, tmp_path: Path
) -> None:
    with gateway(anthropic_model(server), tmp_path) as gw:
        s = socket.socket(socket.AF_UNIX)
        s.connect(str(gw.socket_path))
        s.sendall(
            b"GET /v1/responses HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        )
        status = s.recv(200).split(b"\r\n")[0]
        s.close()
        assert status == b"HTTP/1.1 426 Upgrade Required"
        a, _ = clients(gw)
        count = a.messages.count_tokens(model="c", messages=[{"role": "user", "content": "x" * 400}])
        assert count.input_tokens >= 100
    assert gw.meter.turns == 0 and not server.requests  # neither is a model call


def test_pass_through_calls_may_run_at_the_same_time(server: FakeServer, tmp_path: Path) -> None:
    """Agents make concurrent calls (subagents, side questions): each passes through and is metered."""
    import threading

    server.push(*[Reply(content=f"answer {i}", usage=U2) for i in range(6)])
    with gateway(anthropic_model(server), tmp_path) as gw:
        a, _ = clients(gw)
        texts: list[str] = []

        def ask() -> None:
            with a.messages.stream(
                model="c", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
            ) as s:
                texts.append(s.get_final_message().content[0].text)  # type: ignore[union-attr]

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    assert sorted(texts) == [f"answer {i}" for i in range(6)]
    assert gw.meter.turns == 6 and gw.meter.usage == sum([U2] * 6, Usage()) and gw.fault is None
