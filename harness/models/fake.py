"""`fake/<script>`: a scripted model for tests and demos; no network, no key.

A script is a JSON file: either a list of turns, or an object
`{"turns": [...], "cases": [{"match": REGEX, "turns": [...]}], "price_as": "openai/gpt-4o-mini",
"on_exhausted": "submit", "base_dir": "relative/to/script"}`; the first case whose regex is found in the
first user message supplies the turns (so one script can solve several tasks), else `turns`. A turn is
`{"content": "...", "tool_calls": [{"name": "bash", "arguments": {...}}], "usage": {...}}`, or
`{"raise": "unavailable" | "auth" | "request"}` to exercise error paths.

Turn N answers the conversation holding N assistant messages, so the model is stateless and one instance
can serve many trials. Strings in content and arguments may use placeholders:
`{{first_user}}` (the first user message), `{{last_tool}}` (the latest tool result), `{{turn}}` (0-based
index) and `{{file:rel/path}}` (a file's text, relative to the script's folder).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import HarnessError
from harness.models.base import (
    Message,
    ModelAuthError,
    ModelError,
    ModelRequestError,
    ModelResponse,
    ModelSettings,
    ModelUnavailable,
    ToolCall,
    ToolSpec,
    Usage,
    parse_tool_call,
)

SCRIPTS_DIR = Path(__file__).with_name("scripts")
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)(?::([^}]*))?\s*\}\}")
RAISES: dict[str, type[ModelError]] = {
    "unavailable": ModelUnavailable,
    "auth": ModelAuthError,
    "request": ModelRequestError,
}


class FakeToolCallSpec(BaseModel):
    """One scripted tool call."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Tool to call.")
    arguments: dict[str, Any] | str = Field(
        default_factory=dict, description="Object, or raw (maybe bad) JSON."
    )
    id: str | None = Field(default=None, description="Call id; generated when omitted.")


class FakeTurn(BaseModel):
    """One scripted assistant turn."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    content: str = Field(default="", description="Assistant text.")
    tool_calls: list[FakeToolCallSpec] = Field(default_factory=list, description="Tool calls to make.")
    usage: Usage = Field(default_factory=Usage, description="Token usage to report for this turn.")
    finish_reason: str | None = Field(default=None, description="Defaults to tool_calls/stop.")
    raise_: Literal["unavailable", "auth", "request"] | None = Field(
        default=None, alias="raise", description="Raise this error instead of answering."
    )


class FakeCase(BaseModel):
    """Turns used when the conversation's first user message matches `match`."""

    model_config = ConfigDict(extra="forbid")

    match: str = Field(description="Regular expression searched for in the first user message.")
    turns: list[FakeTurn] = Field(description="Replies, in order, for matching conversations.")


class FakeScript(BaseModel):
    """A whole script."""

    model_config = ConfigDict(extra="forbid")

    turns: list[FakeTurn] = Field(default_factory=list, description="Replies, in order.")
    cases: list[FakeCase] = Field(
        default_factory=list,
        description="Per-task turns: the first case matching the first user message wins.",
    )
    price_as: str | None = Field(
        default=None, description="Model name to price usage under, e.g. openai/gpt-4o."
    )
    on_exhausted: Literal["submit", "stop", "error"] = Field(
        default="submit", description="After the last turn: call `submit` (if offered), stop, or raise."
    )
    base_dir: Path | None = Field(default=None, description="Folder {{file:...}} paths are relative to.")


def load_script(ref: str) -> FakeScript:
    """A built-in script name (harness/models/scripts/<name>.json) or a path to a JSON file."""
    builtin = SCRIPTS_DIR / f"{ref}.json"
    path = builtin if "/" not in ref and builtin.exists() else Path(ref)
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in SCRIPTS_DIR.glob("*.json")))
        raise HarnessError(f"fake script {ref!r} is neither a file nor a built-in script ({known})")
    try:
        data = json.loads(path.read_text())
        script = FakeScript.model_validate({"turns": data} if isinstance(data, list) else data)
    except (json.JSONDecodeError, ValidationError) as exc:
        raise HarnessError(f"fake script {path}: {str(exc).splitlines()[0]}") from None
    # A relative base_dir is relative to the script's own folder, so scripts can sit anywhere.
    script.base_dir = path.parent / script.base_dir if script.base_dir is not None else path.parent
    return script


