"""The autouse guard in conftest.py really stops traffic leaving the machine.

(conftest's NetworkGuardError is matched by name: importing conftest by module name is fragile.)
"""

from __future__ import annotations

import os
import socket

import pytest

from harness.models.base import Message, ModelSettings, ModelUnavailable
from harness.models.openai import OpenAIModel


def test_non_loopback_connect_is_blocked():
    for method in ("connect", "connect_ex"):
        with (
            socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
            pytest.raises(ConnectionRefusedError, match="only loopback is allowed"),
        ):
            getattr(sock, method)(("203.0.113.7", 443))


def test_name_lookup_is_blocked():
    with pytest.raises(ConnectionRefusedError, match="only loopback is allowed"):
        socket.getaddrinfo("api.openai.com", 443)


def test_loopback_is_allowed(server):
    with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), timeout=2):
        pass


def test_sdk_call_to_the_real_api_is_stopped():
    model = OpenAIModel(
        "openai/gpt-4o-mini",
        ModelSettings(max_retries=0, timeout_s=5),
        api_key="sk-would-be-real",
        base_url="https://api.openai.com/v1",
    )
    with pytest.raises(ModelUnavailable) as info:
        model.complete([Message(role="user", content="hi")])
    chain: list[BaseException] = []
    error: BaseException | None = info.value
    while error is not None and len(chain) < 20:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(type(e).__name__ == "NetworkGuardError" for e in chain), chain


def test_keys_are_cleared():
    assert "OPENAI_API_KEY" not in os.environ
    assert "ANTHROPIC_API_KEY" not in os.environ
    assert not [name for name in os.environ if name.endswith("_BASE_URL")]
