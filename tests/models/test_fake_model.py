"""FakeModel: scripted turns, templating, exhaustion and pricing under another model's name."""

from __future__ import annotations

import json

import pytest

from harness.errors import HarnessError
from harness.models.base import Message, ModelError, ModelSettings, ModelUnavailable, ToolSpec
from harness.models.fake import FakeModel, load_script
from harness.models.pricing import cost_usd, price_name
from harness.models.registry import create_model

SUBMIT = ToolSpec(name="submit")
BASH = ToolSpec(name="bash")
TASK = [Message(role="system", content="sys"), Message(role="user", content="Fix the bug in calc.py")]


def fake(tmp_path, script):
    path = tmp_path / "script.json"
    path.write_text(json.dumps(script))
    return create_model(f"fake/{path}"), path


def test_builtin_smoke_script_then_submit():
    model = create_model("fake/smoke")
    first = model.complete(TASK, [BASH, SUBMIT])
    assert first.message.tool_calls[0].name == "bash"
    assert first.message.tool_calls[0].arguments == {"command": "ls"}
    assert first.usage.input_tokens == 1000

    history = [
        *TASK,
        first.message,
        Message(role="tool", tool_call_id=first.message.tool_calls[0].id, content="x"),
    ]
    second = model.complete(history, [BASH, SUBMIT])
    assert second.message.tool_calls[0].name == "submit"

    history += [second.message, Message(role="tool", tool_call_id="s", content="ok")]
    third = model.complete(history, [BASH, SUBMIT])  # ran out: submit again
    assert [c.name for c in third.message.tool_calls] == ["submit"]
    assert third.finish_reason == "tool_calls"


def test_exhaustion_without_submit_tool_stops():
    reply = create_model("fake/submit").complete(TASK, [BASH])
    assert (reply.message.tool_calls, reply.finish_reason) == ([], "stop")
    assert create_model("fake/submit").complete(TASK).finish_reason == "stop"


def test_on_exhausted_error(tmp_path):
    model, _ = fake(tmp_path, {"turns": [{"content": "hi"}], "on_exhausted": "error"})
    assert model.complete(TASK).message.content == "hi"
    with pytest.raises(ModelError, match="exhausted") as info:
        model.complete([*TASK, Message(role="assistant", content="hi")])
    assert not info.value.retryable


def test_turns_follow_the_conversation_so_one_model_serves_many_trials(tmp_path):
    model, _ = fake(tmp_path, [{"content": "one"}, {"content": "two"}])
    assert model.complete(TASK).message.content == "one"
    assert model.complete(TASK).message.content == "one"  # a fresh trial starts again at turn 0
    assert model.complete([*TASK, Message(role="assistant", content="one")]).message.content == "two"


def test_templating(tmp_path):
    (tmp_path / "fix.diff").write_text("--- a/calc.py\n+++ b/calc.py\n")
    script = [
        {
            "content": "Task was: {{first_user}} (turn {{turn}})",
            "tool_calls": [{"name": "apply_patch", "arguments": {"patch": "{{file:fix.diff}}", "n": 1}}],
        },
        {"content": "Tool said: {{ last_tool }}"},
    ]
    model, _ = fake(tmp_path, script)
    first = model.complete(TASK)
    assert first.message.content == "Task was: Fix the bug in calc.py (turn 0)"
    assert first.message.tool_calls[0].arguments == {"patch": "--- a/calc.py\n+++ b/calc.py\n", "n": 1}
    call_id = first.message.tool_calls[0].id
    second = model.complete(
        [*TASK, first.message, Message(role="tool", tool_call_id=call_id, content="applied")]
    )
    assert second.message.content == "Tool said: applied"


def test_unknown_placeholder_fails_loudly(tmp_path):
    model, _ = fake(tmp_path, [{"content": "{{frist_user}}"}])
    with pytest.raises(ModelError, match="unknown placeholder"):
        model.complete(TASK)


def test_raise_turns_exercise_error_paths():
    with pytest.raises(ModelUnavailable):
        create_model("fake/unavailable").complete(TASK)


def test_malformed_arguments_in_a_script(tmp_path):
    model, _ = fake(tmp_path, [{"tool_calls": [{"name": "bash", "arguments": "{not json"}]}])
    [call] = model.complete(TASK).message.tool_calls
    assert call.parse_error and call.raw_arguments == "{not json"


def test_price_as_exercises_cost_paths():
    model = create_model("fake/smoke")
    usage = model.complete(TASK).usage
    assert price_name(model) == "openai/gpt-4o-mini"
    assert cost_usd(price_name(model), usage) == pytest.approx((1000 * 0.15 + 50 * 0.60) / 1_000_000)
    assert cost_usd(model.name, usage) is None  # the fake itself has no price


def test_bad_scripts_are_harness_errors(tmp_path):
    with pytest.raises(HarnessError, match="smoke"):  # lists the built-ins
        load_script("no-such-script")
    bad = tmp_path / "bad.json"
    bad.write_text('[{"contnet": "typo"}]')
    with pytest.raises(HarnessError, match=r"bad\.json"):
        load_script(str(bad))


def test_direct_construction():
    model = FakeModel("fake/inline", ModelSettings(), load_script("submit"))
    assert model.complete(TASK, [SUBMIT]).message.tool_calls[0].name == "submit"
