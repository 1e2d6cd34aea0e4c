"""Anthropic Messages API via the `anthropic` SDK, with tool use and prompt caching."""

from __future__ import annotations

import os
import time
from typing import Any

import anthropic

from harness.models.base import (
    Message,
    ModelAuthError,
    ModelError,
    ModelNotFound,
    ModelResponse,
    ModelSettings,
    ToolCall,
    ToolSpec,
    Usage,
)
from harness.models.retry import (
    BODY_ERRORS,
    call_with_retry,
    check_parsed,
    invalid_body,
    request_timeout,
    translate_sdk_error,
)

KEY_ENV = "ANTHROPIC_API_KEY"
DEFAULT_BASE_URL = "https://api.anthropic.com"
# The API requires max_tokens; 4096 fits every current model's output limit.
DEFAULT_MAX_TOKENS = 4096
EPHEMERAL = {"type": "ephemeral"}

FINISH_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "tool_use": "tool_calls",
    "max_tokens": "length",
    "refusal": "content_filter",
}


def to_anthropic_messages(messages: list[Message]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(system blocks, messages). System turns become the top-level `system` param; consecutive turns of
    the same role (e.g. several tool results, then a user nudge) are merged into one message because
    the API wants user/assistant alternation and all tool results for a turn in one user message."""
    system_texts = [m.content for m in messages if m.role == "system" and m.content]
    system: list[dict[str, Any]] = []
    if system_texts:
        # The system prompt is the stable prefix of every request: mark it for caching.
        system = [{"type": "text", "text": "\n\n".join(system_texts), "cache_control": EPHEMERAL}]

    out: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "system":
            continue
        role = "assistant" if m.role == "assistant" else "user"
        blocks = _blocks(m)
        if out and out[-1]["role"] == role:
            out[-1]["content"].extend(blocks)
        else:
            out.append({"role": role, "content": blocks})
    for msg in out:
        # Tool results must lead the user message that answers a tool_use turn.
        if msg["role"] == "user":
            msg["content"].sort(key=lambda b: b["type"] != "tool_result")
    return system, out


def _blocks(m: Message) -> list[dict[str, Any]]:
    if m.role == "tool":
        return [{"type": "tool_result", "tool_use_id": m.tool_call_id or "", "content": m.content}]
    blocks: list[dict[str, Any]] = []
    if m.content:
        blocks.append({"type": "text", "text": m.content})
    for tc in m.tool_calls:
        blocks.append({"type": "tool_use", "id": tc.id, "name": tc.name, "input": tc.arguments})
    if not blocks:
        # The API rejects empty content; keep the turn so roles still alternate.
        blocks.append({"type": "text", "text": "(empty)"})
    return blocks


def to_anthropic_tools(tools: list[ToolSpec]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [
        {"name": t.name, "description": t.description, "input_schema": t.parameters} for t in tools
    ]
    if out:
        # Tools come before the system prompt in the cached prefix; one breakpoint on the last covers all.
        out[-1]["cache_control"] = EPHEMERAL
    return out


def usage_from_anthropic(usage: Any) -> Usage:
    if usage is None:
        return Usage()
    return Usage(
        input_tokens=usage.input_tokens or 0,
        output_tokens=usage.output_tokens or 0,
        cache_read_tokens=getattr(usage, "cache_read_input_tokens", None) or 0,
        cache_write_tokens=getattr(usage, "cache_creation_input_tokens", None) or 0,
    )


def response_from_anthropic(message: Any, latency_s: float) -> ModelResponse:
    texts: list[str] = []
    calls: list[ToolCall] = []
    for block in message.content:
        if block.type == "text":
            texts.append(block.text)
        elif block.type == "tool_use":
            arguments = block.input if isinstance(block.input, dict) else {}
            calls.append(ToolCall(id=block.id, name=block.name, arguments=arguments))
    reason = message.stop_reason or ("tool_calls" if calls else "stop")
    return ModelResponse(
        message=Message(role="assistant", content="".join(texts), tool_calls=calls),
        usage=usage_from_anthropic(message.usage),
        latency_s=latency_s,
        finish_reason=FINISH_REASONS.get(reason, reason),
        model=message.model or "",
    )


def translate_error(exc: anthropic.AnthropicError) -> ModelError:
    return translate_sdk_error(exc, anthropic)


class AnthropicModel:
    """`anthropic/<model>`."""

    def __init__(
        self, name: str, settings: ModelSettings, *, api_key: str, base_url: str, http_client: Any = None
    ):
        """`http_client`: an SDK-compatible HTTP client to share (pool, proxies, TLS); None = the SDK's own."""
        self.name = name
        self.settings = settings
        self.model_id = name.partition("/")[2]
        # max_retries=0: harness.models.retry is the only retry policy.
        self.client = anthropic.Anthropic(
            api_key=api_key,
            base_url=base_url,
            timeout=settings.timeout_s,
            max_retries=0,
            http_client=http_client,
        )

    @classmethod
    def from_name(cls, name: str, settings: ModelSettings) -> AnthropicModel:
        key = os.environ.get(KEY_ENV)
        if not key:
            raise ModelAuthError(f"{KEY_ENV} is not set (needed for {name})")
        base_url = settings.base_url or os.environ.get("ANTHROPIC_BASE_URL") or DEFAULT_BASE_URL
        return cls(name, settings, api_key=key, base_url=base_url)

    def request_params(self, messages: list[Message], tools: list[ToolSpec] | None) -> dict[str, Any]:
        s = self.settings
        system, wire = to_anthropic_messages(messages)
        params: dict[str, Any] = {
            "model": self.model_id,
            "messages": wire,
            "max_tokens": s.max_output_tokens or DEFAULT_MAX_TOKENS,
        }
        if system:
            params["system"] = system
        if tools:
            params["tools"] = to_anthropic_tools(tools)
        # Sent as body fields rather than SDK arguments: SDK versions disagree on which of these they
        # accept (current ones dropped `temperature`, older ones lack `output_config`), the API does not.
        extra = dict(s.extra_body)
        if s.temperature is not None:
            extra.setdefault("temperature", s.temperature)
        if s.reasoning_effort is not None:
            extra.setdefault("output_config", {"effort": s.reasoning_effort})
        if extra:
            params["extra_body"] = extra
        return params

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        params = self.request_params(messages, tools)

        def attempt() -> ModelResponse:
            start = time.monotonic()
            try:
                message = self.client.messages.create(**params, timeout=request_timeout(self.settings))
                check_parsed(message, "content")
                return response_from_anthropic(message, time.monotonic() - start)
            except anthropic.AnthropicError as exc:
                err = translate_error(exc)
                if isinstance(err, ModelNotFound):
                    err = ModelNotFound(
                        f"model '{self.model_id}' ({self.name}) not found at {self.client.base_url}: {err}"
                    )
                raise err from exc
            except BODY_ERRORS as exc:
                raise invalid_body(exc) from exc

        response, attempts = call_with_retry(attempt, self.settings)
        response.attempts = attempts
        return response
