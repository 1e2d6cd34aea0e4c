"""Pass-through: when the agent speaks its provider's own protocol, its request goes upstream as sent
(only the model name and the key are the run's), and the reply comes back byte for byte, streamed as it
arrives, so prompt caching, thinking blocks and betas keep working. Usage is read from the reply on the
way (the JSON body's `usage`, or the SSE events that carry it) and metered like any other call."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx2

from harness.models.base import Message, ModelError, ModelResponse, ModelSettings, ModelUnavailable, Usage
from harness.models.retry import call_with_retry, error_for_status, request_timeout

# Headers of the agent's request that say what it speaks; everything else (its key above all) stays.
FORWARDED = ("anthropic-version", "anthropic-beta", "openai-beta", "content-type", "accept")


def _i(value: Any) -> int:
    return value if isinstance(value, int) else 0


def anthropic_usage(obj: dict[str, Any]) -> Usage | None:
    """From a Messages reply, or a `message_start` / `message_delta` event."""
    u = obj.get("usage")
    if obj.get("type") == "message_start":
        u = (obj.get("message") or {}).get("usage")
    if not isinstance(u, dict):
        return None
    return Usage(
        input_tokens=_i(u.get("input_tokens")),
        output_tokens=_i(u.get("output_tokens")),
        cache_read_tokens=_i(u.get("cache_read_input_tokens")),
        cache_write_tokens=_i(u.get("cache_creation_input_tokens")),
    )


def chat_usage(obj: dict[str, Any]) -> Usage | None:
    u = obj.get("usage")
    if not isinstance(u, dict):
        return None
    cached = _i((u.get("prompt_tokens_details") or {}).get("cached_tokens"))
    return Usage(
        input_tokens=max(_i(u.get("prompt_tokens")) - cached, 0),
        output_tokens=_i(u.get("completion_tokens")),
        cache_read_tokens=cached,
        reasoning_tokens=_i((u.get("completion_tokens_details") or {}).get("reasoning_tokens")),
    )


def responses_usage(obj: dict[str, Any]) -> Usage | None:
    if obj.get("type") in ("response.completed", "response.incomplete", "response.failed"):
        obj = obj.get("response") or {}
    u = obj.get("usage")
    if not isinstance(u, dict):
        return None
    cached = _i((u.get("input_tokens_details") or {}).get("cached_tokens"))
    return Usage(
        input_tokens=max(_i(u.get("input_tokens")) - cached, 0),
        output_tokens=_i(u.get("output_tokens")),
        cache_read_tokens=cached,
        reasoning_tokens=_i((u.get("output_tokens_details") or {}).get("reasoning_tokens")),
    )


def merge(seen: Usage, new: Usage) -> Usage:
    """Streams report usage cumulatively (Anthropic sends input at the start, output at the end):
    the largest value of each field is the call's."""
    return Usage(**{f: max(getattr(seen, f), getattr(new, f)) for f in Usage.model_fields})


USAGE: dict[str, Callable[[dict[str, Any]], Usage | None]] = {
    "anthropic": anthropic_usage,
    "openai-chat": chat_usage,
    "openai-responses": responses_usage,
}
PATHS = {"anthropic": "/v1/messages", "openai-chat": "/chat/completions", "openai-responses": "/responses"}


@dataclass
class Upstream:
    """Where the run's model lives, for one protocol it speaks natively."""

    protocol: str
    base_url: str
    api_key: str
    model_id: str
    settings: ModelSettings

    def url(self) -> str:
        return self.base_url.rstrip("/") + PATHS[self.protocol]

    def headers(self, agent_headers: dict[str, str]) -> dict[str, str]:
        out = {k: v for k, v in agent_headers.items() if k.lower() in FORWARDED}
        if self.protocol == "anthropic":
            out["x-api-key"] = self.api_key
            out.setdefault("anthropic-version", "2023-06-01")
        else:
            out["authorization"] = f"Bearer {self.api_key}"
        out["content-type"] = "application/json"
        return out


