"""Pre-flight: before the first trial of a run with a real provider, one cheap call (a one-token reply)
checks the URL, the key and the model name, so a typo costs one line and exit 2, not a run of errors."""

from __future__ import annotations

import copy
from typing import Any

from harness.errors import HarnessError
from harness.models.anthropic import AnthropicModel
from harness.models.base import Message, ModelError, ModelRequestError
from harness.models.openai import OpenAIModel

PROBE = [Message(role="user", content="Reply with the word ok.")]
PROBE_TIMEOUT_S = 60.0


def needs_preflight(model: Any) -> bool:
    """Real network providers only: fake/, replay/ and plug-ins answer without a server."""
    return isinstance(model, OpenAIModel | AnthropicModel)


def preflight(model: Any) -> None:
    """One call with a one-token cap and a short retry budget; raise HarnessError (one line naming the
    URL and the provider's answer) if the URL, key or model is wrong. A request the server understood but
    refused (400: e.g. a reasoning model that wants more than one token) proves all three and passes."""
    if not needs_preflight(model):
        return
    probe = copy.copy(model)  # shares the SDK client; only the settings differ
    probe.settings = model.settings.model_copy(
        update={
            "max_output_tokens": 1,
            "max_retries": min(model.settings.max_retries, 2),
            "max_retry_time_s": min(model.settings.max_retry_time_s, PROBE_TIMEOUT_S),
            "timeout_s": min(model.settings.timeout_s, PROBE_TIMEOUT_S),
            "reasoning_effort": None,
        }
    )
    url = str(model.client.base_url).rstrip("/")
    try:
        probe.complete(PROBE)
    except ModelRequestError:
        return
    except ModelError as e:  # a refused key, a model that does not exist, a URL that does not answer
        answer = " ".join(str(e).split())[:400]
        raise HarnessError(
            f"pre-flight check of {model.name} at {url} failed: {answer} "
            "(check --base-url, the API key and the model name; --no-preflight skips this check)"
        ) from None
