"""Provider-neutral types every model, agent and runner speaks: messages, tool calls, usage, errors."""

from __future__ import annotations

import json
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

FinishReason = str
"""Normalised where a provider has an equivalent: "stop", "tool_calls", "length", "content_filter";
anything else is passed through as the provider reported it."""


class ToolSpec(BaseModel):
    """A tool the model may call, described the way every provider understands."""

    name: str = Field(description="Function name the model calls, e.g. 'bash'.")
    description: str = Field(default="", description="What the tool does, shown to the model.")
    parameters: dict[str, Any] = Field(
        default_factory=lambda: {"type": "object", "properties": {}},
        description="JSON schema of the arguments object.",
    )


class ToolCall(BaseModel):
    """One tool invocation requested by the model."""

    id: str = Field(description="Provider-assigned call id; the tool result must echo it.")
    name: str = Field(description="Name of the tool to run.")
    arguments: dict[str, Any] = Field(
        default_factory=dict, description="Parsed arguments ({} when unparsable)."
    )
    raw_arguments: str | None = Field(
        default=None, description="Argument text exactly as the model sent it, kept when it failed to parse."
    )
    parse_error: str | None = Field(
        default=None, description="Why raw_arguments is not a JSON object; the agent reports it to the model."
    )


class Message(BaseModel):
    """One conversation turn in neutral form; providers translate to and from their wire shapes."""

    role: Literal["system", "user", "assistant", "tool"] = Field(description="Who speaks.")
    content: str = Field(default="", description="Text of the turn (tool output for role='tool').")
    tool_calls: list[ToolCall] = Field(
        default_factory=list, description="Calls requested by an assistant turn."
    )
    tool_call_id: str | None = Field(default=None, description="For role='tool': the ToolCall.id answered.")
    name: str | None = Field(default=None, description="For role='tool': the tool's name (informational).")


class Usage(BaseModel):
    """Token counts for one or more calls, split by how they are billed.

    `input_tokens` are *uncached* input tokens billed at the full input price: for OpenAI that is
    `prompt_tokens - cached_tokens`; for Anthropic it is `input_tokens` as reported, which already excludes
    cache reads and writes. So total prompt size = input + cache_read + cache_write.
    `reasoning_tokens` is informational: both providers already count them inside `output_tokens`.
    """

    input_tokens: int = Field(default=0, description="Uncached input tokens, billed at the input price.")
    output_tokens: int = Field(default=0, description="Generated tokens, reasoning included.")
    cache_read_tokens: int = Field(default=0, description="Input tokens served from the prompt cache.")
    cache_write_tokens: int = Field(default=0, description="Input tokens written to the prompt cache.")
    reasoning_tokens: int = Field(default=0, description="Subset of output_tokens spent on hidden reasoning.")

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cache_read_tokens=self.cache_read_tokens + other.cache_read_tokens,
            cache_write_tokens=self.cache_write_tokens + other.cache_write_tokens,
            reasoning_tokens=self.reasoning_tokens + other.reasoning_tokens,
        )

    @property
    def prompt_tokens(self) -> int:
        """Whole prompt size, however it was billed."""
        return self.input_tokens + self.cache_read_tokens + self.cache_write_tokens


class ModelResponse(BaseModel):
    """What one `Model.complete` call returns."""

    message: Message = Field(description="The assistant turn (role='assistant').")
    usage: Usage = Field(default_factory=Usage, description="Tokens billed for this call.")
    latency_s: float = Field(default=0.0, description="Seconds taken by the successful attempt.")
    finish_reason: FinishReason = Field(
        default="stop", description="Why generation ended (see FinishReason)."
    )
    model: str = Field(default="", description="Model id the provider reports having used.")
    attempts: int = Field(default=1, description="HTTP attempts made, retries included.")


class ModelSettings(BaseModel):
    """Knobs shared by every provider; a provider ignores what it has no equivalent for."""

    model_config = ConfigDict(extra="forbid")

    temperature: float | None = Field(
        default=None, description="Sampling temperature; None = provider default."
    )
    max_output_tokens: int | None = Field(default=None, description="Cap on generated tokens per call.")
    reasoning_effort: str | None = Field(
        default=None, description="e.g. 'low'/'medium'/'high' for reasoning models."
    )
    extra_body: dict[str, Any] = Field(
        default_factory=dict, description="Extra JSON fields merged into requests."
    )
    base_url: str | None = Field(default=None, description="Override the provider's endpoint.")
    timeout_s: float = Field(default=600, description="Per-attempt HTTP timeout in seconds.")
    max_retries: int = Field(default=6, description="Retries after the first attempt on transient errors.")
    max_retry_time_s: float = Field(
        default=300, description="Give up retrying once this many seconds have passed."
    )


@runtime_checkable
class Model(Protocol):
    """Anything that turns a conversation into the next assistant turn."""

    name: str
    settings: ModelSettings

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse: ...


class ModelError(Exception):
    """A model call failed. `retryable` says whether the same request might succeed later."""

    retryable: bool = False
    # How a trial that ends on this error is classified (TrialResult.error_kind), and whether the runner
    # may run the trial again: a second run cannot find a model that does not exist.
    error_kind: str = "model"
    rerun: bool = True

    def __init__(
        self,
        message: str,
        *,
        retryable: bool | None = None,
        retry_after_s: float | None = None,
        error_kind: str | None = None,
    ):
        super().__init__(message)
        if retryable is not None:
            self.retryable = retryable
        if error_kind is not None:
            self.error_kind = error_kind
        # Set from Retry-After headers so the retry policy can wait as long as the server asked.
        self.retry_after_s = retry_after_s


class ModelAuthError(ModelError):
    """The key is missing, wrong or not allowed to use this model; retrying will not help."""

    retryable = False
    error_kind = "model_auth"
    rerun = False


class ModelRequestError(ModelError):
    """The request itself is rejected (bad request, context too long, unknown model); it will not change."""

    retryable = False


class ModelUnavailable(ModelError):
    """Rate limits, server errors, timeouts or dropped connections. Raised per attempt (and retried),
    then once more when retries are exhausted. Timeouts and dropped connections say error_kind network."""

    retryable = True


class ModelNotFound(ModelUnavailable):
    """The provider says the model does not exist (404): the provider's answer, not the agent's doing, so
    an error (kind model); never retried, and the trial is not run again either."""

    retryable = False
    rerun = False


class ModelDeadline(ModelUnavailable):
    """A model call was cut at the trial's wall time (a server that hangs): an error, not retried, and
    the trial is not run again (that would spend a second wall time on the same hang)."""

    retryable = False
    error_kind = "network"
    rerun = False


def parse_tool_call(call_id: str, name: str, raw: str | None) -> ToolCall:
    """Build a ToolCall from argument text, keeping bad JSON as data instead of raising."""
    text = (raw or "").strip()
    if not text:
        # Models often send "" for a tool without parameters; that is an empty object, not an error.
        return ToolCall(id=call_id, name=name, arguments={})
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        return ToolCall(id=call_id, name=name, raw_arguments=raw, parse_error=f"invalid JSON: {exc}")
    if not isinstance(parsed, dict):
        error = f"arguments must be a JSON object, got {type(parsed).__name__}"
        return ToolCall(id=call_id, name=name, raw_arguments=raw, parse_error=error)
    return ToolCall(id=call_id, name=name, arguments=parsed)