def upstreams(model: Any) -> dict[str, Upstream]:
    """The protocols `model` speaks natively, for pass-through (none for fake, replay or plug-ins)."""
    from harness.models.anthropic import AnthropicModel
    from harness.models.openai import OpenAIModel

    if isinstance(model, AnthropicModel):
        a = model.client
        return {
            "anthropic": Upstream(
                "anthropic", str(a.base_url), a.api_key or "", model.model_id, model.settings
            )
        }
    if isinstance(model, OpenAIModel):
        o = model.client
        base, key = str(o.base_url), o.api_key or ""
        out = {"openai-chat": Upstream("openai-chat", base, key, model.model_id, model.settings)}
        if model.provider == "openai":  # compatible servers do not all serve /responses
            out["openai-responses"] = Upstream("openai-responses", base, key, model.model_id, model.settings)
        return out
    return {}


class Forwarded:
    """One request sent upstream: `chunks()` yields the reply's bytes; `response()` is the metered
    call once they are all read."""

    def __init__(self, upstream: Upstream, body: dict[str, Any], agent_headers: dict[str, str]) -> None:
        self.up = upstream
        self.body = {**body, "model": upstream.model_id}
        if upstream.protocol == "openai-chat" and body.get("stream"):
            # Without it a streamed Chat Completion carries no usage to meter.
            self.body["stream_options"] = {**(body.get("stream_options") or {}), "include_usage": True}
        self.headers = upstream.headers(agent_headers)
        self.usage = Usage()
        self.raw = bytearray()
        self.status = 0
        self.content_type = "application/json"
        self.started = time.monotonic()
        self._client = httpx2.Client(timeout=None)
        self._resp: Any = None
        self.attempts = 1

    def open(self) -> None:
        """Send the request (with the provider layer's retries); raises ModelError when it fails for
        good. A 4xx other than auth, 404 and 429 is not raised: it is the agent's to read."""

        def attempt() -> Any:
            req = self._client.build_request(
                "POST", self.up.url(), json=self.body, headers=self.headers,
                timeout=request_timeout(self.up.settings),
            )  # fmt: skip
            try:
                resp = self._client.send(req, stream=True)
            except httpx2.TimeoutException as exc:
                raise ModelUnavailable(f"timed out: {exc}", error_kind="network") from exc
            except httpx2.HTTPError as exc:
                raise ModelUnavailable(f"connection failed: {exc}", error_kind="network") from exc
            if resp.status_code >= 400:
                text = resp.read().decode("utf-8", "replace")[:2000]
                err = error_for_status(resp.status_code, text, resp.headers)
                if err.retryable or err.error_kind == "model_auth" or resp.status_code == 404:
                    resp.close()
                    raise err
            return resp

        self._resp, self.attempts = call_with_retry(attempt, self.up.settings)
        self.status = self._resp.status_code
        self.content_type = self._resp.headers.get("content-type", "application/json")

    def chunks(self) -> Iterator[bytes]:
        parse = USAGE[self.up.protocol]
        sse = self.content_type.startswith("text/event-stream")
        pending = bytearray()  # SSE: the line not yet ended; JSON: the whole body
        try:
            # A 4xx reply was read whole already, to classify it.
            body = [self._resp.content] if self._resp.is_stream_consumed else self._resp.iter_bytes()
            for chunk in body:
                self.raw += chunk[: max(0, (256 << 10) - len(self.raw))]  # for the transcript
                pending += chunk
                if sse:
                    *lines, rest = bytes(pending).split(b"\n")
                    pending = bytearray(rest)
                    for line in lines:
                        self._scan(line, parse)
                yield chunk
            self._scan(bytes(pending) if sse else b"data: " + bytes(pending), parse)
        except httpx2.HTTPError as exc:
            raise ModelUnavailable(f"the provider's stream broke: {exc}", error_kind="network") from exc
        finally:
            self._resp.close()
            self._client.close()

    def _scan(self, line: bytes, parse: Callable[[dict[str, Any]], Usage | None]) -> None:
        if not line.startswith(b"data:"):
            return
        try:
            obj = json.loads(line[5:].strip() or b"null")
        except ValueError:
            return
        if isinstance(obj, dict):
            found = parse(obj)
            if found is not None:
                self.usage = merge(self.usage, found)

    def response(self) -> ModelResponse:
        return ModelResponse(
            message=Message(role="assistant", content=f"(passed through: HTTP {self.status})"),
            usage=self.usage,
            latency_s=time.monotonic() - self.started,
            finish_reason="passthrough",
            model=self.up.model_id,
            attempts=self.attempts,
        )


__all__ = ["Forwarded", "ModelError", "Upstream", "upstreams"]
