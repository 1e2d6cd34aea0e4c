"""The leaderboard's numbers, computed once from a Collection; every output format renders this object."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from typing import Any

from harness.leaderboard.collect import Cell, Collection, RunMeta, Selection, TaskInfo
from harness.stats import (
    Breakdown,
    EntrySummary,
    PairedResult,
    ParetoResult,
    TrialRecord,
    breakdown,
    summarize_all,
)

JSON_SCHEMA_VERSION = 1
ALPHA = 0.05  # a difference is called significant when its Holm-adjusted p is below this
# An entry with more errored trials than this share gets a warning: errors are left out of pass@1, so
# many of them can flatter it.
ERROR_RATE_WARNING = 0.10


@dataclass(frozen=True)
class EntryView:
    rank: int
    name: str
    agent: str
    model: str | None
    slug: str  # file name stem of the entry's page
    summary: EntrySummary
    runs: tuple[str, ...]
    on_frontier: bool
    by_language: Breakdown
    by_difficulty: Breakdown
    by_tag: Breakdown

    @property
    def high_error_rate(self) -> bool:
        rate = self.summary.error_rate
        return rate is not None and rate > ERROR_RATE_WARNING

    @property
    def priced(self) -> bool:
        """False for entries without a model (oracle, nop): they cost nothing to compare, not 'unknown'."""
        return self.model is not None


@dataclass(frozen=True)
class Comparison:
    """A paired result oriented so `better` has the higher pass@1 on the shared tasks, with Holm's p."""

    better: str
    worse: str
    result: PairedResult
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    p_holm: float | None

    @property
    def significant(self) -> bool:
        return self.p_holm is not None and self.p_holm < ALPHA


@dataclass(frozen=True)
class TaskRow:
    info: TaskInfo
    solve_rate: float | None  # mean over entries of their pass fraction on this task: lower = harder
    cells: dict[str, Cell]  # entry -> cell, only entries that tried the task


@dataclass(frozen=True)
class Board:
    entries: tuple[EntryView, ...]  # ranked
    comparisons: tuple[Comparison, ...]  # significant first, then by p
    pareto: ParetoResult
    k: int  # the largest k every task of every entry supports (pass@k, pass^k shown for it)
    tasks: tuple[TaskRow, ...]  # hardest first
    runs: tuple[RunMeta, ...]
    selection: Selection
    n_trials: int
    skipped_lines: int

    def entry(self, name: str) -> EntryView:
        return next(e for e in self.entries if e.name == name)

    @property
    def significant(self) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if c.significant)

    def comparisons_of(self, name: str) -> tuple[Comparison, ...]:
        return tuple(c for c in self.comparisons if name in (c.better, c.worse))


def error_warning(e: EntryView) -> str | None:
    """One line for an entry whose share of errored trials passes ERROR_RATE_WARNING, else None."""
    s, rate = e.summary, e.summary.error_rate
    if not e.high_error_rate or rate is None:
        return None
    return (
        f"{e.name}: {s.n_errors} of {s.n_trials} trials ({100 * rate:.1f}%) are errors, above "
        f"{100 * ERROR_RATE_WARNING:g}%; errors are left out of pass@1, so its rank may flatter it."
    )


def isolation_note(e: EntryView) -> str | None:
    """One line for an entry whose score includes tasks graded in-process, else None."""
    n = e.summary.n_tasks_in_process
    if not n:
        return None
    tasks = "task was" if n == 1 else "tasks were"
    return (
        f"{e.name}: {n} {tasks} graded in-process (the agent's code ran inside the test process), a "
        "weaker guarantee than judge isolation; see the README's security model."
    )


