"""The Agent protocol: given a task, a started sandbox and (maybe) a model, change /workspace."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import BaseModel, Field

from harness.errors import HarnessError
from harness.models.base import Usage
from harness.sandbox.base import Sandbox
from harness.task import Task


@dataclass(frozen=True)
class AgentLimits:
    """Per-trial limits; None means no limit of that kind."""

    wall_time_s: float
    max_turns: int | None = None
    max_tokens: int | None = None
    max_cost_usd: float | None = None
    max_tries: int = 2


class AgentOutcome(BaseModel):
    stop_reason: str = Field(description="Why the agent stopped: submitted, done, max_turns, timeout, ...")
    log: str = Field("", description="What the agent printed or ran, capped.")
    turns: int | None = None
    usage: Usage | None = None
    cost_usd: float | None = None
    transcript: dict[str, Any] | None = None
    agent_version: str | None = None
    snapshots: list[dict[str, Any]] = Field(
        default_factory=list, description="Loop agent: one entry per try (its diff, whether edits parsed)."
    )
    error: str | None = Field(None, description="Set when the agent hit an infrastructure failure.")
    error_kind: str | None = None


class Agent(Protocol):
    name: str
    needs_model: bool

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome: ...


AGENTS: dict[str, str] = {
    "oracle": "harness.agents.oracle:OracleAgent",
    "nop": "harness.agents.nop:NopAgent",
    "tools": "harness.agents.tools:ToolsAgent",
    "loop": "harness.agents.loop:LoopAgent",
    # Cheat probes (harness/agents/cheats.py): attack the grader; every valid task must fail them.
    "cheat-always-equal": "harness.agents.cheats:AlwaysEqualProbe",
    "cheat-forge-report": "harness.agents.cheats:ForgeReportProbe",
    "cheat-patch-pytest": "harness.agents.cheats:PatchPytestProbe",
    "cheat-exit-zero": "harness.agents.cheats:ExitZeroProbe",
    "cheat-read-tests": "harness.agents.cheats:ReadTestsProbe",
    "cheat-shadow": "harness.agents.cheats:ShadowProbe",
}


def product_agents() -> dict[str, str]:
    """Agent products (harness/agents/products), installed over the task's image and served by the
    model gateway: name -> module:Agent."""
    from harness.agents import products

    names = sorted(m.name for m in pkgutil.iter_modules(products.__path__) if not m.name.startswith("_"))
    return {n.replace("_", "-"): f"harness.agents.products.{n}:Agent" for n in names}


def load_agent(name: str) -> Agent:
    """A registered short name, or a dotted path 'package.module:Class' for a user's own agent."""
    target = AGENTS.get(name) or product_agents().get(name, name)
    if ":" not in target:
        known = ", ".join(sorted([*AGENTS, *product_agents()]))
        raise HarnessError(f"unknown agent '{name}' (agents: {known}, or module:Class)")
    module_name, _, attr = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as e:
        raise HarnessError(f"cannot load agent '{name}': {e}") from None
    agent: Agent = cls()
    return agent


ABOUT = {
    "oracle": "applies the task's reference solution; every valid task passes",
    "nop": "changes nothing; every valid task fails",
    "tools": "function calling: bash, read/write/edit files, run the visible tests, submit",
    "loop": "edit formats (whole file, search/replace); a second try sees the test output",
}


def agent_catalogue() -> list[dict[str, Any]]:
    """One row per registered agent: name, kind, version, protocol, needs_model and a line about it."""
    rows = []
    for name in [*AGENTS, *product_agents()]:
        agent = load_agent(name)
        product = getattr(agent, "product", None)
        if product is not None:
            kind, version, protocol = "product", product.version, product.protocol
        elif name.startswith("cheat-"):
            kind, version, protocol = "probe", None, None
        else:
            kind = "built-in" if getattr(agent, "needs_model", False) else "baseline"
            version, protocol = getattr(agent, "version", None), None
        about = ABOUT.get(name) or (
            f"{product.name} {product.version}, headless, via the model gateway" if product else ""
        )
        if kind == "probe":
            about = "attacks the grader; every valid task fails it (tasks validate)"
        rows.append(
            dict(name=name, kind=kind, version=version, protocol=protocol,
                 needs_model=bool(getattr(agent, "needs_model", False)), about=about)
        )  # fmt: skip
    order = {"baseline": 0, "built-in": 1, "product": 2, "probe": 3}
    return sorted(rows, key=lambda r: order[r["kind"]])
