"""The static web report: index.html, a page per entry, a page per (bounded number of) trials.

Every page is self-contained (CSS and JS inlined, the chart an inline SVG, a CSP that forbids any fetch)
so the folder works from file:// on any machine. Everything from results is escaped by jinja2 autoescape.
Page count and size are bounded: 100,000 trials must not mean 100,000 files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from pydantic import ValidationError

from harness.leaderboard import fmt
from harness.leaderboard.board import (
    ALPHA,
    Board,
    Comparison,
    EntryView,
    TaskRow,
    error_warning,
    isolation_note,
)
from harness.leaderboard.chart import cost_chart
from harness.leaderboard.collect import Cell, TrialRef, read_trials
from harness.results import TrialResult
from harness.stats import Breakdown, GroupSummary

MAX_TRIAL_PAGES = 2000  # one per matrix cell, hardest tasks first, until this many
INDEX_MATRIX_ROWS = 100  # tasks in the matrix on index.html; matrix.html has more
MATRIX_PAGE_MAX_CELLS = 60_000  # keeps matrix.html to a few MB at most
ENTRY_TASK_ROWS = 1000
MAX_MESSAGES = 80
MAX_MESSAGE_CHARS = 4000
MAX_DIFF_LINES = 800
MAX_DIFF_CHARS = 60_000
_SAFE = re.compile(r"[^A-Za-z0-9._-]")
MARKER = ".harness-leaderboard"  # only a folder carrying this is ever cleaned


@dataclass(frozen=True)
class Site:
    index: Path
    n_entry_pages: int
    n_trial_pages: int
    n_trial_cells: int  # cells that could have had a trial page
    cap_hit: bool


@dataclass(frozen=True)
class Versus:
    """One comparison from one entry's point of view: diff = this entry minus the other."""

    other: str
    other_slug: str
    diff: float | None
    ci: str
    comparison: Comparison

    @property
    def verdict(self) -> str:
        if not self.comparison.significant:
            return "not significant"
        return "better" if (self.diff or 0) > 0 else "worse"


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("harness.leaderboard", "templates"),
        autoescape=True,  # templates end in .j2, which select_autoescape would not recognise
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    static = resources.files("harness.leaderboard") / "templates"
    env.globals.update(
        css=Markup(static.joinpath("report.css").read_text()),
        js=Markup(static.joinpath("report.js").read_text()),
        fmt=fmt,
        pct=fmt.pct,
        interval=fmt.interval,
        alpha=ALPHA,
        frac_class=_frac_class,
        group_map=_group_map,
        error_warning=error_warning,
        isolation_note=isolation_note,
    )
    return env


def _frac_class(cell: Cell) -> str:
    f = cell.fraction
    if f is None:
        return "fe"  # errors only
    return "f0" if f == 0 else "f3" if f == 1 else "f2" if f >= 0.5 else "f1"


def _group_map(b: Breakdown) -> dict[str, GroupSummary]:
    return {g.key: g for g in b.groups}


def _choose_pages(board: Board, cap: int) -> tuple[dict[TrialRef, str], dict[TrialRef, str], int]:
    """Trial pages for the cells a reader sees first (hardest tasks, best entries), up to `cap`."""
    pages: dict[TrialRef, str] = {}
    owner: dict[TrialRef, str] = {}
    used: set[str] = set()
    n_cells = 0
    for row in board.tasks:
        for e in board.entries:
            cell = row.cells.get(e.name)
            if cell is None or cell.ref is None:
                continue
            n_cells += 1
            if len(pages) < cap:
                ref = cell.ref
                # Ids come from result files: keep file names to a safe alphabet, and unique.
                name = _SAFE.sub("_", f"{ref.run_id}--{ref.trial_id}".replace("@", "-"))
                while f"{name}.html" in used:
                    name += "_"
                used.add(f"{name}.html")
                pages[ref] = f"{name}.html"
                owner[ref] = e.name
    return pages, owner, n_cells


