"""The one retry policy, exercised through the real SDKs (their own retries are off)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from harness.models import retry
from harness.models.base import (
    Message,
    ModelAuthError,
    ModelNotFound,
    ModelRequestError,
    ModelSettings,
    ModelUnavailable,
)
from harness.models.fakeserver import Drop, Error, Hang, Reply

HI = [Message(role="user", content="hi")]


def test_sdk_retries_are_disabled(make_openai, make_anthropic):
    assert make_openai().client.max_retries == 0
    assert make_anthropic().client.max_retries == 0


def test_429_honours_retry_after(server, make_openai):
    server.push(Error(429, "Rate limit reached", headers={"Retry-After": "1"}), Reply(content="ok"))
    start = time.monotonic()
    reply = make_openai().complete(HI)
    elapsed = time.monotonic() - start
    assert reply.message.content == "ok"
    assert reply.attempts == 2
    assert len(server.requests) == 2
    assert elapsed >= 0.95  # backoff is scaled to ~0 in tests; only the header can explain this wait


def test_retry_after_is_capped(server, make_openai, monkeypatch):
    monkeypatch.setattr(retry, "MAX_RETRY_AFTER_S", 0.2)
    server.push(Error(429, headers={"Retry-After": "3600"}), Reply(content="ok"))
    start = time.monotonic()
    assert make_openai().complete(HI).message.content == "ok"
    assert 0.15 <= time.monotonic() - start < 3


def test_500_then_success(server, make_openai):
    server.push(Error(500, "The server had an error"), Error(503, "busy"), Reply(content="ok"))
    reply = make_openai().complete(HI)
    assert (reply.message.content, reply.attempts, len(server.requests)) == ("ok", 3, 3)


def test_dropped_connection_is_retried(server, make_openai):
    server.push(Drop(), Reply(content="ok"))
    reply = make_openai().complete(HI)
    assert (reply.message.content, reply.attempts) == ("ok", 2)


def test_hang_then_success(server, make_openai):
    server.push(Hang(5), Reply(content="ok"))
    reply = make_openai(timeout_s=0.3).complete(HI)
    assert (reply.message.content, reply.attempts) == ("ok", 2)


def test_every_attempt_hangs_gives_model_unavailable(server, make_openai):
    server.push(Hang(5), Hang(5), Hang(5))
    start = time.monotonic()
    with pytest.raises(ModelUnavailable, match="gave up after 3 attempt"):
        make_openai(timeout_s=0.3, max_retries=2).complete(HI)
    assert len(server.requests) == 3
    assert time.monotonic() - start < 4


def test_attempts_are_bounded(server, make_anthropic):
    server.push(*[Error(500)] * 10)
    with pytest.raises(ModelUnavailable) as info:
        make_anthropic(max_retries=2).complete(HI)
    assert info.value.retryable
    assert len(server.requests) == 3


def test_total_time_is_bounded(server, make_openai):
    # The next wait (1 s) would overrun the 0.5 s budget, so the policy gives up instead of sleeping.
    server.push(Error(429, headers={"Retry-After": "1"}), Reply(content="never"))
    start = time.monotonic()
    with pytest.raises(ModelUnavailable):
        make_openai(max_retry_time_s=0.5).complete(HI)
    assert time.monotonic() - start < 0.9
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [400, 403, 404, 413, 422])
def test_client_errors_are_raised_at_once(server, make_openai, status):
    server.push(Error(status, "no"), Reply(content="never"))
    # 404: the model does not exist, the provider's answer (an error, not a graded fail); not retried either.
    expected = {403: ModelAuthError, 404: ModelNotFound}.get(status, ModelRequestError)
    with pytest.raises(expected):
        make_openai().complete(HI)
    assert len(server.requests) == 1


def test_bad_key_is_raised_at_once(server, make_openai, make_anthropic):
    with pytest.raises(ModelAuthError):
        make_openai(api_key="bad").complete(HI)
    with pytest.raises(ModelAuthError):
        make_anthropic(api_key="bad").complete(HI)
    assert len(server.requests) == 2


def test_backoff_grows_with_jitter(monkeypatch):
    monkeypatch.setattr(retry, "BACKOFF_SCALE", 1.0)
    waits: list[float] = []
    failures = iter([ModelUnavailable("a"), ModelUnavailable("b"), ModelUnavailable("c")])

    def attempt() -> str:
        error = next(failures, None)
        if error:
            raise error
        return "ok"

    result, attempts = retry.call_with_retry(attempt, ModelSettings(max_retries=5), sleep=waits.append)
    assert (result, attempts) == ("ok", 4)
    assert [0.5 <= waits[0] <= 1, 1 <= waits[1] <= 2, 2 <= waits[2] <= 4] == [True] * 3


def test_non_retryable_errors_pass_through_untouched():
    calls: list[int] = []

    def attempt() -> None:
        calls.append(1)
        raise ModelRequestError("bad request")

    with pytest.raises(ModelRequestError, match="bad request"):
        retry.call_with_retry(attempt, ModelSettings(), sleep=lambda _: None)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "2"}, 2.0),
        ({"retry-after": "1.5", "retry-after-ms": "100"}, 0.1),
        ({"Retry-After": "soon"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_parse_retry_after(headers, expected):
    assert retry.parse_retry_after(headers) == expected


def test_parse_retry_after_http_date():
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry.parse_retry_after({"Retry-After": when}) or 0) <= 31
