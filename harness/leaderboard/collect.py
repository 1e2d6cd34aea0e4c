"""Stream trials from the runs in a results folder into what the statistics need, and nothing more.

A trial line carries a diff, log tails and messages worth kilobytes; the leaderboard needs a few dozen
bytes of it. So each line is cut before its first big field and only the head is decoded, each trial is
kept as a `stats.TrialRecord` (strings interned), and pages that need the whole trial find it again by
its byte offset in trials.jsonl. Memory then grows with trials x a small record, not trials x diff size.
"""

from __future__ import annotations

import fnmatch
import json
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic_core import from_json

from harness.config import BEHAVIOUR_OPTIONS
from harness.errors import HarnessError
from harness.results import RunInfo, RunStore, list_runs
from harness.stats import TrialRecord

# pydantic writes fields in declaration order and every field the leaderboard reads comes before `diff`,
# so the line's head up to `,"diff":` is a complete object once closed. Inside a JSON string a quote is
# always escaped, so this byte sequence can only be the structural key. Lines written in another order
# lack some needed key in the head and are decoded whole instead (slower, same result).
_CUT = b',"diff":'
_NEEDED = frozenset(
    ("trial_id", "task_id", "suite", "language", "difficulty", "tags", "family", "agent", "model",
     "attempt", "status", "score", "duration_s", "turns", "usage", "cost_usd")
)  # fmt: skip


_REF_RANK = {"pass": 0, "fail": 1}


@dataclass(frozen=True, slots=True)
class TrialRef:
    """Where one trial's full record lives: enough to render its page later without keeping it."""

    run_id: str
    trial_id: str
    offset: int


@dataclass(slots=True)
class Cell:
    """One entry x task: attempts pooled over runs, and the trial a reader should see first."""

    attempts: int = 0  # non-error attempts
    passes: int = 0
    errors: int = 0
    ref: TrialRef | None = None
    _ref_rank: int = 9

    def add(self, status: str, ref: TrialRef) -> None:
        if status == "error":
            self.errors += 1
        else:
            self.attempts += 1
            self.passes += status == "pass"
        # A passing attempt shows what success looks like; failing if none passed; an error only if that
        # is all there is. Ties keep the first seen (runs by id, then file order): stable across builds.
        rank = _REF_RANK.get(status, 2)
        if rank < self._ref_rank:
            self.ref, self._ref_rank = ref, rank

    @property
    def fraction(self) -> float | None:
        return self.passes / self.attempts if self.attempts else None


@dataclass(frozen=True, slots=True)
class _Small:
    suite: str
    agent: str
    model: str | None


@dataclass(frozen=True, slots=True)
class TaskInfo:
    task_id: str
    suite: str
    language: str
    difficulty: str


@dataclass(frozen=True, slots=True)
class RunMeta:
    run_id: str
    created_at: datetime
    status: str
    agent: str
    model: str | None
    n_trials: int  # selected trials kept from this run
    harness_version: str
    git_sha: str | None
    price_table_version: str | None


@dataclass(frozen=True)
class Selection:
    """Which trials to count. Globs (fnmatch) for suite, model and agent; `since` on a run's creation."""

    run_ids: tuple[str, ...] = ()
    suites: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    since: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "runs": list(self.run_ids),
            "suites": list(self.suites),
            "models": list(self.models),
            "agents": list(self.agents),
            "since": self.since.isoformat() if self.since else None,
        }


@dataclass
class Collection:
    results_dir: Path
    records: list[TrialRecord] = field(default_factory=list)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (entry, task_id) -> cell
    tasks: dict[str, TaskInfo] = field(default_factory=dict)
    entry_runs: dict[str, list[str]] = field(default_factory=dict)  # entry -> run ids, in run order
    entry_agent_model: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    runs: list[RunMeta] = field(default_factory=list)
    skipped_lines: int = 0  # unreadable or torn lines, left out


