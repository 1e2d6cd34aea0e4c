"""Agents: oracle and nop here; model-driven agents plug in through the same protocol."""

from harness.agents.base import AGENTS, Agent, AgentLimits, AgentOutcome, load_agent

__all__ = ["AGENTS", "Agent", "AgentLimits", "AgentOutcome", "load_agent"]
