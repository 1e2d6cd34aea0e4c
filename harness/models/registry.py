"""Turn a model name ("provider/model", or "package.module:Class[/model]" for plug-ins) into a Model."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

from harness.errors import HarnessError
from harness.models.anthropic import KEY_ENV as ANTHROPIC_KEY_ENV
from harness.models.anthropic import AnthropicModel
from harness.models.base import Model, ModelSettings
from harness.models.fake import FakeModel
from harness.models.openai import ENDPOINTS, OpenAIModel
from harness.models.replay import ReplayModel

Factory = Callable[[str, ModelSettings], Model]

FACTORIES: dict[str, Factory] = {
    **{alias: OpenAIModel.from_name for alias in ENDPOINTS},
    "anthropic": AnthropicModel.from_name,
    "fake": FakeModel.from_name,
    "replay": ReplayModel.from_name,
}


def known_providers() -> list[str]:
    return sorted(FACTORIES)


def _split(name: str) -> tuple[str, str]:
    provider, sep, model = name.partition("/")
    if _is_plugin(provider):
        return provider, model
    if not sep or not provider or not model:
        raise HarnessError(
            f"model name {name!r} must look like provider/model (providers: {', '.join(known_providers())})"
        )
    if provider not in FACTORIES:
        raise HarnessError(
            f"unknown model provider {provider!r} in {name!r}; known providers: {', '.join(known_providers())}"
            " (or a plug-in class as package.module:Class)"
        )
    return provider, model


def _is_plugin(provider: str) -> bool:
    return ":" in provider


def required_key_env(name: str) -> str | None:
    """The env var `name` needs a key from, or None when it needs none."""
    provider, _ = _split(name)
    if provider == "anthropic":
        return ANTHROPIC_KEY_ENV
    endpoint = ENDPOINTS.get(provider)
    if endpoint is not None and endpoint.key_required:
        return endpoint.key_env
    return None


def check_credentials(name: str, settings: ModelSettings | None = None) -> None:
    """Fail before any trial starts when the model's key is missing. (settings: reserved for plug-ins.)"""
    env = required_key_env(name)
    if env and not os.environ.get(env):
        raise HarnessError(f"{env} is not set; model {name!r} needs it (export {env}=...)")


def _load_plugin(name: str, provider: str) -> Factory:
    module_name, _, attr = provider.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise HarnessError(
            f"cannot import model plug-in module {module_name!r} for {name!r}: {exc}"
        ) from None
    factory = getattr(module, attr, None)
    if not callable(factory):
        raise HarnessError(f"model plug-in {provider!r}: {module_name} has no class or function {attr!r}")
    return lambda n, s: factory(name=n, settings=s)


def create_model(name: str, settings: ModelSettings | None = None) -> Model:
    """Build the model `name` names. Plug-ins are called as `Class(name=<full name>, settings=settings)`."""
    settings = settings or ModelSettings()
    provider, _ = _split(name)
    if _is_plugin(provider):
        return _load_plugin(name, provider)(name, settings)
    check_credentials(name, settings)
    return FACTORIES[provider](name, settings)
