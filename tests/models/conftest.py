"""Shared fixtures for the model-layer tests.

Autouse guard: no test in this folder may reach a real model API. Keys and endpoint overrides are cleared
from the environment, and any socket connection or name lookup that is not loopback raises
NetworkGuardError before a packet leaves the machine.
"""

from __future__ import annotations

import ipaddress
import os
import socket
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

CLEARED_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_AUTH_TOKEN",
    "OPENROUTER_API_KEY",
    "VLLM_API_KEY",
    "HARNESS_PRICES",
    "HARNESS_RESULTS_DIR",
)
PROXY_ENV = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
LOOPBACK_NAMES = {"localhost", "localhost.localdomain", ""}


class NetworkGuardError(ConnectionRefusedError):
    """A test tried to leave the machine. (An OSError so SDKs treat it like any refused connection.)"""


def _is_loopback(host: Any) -> bool:
    if host is None:
        return True
    text = host.decode() if isinstance(host, bytes) else str(host)
    if text.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(text.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in list(os.environ):
        if name in CLEARED_ENV or name.endswith("_BASE_URL") or name.upper() in PROXY_ENV:
            monkeypatch.delenv(name, raising=False)
    # Keep the anthropic SDK away from any credentials profile on this machine.
    monkeypatch.setenv("ANTHROPIC_CONFIG_DIR", str(tmp_path_factory.mktemp("anthropic-config")))

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise NetworkGuardError(f"test tried to connect to {address!r}; only loopback is allowed")

    def connect(self: socket.socket, address: Any) -> None:
        check(self, address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        check(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise NetworkGuardError(f"test tried to resolve {host!r}; only loopback is allowed")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


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
