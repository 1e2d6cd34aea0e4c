"""The one retry policy for every provider.

SDK clients are built with `max_retries=0` so this is the only place that decides whether and when to
retry: 408/409/429/5xx, timeouts and dropped connections are retried with jittered exponential backoff
(or exactly as long as a `Retry-After`/`retry-after-ms` header asks, capped), bounded both by attempts and
by total time. Other 4xx are raised at once.
"""

from __future__ import annotations

import email.utils
import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_before_delay

from harness.models.base import ModelAuthError, ModelError, ModelRequestError, ModelSettings, ModelUnavailable

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
    return ModelRequestError(text)


def translate_sdk_error(exc: Exception, sdk: Any) -> ModelError:
    """Map an exception of the `openai` or `anthropic` SDK (same class names in both) onto our errors;
    the retry policy reads their `.retryable`."""
    if isinstance(exc, sdk.APIStatusError):
        return error_for_status(exc.status_code, exc.message, exc.response.headers)
    if isinstance(exc, sdk.APITimeoutError):
        return ModelUnavailable(f"timed out: {exc}")
    if isinstance(exc, sdk.APIConnectionError):
        return ModelUnavailable(f"connection failed: {exc}")
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

    Exhausted retries raise ModelUnavailable naming the attempts, elapsed time and last error.
    """
    retrying = Retrying(
        stop=stop_after_attempt(settings.max_retries + 1) | stop_before_delay(settings.max_retry_time_s),
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
        elapsed = time.monotonic() - start
        raise ModelUnavailable(f"gave up after {attempts} attempt(s) in {elapsed:.1f}s: {exc}") from exc
