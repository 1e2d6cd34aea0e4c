"""The cost-vs-pass@1 chart, drawn by matplotlib into an SVG string to inline in the report.

Built on a bare `Figure` (no pyplot), so no global state and no GUI backend. Deterministic output: a fixed
svg.hashsalt for element ids, no date in the metadata, text kept as text (svg.fonttype none), so the same
numbers always give the same bytes and a rebuilt report diffs clean.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass

from harness.leaderboard.board import Board

# Beyond this many points, labels would pile up; only frontier points keep theirs.
MAX_LABELLED = 12


@dataclass(frozen=True)
class Point:
    name: str
    cost: float  # USD per trial, > 0
    pass_at_1: float
    ci_low: float | None
    ci_high: float | None
    frontier: bool


@dataclass(frozen=True)
class Chart:
    svg: str | None  # None when no entry has a known, non-zero cost
    points: tuple[Point, ...]
    left_out: tuple[tuple[str, str], ...]  # (entry, why) for entries not on the chart


def points_of(board: Board) -> Chart:
    points: list[Point] = []
    left_out: list[tuple[str, str]] = []
    for e in board.entries:
        s = e.summary
        if s.pass_at_1 is None:
            left_out.append((e.name, "no graded trial"))
        elif not e.priced:
            left_out.append((e.name, "no model, no cost"))
        elif s.cost_per_trial_usd is None:
            left_out.append((e.name, "cost unknown"))
        elif s.cost_per_trial_usd <= 0:
            left_out.append((e.name, "cost $0 cannot sit on a log axis"))
        else:
            points.append(
                Point(e.name, s.cost_per_trial_usd, s.pass_at_1, s.ci_low, s.ci_high, e.on_frontier)
            )
    return Chart(None, tuple(points), tuple(left_out))


def cost_chart(board: Board) -> Chart:
    chart = points_of(board)
    if not chart.points:
        return chart
    return Chart(_render(chart.points), chart.points, chart.left_out)


def _render(points: tuple[Point, ...]) -> str:
    import matplotlib

    # Imported here: matplotlib takes a noticeable fraction of a second to import, and md/json never need it.
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    with matplotlib.rc_context(
        {"svg.hashsalt": "harness-leaderboard", "svg.fonttype": "none", "font.size": 9}
    ):
        fig = Figure(figsize=(7.2, 4.2), layout="constrained")
        ax = fig.add_subplot()
        ax.set_xscale("log")
        # Pad the cost range by a factor each side (a single cost would give a zero-width log range) and
        # tick at 1-2-5 steps in plain dollars: default log ticks read as 1.2x10^-3, which nobody scans.
        lo, hi = min(p.cost for p in points), max(p.cost for p in points)
        ax.set_xlim(lo / 2, hi * 2)
        ax.set_ylim(-2, 102)
        ax.autoscale(False)  # limits are fixed above; a lone point must not make them collapse
        ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(_dollars))
        ax.xaxis.set_minor_formatter(NullFormatter())
        dominated = [p for p in points if not p.frontier]
        frontier = sorted((p for p in points if p.frontier), key=lambda p: p.cost)
        groups = ((dominated, "#9aa5b1", 30, 2, "dominated"), (frontier, "#d9480f", 46, 3, "Pareto frontier"))
        for group, color, size, z, label in groups:
            if not group:
                continue
            xs = [p.cost for p in group]
            ys = [100 * p.pass_at_1 for p in group]
            # max(0, ...): an interval clipped to [0, 1] can sit a rounding error inside its own point.
            lows = [max(0.0, 100 * (p.pass_at_1 - p.ci_low)) if p.ci_low is not None else 0.0 for p in group]
            highs = [
                max(0.0, 100 * (p.ci_high - p.pass_at_1)) if p.ci_high is not None else 0.0 for p in group
            ]
            ax.errorbar(xs, ys, yerr=[lows, highs], fmt="none", ecolor=color, alpha=0.5, lw=1.2, zorder=z)
            ax.scatter(
                xs, ys, s=size, color=color, zorder=z + 1, edgecolors="white", linewidths=0.6, label=label
            )
        if len(frontier) > 1:
            # Frontier as a staircase: between two frontier points nothing better exists at that cost.
            ax.step([p.cost for p in frontier], [100 * p.pass_at_1 for p in frontier], where="post",
                    color="#d9480f", lw=1.4, alpha=0.8, zorder=1)  # fmt: skip
        labelled = [
            p for p in sorted(points, key=lambda p: p.cost) if p.frontier or len(points) <= MAX_LABELLED
        ]
        for p, dy in zip(labelled, _label_offsets(labelled), strict=True):
            ax.annotate(p.name, (p.cost, 100 * p.pass_at_1), xytext=(5, dy), textcoords="offset points",
                        fontsize=8, color="#1f2933" if p.frontier else "#52606d")  # fmt: skip
        ax.set_xlabel("cost per trial (USD, log scale)")
        ax.set_ylabel("pass@1 (%), bars: 95% CI")
        ax.grid(True, which="major", color="#e4e7eb", lw=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower right", frameon=False)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    # Inline SVG needs no XML prolog or DOCTYPE; drop them and the comments matplotlib adds.
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    # The RDF metadata block only names namespaces and the creator; it adds bytes and URLs, no meaning.
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # Fixed pt sizes would overflow small screens; the viewBox keeps the aspect ratio.
    return re.sub(
        r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="chart" role="img"', svg, count=1
    )


def _dollars(x: float, _pos: int | None = None) -> str:
    return f"${x:.2g}" if x < 1 else f"${x:,.0f}"


def _label_offsets(points: list[Point]) -> list[float]:
    """Vertical label offsets (points) that step a label down when an earlier one sits close by, so
    entries with near-equal cost and pass@1 stay readable."""
    offsets: list[float] = []
    for i, p in enumerate(points):
        near = sum(
            1
            for q in points[:i]
            if abs(math.log10(p.cost) - math.log10(q.cost)) < 0.3 and abs(p.pass_at_1 - q.pass_at_1) < 0.06
        )
        offsets.append(4.0 - 11.0 * near)
    return offsets
