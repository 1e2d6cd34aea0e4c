"""RunConfig: everything that decides what a run does, validated once at the CLI and stored with it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RunConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    targets: list[str] = Field(
        default_factory=lambda: ["smoke"], description="Suites or task folders to run."
    )
    task_globs: list[str] = Field(default_factory=list, description="Keep tasks whose id matches a glob.")
    tags: list[str] = Field(default_factory=list, description="Keep tasks carrying any of these tags.")
    languages: list[str] = Field(default_factory=list, description="Keep tasks in these languages.")
    difficulties: list[str] = Field(default_factory=list, description="Keep tasks of these difficulties.")
    agent: str = Field("oracle", description="Agent short name or module:Class.")
    model: str | None = Field(None, description="provider/model for model-driven agents.")
    model_settings: dict[str, Any] = Field(default_factory=dict, description="Provider settings, recorded.")
    concurrency: int = Field(2, ge=1, le=64, description="Trials in flight at once.")
    attempts: int = Field(1, ge=1, le=100, description="Attempts per task (for pass@k).")
    run_id: str = Field(description="Name of the results folder; the same id resumes a run.")
    results_dir: Path = Field(description="Where results/<run_id>/ is written.")
    infra_retries: int = Field(
        1, ge=0, le=5, description="Re-runs of a trial that ended in an infrastructure error."
    )
    max_turns: int | None = Field(None, ge=1, description="Per-trial limit on model turns.")
    max_tokens: int | None = Field(None, ge=1, description="Per-trial limit on total tokens.")
    max_cost_usd: float | None = Field(None, ge=0, description="Per-trial cost limit in USD.")
    max_tries: int = Field(2, ge=1, le=10, description="Edit-test tries of the loop agent.")
    run_budget_usd: float | None = Field(
        None, gt=0, description="Stop starting trials once the run spent this."
    )

    def comparable(self) -> dict[str, Any]:
        """The task selection, which must match for a run to be resumed rather than started anew."""
        return self.model_dump(
            mode="json", include={"targets", "task_globs", "tags", "languages", "difficulties"}
        )

    def behaviour(self) -> dict[str, Any]:
        """The settings that change what a trial does (see behaviour_settings)."""
        return behaviour_settings(self.model_dump(mode="json"))


# Settings that change what a trial does -> the `harness run` option that sets them. A resume with
# another value is refused unless --allow-changed-settings (then run.json records a new invocation).
# Not here: concurrency, attempts, budget, infra retries, results folder, task selection.
BEHAVIOUR_OPTIONS = {
    "agent": "--agent",
    "model": "--model",
    "base_url": "--base-url",
    "temperature": "--temperature",
    "max_output_tokens": "--max-output-tokens",
    "reasoning_effort": "--reasoning-effort",
    "extra_body": "extra_body",
    "timeout_s": "--request-timeout",
    "max_turns": "--max-turns",
    "max_tokens": "--max-tokens",
    "max_cost_usd": "--max-cost",
    "max_tries": "--max-tries",
}


def behaviour_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The behaviour settings of a stored config dict (model settings flattened); keys an older
    run.json lacks are left out."""
    flat = {**config, **(config.get("model_settings") or {})}
    return {k: flat[k] for k in BEHAVIOUR_OPTIONS if k in flat}


def _show(value: Any) -> str:
    return "unset" if value is None else repr(value)


def changed_settings(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """'--option old → new' for each behaviour setting both know and that differs."""
    return [
        f"{BEHAVIOUR_OPTIONS[k]} {_show(old[k])} → {_show(new[k])}"
        for k in BEHAVIOUR_OPTIONS
        if k in old and k in new and old[k] != new[k]
    ]


def default_run_id(agent: str, model: str | None) -> str:
    slug = (model or "").replace("/", "-").replace(":", "-")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{agent}" + (f"-{slug}" if slug else "")