class FakeModel:
    """Replies from a FakeScript; see the module docstring."""

    def __init__(self, name: str, settings: ModelSettings, script: FakeScript):
        self.name = name
        self.settings = settings
        self.script = script
        self.price_as = script.price_as

    @classmethod
    def from_name(cls, name: str, settings: ModelSettings) -> FakeModel:
        return cls(name, settings, load_script(name.partition("/")[2]))

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        index = sum(1 for m in messages if m.role == "assistant")
        turns = self._turns_for(messages)
        if index >= len(turns):
            return self._exhausted(index, tools)
        turn = turns[index]
        if turn.raise_ is not None:
            raise RAISES[turn.raise_](f"fake script turn {index} raises {turn.raise_}")
        variables = _variables(messages, index)
        calls: list[ToolCall] = []
        for i, spec in enumerate(turn.tool_calls):
            call_id = spec.id or f"fake_{index}_{i}"
            if isinstance(spec.arguments, str):
                calls.append(parse_tool_call(call_id, spec.name, self._render(spec.arguments, variables)))
            else:
                calls.append(
                    ToolCall(id=call_id, name=spec.name, arguments=self._render(spec.arguments, variables))
                )
        return ModelResponse(
            message=Message(
                role="assistant", content=self._render(turn.content, variables), tool_calls=calls
            ),
            usage=turn.usage,
            finish_reason=turn.finish_reason or ("tool_calls" if calls else "stop"),
            model=self.name,
        )

    def _turns_for(self, messages: list[Message]) -> list[FakeTurn]:
        first_user = next((m.content for m in messages if m.role == "user"), "")
        for case in self.script.cases:
            if re.search(case.match, first_user):
                return case.turns
        return self.script.turns

    def _exhausted(self, index: int, tools: list[ToolSpec] | None) -> ModelResponse:
        if self.script.on_exhausted == "error":
            raise ModelError(f"fake script exhausted after {index} turns", retryable=False)
        if self.script.on_exhausted == "submit" and any(t.name == "submit" for t in tools or []):
            call = ToolCall(id=f"fake_{index}_submit", name="submit", arguments={})
            message = Message(role="assistant", tool_calls=[call])
            return ModelResponse(message=message, finish_reason="tool_calls", model=self.name)
        message = Message(role="assistant", content="(fake script exhausted)")
        return ModelResponse(message=message, finish_reason="stop", model=self.name)

    def _render(self, value: Any, variables: dict[str, str]) -> Any:
        if isinstance(value, str):
            return PLACEHOLDER.sub(lambda m: self._substitute(m, variables), value)
        if isinstance(value, dict):
            return {k: self._render(v, variables) for k, v in value.items()}
        if isinstance(value, list):
            return [self._render(v, variables) for v in value]
        return value

    def _substitute(self, match: re.Match[str], variables: dict[str, str]) -> str:
        key, arg = match.group(1), match.group(2)
        if key == "file" and arg:
            path = (self.script.base_dir or Path.cwd()) / arg.strip()
            try:
                return path.read_text()
            except OSError as exc:
                raise ModelError(f"fake script: cannot read {path}: {exc}", retryable=False) from exc
        if key in variables:
            return variables[key]
        # A typo in a script should fail loudly, not be sent to the agent as literal braces.
        raise ModelError(f"fake script: unknown placeholder {match.group(0)}", retryable=False)


def _variables(messages: list[Message], index: int) -> dict[str, str]:
    first_user = next((m.content for m in messages if m.role == "user"), "")
    last_tool = next((m.content for m in reversed(messages) if m.role == "tool"), "")
    return {"first_user": first_user, "last_tool": last_tool, "turn": str(index)}
