"""A first leaderboard: one Markdown row per agent/model across all runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from harness.results import TrialResult, list_runs


@dataclass
class Row:
    entry: str
    runs: int
    trials: int
    passed: int
    errors: int
    mean_time_s: float

    @property
    def pass_rate(self) -> float | None:
        graded = self.trials - self.errors
        return self.passed / graded if graded else None


def collect(results_dir: Path) -> list[Row]:
    by_entry: dict[str, list[TrialResult]] = {}
    runs: dict[str, set[str]] = {}
    for store in list_runs(results_dir):
        for r in store.latest_by_key().values():
            entry = f"{r.agent}/{r.model}" if r.model else r.agent
            by_entry.setdefault(entry, []).append(r)
            runs.setdefault(entry, set()).add(r.run_id)
    rows = [
        Row(
            entry=e,
            runs=len(runs[e]),
            trials=len(rs),
            passed=sum(r.status == "pass" for r in rs),
            errors=sum(r.status == "error" for r in rs),
            mean_time_s=statistics.fmean(r.duration_s for r in rs),
        )
        for e, rs in by_entry.items()
    ]
    return sorted(rows, key=lambda r: (-(r.pass_rate or 0), r.entry))


def render_markdown(rows: list[Row]) -> str:
    lines = [
        "# Leaderboard",
        "",
        "| # | agent/model | runs | trials | pass rate | errors | mean time |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for i, r in enumerate(rows, 1):
        rate = f"{100 * r.pass_rate:.1f}%" if r.pass_rate is not None else "n/a"
        lines.append(
            f"| {i} | {r.entry} | {r.runs} | {r.trials} | {rate} | {r.errors} | {r.mean_time_s:.1f}s |"
        )
    lines += ["", "Pass rate excludes errored trials (infrastructure failures), which are counted apart."]
    return "\n".join(lines) + "\n"
