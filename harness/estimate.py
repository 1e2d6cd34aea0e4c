"""`harness run --dry-run`: how many trials, and what they may cost, before anything is spent."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from harness.models.base import Usage
from harness.models.pricing import cost_usd
from harness.results import list_runs

# With no earlier trials of the model to go by: a multi-step agent's typical trial, stated in the output.
ASSUMED_TURNS = 15
ASSUMED_INPUT_PER_TURN = 8_000
ASSUMED_OUTPUT_PER_TURN = 400


@dataclass
class Estimate:
    per_trial: float | None
    total: float | None
    basis: str
    upper_bound: float | None = None


def estimate(
    model: str | None, price_as: str, n_trials: int, results_dir: Path, max_cost: float | None
) -> Estimate:
    bound = n_trials * max_cost if max_cost is not None else None
    if model is None:
        return Estimate(0.0, 0.0, "no model: no token cost", bound)
    past = [
        r.cost_usd
        for store in list_runs(results_dir)
        for r in store.latest_by_key().values()
        if r.model == model and r.cost_usd is not None and r.status != "error"
    ]
    if past:
        per = statistics.fmean(past)
        return Estimate(per, per * n_trials, f"mean of {len(past)} earlier trials of {model}", bound)
    usage = Usage(
        input_tokens=ASSUMED_TURNS * ASSUMED_INPUT_PER_TURN,
        output_tokens=ASSUMED_TURNS * ASSUMED_OUTPUT_PER_TURN,
    )
    per_trial = cost_usd(price_as, usage)
    if per_trial is None:
        return Estimate(None, None, f"unknown: no price for {price_as} (add one with HARNESS_PRICES)", bound)
    basis = (
        f"rough: no earlier trials of {model}; assumes {ASSUMED_TURNS} turns of "
        f"{ASSUMED_INPUT_PER_TURN} input and {ASSUMED_OUTPUT_PER_TURN} output tokens, no caching"
    )
    return Estimate(per_trial, per_trial * n_trials, basis, bound)
