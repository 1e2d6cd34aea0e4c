"""leaderboard.md: the ranked table, the significant pairwise differences, and what each column means."""

from __future__ import annotations

from harness.leaderboard import fmt
from harness.leaderboard.board import ALPHA, Board, error_warning, isolation_note


def _cell(text: str) -> str:
    # Entry names come from users: a '|' would split the row, a newline would end the table.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def ranked_columns(board: Board) -> list[str]:
    cols = ["#", "entry", "tasks", "trials", "pass@1 [95% CI]"]
    if board.k > 1:
        cols += [f"pass@{board.k}", f"pass^{board.k}"]
    return [*cols, "cost / solved", "tokens / trial", "time / trial", "errors", "error rate"]


def render_markdown(board: Board) -> str:
    n_tasks = len(board.tasks)
    lines = [
        "# Leaderboard",
        "",
        f"{fmt.plural(len(board.entries), 'entry', 'entries')}, {fmt.plural(n_tasks, 'task')}, "
        f"{fmt.plural(board.n_trials, 'trial')} from {fmt.plural(len(board.runs), 'run')}. "
        "Ranked by pass@1; the intervals say how much of a gap is noise.",
        "",
        _row(ranked_columns(board)),
        "|" + "|".join("---:" if i != 1 else "---" for i in range(len(ranked_columns(board)))) + "|",
    ]
    for e in board.entries:
        s = e.summary
        cells = [
            str(e.rank),
            e.name + (" ★" if e.on_frontier else ""),
            str(s.n_tasks),
            str(s.n_trials),
            fmt.pass_at_1(s),
        ]
        if board.k > 1:
            cells += [fmt.pass_k(s, board.k), fmt.pass_hat(s, board.k)]
        cells += [fmt.cost_per_solved(e), fmt.tokens(e), fmt.seconds(s.duration_median_s), fmt.errors(s)]
        cells.append(fmt.error_rate(s))
        lines.append(_row(cells))
    lines += [
        "",
        "★ on the cost-accuracy Pareto frontier: no other entry is both cheaper per trial and better.",
        "",
    ]
    warnings = [w for w in (error_warning(e) for e in board.entries) if w]
    warnings += [w for w in (isolation_note(e) for e in board.entries) if w]
    lines += [*(f"> \u26a0 {w}" for w in warnings), *([""] if warnings else [])]
    lines += _pairs(board)
    lines += ["", "## Columns", ""]
    for name, text in fmt.COLUMN_HELP.items():
        if name in ("pass@k", "pass^k") and board.k == 1:
            continue
        lines.append(f"- **{name}**: {text}")
    lines += [
        "",
        "Entries are compared only on the tasks both attempted (the `shared tasks` column). Differences use a paired "
        "test over tasks: an exact sign-flip permutation test up to 12 task clusters, a paired t-test beyond; "
        "p-values are Holm-adjusted for the number of pairs compared.",
    ]
    if board.skipped_lines:
        lines += ["", f"{board.skipped_lines} unreadable result lines were left out."]
    return "\n".join(lines) + "\n"


def _pairs(board: Board) -> list[str]:
    pct = f"{100 * ALPHA:g}%"
    sig = board.significant
    out = ["## Significant differences", ""]
    if not board.comparisons:
        return [*out, "Only one entry: nothing to compare."]
    if not sig:
        closest = board.comparisons[0]
        return [
            *out,
            f"No pair differs significantly at {pct} ({fmt.plural(len(board.comparisons), 'pair')} compared). The smallest p: "
            f"{closest.better} vs {closest.worse}, {fmt.signed_pp(closest.diff)} on {closest.result.n_shared} "
            f"shared tasks, p = {fmt.p_value(closest.result.p_value)} (Holm {fmt.p_value(closest.p_holm)}).",
        ]
    out += [
        f"Pairs whose pass@1 differs at the {pct} level after Holm's correction, of {len(board.comparisons)} "
        "compared.",
        "",
        _row(["better", "worse", "diff", "95% CI", "p", "p (Holm)", "shared tasks", "wins/ties/losses"]),
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for c in sig:
        r = c.result
        a_is_better = c.better == r.entry_a
        wins, losses = (r.wins, r.losses) if a_is_better else (r.losses, r.wins)
        out.append(
            _row(
                [
                    c.better,
                    c.worse,
                    fmt.signed_pp(c.diff),
                    fmt.comparison_ci(c),
                    fmt.p_value(r.p_value),
                    fmt.p_value(c.p_holm),
                    str(r.n_shared),
                    f"{wins}/{r.ties}/{losses}",
                ]
            )
        )
    return out
