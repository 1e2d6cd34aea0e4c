"""The one retry policy for every provider.

SDK clients are built with `max_retries=0` so this is the only place that decides whether and when to
retry: 408/409/429/5xx, timeouts and dropped connections are retried with jittered exponential backoff
(or exactly as long as a `Retry-After`/`retry-after-ms` header asks, capped), bounded both by attempts and
by total time. Other 4xx are raised at once.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pydantic
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_before_delay

from harness.models.base import (
    ModelAuthError,
    ModelDeadline,
    ModelError,
    ModelNotFound,
    ModelRequestError,
    ModelSettings,
    ModelUnavailable,
)

log = logging.getLogger("harness.models")

T = TypeVar("T")

# Tests shrink exponential backoff with this; Retry-After waits are deliberately not scaled so they
# stay honoured in tests too.
BACKOFF_SCALE = 1.0
BACKOFF_INITIAL_S = 1.0
BACKOFF_MAX_S = 60.0
# A server asking for minutes is better reported than obeyed inside one model call.
MAX_RETRY_AFTER_S = 60.0

# 408 and 409 are transient per both SDKs' own policies; 429 is rate limiting; 5xx incl. Anthropic's 529.
RETRYABLE_STATUS = frozenset({408, 409, 429})
AUTH_STATUS = frozenset({401, 402, 403})
# A call cut this close to the trial's deadline was cut by the deadline, not by the server.
DEADLINE_SLACK_S = 1.0


@dataclass
class CallScope:
    """What the trial tells every model call made on its behalf (set by `call_scope`): when its wall time
    ends, so no call outlives it, and where to record the errors calls ended with."""

    deadline: float | None = None  # time.monotonic() value
    faults: list[ModelError] = field(default_factory=list)

    def remaining_s(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()


_SCOPE: ContextVar[CallScope | None] = ContextVar("harness_model_call_scope", default=None)


@contextmanager
def call_scope(wall_time_s: float | None) -> Iterator[CallScope]:
    """Model calls in this block (same thread) time out by the end of `wall_time_s` at the latest."""
    scope = CallScope(deadline=None if wall_time_s is None else time.monotonic() + wall_time_s)
    token = _SCOPE.set(scope)
    try:
        yield scope
    finally:
        _SCOPE.reset(token)


def current_scope() -> CallScope | None:
    return _SCOPE.get()


def request_timeout(settings: ModelSettings) -> float:
    """This attempt's HTTP timeout: settings.timeout_s (--request-timeout), never past the trial's deadline."""
    scope = _SCOPE.get()
    remaining = scope.remaining_s() if scope is not None else None
    if remaining is None:
        return settings.timeout_s
    if remaining <= 0:
        raise ModelDeadline("the trial's wall time is used up; no model call made")
    return max(0.05, min(settings.timeout_s, remaining))


def invalid_body(exc: Exception | str) -> ModelUnavailable:
    """A 200 whose body is not the JSON the API promises (a proxy's HTML page, a truncated reply): as
    transient as a dropped connection."""
    detail = f"{type(exc).__name__}: {exc}" if isinstance(exc, Exception) else f"got {exc[:200]!r}"
    return ModelUnavailable(f"the server's reply is not valid JSON of the API: {detail}"[:500])


def check_parsed(reply: Any, field: str) -> None:
    """The SDKs hand back a non-JSON body (e.g. text/html) as a str instead of raising."""
    if isinstance(reply, str | bytes) or not hasattr(reply, field):
        raise invalid_body(reply if isinstance(reply, str) else type(reply).__name__)


# What the SDKs raise when a 200 body cannot be parsed.
BODY_ERRORS: tuple[type[Exception], ...] = (
    json.JSONDecodeError,
    pydantic.ValidationError,
    UnicodeDecodeError,
)


def parse_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds the server asked us to wait, from `retry-after-ms` or `retry-after` (seconds or HTTP date)."""
    if not headers:
        return None
    lower = {k.lower(): v for k, v in headers.items()}
    for header, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = lower.get(header)
        if value is None:
            continue
        try:
            return max(0.0, float(value) / divisor)
        except ValueError:
            pass
    value = lower.get("retry-after")
    if value:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, parsed.timestamp() - time.time())
    return None


