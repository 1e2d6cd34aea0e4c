"""Rich views: the live progress of a run and the tables printed after it."""

from __future__ import annotations

import statistics
import threading
from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from harness.results import TrialResult
from harness.runner import RunEvents

STATUS_STYLE = {"pass": "green", "fail": "red", "error": "yellow"}


def fmt_cost(cost: float | None, unknown: bool = False) -> str:
    if cost is None or unknown:
        return "unknown"
    return f"${cost:.4f}" if cost < 1 else f"${cost:.2f}"


class RunProgress:
    """Trials done/running/failed, elapsed time and ETA, plus one line per finished trial."""

    def __init__(self, console: Console, total: int, kept: int) -> None:
        self.console = console
        self.counts: Counter[str] = Counter()
        self.running: set[str] = set()  # trial ids in flight
        self.paused = ""  # while the engine does not answer: what the bar says
        self._lock = threading.Lock()
        self.progress = Progress(
            TextColumn("[bold]trials"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[stats]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.bar = self.progress.add_task("run", total=total, stats=self._stats())
        self.kept = kept

    def _stats(self) -> str:
        c = self.counts
        return (
            f"[green]{c['pass']} pass[/] [red]{c['fail']} fail[/] [yellow]{c['error']} error[/] "
            f"{len(self.running)} running" + (f" [bold yellow]{self.paused}[/]" if self.paused else "")
        )

    def events(self) -> RunEvents:
        return RunEvents(
            started=self._started, finished=self._finished, retrying=self._retrying, outage=self._outage,
            engine_wait=self._engine_wait, engine_back=self._engine_back, engine_gone=self._engine_gone,
        )  # fmt: skip

    def _started(self, tid: str) -> None:
        with self._lock:
            self.running.add(tid)
            self.progress.update(self.bar, stats=self._stats())

    def _retrying(self, r: TrialResult) -> None:
        with self._lock:
            self.running.discard(r.trial_id)
        self.console.print(f"[yellow]retry[/] {r.trial_id}: {r.error_kind}: {r.message}")

    def _outage(self, r: TrialResult, phase: str) -> None:
        with self._lock:
            self.running.discard(r.trial_id)
        again = "its grading runs again (the agent's work is kept)" if phase == "grading" else "it runs again"
        self.console.print(
            f"[yellow]engine outage[/] {r.trial_id} in its {phase} phase: {again} once the engine answers "
            f"[dim]({r.message})[/]"
        )

    def _engine_wait(self, retry_in: float, waited: float) -> None:
        with self._lock:
            self.paused = f"paused: engine not answering, retrying in {retry_in:.0f} s"
            self.progress.update(self.bar, stats=self._stats())
        self.console.print(
            f"[bold yellow]engine not answering, paused, retrying in {retry_in:.0f} s[/] "
            f"(no answer for {waited:.0f} s; no new trial starts)"
        )

    def _engine_back(self, waited: float) -> None:
        with self._lock:
            self.paused = ""
            self.progress.update(self.bar, stats=self._stats())
        self.console.print(f"[green]engine answers again[/] after {waited:.0f} s: resumed")

    def _engine_gone(self, waited: float) -> None:
        with self._lock:
            self.paused = "stopped: the engine does not answer"
            self.progress.update(self.bar, stats=self._stats())
        self.console.print(
            f"[red]engine gave no answer for {waited:.0f} s[/]: the run stops; trials not started stay to do"
        )

    def _finished(self, r: TrialResult) -> None:
        with self._lock:
            self.running.discard(r.trial_id)
            self.counts[r.status] += 1
            self.progress.update(self.bar, advance=1, stats=self._stats())
        why = r.fail_reason or r.error_kind or ""
        tests = f" {r.tests.passed}/{r.tests.total} tests" if r.tests else ""
        self.console.print(
            f"[{STATUS_STYLE[r.status]}]{r.status:5}[/] {r.trial_id:40} {r.duration_s:6.1f}s{tests} "
            f"[dim]{why}[/]"
        )

    def __enter__(self) -> RunProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def summary_table(results: Iterable[TrialResult], title: str) -> Table:
    """Per task: attempts passed, errors, mean time; a total row with the pass rate."""
    by_task: dict[str, list[TrialResult]] = {}
    for r in results:
        by_task.setdefault(r.task_id, []).append(r)
    table = Table(title=title, title_justify="left")
    for col, just in [("task", "left"), ("lang", "left"), ("passed", "right"), ("errors", "right"),
                      ("tests", "right"), ("mean time", "right"), ("cost", "right")]:  # fmt: skip
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    n_pass = n_graded = n_err = 0
    times: list[float] = []
    for task_id, rs in sorted(by_task.items()):
        graded = [r for r in rs if r.status != "error"]
        passed = sum(r.status == "pass" for r in graded)
        errors = len(rs) - len(graded)
        n_pass, n_graded, n_err = n_pass + passed, n_graded + len(graded), n_err + errors
        times.extend(r.duration_s for r in rs)
        style = "green" if graded and passed == len(graded) else ("red" if graded else "yellow")
        tests = [r.tests for r in rs if r.tests]
        tests_txt = f"{sum(t.passed for t in tests)}/{sum(t.total for t in tests)}" if tests else "-"
        costs = [r.cost_usd for r in rs]
        cost = (
            "-" if all(r.model is None for r in rs) else fmt_cost(sum(c or 0 for c in costs), None in costs)
        )
        table.add_row(
            task_id, rs[0].language, f"[{style}]{passed}/{len(graded)}[/]", str(errors) if errors else "",
            tests_txt, f"{statistics.fmean(r.duration_s for r in rs):.1f}s", cost,
        )  # fmt: skip
    rate = f"{100 * n_pass / n_graded:.1f}%" if n_graded else "n/a"
    mean = f"{statistics.fmean(times):.1f}s" if times else "-"
    table.add_section()
    table.add_row("[bold]total", "", f"[bold]{n_pass}/{n_graded}", str(n_err), "", mean, "")
    table.caption = f"pass rate {rate} of graded trials; {n_err} infrastructure errors, counted apart"
    table.caption_justify = "left"
    return table


def trials_table(results: list[TrialResult], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    with_model = any(r.model for r in results)
    cols = ["trial", "status", "reason", "tests", "agent s", "grade s"]
    cols += ["turns", "tokens in/out", "cost"] if with_model else []
    with_history = any(r.attempts for r in results)
    cols += ["earlier runs"] if with_history else []
    for col in cols:
        table.add_column(col)
    for r in sorted(results, key=lambda r: (r.task_id, r.attempt)):
        tests = f"{r.tests.passed}/{r.tests.total}" if r.tests else "-"
        row = [
            r.trial_id, f"[{STATUS_STYLE[r.status]}]{r.status}[/]", r.fail_reason or r.error_kind or r.stop_reason or "",
            tests, f"{r.agent_duration_s:.1f}", f"{r.grading_duration_s:.1f}",
        ]  # fmt: skip
        if with_model:
            tokens = f"{r.usage.prompt_tokens}/{r.usage.output_tokens}" if r.usage else "-"
            cost = fmt_cost(r.cost_usd) + (f" +{fmt_cost(r.retried_cost_usd)}" if r.retried_cost_usd else "")
            row += [str(r.turns) if r.turns is not None else "-", tokens, cost]
        if with_history:
            row.append(attempts_brief(r))
        table.add_row(*row)
    return table


def attempts_brief(r: TrialResult) -> str:
    """The attempt history in a few words: each earlier run's error kind (re-graded: only its grading
    ran again). What they spent is the "+$..." of the cost column (retried_cost_usd)."""
    if not r.attempts:
        return ""
    kinds = ", ".join(f"{a.error_kind}{' (re-graded)' if a.phase == 'grading' else ''}" for a in r.attempts)
    return f"{len(r.attempts)}: {kinds}"