def _prepare(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    marker = out / MARKER
    if marker.exists():
        # Pages from an earlier build would link to trials no longer selected; remove only our own files.
        for sub in ("entries", "trials"):
            for p in (out / sub).glob("*.html"):
                p.unlink()
    marker.write_text("written by `harness leaderboard`; its .html files are replaced on each build\n")
    for sub in ("entries", "trials"):
        (out / sub).mkdir(exist_ok=True)


def _selection_text(board: Board) -> str:
    return "; ".join(
        f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in board.selection.as_dict().items() if v
    )


def _axis(board: Board, attr: str) -> list[str]:
    keys = {g.key for e in board.entries for g in getattr(e, attr).groups}
    order = {"easy": 0, "medium": 1, "hard": 2}
    return sorted(keys, key=lambda k: (order.get(k, 3), k))


def _versus(board: Board, e: EntryView) -> list[Versus]:
    slugs = {x.name: x.slug for x in board.entries}
    out = []
    for c in board.comparisons_of(e.name):
        here_better = c.better == e.name
        other = c.worse if here_better else c.better
        diff = c.diff if here_better or c.diff is None else -c.diff
        if c.ci_low is None or c.ci_high is None:
            ci = "n/a"
        elif here_better:
            ci = fmt.comparison_ci(c)
        else:
            ci = f"[{-100 * c.ci_high:+.1f}, {-100 * c.ci_low:+.1f}]"
        out.append(Versus(other, slugs[other], diff, ci, c))
    out.sort(key=lambda v: [x.name for x in board.entries].index(v.other))
    return out


def write_site(board: Board, results_dir: Path, out: Path, max_trial_pages: int = MAX_TRIAL_PAGES) -> Site:
    env = _env()
    _prepare(out)
    pages, owner, n_cells = _choose_pages(board, max_trial_pages)
    has_matrix_page = len(board.tasks) > INDEX_MATRIX_ROWS
    common: dict[str, Any] = {"board": board, "pages": pages, "has_matrix_page": has_matrix_page}

    index = out / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(
            **common,
            root="",
            chart=cost_chart(board),
            help=fmt.COLUMN_HELP,
            selection_text=_selection_text(board),
            languages=_axis(board, "by_language"),
            difficulties=_axis(board, "by_difficulty"),
            matrix_rows=board.tasks[:INDEX_MATRIX_ROWS],
            page_cap_hit=n_cells > len(pages),
        ),
        encoding="utf-8",
    )
    if has_matrix_page:
        rows = board.tasks[: max(INDEX_MATRIX_ROWS, MATRIX_PAGE_MAX_CELLS // max(1, len(board.entries)))]
        (out / "matrix.html").write_text(
            env.get_template("matrix.html.j2").render(**common, root="", rows=rows), encoding="utf-8"
        )

    entry_tpl = env.get_template("entry.html.j2")
    for e in board.entries:
        task_cells = _task_cells(board.tasks, e.name)
        (out / "entries" / f"{e.slug}.html").write_text(
            entry_tpl.render(
                **common,
                root="../",
                e=e,
                versus=_versus(board, e),
                task_cells=task_cells[:ENTRY_TASK_ROWS],
                n_task_cells=len(task_cells),
            ),
            encoding="utf-8",
        )

    slugs = {e.name: e.slug for e in board.entries}
    trial_tpl = env.get_template("trial.html.j2")
    for ref, line in read_trials(results_dir, pages):
        try:
            r = TrialResult.model_validate_json(line)
        except ValidationError:
            continue  # the line changed since it was read; the matrix still shows the counts
        entry = owner[ref]
        (out / "trials" / pages[ref]).write_text(
            trial_tpl.render(
                **common,
                root="../",
                r=r,
                entry=entry,
                entry_slug=slugs[entry],
                cost=_trial_cost(r),
                **_transcript(results_dir, r),
                **_diff(r.diff),
                **_test_results(r),
            ),
            encoding="utf-8",
        )
    return Site(index, len(board.entries), len(pages), n_cells, n_cells > len(pages))


def _task_cells(rows: tuple[TaskRow, ...], entry: str) -> list[tuple[TaskRow, Cell]]:
    return [(t, c) for t in rows if (c := t.cells.get(entry)) is not None]


def _trial_cost(r: TrialResult) -> str:
    if r.model is None:
        return "n/a (no model)"
    return fmt.fmt_cost(r.cost_usd)


def _transcript(results_dir: Path, r: TrialResult) -> dict[str, Any]:
    messages: list[dict[str, str]] = []
    omitted = 0
    path = Path(results_dir) / r.run_id / r.transcript_path if r.transcript_path else None
    if path is not None and path.is_file():
        try:
            raw = json.loads(path.read_text()).get("messages") or []
        except (ValueError, OSError, AttributeError):
            raw = []
        omitted = max(0, len(raw) - MAX_MESSAGES)
        messages = [_message(m) for m in raw[:MAX_MESSAGES] if isinstance(m, dict)]
    return {"messages": messages, "messages_omitted": omitted}


def _message(m: dict[str, Any]) -> dict[str, str]:
    body = str(m.get("content") or "")
    for call in m.get("tool_calls") or []:
        if isinstance(call, dict):
            args = json.dumps(call.get("arguments"), ensure_ascii=False)
            body += f"\n→ {call.get('name')}({args[:MAX_MESSAGE_CHARS]})"
    body = body.strip()
    if len(body) > MAX_MESSAGE_CHARS:
        body = body[:MAX_MESSAGE_CHARS] + f"\n[... {len(body) - MAX_MESSAGE_CHARS} characters not shown ...]"
    role = str(m.get("role") or "?")
    return {
        "role": role if role.isalnum() else "other",
        "name": str(m.get("name") or ""),
        "body": body or "(empty)",
    }


def _test_results(r: TrialResult) -> dict[str, Any]:
    """Per-test results as table rows, failures first (built here, like the diff, to stay fast)."""
    order = {"failed": 0, "error": 1, "skipped": 2, "passed": 3}
    rows = [
        f'<tr class="test-{t.status}"><td>{escape(t.status)}</td><td><code>{escape(t.id)}</code></td>'
        f"<td>{t.duration_s:.3f}</td><td>{escape(t.message)}</td></tr>"
        for t in sorted(r.test_results, key=lambda t: (order.get(t.status, 4), t.id))
    ]
    checked = {True: "checked", False: "not checked", None: "not recorded"}
    note = f"inventory {checked[r.inventory_checked]}, canaries {checked[r.canaries_checked]}"
    if r.grade_detail:
        note += f"; {r.grade_detail}"
    return {"tests_html": Markup("\n".join(rows)), "tests_note": note}


def _diff(diff: str) -> dict[str, Any]:
    """The diff as escaped, classed lines. Built here rather than in a template loop: with thousands of
    trial pages, a per-line template call is most of the report's build time."""
    text = diff[:MAX_DIFF_CHARS]
    lines = text.splitlines()
    cut = len(diff) > MAX_DIFF_CHARS or len(lines) > MAX_DIFF_LINES
    html = "".join(
        f'<span class="{cls}">{escape(line)}</span>\n' for cls, line in _classify(lines[:MAX_DIFF_LINES])
    )
    return {"diff_html": Markup(html), "diff_cut": cut}


def _classify(lines: list[str]) -> Iterator[tuple[str, str]]:
    for line in lines:
        if line.startswith(("+++", "---", "diff ", "index ")):
            yield "meta", line
        elif line.startswith("+"):
            yield "add", line
        elif line.startswith("-"):
            yield "del", line
        elif line.startswith("@@"):
            yield "hunk", line
        else:
            yield "", line
