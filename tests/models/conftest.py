"""Shared fixtures for the model-layer tests.

Autouse guard (tests/fixtures/netguard.py): no test in this folder may reach a real model API. Keys and
endpoint overrides are cleared from the environment, and any socket connection or name lookup that is not
loopback raises NetworkGuardError before a packet leaves the machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import anthropic
import openai
import pytest

from harness.models import retry
from harness.models.anthropic import AnthropicModel
from harness.models.base import ModelSettings
from harness.models.fakeserver import FakeServer
from harness.models.openai import OpenAIModel
from tests.fixtures.netguard import offline  # noqa: F401  (autouse: every test here is offline)


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    # Exponential backoff shrinks to milliseconds; Retry-After is not scaled and stays honoured.
    monkeypatch.setattr(retry, "BACKOFF_SCALE", 0.001)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as srv:
        yield srv


def quick_settings(**overrides: Any) -> ModelSettings:
    """Short timeouts and a tight retry budget, so failure paths stay fast."""
    values: dict[str, Any] = {"timeout_s": 5.0, "max_retries": 3, "max_retry_time_s": 20.0}
    values.update(overrides)
    return ModelSettings(**values)


@pytest.fixture(scope="session")
def sdk_http_clients() -> Iterator[tuple[Any, Any]]:
    # Each SDK client otherwise builds its own TLS context (~0.1 s of CA loading); share one per SDK.
    clients = (openai.DefaultHttpxClient(), anthropic.DefaultHttpxClient())
    yield clients
    for client in clients:
        client.close()


@pytest.fixture
def make_openai(server: FakeServer, sdk_http_clients: tuple[Any, Any]) -> Callable[..., OpenAIModel]:
    """Build an OpenAIModel aimed at the fake server: make_openai(name=..., **settings)."""

    def make(
        name: str = "openai/gpt-4o-mini", *, api_key: str | None = None, **overrides: Any
    ) -> OpenAIModel:
        key = api_key or server.openai_key
        return OpenAIModel(
            name,
            quick_settings(**overrides),
            api_key=key,
            base_url=server.openai_base_url,
            http_client=sdk_http_clients[0],
        )

    return make


@pytest.fixture
def make_anthropic(server: FakeServer, sdk_http_clients: tuple[Any, Any]) -> Callable[..., AnthropicModel]:
    """Build an AnthropicModel aimed at the fake server: make_anthropic(name=..., **settings)."""

    def make(
        name: str = "anthropic/claude-haiku-4-5", *, api_key: str | None = None, **overrides: Any
    ) -> AnthropicModel:
        key = api_key or server.anthropic_key
        return AnthropicModel(
            name,
            quick_settings(**overrides),
            api_key=key,
            base_url=server.anthropic_base_url,
            http_client=sdk_http_clients[1],
        )

    return make
