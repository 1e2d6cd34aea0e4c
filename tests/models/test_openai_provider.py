"""OpenAIModel through the real openai SDK against the local fake server."""

from __future__ import annotations

import pytest

from harness.models.base import Message, ModelAuthError, ModelRequestError, ToolCall, ToolSpec, Usage
from harness.models.fakeserver import Error, FakeToolCall, Reply

BASH = ToolSpec(
    name="bash",
    description="Run a shell command.",
    parameters={"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]},
)
SUBMIT = ToolSpec(name="submit", description="Finish.")
CONVERSATION = [Message(role="system", content="You are terse."), Message(role="user", content="List files.")]


def test_tool_call_round_trip(server, make_openai):
    model = make_openai()
    server.push(
        Reply(content="Let me look.", tool_calls=[FakeToolCall("bash", {"command": "ls -la"}, id="call_1")])
    )

    reply = model.complete(CONVERSATION, [BASH, SUBMIT])

    sent = server.requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == f"Bearer {server.openai_key}"
    assert sent.body["model"] == "gpt-4o-mini"
    assert sent.body["messages"] == [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "List files."},
    ]
    assert sent.body["tools"][0] == {
        "type": "function",
        "function": {"name": "bash", "description": "Run a shell command.", "parameters": BASH.parameters},
    }
    assert sent.body["tools"][1]["function"]["name"] == "submit"

    assert reply.message.role == "assistant"
    assert reply.message.content == "Let me look."
    [call] = reply.message.tool_calls
    assert call == ToolCall(id="call_1", name="bash", arguments={"command": "ls -la"})
    assert reply.finish_reason == "tool_calls"
    assert reply.model == "gpt-4o-mini"
    assert reply.latency_s > 0

    server.push(Reply(content="Two files."))
    history = [
        *CONVERSATION,
        reply.message,
        Message(role="tool", tool_call_id="call_1", name="bash", content="a\nb"),
    ]
    final = model.complete(history, [BASH, SUBMIT])

    messages = server.requests[1].body["messages"]
    assert messages[2] == {
        "role": "assistant",
        "content": "Let me look.",
        "tool_calls": [
            {
                "id": "call_1",
                "type": "function",
                "function": {"name": "bash", "arguments": '{"command": "ls -la"}'},
            }
        ],
    }
    assert messages[3] == {"role": "tool", "tool_call_id": "call_1", "content": "a\nb"}
    assert final.message.content == "Two files."
    assert final.message.tool_calls == []
    assert final.finish_reason == "stop"


def test_tool_only_assistant_turn_sends_null_content(server, make_openai):
    model = make_openai()
    server.push(Reply(tool_calls=[FakeToolCall("submit", {}, id="c")]), Reply(content="ok"))
    first = model.complete(CONVERSATION, [SUBMIT])
    model.complete([*CONVERSATION, first.message, Message(role="tool", tool_call_id="c", content="done")])
    assert server.requests[1].body["messages"][2]["content"] is None
    assert "tools" not in server.requests[1].body


def test_usage_fields_map(server, make_openai):
    wire_usage = {
        "prompt_tokens": 1200,
        "completion_tokens": 300,
        "total_tokens": 1500,
        "prompt_tokens_details": {"cached_tokens": 1000, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 120, "audio_tokens": 0},
    }
    server.push(Reply(content="hi", usage=wire_usage))
    usage = make_openai().complete(CONVERSATION).usage
    assert usage.input_tokens == 200  # prompt minus cached: only these are billed at the input price
    assert usage.cache_read_tokens == 1000
    assert usage.cache_write_tokens == 0
    assert usage.output_tokens == 300
    assert usage.reasoning_tokens == 120
    assert usage.prompt_tokens == 1200


def test_usage_without_details_from_local_servers(server, make_openai):
    server.push(Reply(content="hi", usage={"prompt_tokens": 40, "completion_tokens": 7, "total_tokens": 47}))
    usage = make_openai("ollama/qwen2.5-coder").complete(CONVERSATION).usage
    assert usage == Usage(input_tokens=40, output_tokens=7)


def test_settings_reach_the_request(server, make_openai):
    server.push(Reply(content="a"), Reply(content="b"))
    make_openai(
        temperature=0.2, max_output_tokens=512, reasoning_effort="low", extra_body={"seed": 7, "top_k": 3}
    ).complete(CONVERSATION)
    body = server.requests[0].body
    assert body["temperature"] == 0.2
    assert body["max_completion_tokens"] == 512  # OpenAI's reasoning models reject max_tokens
    assert "max_tokens" not in body
    assert body["reasoning_effort"] == "low"
    assert (body["seed"], body["top_k"]) == (7, 3)

    make_openai("vllm/qwen", max_output_tokens=256).complete(CONVERSATION)
    body = server.requests[1].body
    assert body["max_tokens"] == 256  # local servers know max_tokens best
    assert body["model"] == "qwen"
    assert not {"temperature", "reasoning_effort", "max_completion_tokens"} & set(body)


@pytest.mark.parametrize(
    ("raw", "why"),
    [('{"command": "ls"', "invalid JSON"), ("[1, 2]", "must be a JSON object"), ("nope", "invalid JSON")],
)
def test_malformed_arguments_become_parse_error(server, make_openai, raw, why):
    server.push(Reply(tool_calls=[FakeToolCall("bash", raw, id="bad")]))
    [call] = make_openai().complete(CONVERSATION, [BASH]).message.tool_calls
    assert call.arguments == {}
    assert call.raw_arguments == raw
    assert call.parse_error is not None and why in call.parse_error


def test_malformed_arguments_are_echoed_verbatim(server, make_openai):
    model = make_openai()
    server.push(Reply(tool_calls=[FakeToolCall("bash", '{"command": ', id="bad")]), Reply(content="sorry"))
    first = model.complete(CONVERSATION, [BASH])
    error_note = Message(role="tool", tool_call_id="bad", content="error: arguments are not valid JSON")
    model.complete([*CONVERSATION, first.message, error_note], [BASH])
    sent_call = server.requests[1].body["messages"][2]["tool_calls"][0]
    assert sent_call["function"]["arguments"] == '{"command": '


def test_empty_arguments_are_an_empty_object(server, make_openai):
    server.push(Reply(tool_calls=[FakeToolCall("submit", "", id="s")]))
    [call] = make_openai().complete(CONVERSATION, [SUBMIT]).message.tool_calls
    assert (call.arguments, call.parse_error) == ({}, None)


def test_bad_key_fails_fast(server, make_openai):
    with pytest.raises(ModelAuthError, match="401"):
        make_openai(api_key="sk-wrong").complete(CONVERSATION)
    assert len(server.requests) == 1


def test_context_too_long_is_a_request_error(server, make_openai):
    server.push(
        Error(400, "This model's maximum context length is 128000 tokens.", type="invalid_request_error")
    )
    with pytest.raises(ModelRequestError, match="maximum context length"):
        make_openai().complete(CONVERSATION)
    assert len(server.requests) == 1
