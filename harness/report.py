"""A single trial shown in full in the terminal: verdict, tests, diff, logs and transcript."""

from __future__ import annotations

import json

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table

from harness.display import STATUS_STYLE, fmt_cost
from harness.results import RunStore, TrialResult


def show_trial(console: Console, store: RunStore, r: TrialResult) -> None:
    head = [
        f"[bold]{r.trial_id}[/]  [{STATUS_STYLE[r.status]}]{r.status}[/]  {r.fail_reason or r.error_kind or ''}",
        f"task {r.task_id} ({r.language}, {r.difficulty}) hash {r.task_hash[:12]}  image {r.image}",
        f"agent {r.agent}  model {r.model or '-'}  stop {r.stop_reason or '-'}  turns {r.turns or '-'}",
        f"time: agent {r.agent_duration_s:.1f}s, grading {r.grading_duration_s:.1f}s, total {r.duration_s:.1f}s",
    ]
    if r.tests:
        t = r.tests
        head.append(
            f"tests: {t.passed}/{t.total} passed, {t.failed} failed, {t.errors} errors, {t.skipped} skipped"
        )
    if r.usage:
        u = r.usage
        head.append(
            f"tokens: in {u.input_tokens}, out {u.output_tokens}, cache read {u.cache_read_tokens}, "
            f"cache write {u.cache_write_tokens}, reasoning {u.reasoning_tokens}; cost {fmt_cost(r.cost_usd)}"
        )
    if r.message:
        head.append(f"message: {r.message}")
    head += _attempt_lines(r)
    for step in r.tries:
        head.append(
            f"try {step['try']}: {step['edits']} edits, well-formed {step['well_formed']}, visible tests "
            f"{step['visible_tests_passed']}, hidden tests {step['status']} (score {step['score']})"
        )
    for label, paths in (("restored (protected)", r.restored_paths), ("dropped", r.dropped_paths)):
        if paths:
            head.append(f"{label}: {', '.join(paths)}")
    checked = {True: "checked", False: "not checked", None: "not recorded"}
    head.append(f"inventory {checked[r.inventory_checked]}, canaries {checked[r.canaries_checked]}")
    if r.grade_detail:
        head.append(f"grade: {escape(r.grade_detail)}")
    console.print(Panel("\n".join(head), title="trial", expand=False))
    if r.transcript_path and (store.dir / r.transcript_path).is_file():
        transcript = json.loads((store.dir / r.transcript_path).read_text())
        for i, msg in enumerate(transcript.get("messages", [])):
            role = msg.get("role", "?")
            body = msg.get("content") or ""
            for call in msg.get("tool_calls") or []:
                body += f"\n→ {call.get('name')}({json.dumps(call.get('arguments'))[:2000]})"
            title = f"{i} {role}" + (f" ({msg['name']})" if msg.get("name") else "")
            console.print(Panel(escape(body.strip()[:6000]) or "(empty)", title=title, title_align="left"))
    elif r.agent_log_tail:
        console.print(Panel(escape(r.agent_log_tail), title="agent log (tail)", title_align="left"))
    if r.diff:
        console.print(Panel(Syntax(r.diff[:20000], "diff", word_wrap=True), title="diff", title_align="left"))
    if r.test_results:
        console.print(_tests_table(r))
    if r.log_tail:
        console.print(Panel(escape(r.log_tail), title="test output (tail)", title_align="left"))


def _attempt_lines(r: TrialResult) -> list[str]:
    """The trial's earlier runs that ended in an error (README "Reading results", `attempts`): per
    run, what ran again (the whole trial, or only its grading), the error and what that run cost."""
    if not r.attempts:
        return []
    again = {"agent": "run again", "grading": "re-graded"}
    lines = [f"earlier runs: {len(r.attempts)}, retried cost {fmt_cost(r.retried_cost_usd)}"]
    for i, a in enumerate(r.attempts, 1):
        msg = " ".join((a.message or "").split())[:300]
        lines.append(
            f"  {i}. {a.phase} ({again[a.phase]}): {a.error_kind or '-'}, cost {fmt_cost(a.cost_usd)}, "
            f"{a.duration_s:.1f}s at {a.started_at:%Y-%m-%d %H:%M:%S}" + (f": {escape(msg)}" if msg else "")
        )
    return lines


def _tests_table(r: TrialResult) -> Table:
    style = {"passed": "green", "failed": "red", "error": "red", "skipped": "yellow"}
    table = Table(title=f"tests ({len(r.test_results)})", title_justify="left")
    for col in ("status", "test", "s", "message"):
        table.add_column(col, overflow="fold")
    for t in r.test_results:
        table.add_row(
            f"[{style[t.status]}]{t.status}[/]", escape(t.id), f"{t.duration_s:.3f}", escape(t.message[:300])
        )
    return table
