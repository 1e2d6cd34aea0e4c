"""AnthropicModel through the real anthropic SDK against the local fake server."""

from __future__ import annotations

import time

import pytest

from harness.models.base import Message, ModelAuthError, ModelRequestError, ToolCall, ToolSpec
from harness.models.fakeserver import Error, FakeToolCall, Reply
from harness.models.pricing import cost_usd

BASH = ToolSpec(
    name="bash",
    description="Run a shell command.",
    parameters={"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]},
)
SUBMIT = ToolSpec(name="submit", description="Finish.")
EPHEMERAL = {"type": "ephemeral"}
CONVERSATION = [Message(role="system", content="You are terse."), Message(role="user", content="List files.")]


def test_tool_use_round_trip_and_prompt_caching(server, make_anthropic):
    model = make_anthropic()
    server.push(Reply(content="Looking.", tool_calls=[FakeToolCall("bash", {"command": "ls"}, id="toolu_1")]))

    reply = model.complete(CONVERSATION, [BASH, SUBMIT])

    sent = server.requests[0]
    assert sent.path == "/v1/messages"
    assert server.anthropic_key in (sent.headers.get("x-api-key"), sent.headers.get("authorization", "")[7:])
    assert "anthropic-version" in sent.headers
    body = sent.body
    assert body["model"] == "claude-haiku-4-5"
    assert body["max_tokens"] == 4096  # required by the API; our default when unset
    assert body["system"] == [{"type": "text", "text": "You are terse.", "cache_control": EPHEMERAL}]
    assert body["messages"] == [{"role": "user", "content": [{"type": "text", "text": "List files."}]}]
    assert body["tools"] == [
        {"name": "bash", "description": "Run a shell command.", "input_schema": BASH.parameters},
        {
            "name": "submit",
            "description": "Finish.",
            "input_schema": SUBMIT.parameters,
            "cache_control": EPHEMERAL,
        },
    ]

    assert reply.message.content == "Looking."
    assert reply.message.tool_calls == [ToolCall(id="toolu_1", name="bash", arguments={"command": "ls"})]
    assert reply.finish_reason == "tool_calls"


def test_consecutive_tool_results_merge_into_one_user_message(server, make_anthropic):
    model = make_anthropic()
    calls = [ToolCall(id="t1", name="bash", arguments={"command": "ls"}), ToolCall(id="t2", name="submit")]
    history = [
        *CONVERSATION,
        Message(role="assistant", content="", tool_calls=calls),
        Message(role="tool", tool_call_id="t1", content="a.txt"),
        Message(role="tool", tool_call_id="t2", content="submitted"),
        Message(role="user", content="Anything else?"),
    ]
    server.push(Reply(content="No."))
    reply = model.complete(history, [BASH, SUBMIT])

    messages = server.requests[0].body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"] == [
        {"type": "tool_use", "id": "t1", "name": "bash", "input": {"command": "ls"}},
        {"type": "tool_use", "id": "t2", "name": "submit", "input": {}},
    ]
    assert messages[2]["content"] == [
        {"type": "tool_result", "tool_use_id": "t1", "content": "a.txt"},
        {"type": "tool_result", "tool_use_id": "t2", "content": "submitted"},
        {"type": "text", "text": "Anything else?"},
    ]
    assert reply.finish_reason == "stop"


def test_usage_fields_map_and_cost(server, make_anthropic):
    wire_usage = {
        "input_tokens": 50,
        "cache_creation_input_tokens": 2000,
        "cache_read_input_tokens": 8000,
        "output_tokens": 400,
        "service_tier": "standard",
    }
    server.push(Reply(content="hi", usage=wire_usage))
    model = make_anthropic()
    usage = model.complete(CONVERSATION).usage
    assert usage.input_tokens == 50  # Anthropic already excludes cache reads/writes from input_tokens
    assert usage.cache_write_tokens == 2000
    assert usage.cache_read_tokens == 8000
    assert usage.output_tokens == 400
    assert usage.reasoning_tokens == 0
    # claude-haiku-4-5: $1 in, $5 out, $0.10 cache read, $1.25 cache write per million tokens
    expected = (50 * 1 + 400 * 5 + 8000 * 0.10 + 2000 * 1.25) / 1_000_000
    assert cost_usd(model.name, usage) == pytest.approx(expected)


def test_settings_reach_the_request(server, make_anthropic):
    server.push(Reply(content="ok"))
    make_anthropic(
        temperature=0.0, max_output_tokens=1000, reasoning_effort="high", extra_body={"top_k": 5}
    ).complete([Message(role="user", content="hi")])
    body = server.requests[0].body
    assert (body["temperature"], body["max_tokens"], body["top_k"]) == (0.0, 1000, 5)
    assert body["output_config"] == {"effort": "high"}
    assert "system" not in body and "tools" not in body


def test_stop_reasons_are_normalised(server, make_anthropic):
    server.push(Reply(content="cut", finish_reason="max_tokens"))
    assert make_anthropic().complete(CONVERSATION).finish_reason == "length"


def test_bad_key_fails_fast(server, make_anthropic):
    with pytest.raises(ModelAuthError, match="401"):
        make_anthropic(api_key="sk-ant-wrong").complete(CONVERSATION)
    assert len(server.requests) == 1


def test_request_too_large_is_not_retried(server, make_anthropic):
    server.push(Error(413, "Request exceeds the maximum allowed number of bytes."))
    with pytest.raises(ModelRequestError, match="413"):
        make_anthropic().complete(CONVERSATION)
    assert len(server.requests) == 1


def test_overloaded_then_rate_limited_then_success(server, make_anthropic):
    server.push(Error(529, "Overloaded"), Error(429, headers={"retry-after-ms": "200"}), Reply(content="ok"))
    start = time.monotonic()
    reply = make_anthropic().complete(CONVERSATION)
    assert reply.message.content == "ok"
    assert reply.attempts == 3
    assert time.monotonic() - start >= 0.18