def error_for_status(status: int, message: str, headers: Mapping[str, str] | None = None) -> ModelError:
    """Classify an HTTP error status from any provider into our error types."""
    text = f"HTTP {status}: {message}"
    if status in RETRYABLE_STATUS or status >= 500:
        return ModelUnavailable(text, retry_after_s=parse_retry_after(headers))
    if status in AUTH_STATUS:
        return ModelAuthError(text)
    if status == 404:
        return ModelNotFound(text)
    return ModelRequestError(text)


def translate_sdk_error(exc: Exception, sdk: Any) -> ModelError:
    """Map an exception of the `openai` or `anthropic` SDK (same class names in both) onto our errors;
    the retry policy reads their `.retryable`."""
    if isinstance(exc, sdk.APIStatusError):
        return error_for_status(exc.status_code, exc.message, exc.response.headers)
    if isinstance(exc, sdk.APITimeoutError):
        return ModelUnavailable(f"timed out: {exc}", error_kind="network")
    if isinstance(exc, sdk.APIConnectionError):
        return ModelUnavailable(f"connection failed: {exc}", error_kind="network")
    if isinstance(exc, sdk.APIResponseValidationError):
        return invalid_body(exc)
    return ModelError(f"{type(exc).__name__}: {exc}")


def _backoff(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    retry_after = getattr(exc, "retry_after_s", None)
    if retry_after is not None:
        return min(float(retry_after), MAX_RETRY_AFTER_S)
    # "Equal jitter": never near-zero (so we do back off), never in lockstep with other clients.
    ceiling = min(BACKOFF_MAX_S, BACKOFF_INITIAL_S * 2 ** (state.attempt_number - 1))
    return random.uniform(ceiling / 2, ceiling) * BACKOFF_SCALE


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.warning("model call failed (attempt %d): %s; retrying in %.1fs", state.attempt_number, exc, wait)


def _is_retryable(exc: BaseException) -> bool:
    return isinstance(exc, ModelError) and exc.retryable


def call_with_retry(
    attempt: Callable[[], T], settings: ModelSettings, *, sleep: Callable[[float], None] | None = None
) -> tuple[T, int]:
    """Run `attempt` (which raises ModelError subclasses) under the policy; return (result, attempts made).

    Exhausted retries raise ModelUnavailable naming the attempts, elapsed time and last error. Inside a
    `call_scope`, retries stop at the trial's deadline, a call cut by it raises ModelDeadline, and the error
    a call ends with is recorded in the scope (the trial classifies its error by it).
    """
    scope = _SCOPE.get()
    remaining = scope.remaining_s() if scope is not None else None
    retry_time = (
        settings.max_retry_time_s
        if remaining is None
        else max(0.0, min(settings.max_retry_time_s, remaining))
    )
    try:
        return _call_with_retry(attempt, settings, retry_time, sleep)
    except ModelError as exc:
        final = exc
        left = scope.remaining_s() if scope is not None else None
        if left is not None and left <= DEADLINE_SLACK_S and exc.retryable and exc.error_kind == "network":
            final = ModelDeadline(f"model call cut at the trial's wall time: {exc}")
        if scope is not None:
            scope.faults.append(final)
        if final is exc:
            raise
        raise final from exc


def _call_with_retry(
    attempt: Callable[[], T],
    settings: ModelSettings,
    retry_time: float,
    sleep: Callable[[float], None] | None,
) -> tuple[T, int]:
    retrying = Retrying(
        stop=stop_after_attempt(settings.max_retries + 1) | stop_before_delay(retry_time),
        wait=_backoff,
        retry=retry_if_exception(_is_retryable),
        before_sleep=_log_retry,
        sleep=sleep or time.sleep,
        reraise=True,
    )
    start = time.monotonic()
    attempts = 0

    def counted() -> T:
        nonlocal attempts
        attempts += 1
        return attempt()

    try:
        return retrying(counted), attempts
    except ModelUnavailable as exc:
        if not exc.retryable:
            raise
        elapsed = time.monotonic() - start
        raise ModelUnavailable(
            f"gave up after {attempts} attempt(s) in {elapsed:.1f}s: {exc}", error_kind=exc.error_kind
        ) from exc
