"""Agents: oracle and nop here; model-driven agents plug in through the same protocol."""

from harness.agents.base import AGENTS, Agent, AgentLimits, AgentOutcome, load_agent

# Generic cheat probes (harness/agents/cheats.py) that `harness tasks validate --run` runs on every task.
AGENTS.update(
    {
        "cheat-delete-tests": "harness.agents.cheats:DeleteTestsProbe",
        "cheat-fake-tests": "harness.agents.cheats:FakeTestsProbe",
        "cheat-stub-const": "harness.agents.cheats:StubConstProbe",
        "cheat-stub-arg": "harness.agents.cheats:StubArgProbe",
    }
)

__all__ = ["AGENTS", "Agent", "AgentLimits", "AgentOutcome", "load_agent"]
