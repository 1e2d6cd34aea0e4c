"""create_model / check_credentials: names to models, and failing early on missing keys."""

from __future__ import annotations

import textwrap

import pytest

from harness.errors import HarnessError
from harness.models.anthropic import AnthropicModel
from harness.models.base import Model, ModelSettings
from harness.models.fake import FakeModel
from harness.models.openai import PLACEHOLDER_KEY, OpenAIModel
from harness.models.registry import check_credentials, create_model, known_providers
from harness.models.replay import ReplayModel


def test_unknown_provider_is_one_clear_line():
    with pytest.raises(HarnessError) as info:
        create_model("nope/some-model")
    message = str(info.value)
    assert "\n" not in message
    assert "unknown model provider 'nope'" in message
    for provider in ("openai", "anthropic", "ollama", "fake", "replay"):
        assert provider in message


@pytest.mark.parametrize("name", ["gpt-4o", "openai/", "/gpt-4o", ""])
def test_malformed_names(name):
    with pytest.raises(HarnessError, match="provider/model"):
        create_model(name)


@pytest.mark.parametrize(
    ("name", "env"),
    [
        ("openai/gpt-4o", "OPENAI_API_KEY"),
        ("anthropic/claude-haiku-4-5", "ANTHROPIC_API_KEY"),
        ("openrouter/meta-llama/llama-3.1-8b", "OPENROUTER_API_KEY"),
    ],
)
def test_missing_key_names_the_env_var(name, env):
    with pytest.raises(HarnessError, match=env):
        check_credentials(name)
    with pytest.raises(HarnessError, match=env):
        create_model(name)


@pytest.mark.parametrize(
    "name", ["ollama/llama3.1", "vllm/qwen", "llamacpp/any", "fake/submit", "replay/run-1"]
)
def test_keyless_models_pass_the_credential_check(name):
    check_credentials(name)


def test_openai_default_endpoint_and_env_override(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    model = create_model("openai/gpt-4o-mini", ModelSettings())
    assert isinstance(model, OpenAIModel)
    assert isinstance(model, Model)
    assert str(model.client.base_url) == "https://api.openai.com/v1/"
    assert model.client.api_key == "sk-test"
    assert model.client.max_retries == 0
    assert model.model_id == "gpt-4o-mini"

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")
    assert str(create_model("openai/gpt-4o").client.base_url) == "http://127.0.0.1:9999/v1/"  # type: ignore[attr-defined]
    explicit = create_model("openai/gpt-4o", ModelSettings(base_url="http://127.0.0.1:1/v1"))
    assert str(explicit.client.base_url) == "http://127.0.0.1:1/v1/"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("ollama/llama3.1:8b", "http://localhost:11434/v1/"),
        ("vllm/Qwen/Qwen2.5-7B", "http://localhost:8000/v1/"),
        ("llamacpp/local", "http://localhost:8080/v1/"),
        ("openrouter/x/y", "https://openrouter.ai/api/v1/"),
    ],
)
def test_aliases_use_their_default_endpoints(name, url, monkeypatch):
    monkeypatch.setenv("OPENROUTER_API_KEY", "sk-or")
    model = create_model(name)
    assert isinstance(model, OpenAIModel)
    assert str(model.client.base_url) == url
    assert model.model_id == name.partition("/")[2]


def test_ollama_needs_no_key_and_vllm_uses_one_if_set(monkeypatch):
    assert create_model("ollama/llama3.1").client.api_key == PLACEHOLDER_KEY  # type: ignore[attr-defined]
    monkeypatch.setenv("VLLM_API_KEY", "token-abc")
    assert create_model("vllm/qwen").client.api_key == "token-abc"  # type: ignore[attr-defined]


def test_anthropic_model(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    model = create_model("anthropic/claude-haiku-4-5", ModelSettings(timeout_s=30))
    assert isinstance(model, AnthropicModel)
    assert str(model.client.base_url).rstrip("/") == "https://api.anthropic.com"
    assert model.client.max_retries == 0
    assert model.client.timeout == 30


def test_fake_and_replay_names():
    assert isinstance(create_model("fake/smoke"), FakeModel)
    assert isinstance(create_model("replay/run-1"), ReplayModel)
    assert set(known_providers()) >= {"openai", "anthropic", "ollama", "vllm", "llamacpp", "openrouter"}


def test_plugin_by_dotted_path(tmp_path, monkeypatch):
    (tmp_path / "my_harness_plugin.py").write_text(
        textwrap.dedent(
            """
            class EchoModel:
                def __init__(self, name, settings):
                    self.name = name
                    self.settings = settings
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = ModelSettings(temperature=0.5)
    model = create_model("my_harness_plugin:EchoModel/echo-1", settings)
    assert model.name == "my_harness_plugin:EchoModel/echo-1"
    assert model.settings is settings

    with pytest.raises(HarnessError, match="no class or function 'Missing'"):
        create_model("my_harness_plugin:Missing")
    with pytest.raises(HarnessError, match="cannot import"):
        create_model("no_such_module_xyz:Model")