def parse_since(text: str) -> datetime:
    """A date or datetime in ISO form; naive values are taken as UTC, like the stored timestamps."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise HarnessError(
            f"--since {text!r}: use an ISO date such as 2026-11-24 or 2026-11-24T10:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def entry_name(agent: str, model: str | None) -> str:
    return f"{agent}/{model}" if model else agent


def _matches(value: str | None, globs: tuple[str, ...]) -> bool:
    return not globs or (value is not None and any(fnmatch.fnmatchcase(value, g) for g in globs))


def select_runs(results_dir: Path, sel: Selection) -> list[tuple[RunStore, RunInfo]]:
    """The runs to read, by id order. Unknown run ids and an empty result are one-line errors."""
    stores = {s.run_id: s for s in list_runs(results_dir)}
    if not stores:
        raise HarnessError(f"no runs in {results_dir}: run `harness run` first")
    unknown = [r for r in sel.run_ids if r not in stores]
    if unknown:
        names = sorted(stores)
        some = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        raise HarnessError(f"no run {', '.join(map(repr, unknown))} in {results_dir} (runs: {some})")
    chosen = [stores[r] for r in sorted(set(sel.run_ids))] if sel.run_ids else list(stores.values())
    out: list[tuple[RunStore, RunInfo]] = []
    for store in chosen:
        try:
            info = store.read_run()
        except HarnessError as e:  # one unreadable run.json must not hide every other run
            print(f"warning: skipping run '{store.run_id}': {e}", file=sys.stderr)
            continue
        if sel.since is not None and info.created_at < sel.since:
            continue
        cfg = info.config
        # Cheap run-level filters from the stored config; trial-level filters below catch the rest.
        if not _matches(cfg.get("agent"), sel.agents) or (
            sel.models and not _matches(cfg.get("model"), sel.models)
        ):
            continue
        out.append((store, info))
    if not out:
        raise HarnessError(f"no run in {results_dir} matches the selection {_describe(sel)}")
    return out


def _describe(sel: Selection) -> str:
    parts = [f"{k}={v}" for k, v in sel.as_dict().items() if v]
    return "(" + ", ".join(parts) + ")" if parts else "(all runs)"


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(offset, line) for each complete line. A torn last line is skipped, not repaired: this is a reader."""
    if not path.is_file():
        return
    offset = 0
    with path.open("rb") as f:
        for line in f:
            if line.endswith(b"\n"):
                yield offset, line
            offset += len(line)


def _decode(line: bytes) -> dict[str, Any] | None:
    # pydantic_core's parser (already here through pydantic) decodes these heads about twice as fast as
    # the json module, and this is the hot loop of a 100,000-trial leaderboard.
    cut = line.find(_CUT)
    if cut > 0:
        try:
            head = from_json(line[:cut] + b"}")
        except ValueError:
            head = None
        if isinstance(head, dict) and head.keys() >= _NEEDED:
            return head
    try:
        whole = from_json(line)
    except ValueError:
        return None
    return whole if isinstance(whole, dict) else None


@lru_cache(maxsize=4096)
def imported_family(suite: str, task_id: str) -> str | None:
    """Tasks brought in by an importer (a [source] table) share a family per suite: they come from one
    source and tend to succeed or fail together, so they are one cluster, not independent tasks.

    TrialResult does not record the source, so this looks at the task folder if it is still there.
    """
    from harness.errors import HarnessError
    from harness.paths import tasks_dir

    try:
        path = tasks_dir() / suite / task_id / "task.toml"
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, HarnessError):
        return None
    return f"suite:{suite}" if "source" in data else None


def _short(value: Any) -> str:
    if value is None:
        return "unset"
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)


def settings_suffixes(infos: list[RunInfo]) -> dict[tuple[str, int], str]:
    """(run id, invocation index) -> entry-name suffix, so trials run under different behaviour
    settings (temperature, limits, base URL, ...: config.BEHAVIOUR_OPTIONS) are never pooled into one
    entry, whether they come from different runs or from one run resumed with --allow-changed-settings.
    For each agent and model, trials under the settings seen first keep the plain name; the others get
    the settings that differ, e.g. ` [temperature=0.5, max-turns=10]`. A setting an older run.json lacks
    is not a difference. Empty suffixes everywhere when nothing differs."""
    groups: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    where: dict[tuple[str, int], tuple[tuple[Any, Any], int]] = {}
    for info in infos:
        for inv in info.history():
            s = {k: v for k, v in inv.settings.items() if k not in ("agent", "model")}
            base = (inv.settings.get("agent"), inv.settings.get("model"))
            known = groups.setdefault(base, [])
            for i, g in enumerate(known):
                shared = g.keys() & s.keys()
                if all(g[k] == s[k] for k in shared):
                    where[(info.run_id, inv.index)] = (base, i)
                    break
            else:
                known.append(s)
                where[(info.run_id, inv.index)] = (base, len(known) - 1)
    names: dict[tuple[tuple[Any, Any], int], str] = {}
    for base, known in groups.items():
        lead, taken = known[0], {""}
        names[(base, 0)] = ""
        for i, g in enumerate(known[1:], start=1):
            diff = [
                f"{BEHAVIOUR_OPTIONS[k].lstrip('-')}={_short(g[k])}"
                for k in BEHAVIOUR_OPTIONS
                if k in g and k in lead and g[k] != lead[k]
            ]
            name = f" [{', '.join(diff)}]" if diff else f" [settings {i + 1}]"
            if name in taken:
                name = f"{name[:-1]} #{i + 1}]"
            taken.add(name)
            names[(base, i)] = name
    return {key: names[group] for key, group in where.items()}


