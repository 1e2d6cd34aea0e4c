"""The nop agent changes nothing: every task must fail with it, or its tests do not discriminate."""

from __future__ import annotations

from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.sandbox.base import Sandbox
from harness.task import Task


class NopAgent:
    name = "nop"
    needs_model = False

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        return AgentOutcome(stop_reason="done", log="nop: left the workspace unchanged")
