"""ReplayModel: recorded turns back in order; running out is a non-retryable error."""

from __future__ import annotations

import json

import pytest

from harness.errors import HarnessError
from harness.models.base import Message, ModelError, ModelResponse, ToolCall, Usage
from harness.models.registry import create_model
from harness.models.replay import ReplayModel, load_recorded_turns

TURNS = [
    ModelResponse(
        message=Message(
            role="assistant", tool_calls=[ToolCall(id="c1", name="bash", arguments={"command": "ls"})]
        ),
        usage=Usage(input_tokens=100, output_tokens=20),
        latency_s=1.5,
        finish_reason="tool_calls",
        model="gpt-4o-mini-2024-07-18",
    ),
    ModelResponse(message=Message(role="assistant", content="done"), usage=Usage(output_tokens=3)),
]
HI = [Message(role="user", content="hi")]


def write_transcript(results, run_id, trial_id, turns=TURNS):
    path = results / run_id / "transcripts" / f"{trial_id}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"trial_id": trial_id, "model_turns": [t.model_dump() for t in turns]}))
    return path


def test_replays_in_order_then_exhausts():
    model = ReplayModel(TURNS)
    assert model.complete(HI) == TURNS[0]
    assert model.complete(HI) == TURNS[1]
    with pytest.raises(ModelError, match="replay exhausted") as info:
        model.complete(HI)
    assert not info.value.retryable


def test_load_recorded_turns_round_trips(tmp_path):
    path = write_transcript(tmp_path, "run-1", "task-a")
    assert load_recorded_turns(path) == TURNS


def test_registry_name_binds_per_trial(tmp_path, monkeypatch):
    monkeypatch.setenv("HARNESS_RESULTS_DIR", str(tmp_path))
    write_transcript(tmp_path, "run-1", "task-a")

    unbound = create_model("replay/run-1")
    with pytest.raises(ModelError, match="not bound"):
        unbound.complete(HI)
    assert isinstance(unbound, ReplayModel)
    bound = unbound.for_trial("task-a")
    assert bound.name == "replay/run-1/task-a"
    assert bound.complete(HI).message.tool_calls[0].arguments == {"command": "ls"}

    direct = create_model("replay/run-1/task-a")
    assert [direct.complete(HI).finish_reason, direct.complete(HI).message.content] == ["tool_calls", "done"]


def test_missing_or_malformed_transcripts(tmp_path):
    with pytest.raises(HarnessError, match="no recorded transcript"):
        load_recorded_turns(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"turns": []}')
    with pytest.raises(HarnessError, match="model_turns"):
        load_recorded_turns(bad)
    bad.write_text('{"model_turns": [{"message": {"role": "robot"}}]}')
    with pytest.raises(HarnessError, match="bad model turn"):
        load_recorded_turns(bad)
