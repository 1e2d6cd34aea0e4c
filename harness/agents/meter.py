"""What model-driven agents share: calling the model under the trial's limits, adding up tokens and
cost, and the exceptions that end an agent's loop."""

from __future__ import annotations

import time
from importlib import resources
from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.models.base import (
    Message,
    Model,
    ModelAuthError,
    ModelError,
    ModelResponse,
    ModelUnavailable,
    ToolSpec,
    Usage,
)
from harness.models.pricing import cost_usd, price_name


class AgentStop(Exception):
    """Ends the loop; `reason` becomes the trial's stop_reason."""

    reason = "stopped"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.reason)
        self.detail = detail


class Submitted(AgentStop):
    reason = "submitted"


class LimitExceeded(AgentStop):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


class FormatError(AgentStop):
    reason = "format_errors"


def load_prompt(name: str) -> tuple[str, str]:
    """A system prompt shipped in harness/agents/prompts/<name>.md, and its version (the name)."""
    text = resources.files("harness.agents").joinpath("prompts", f"{name}.md").read_text(encoding="utf-8")
    return text, name


class ModelMeter:
    """Calls the model, enforcing turn, token, cost and wall-time limits before each call."""

    def __init__(self, model: Model, limits: AgentLimits) -> None:
        self.model = model
        self.limits = limits
        self.deadline = time.monotonic() + limits.wall_time_s
        self.usage = Usage()
        self.cost: float | None = 0.0
        self.turns = 0
        self.calls: list[dict[str, Any]] = []
        self._price_name = price_name(model)

    def remaining_s(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        lim = self.limits
        if self.remaining_s() <= 0:
            raise LimitExceeded("timeout", f"wall time of {lim.wall_time_s:g}s used up")
        if lim.max_turns is not None and self.turns >= lim.max_turns:
            raise LimitExceeded("max_turns", f"{self.turns} model turns")
        total = self.usage.prompt_tokens + self.usage.output_tokens
        if lim.max_tokens is not None and total >= lim.max_tokens:
            raise LimitExceeded("max_tokens", f"{total} tokens")
        if lim.max_cost_usd is not None and self.cost is not None and self.cost >= lim.max_cost_usd:
            raise LimitExceeded("max_cost", f"${self.cost:.4f} spent")

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        self.check()
        return self.record(self.model.complete(messages, tools))

    def record(self, resp: ModelResponse) -> ModelResponse:
        """Count a call that was made (by `complete`, or passed through by the model gateway)."""
        self.turns += 1
        self.usage = self.usage + resp.usage
        call_cost = cost_usd(self._price_name, resp.usage)
        self.cost = None if call_cost is None or self.cost is None else self.cost + call_cost
        # Recorded whole, so `replay/<run_id>` can return exactly these turns again.
        self.calls.append({**resp.model_dump(mode="json"), "cost_usd": call_cost})
        return resp

    def outcome(self, stop_reason: str, log: str, transcript: dict[str, Any], **extra: Any) -> AgentOutcome:
        return AgentOutcome(
            stop_reason=stop_reason,
            log=log,
            turns=self.turns,
            usage=self.usage,
            cost_usd=self.cost,
            transcript={**transcript, "model_turns": self.calls},
            **extra,
        )


def model_failure(exc: ModelError) -> tuple[str | None, str | None, str]:
    """(error, error_kind, stop_reason): an outage or a bad key is the harness's problem (error); a
    request the provider refuses (context too long) ends the agent and the workspace is graded."""
    if isinstance(exc, ModelAuthError):
        return str(exc), "model_auth", "model_error"
    if isinstance(exc, ModelUnavailable):
        return str(exc), "model", "model_error"
    return None, None, "model_request_error"
