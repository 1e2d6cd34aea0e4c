"""`replay/<run_id>[/<trial_id>]`: return a recorded run's model turns again, in order, with no network.

Recorded turns live in `results/<run_id>/transcripts/<trial_id>.json`, a JSON object with
`{"model_turns": [ModelResponse.model_dump(), ...]}` (other keys are ignored, so the transcript writer
may add its own). `replay/<run_id>` alone names a run; the runner binds each trial with `for_trial`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from harness.errors import HarnessError
from harness.models.base import Message, ModelError, ModelResponse, ModelSettings, ToolSpec
from harness.paths import default_results_dir


def transcript_path(run_id: str, trial_id: str, results_dir: Path | None = None) -> Path:
    return (results_dir or default_results_dir()) / run_id / "transcripts" / f"{trial_id}.json"


def load_recorded_turns(path: str | Path) -> list[ModelResponse]:
    """The `model_turns` recorded in a transcript file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except FileNotFoundError:
        raise HarnessError(f"no recorded transcript at {path}") from None
    except json.JSONDecodeError as exc:
        raise HarnessError(f"transcript {path} is not valid JSON: {exc}") from None
    turns = data.get("model_turns") if isinstance(data, dict) else None
    if not isinstance(turns, list):
        raise HarnessError(f"transcript {path} has no 'model_turns' list")
    try:
        return [ModelResponse.model_validate(t) for t in turns]
    except ValidationError as exc:
        raise HarnessError(f"transcript {path}: bad model turn: {str(exc).splitlines()[0]}") from None


class ReplayModel:
    """Returns `turns` one per call, ignoring the conversation; raises when they run out."""

    def __init__(
        self,
        turns: list[ModelResponse],
        *,
        name: str = "replay",
        settings: ModelSettings | None = None,
        run_id: str | None = None,
        results_dir: Path | None = None,
        trial_id: str | None = None,
    ):
        self.name = name
        self.settings = settings or ModelSettings()
        self.turns = list(turns)
        self.run_id = run_id
        self.results_dir = results_dir
        self.trial_id = trial_id
        self._next = 0

    @classmethod
    def from_name(cls, name: str, settings: ModelSettings, results_dir: Path | None = None) -> ReplayModel:
        run_id, _, trial_id = name.partition("/")[2].partition("/")
        if not run_id:
            raise HarnessError("replay needs a run id: replay/<run_id> or replay/<run_id>/<trial_id>")
        model = cls([], name=name, settings=settings, run_id=run_id, results_dir=results_dir)
        return model.for_trial(trial_id) if trial_id else model

    def for_trial(self, trial_id: str) -> ReplayModel:
        """A fresh model replaying this run's recorded turns for `trial_id`."""
        if self.run_id is None:
            raise HarnessError("this replay model was built from turns, not from a run id")
        turns = load_recorded_turns(transcript_path(self.run_id, trial_id, self.results_dir))
        return ReplayModel(
            turns,
            name=f"replay/{self.run_id}/{trial_id}",
            settings=self.settings,
            run_id=self.run_id,
            results_dir=self.results_dir,
            trial_id=trial_id,
        )

    def complete(self, messages: list[Message], tools: list[ToolSpec] | None = None) -> ModelResponse:
        if self._next >= len(self.turns):
            if self.run_id is not None and self.trial_id is None:
                raise ModelError(f"{self.name} is not bound to a trial (call for_trial)", retryable=False)
            raise ModelError(f"replay exhausted after {len(self.turns)} turns", retryable=False)
        turn = self.turns[self._next]
        self._next += 1
        return turn.model_copy(deep=True)
