"""Model layer: providers behind one neutral interface, one retry policy, usage and cost.

    from harness.models import create_model, cost_usd, price_name, Message, ModelSettings
    model = create_model("openai/gpt-4o-mini", ModelSettings(temperature=0))
    reply = model.complete([Message(role="user", content="hi")])
    dollars = cost_usd(price_name(model), reply.usage)  # None when the price is unknown

Names: openai/, anthropic/, ollama/, vllm/, llamacpp/, openrouter/, fake/<script>, replay/<run_id>, or a
plug-in class as package.module:Class.
"""

from harness.models.base import (
    Message,
    Model,
    ModelAuthError,
    ModelError,
    ModelRequestError,
    ModelResponse,
    ModelSettings,
    ModelUnavailable,
    ToolCall,
    ToolSpec,
    Usage,
)
from harness.models.pricing import cost_usd, price_name, price_table_version

_LAZY = {"check_credentials", "create_model", "known_providers"}


def __getattr__(name: str) -> object:
    # The registry imports both provider SDKs (slow); load it only when a model is actually made.
    if name in _LAZY:
        from harness.models import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'harness.models' has no attribute {name!r}")


__all__ = [
    "Message",
    "Model",
    "ModelAuthError",
    "ModelError",
    "ModelRequestError",
    "ModelResponse",
    "ModelSettings",
    "ModelUnavailable",
    "ToolCall",
    "ToolSpec",
    "Usage",
    "check_credentials",
    "cost_usd",
    "create_model",
    "known_providers",
    "price_name",
    "price_table_version",
]
