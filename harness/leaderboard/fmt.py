"""How numbers read, shared by the Markdown and the HTML so both say exactly the same thing."""

from __future__ import annotations

from harness.leaderboard.board import ERROR_RATE_WARNING, Comparison, EntryView
from harness.stats import EntrySummary

DASH = "\u2013"  # en dash: an empty cell, distinct from a minus sign


def fmt_cost(cost: float | None) -> str:
    """Same format as harness.display.fmt_cost; not imported from there because display pulls in the
    runner and the Docker SDK, half a second of imports the leaderboard never uses."""
    if cost is None:
        return "unknown"
    return f"${cost:.4f}" if cost < 1 else f"${cost:.2f}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 run', '2 runs'; `many` for irregular plurals ('1 entry', '3 entries')."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def pct(x: float | None, digits: int = 1) -> str:
    return DASH if x is None else f"{100 * x:.{digits}f}%"


def interval(lo: float | None, hi: float | None, digits: int = 1) -> str:
    """A 95% interval in percentage points; asymmetric after clipping to [0, 100], so never '±'."""
    if lo is None or hi is None:
        return "n/a"
    return f"{100 * lo:.{digits}f}\u2013{100 * hi:.{digits}f}"


def pass_at_1(s: EntrySummary) -> str:
    if s.pass_at_1 is None:
        return DASH
    if s.ci_low is None:
        return f"{pct(s.pass_at_1)} (no CI: {s.n_clusters} cluster)"
    return f"{pct(s.pass_at_1)} [{interval(s.ci_low, s.ci_high)}]"


def signed_pp(x: float | None) -> str:
    return DASH if x is None else f"{100 * x:+.1f} pp"


def p_value(p: float | None) -> str:
    if p is None:
        return DASH
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def cost(e: EntryView, value: float | None) -> str:
    """'n/a' when there is no model to pay for; 'unknown' when a price is missing: never a silent $0."""
    if not e.priced:
        return "n/a"
    if e.summary.n_unknown_cost:
        return "unknown"
    return fmt_cost(value)


def cost_per_solved(e: EntryView) -> str:
    s = e.summary
    if e.priced and not s.n_unknown_cost and not s.n_passes:
        return "none solved"
    return cost(e, s.cost_per_pass_usd)


def count(n: float | None) -> str:
    if n is None:
        return DASH
    if n >= 1e6:
        return f"{n / 1e6:.1f}M"
    if n >= 1e3:
        return f"{n / 1e3:.1f}k"
    return f"{n:.0f}"


def tokens_short(e: EntryView) -> str:
    """'in / out' only, for the narrow web table; cached reads go in the cell's title."""
    s = e.summary
    if not e.priced or s.mean_input_tokens is None:
        return DASH
    return f"{count(s.mean_input_tokens)} / {count(s.mean_output_tokens)}"


def tokens(e: EntryView) -> str:
    s = e.summary
    if not e.priced or s.mean_input_tokens is None:
        return DASH
    text = f"{count(s.mean_input_tokens)} in / {count(s.mean_output_tokens)} out"
    if s.mean_cache_read_tokens:
        text += f" (+{count(s.mean_cache_read_tokens)} cached)"
    return text


def seconds(x: float | None) -> str:
    if x is None:
        return DASH
    return f"{x:.1f} s" if x < 120 else f"{x / 60:.1f} min"


def pass_k(s: EntrySummary, k: int) -> str:
    return pct(s.pass_at_k.get(k))


def pass_hat(s: EntrySummary, k: int) -> str:
    return pct(s.pass_hat_k.get(k))


def errors(s: EntrySummary) -> str:
    text = str(s.n_errors)
    if s.n_tasks_all_errors:
        text += f" ({plural(s.n_tasks_all_errors, 'task')} only errors)"
    return text


def error_rate(s: EntrySummary) -> str:
    """Errors / trials, with a warning sign past the board's threshold."""
    if s.error_rate is None:
        return DASH
    return pct(s.error_rate) + (" \u26a0" if s.error_rate > ERROR_RATE_WARNING else "")


def comparison_ci(c: Comparison) -> str:
    if c.ci_low is None or c.ci_high is None:
        return "n/a"
    return f"[{100 * c.ci_low:+.1f}, {100 * c.ci_high:+.1f}]"


COLUMN_HELP: dict[str, str] = {
    "entry": "The agent and model, as agent/model; all runs of the same pair are pooled.",
    "tasks": "Tasks with at least one graded (non-error) attempt: the denominator of pass@1.",
    "trials": "Every attempt counted, errored ones included.",
    "pass@1": "Mean over tasks of each task's fraction of passing attempts, with its 95% confidence interval "
    "over tasks (Student's t, clustered by task family; Wilson's when every task has the same fraction) in brackets.",
    "pass@k": "Chance that at least one of k attempts passes (unbiased estimator 1 - C(n-c,k)/C(n,k)), "
    "for the largest k that every task of every entry supports.",
    "pass^k": "Chance that all k attempts pass (C(c,k)/C(n,k)): how reliably the entry solves what it solves.",
    "cost / solved": "Total spend divided by the number of passing trials; 'unknown' when a price is missing, "
    "'n/a' for agents without a model.",
    "tokens / trial": "Mean uncached input and output tokens per trial (in / out), with prompt-cache reads apart.",
    "time / trial": "Median wall time of a trial, from sandbox start to grade.",
    "errors": "Trials that failed for infrastructure reasons; they are left out of every pass rate. What the "
    "agent's own work causes (a workspace the harness refuses, a timeout) is a failure, not an error.",
    "error rate": f"Errors / trials. Past {100 * ERROR_RATE_WARNING:g}% (\u26a0) the entry gets a warning: "
    "its pass@1 leaves out that many trials.",
}
