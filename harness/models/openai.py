"""OpenAI Chat Completions (and compatible servers: Ollama, vLLM, llama.cpp, OpenRouter) via the `openai` SDK."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Any

import openai

from harness.models.base import (
    Message,
    ModelAuthError,
    ModelError,
    ModelNotFound,
    ModelResponse,
    ModelSettings,
    ModelUnavailable,
    ToolCall,
    ToolSpec,
    Usage,
    parse_tool_call,
)
from harness.models.retry import (
    BODY_ERRORS,
    call_with_retry,
    check_parsed,
    invalid_body,
    request_timeout,
    translate_sdk_error,
)

# Local servers ignore the key, but the SDK refuses to build a client without one.
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class Endpoint:
    """Where an OpenAI-compatible provider lives and how it authenticates."""

    base_url: str
    key_env: str | None  # env var holding the key; None = no key at all
    key_required: bool  # False: fall back to PLACEHOLDER_KEY when the env var is unset
    base_url_env: str | None = None
    # OpenAI deprecated max_tokens and its reasoning models reject it; local servers know max_tokens best.
    max_tokens_param: str = "max_tokens"


ENDPOINTS: dict[str, Endpoint] = {
    "openai": Endpoint(
        "https://api.openai.com/v1", "OPENAI_API_KEY", True, "OPENAI_BASE_URL", "max_completion_tokens"
    ),
    "openrouter": Endpoint("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", True),
    "ollama": Endpoint("http://localhost:11434/v1", None, False),
    "vllm": Endpoint("http://localhost:8000/v1", "VLLM_API_KEY", False),
    "llamacpp": Endpoint("http://localhost:8080/v1", None, False),
}

FINISH_REASONS = {"function_call": "tool_calls"}


def resolve_endpoint(provider: str, settings: ModelSettings) -> tuple[str, str | None]:
    """(base_url, api_key or None when a required key is missing) for an alias in ENDPOINTS."""
    endpoint = ENDPOINTS[provider]
    env_url = os.environ.get(endpoint.base_url_env) if endpoint.base_url_env else None
    base_url = settings.base_url or env_url or endpoint.base_url
    key = os.environ.get(endpoint.key_env) if endpoint.key_env else None
    if not key and not endpoint.key_required:
        key = PLACEHOLDER_KEY
    return base_url, key or None


def to_openai_messages(messages: list[Message]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for m in messages:
        if m.role == "tool":
            out.append({"role": "tool", "tool_call_id": m.tool_call_id or "", "content": m.content})
        elif m.role == "assistant" and m.tool_calls:
            out.append(
                {
                    "role": "assistant",
                    # The API wants null, not "", when the turn is only tool calls.
                    "content": m.content or None,
                    "tool_calls": [
                        {
                            "id": tc.id,
                            "type": "function",
                            "function": {"name": tc.name, "arguments": _arguments_text(tc)},
                        }
                        for tc in m.tool_calls
                    ],
                }
            )
        else:
            out.append({"role": m.role, "content": m.content})
    return out


def _arguments_text(tc: ToolCall) -> str:
    # Echo malformed arguments verbatim so the model sees what it actually sent alongside our error.
    if tc.parse_error is not None and tc.raw_arguments is not None:
        return tc.raw_arguments
    return json.dumps(tc.arguments)


def to_openai_tools(tools: list[ToolSpec]) -> list[dict[str, Any]]:
    return [
        {
            "type": "function",
            "function": {"name": t.name, "description": t.description, "parameters": t.parameters},
        }
        for t in tools
    ]


def usage_from_openai(usage: Any) -> Usage:
    if usage is None:
        return Usage()
    prompt = usage.prompt_tokens or 0
    prompt_details = getattr(usage, "prompt_tokens_details", None)
    completion_details = getattr(usage, "completion_tokens_details", None)
    cached = (getattr(prompt_details, "cached_tokens", None) or 0) if prompt_details else 0
    reasoning = (getattr(completion_details, "reasoning_tokens", None) or 0) if completion_details else 0
    return Usage(
        input_tokens=max(prompt - cached, 0),
        output_tokens=usage.completion_tokens or 0,
        cache_read_tokens=cached,
        reasoning_tokens=reasoning,
    )


def response_from_openai(completion: Any, latency_s: float) -> ModelResponse:
    if not completion.choices:
        # Seen from overloaded compatible servers: as transient as a 5xx, and never the agent's doing.
        raise ModelUnavailable("the OpenAI-compatible server returned a reply with no choices")
    choice = completion.choices[0]
    msg = choice.message
    calls: list[ToolCall] = []
    for tc in msg.tool_calls or []:
        function = getattr(tc, "function", None)
        if function is None:  # custom (non-function) tools are never declared by us
            continue
        calls.append(parse_tool_call(tc.id, function.name, function.arguments))
    reason = choice.finish_reason or ("tool_calls" if calls else "stop")
    return ModelResponse(
        message=Message(role="assistant", content=msg.content or "", tool_calls=calls),
        usage=usage_from_openai(completion.usage),
        latency_s=latency_s,
        finish_reason=FINISH_REASONS.get(reason, reason),
        model=completion.model or "",
    )


def translate_error(exc: openai.OpenAIError) -> ModelError:
    return translate_sdk_error(exc, openai)


class OpenAIModel:
    """`openai/<model>` and the OpenAI-compatible aliases in ENDPOINTS."""

    def __init__(
        self, name: str, settings: ModelSettings, *, api_key: str, base_url: str, http_client: Any = None
    ):
        """`http_client`: an SDK-compatible HTTP client to share (pool, proxies, TLS); None = the SDK's own."""
        self.name = name
        self.settings = settings
        self.provider, _, self.model_id = name.partition("/")
        endpoint = ENDPOINTS.get(self.provider)
        self.max_tokens_param = endpoint.max_tokens_param if endpoint else "max_tokens"
        # max_retries=0: harness.models.retry is the only retry policy.
        self.client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=settings.timeout_s,
            max_retries=0,
            http_client=http_client,
        )

    @classmethod
    def from_name(cls, name: str, settings: ModelSettings) -> OpenAIModel:
        provider = name.partition("/")[0]
        base_url, key = resolve_endpoint(provider, settings)
        if key is None:
            raise ModelAuthError(f"{ENDPOINTS[provider].key_env} is not set (needed for {name})")
        return cls(name, settings, api_key=key, base_url=base_url)

    def not_found(self, exc: ModelError) -> ModelNotFound:
        return ModelNotFound(
            f"model '{self.model_id}' ({self.name}) not found at {self.client.base_url}: {exc}"
        )

    def request_params(self, messages: list[Message], tools: list[ToolSpec] | None) -> dict[str, Any]:
        s = self.settings
        params: dict[str, Any] = {"model": self.model_id, "messages": to_openai_messages(messages)}
        if tools:
            params["tools"] = to_openai_tools(tools)
        if s.temperature is not None:
            params["temperature"] = s.temperature
        if s.max_output_tokens is not None:
            params[self.max_tokens_param] = s.max_output_tokens
        if s.reasoning_effort is not None:
            params["reasoning_effort"] = s.reasoning_effort
        if s.extra_body:
            params["extra_body"] = dict(s.extra_body)
        return params

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        params = self.request_params(messages, tools)

        def attempt() -> ModelResponse:
            start = time.monotonic()
            try:
                completion = self.client.chat.completions.create(
                    **params, timeout=request_timeout(self.settings)
                )
                check_parsed(completion, "choices")
                return response_from_openai(completion, time.monotonic() - start)
            except openai.OpenAIError as exc:
                err = translate_error(exc)
                raise (self.not_found(err) if isinstance(err, ModelNotFound) else err) from exc
            except BODY_ERRORS as exc:
                raise invalid_body(exc) from exc

        response, attempts = call_with_retry(attempt, self.settings)
        response.attempts = attempts
        return response
