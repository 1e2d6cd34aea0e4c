"""Neutral types: Usage arithmetic, strict settings, tool-call parsing, the Model protocol."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from harness.models.base import Model, ModelResponse, ModelSettings, Usage, parse_tool_call
from harness.models.fake import FakeModel, load_script
from harness.models.replay import ReplayModel


def test_usage_adds_field_by_field():
    a = Usage(input_tokens=1, output_tokens=2, cache_read_tokens=3, cache_write_tokens=4, reasoning_tokens=5)
    b = Usage(
        input_tokens=10, output_tokens=20, cache_read_tokens=30, cache_write_tokens=40, reasoning_tokens=50
    )
    assert a + b == Usage(
        input_tokens=11, output_tokens=22, cache_read_tokens=33, cache_write_tokens=44, reasoning_tokens=55
    )
    assert sum([a, b], Usage()) == a + b
    assert (a + b).prompt_tokens == 11 + 33 + 44


def test_settings_reject_unknown_fields():
    with pytest.raises(ValidationError):
        ModelSettings(temprature=0.1)  # type: ignore[call-arg]
    defaults = ModelSettings()
    assert (defaults.timeout_s, defaults.max_retries, defaults.max_retry_time_s) == (600, 6, 300)


@pytest.mark.parametrize(
    ("raw", "arguments", "error"),
    [
        ('{"a": 1}', {"a": 1}, None),
        ("", {}, None),
        ("  ", {}, None),
        (None, {}, None),
        ('"just a string"', {}, "must be a JSON object, got str"),
        ("{'a': 1}", {}, "invalid JSON"),
    ],
)
def test_parse_tool_call(raw, arguments, error):
    call = parse_tool_call("id", "t", raw)
    assert call.arguments == arguments
    if error is None:
        assert call.parse_error is None and call.raw_arguments is None
    else:
        assert call.parse_error is not None and error in call.parse_error
        assert call.raw_arguments == raw


def test_builtin_models_satisfy_the_protocol():
    assert isinstance(FakeModel("fake/submit", ModelSettings(), load_script("submit")), Model)
    assert isinstance(ReplayModel([ModelResponse.model_validate({"message": {"role": "assistant"}})]), Model)