def _record(d: dict[str, Any], suffix: str = "") -> TrialRecord:
    usage = d.get("usage") or {}
    tags = d.get("tags") or ()
    family = d.get("family") or imported_family(d["suite"], d["task_id"])
    intern = sys.intern
    return TrialRecord(
        entry=intern(entry_name(d["agent"], d.get("model")) + suffix),
        task_id=intern(d["task_id"]),
        status=d["status"],
        cost_usd=d.get("cost_usd"),
        input_tokens=int(usage.get("input_tokens", 0)),
        output_tokens=int(usage.get("output_tokens", 0)),
        cache_read_tokens=int(usage.get("cache_read_tokens", 0)),
        turns=d.get("turns"),
        duration_s=float(d.get("duration_s") or 0.0),
        language=intern(d.get("language") or ""),
        difficulty=intern(d.get("difficulty") or ""),
        tags=tuple(intern(t) for t in tags),
        family=intern(family) if family else None,
        score=d.get("score"),
        isolation=d.get("isolation"),
    )


def _read_run(
    store: RunStore, sel: Selection, suffixes: dict[tuple[str, int], str] | None = None
) -> tuple[list[tuple[TrialRecord, _Small, TrialRef]], int]:
    """A run's selected trials, the last record of each (task, attempt) only, as the store defines it;
    and how many lines could not be read. `suffixes`: see settings_suffixes (a record without an
    invocation ran under the first)."""
    suffixes = suffixes or {}
    run_id = store.run_id
    latest: dict[tuple[str, int], tuple[TrialRecord, _Small, TrialRef]] = {}
    bad = 0
    for offset, line in _lines(store.trials_path):
        d = _decode(line)
        try:
            if d is None:
                raise ValueError("unreadable line")
            if not (_matches(d["suite"], sel.suites) and _matches(d["agent"], sel.agents)):
                continue
            if sel.models and not _matches(d.get("model"), sel.models):
                continue
            rec = _record(d, suffixes.get((run_id, int(d.get("invocation") or 1)), ""))
            key = (rec.task_id, int(d["attempt"]))
            # Only the few small fields the pages list are kept; the decoded head is dropped.
            small = _Small(sys.intern(d["suite"]), sys.intern(d["agent"]), d.get("model"))
            latest[key] = (rec, small, TrialRef(store.run_id, str(d["trial_id"]), offset))
        except (KeyError, TypeError, ValueError):
            bad += 1  # the store's own reader skips invalid lines too; we count them so the page can say so
    return list(latest.values()), bad


def collect(results_dir: Path, sel: Selection | None = None) -> Collection:
    """Read every selected trial once, in run-id order, into records, per-cell tallies and task info."""
    sel = sel or Selection()
    col = Collection(results_dir=Path(results_dir))
    selected = select_runs(results_dir, sel)
    suffixes = settings_suffixes([info for _, info in selected])
    for store, info in selected:
        items, bad = _read_run(store, sel, suffixes)
        col.skipped_lines += bad
        for rec, small, ref in items:
            col.records.append(rec)
            cell = col.cells.get((rec.entry, rec.task_id))
            if cell is None:
                cell = col.cells[(rec.entry, rec.task_id)] = Cell()
            cell.add(rec.status, ref)
            if rec.task_id not in col.tasks:
                col.tasks[rec.task_id] = TaskInfo(rec.task_id, small.suite, rec.language, rec.difficulty)
            runs = col.entry_runs.setdefault(rec.entry, [])
            if not runs or runs[-1] != store.run_id:
                runs.append(store.run_id)
            col.entry_agent_model.setdefault(rec.entry, (small.agent, small.model))
        if items:
            col.runs.append(_run_meta(info, len(items)))
    if not col.records:
        raise HarnessError(f"the selected runs in {results_dir} have no trials {_describe(sel)}")
    return col


def _run_meta(info: RunInfo, n: int) -> RunMeta:
    cfg = info.config
    return RunMeta(
        run_id=info.run_id,
        created_at=info.created_at,
        status=info.status,
        agent=str(cfg.get("agent", "")),
        model=cfg.get("model"),
        n_trials=n,
        harness_version=info.harness_version,
        git_sha=info.git_sha,
        price_table_version=info.price_table_version,
    )


def read_trials(results_dir: Path, refs: Iterable[TrialRef]) -> Iterator[tuple[TrialRef, bytes]]:
    """The full lines behind `refs`, one open file per run and sequential reads within it."""
    by_run: dict[str, list[TrialRef]] = {}
    for ref in refs:
        by_run.setdefault(ref.run_id, []).append(ref)
    for run_id in sorted(by_run):
        with (Path(results_dir) / run_id / "trials.jsonl").open("rb") as f:
            for ref in sorted(by_run[run_id], key=lambda r: r.offset):
                f.seek(ref.offset)
                yield ref, f.readline()