def slugify(name: str) -> str:
    """A file name for any entry name: readable part plus a short hash, so 'a/b' and 'a--b' never clash."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "--", name).strip("-.")[:60] or "entry"
    return f"{readable}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def holm(p_values: list[float | None]) -> list[float | None]:
    """Holm-Bonferroni adjusted p-values (None stays None).

    With many entries, dozens of pairs are tested at once and some would pass p < 0.05 by chance alone;
    Holm controls the chance of any false 'significant' at 5% without assuming independence.
    """
    known = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(known)
    out: list[float | None] = [None] * len(p_values)
    running = 0.0
    for j, (p, i) in enumerate(known):
        running = max(running, min(1.0, (m - j) * p))  # monotone: never below an earlier adjusted p
        out[i] = running
    return out


def _rank_key(s: EntrySummary) -> tuple[float, float, float, str]:
    # pass@1 first; the interval's low end breaks ties in favour of the better-established entry; then
    # cheaper per solved task; then name, so the order never depends on input order.
    p = s.pass_at_1 if s.pass_at_1 is not None else -1.0
    lo = s.ci_low if s.ci_low is not None else -1.0
    cost = s.cost_per_pass_usd if s.cost_per_pass_usd is not None else math.inf
    return (-p, -lo, cost, s.entry)


def _orient(r: PairedResult, p_holm: float | None) -> Comparison:
    if r.diff is not None and r.diff < 0:
        return Comparison(
            r.entry_b,
            r.entry_a,
            r,
            -r.diff,
            -r.ci_high if r.ci_high is not None else None,
            -r.ci_low if r.ci_low is not None else None,
            p_holm,
        )
    return Comparison(r.entry_a, r.entry_b, r, r.diff, r.ci_low, r.ci_high, p_holm)


def build_board(col: Collection, selection: Selection | None = None) -> Board:
    report = summarize_all(col.records)
    by_entry: dict[str, list[TrialRecord]] = {}
    for rec in col.records:
        by_entry.setdefault(rec.entry, []).append(rec)
    frontier = set(report.pareto.frontier)
    ranked = sorted(report.summaries, key=_rank_key)
    entries = []
    for rank, s in enumerate(ranked, 1):
        agent, model = col.entry_agent_model[s.entry]
        recs = by_entry[s.entry]
        entries.append(
            EntryView(
                rank=rank,
                name=s.entry,
                agent=agent,
                model=model,
                slug=slugify(s.entry),
                summary=s,
                runs=tuple(col.entry_runs[s.entry]),
                on_frontier=s.entry in frontier,
                by_language=breakdown(recs, "language"),
                by_difficulty=breakdown(recs, "difficulty"),
                by_tag=breakdown(recs, "tag"),
            )
        )
    del by_entry

    adjusted = holm([c.p_value for c in report.comparisons])
    comparisons = sorted(
        (_orient(c, p) for c, p in zip(report.comparisons, adjusted, strict=True)),
        # Raw p breaks ties: Holm often caps many pairs at 1, and the smallest raw p is still the closest call.
        key=lambda c: (
            not c.significant,
            c.p_holm if c.p_holm is not None else 2.0,
            c.result.p_value if c.result.p_value is not None else 2.0,
            c.better,
            c.worse,
        ),
    )

    ks = [max(s.pass_at_k) for s in report.summaries if s.pass_at_k]
    cells_by_task: dict[str, dict[str, Cell]] = {}
    for (entry, task_id), cell in col.cells.items():
        cells_by_task.setdefault(task_id, {})[entry] = cell
    rows = []
    for task_id, cells in cells_by_task.items():
        fractions = [f for c in cells.values() if (f := c.fraction) is not None]
        rate = math.fsum(fractions) / len(fractions) if fractions else None
        rows.append(TaskRow(col.tasks[task_id], rate, dict(sorted(cells.items()))))
    # Hardest first; tasks nobody could attempt (errors only) last, since they say nothing about difficulty.
    rows.sort(key=lambda r: (r.solve_rate is None, r.solve_rate or 0.0, r.info.task_id))

    return Board(
        entries=tuple(entries),
        comparisons=tuple(comparisons),
        pareto=report.pareto,
        k=min(ks) if ks else 1,
        tasks=tuple(rows),
        runs=tuple(col.runs),
        selection=selection or Selection(),
        n_trials=len(col.records),
        skipped_lines=col.skipped_lines,
    )


def _num(x: float | None, digits: int = 6) -> float | None:
    # Rounded so the JSON is stable to read and diff; 6 digits is far below any interval's width.
    return None if x is None else round(x, digits)


def to_json(board: Board) -> dict[str, Any]:
    """The same figures as the Markdown and HTML, for other tools. Probabilities are fractions in [0, 1]."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "selection": board.selection.as_dict(),
        "runs": [
            {
                "run_id": r.run_id,
                "created_at": r.created_at.isoformat(),
                "status": r.status,
                "agent": r.agent,
                "model": r.model,
                "trials": r.n_trials,
                "harness_version": r.harness_version,
                "git_sha": r.git_sha,
                "price_table_version": r.price_table_version,
            }
            for r in board.runs
        ],
        "n_trials": board.n_trials,
        "error_rate_threshold": ERROR_RATE_WARNING,
        "n_tasks": len(board.tasks),
        "skipped_lines": board.skipped_lines,
        "k": board.k,
        "alpha": ALPHA,
        "entries": [
            {
                "rank": e.rank,
                "entry": e.name,
                "agent": e.agent,
                "model": e.model,
                "runs": list(e.runs),
                "on_pareto_frontier": e.on_frontier,
                "error_rate": _num(e.summary.error_rate),
                "error_rate_warning": e.high_error_rate,
                "tasks_in_process": e.summary.n_tasks_in_process,
                "isolation_note": isolation_note(e),
                "warning": error_warning(e),
                # Cost fields are null when unknown; `cost_known` says why a reader sees no number.
                "cost_known": e.priced and e.summary.n_unknown_cost == 0,
                "summary": e.summary.to_dict(),
                "breakdowns": {
                    b.by: b.to_dict()["groups"] for b in (e.by_language, e.by_difficulty, e.by_tag)
                },
            }
            for e in board.entries
        ],
        "comparisons": [
            {
                **c.result.to_dict(),
                "better": c.better,
                "worse": c.worse,
                "p_holm": _num(c.p_holm),
                "significant": c.significant,
            }
            for c in board.comparisons
        ],
        "pareto": board.pareto.to_dict(),
        "tasks": [
            {
                "task_id": t.info.task_id,
                "suite": t.info.suite,
                "language": t.info.language,
                "difficulty": t.info.difficulty,
                "solve_rate": _num(t.solve_rate),
                "cells": {
                    e: {"passes": c.passes, "attempts": c.attempts, "errors": c.errors}
                    for e, c in t.cells.items()
                },
            }
            for t in board.tasks
        ],
    }
