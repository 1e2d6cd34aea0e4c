"""The fake provider server itself: error formats the SDKs understand, recording, and clean shutdown."""

from __future__ import annotations

import time

import anthropic
import openai
import pytest

from harness.models.base import Message, ModelRequestError
from harness.models.fakeserver import Error, FakeServer, Hang, Reply

HI = [Message(role="user", content="hi")]


def test_openai_error_format_is_what_the_sdk_expects(server):
    client = openai.OpenAI(api_key=server.openai_key, base_url=server.openai_base_url, max_retries=0)
    server.push(
        Error(429, "Rate limit reached for gpt-4o-mini", headers={"x-ratelimit-remaining-requests": "0"})
    )
    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])
    assert info.value.code == "rate_limit_exceeded"
    assert info.value.message.endswith("Rate limit reached for gpt-4o-mini")
    assert info.value.response.headers["x-ratelimit-remaining-requests"] == "0"


def test_anthropic_error_format_is_what_the_sdk_expects(server):
    client = anthropic.Anthropic(
        api_key=server.anthropic_key, base_url=server.anthropic_base_url, max_retries=0
    )
    server.push(Error(529, "Overloaded"))
    with pytest.raises(anthropic.APIStatusError) as info:
        client.messages.create(
            model="claude-haiku-4-5", max_tokens=10, messages=[{"role": "user", "content": "hi"}]
        )
    assert info.value.status_code == 529
    assert info.value.body == {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
    }


def test_unscripted_request_fails_fast_without_retries(server, make_openai):
    with pytest.raises(ModelRequestError, match="no scripted response"):
        make_openai().complete(HI)
    assert len(server.requests) == 1


def test_queue_is_shared_and_served_in_order(server, make_openai, make_anthropic):
    server.push(Reply(content="first"), Reply(content="second"))
    assert make_anthropic().complete(HI).message.content == "first"
    assert make_openai().complete(HI).message.content == "second"
    assert [r.path for r in server.requests] == ["/v1/messages", "/v1/chat/completions"]
    assert server.pending == 0


def test_stop_does_not_wait_for_a_hanging_handler():
    with FakeServer() as srv:
        srv.push(Hang(60))
        client = openai.OpenAI(
            api_key=srv.openai_key, base_url=srv.openai_base_url, max_retries=0, timeout=0.2
        )
        with pytest.raises(openai.APITimeoutError):
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
        start = time.monotonic()
    assert time.monotonic() - start < 1
