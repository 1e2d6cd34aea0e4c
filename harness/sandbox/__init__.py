"""Sandboxes: the Sandbox protocol and its Docker implementation."""

from harness.sandbox.base import ExecResult, Sandbox, SandboxSpec
from harness.sandbox.docker import DockerSandbox, docker_client

__all__ = ["DockerSandbox", "ExecResult", "Sandbox", "SandboxSpec", "docker_client"]
