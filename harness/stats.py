"""Statistics for benchmark results: pass@k, confidence intervals, paired comparisons, Pareto frontiers.

Pure functions over `TrialRecord`s, standard library only, so the leaderboard can be rebuilt anywhere.

Conventions used throughout:

* The unit of analysis is the *task*. An entry's pass@1 is the mean over tasks of that task's pass fraction
  (passes / non-error attempts), so a task attempted 10 times weighs the same as one attempted once.
* Several runs of the same entry simply pool their attempts: records are grouped by `entry` and `task_id`.
* Errored trials (harness or infrastructure failures, not agent failures) are excluded from pass rates and
  counted separately; a task whose attempts all errored is left out of pass@1 and counted in
  `n_tasks_all_errors`. They still count as trials for cost, tokens and wall time, because they were paid for.
  Anything the agent's own work causes (a workspace the harness refuses, tests that time out) is a `fail`,
  never an `error`, so it counts against pass@1. `error_rate` (errors / trials) says how much was left out.
* Unknown cost (`cost_usd is None`) makes every cost aggregate `None`, never a silent 0.
* Standard errors are cluster-robust over task families (CR1: each family is one cluster, a task without a
  family is its own cluster), and 95% intervals use Student's t with G - 1 degrees of freedom, G being the
  number of clusters. With no families this is exactly the textbook s / sqrt(n) with a t(n - 1) interval.
  t rather than normal because benchmarks often have few clusters (a dozen families), where normal
  intervals under-cover; see Cameron & Miller (2015), "A Practitioner's Guide to Cluster-Robust Inference".
  When every task has the same pass fraction (e.g. all solved) the SE is 0 and the t interval would collapse
  to the point; pass@1 then gets the Wilson score interval for that fraction over G clusters instead, so
  "5 of 5 tasks solved" reads as 100% [56.6-100], not as a certainty.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from typing import Any, Literal

__all__ = [
    "Breakdown",
    "EntrySummary",
    "GroupSummary",
    "PairedResult",
    "ParetoResult",
    "Report",
    "TrialRecord",
    "breakdown",
    "paired_comparison",
    "pareto_frontier",
    "pass_at_k",
    "pass_hat_k",
    "summarize_all",
    "summarize_entry",
    "t_cdf",
    "t_quantile",
    "t_two_sided_p",
]

Status = Literal["pass", "fail", "error"]
BreakdownKey = Literal["language", "difficulty", "tag"]

_STATUSES = frozenset(("pass", "fail", "error"))
# Up to this many clusters the paired p-value is an exact sign-flip permutation test (2^12 = 4096 sign
# patterns, cheap); beyond it the t approximation is accurate and enumeration would explode.
EXACT_PERMUTATION_MAX_CLUSTERS = 12
# Standard errors below this are treated as exactly zero: they arise only from floating-point noise when
# every cluster has the same residual, and dividing by them would fabricate astronomically small p-values.
_ZERO_SE = 1e-12


# --------------------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True, slots=True)
class TrialRecord:
    """One attempt of one entry (agent/model) at one task."""

    entry: str
    task_id: str
    status: Status
    cost_usd: float | None  # None = price unknown; propagates to every cost aggregate
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    turns: int | None = None
    duration_s: float = 0.0
    language: str = ""
    difficulty: str = ""
    tags: tuple[str, ...] = ()
    family: str | None = None  # task family for clustered SEs; None = the task is its own cluster
    score: float | None = None  # partial credit in [0, 1]
    isolation: str | None = None  # grading isolation: judge, in-process (None: not recorded)

    def __post_init__(self) -> None:
        # Validate here so bad data fails at load time, not as a mysterious statistic later.
        if self.status not in _STATUSES:
            raise ValueError(f"status must be one of {sorted(_STATUSES)}, got {self.status!r}")
        if self.score is not None and not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {self.score!r}")
        if self.cost_usd is not None and not self.cost_usd >= 0.0:  # `not >=` also rejects NaN
            raise ValueError(f"cost_usd must be >= 0 or None, got {self.cost_usd!r}")


# --------------------------------------------------------------------------------------------------------
# Results


class _ToDict:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: nested results become dicts, tuples become lists, dict keys become strings."""
        out = _jsonable(self)
        assert isinstance(out, dict)
        return out


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        # JSON object keys must be strings; pass@k is keyed by int k.
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class EntrySummary(_ToDict):
    """Aggregate statistics for one entry. `None` means unknown or undefined (never a stand-in for 0)."""

    entry: str
    n_tasks: int  # tasks with >= 1 non-error attempt: the pass@1 denominator
    n_tasks_all_errors: int  # tasks attempted only with errors, excluded from pass rates
    n_tasks_missing: int  # tasks in the requested task set with no trial at all (0 without a task set)
    n_trials: int  # all trials, errors included
    n_errors: int
    n_passes: int
    n_clusters: int  # independent units behind the SE (families + unclustered tasks)
    pass_at_1: float | None
    se: float | None  # cluster-robust standard error of pass_at_1 (None with < 2 clusters)
    ci_low: float | None  # 95% t interval, clipped to [0, 1]
    ci_high: float | None
    pass_at_k: dict[int, float]  # k = 1 .. min non-error attempts per task
    pass_hat_k: dict[int, float]  # probability all k attempts pass, same k range
    cost_total_usd: float | None
    cost_per_trial_usd: float | None
    cost_per_pass_usd: float | None  # total cost / number of passing trials (None also when no passes)
    n_unknown_cost: int
    mean_input_tokens: float | None
    mean_output_tokens: float | None
    mean_cache_read_tokens: float | None
    turns_mean: float | None  # over trials that reported turns
    turns_median: float | None
    duration_median_s: float | None
    duration_p90_s: float | None
    mean_score: float | None  # task-weighted like pass@1, over non-error trials that carry a score
    n_scored: int
    error_rate: float | None = None  # n_errors / n_trials: the share of trials left out of pass rates
    # Tasks graded in-process (the agent's code ran inside the test process: a weaker guarantee).
    n_tasks_in_process: int = 0


@dataclass(frozen=True)
class PairedResult(_ToDict):
    """A vs B on the tasks both ran. `diff` is pass@1(A) - pass@1(B) on those shared tasks only."""

    entry_a: str
    entry_b: str
    n_shared: int
    n_only_a: int
    n_only_b: int
    n_clusters: int
    pass_at_1_a: float | None
    pass_at_1_b: float | None
    diff: float | None
    se: float | None
    ci_low: float | None  # 95% t interval on the difference, clipped to [-1, 1]
    ci_high: float | None
    p_value: float | None  # two-sided
    p_method: Literal["sign-flip exact", "paired t", "none"]
    wins: int  # shared tasks where A's pass fraction is higher
    losses: int
    ties: int


@dataclass(frozen=True)
class ParetoResult(_ToDict):
    """Cost-accuracy frontier. Entries are named; `frontier` is ordered by increasing cost."""

    frontier: tuple[str, ...]
    dominated: tuple[str, ...]
    unknown_cost: tuple[str, ...]  # excluded: cannot be placed on the cost axis


@dataclass(frozen=True)
class GroupSummary(_ToDict):
    """pass@1 with its interval for one slice (one language, difficulty or tag)."""

    key: str
    n_tasks: int
    n_trials: int
    n_errors: int
    pass_at_1: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class Breakdown(_ToDict):
    by: BreakdownKey
    groups: tuple[GroupSummary, ...]  # sorted by key


@dataclass(frozen=True)
class Report(_ToDict):
    """Everything the leaderboard needs: one summary per entry and every pairwise comparison."""

    summaries: tuple[EntrySummary, ...]  # sorted by entry name
    comparisons: tuple[PairedResult, ...]  # one per unordered pair, entry_a < entry_b
    pareto: ParetoResult  # on (cost_per_trial_usd, pass_at_1); entries with no pass@1 are left out


# --------------------------------------------------------------------------------------------------------
# pass@k


def _check_nck(n: int, c: int, k: int) -> None:
    if not 0 <= c <= n:
        raise ValueError(f"need 0 <= c <= n, got n={n}, c={c}")
    if not 1 <= k <= n:
        raise ValueError(f"need 1 <= k <= n, got n={n}, k={k}")


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of P(at least one of k attempts passes) from c passes in n attempts.

    1 - C(n-c, k) / C(n, k) (Chen et al. 2021), evaluated as 1 - prod_{i=n-c+1}^{n} (1 - k/i), which
    stays in floating-point range for any n where the binomials would overflow.
    """
    _check_nck(n, c, k)
    if n - c < k:
        return 1.0  # every k-subset must contain a pass
    if k == 1:
        return c / n  # the product telescopes to this; exact form keeps pass@1 bit-identical to c/n
    prod = 1.0
    for i in range(n - c + 1, n + 1):
        prod *= 1.0 - k / i
    return 1.0 - prod


def pass_hat_k(n: int, c: int, k: int) -> float:
    """Unbiased estimate of P(all k attempts pass) ("pass^k"): C(c, k) / C(n, k).

    Evaluated as prod_{i=0}^{k-1} (c-i)/(n-i), each factor in [0, 1], so no overflow.
    """
    _check_nck(n, c, k)
    if c < k:
        return 0.0
    prod = 1.0
    for i in range(k):
        prod *= (c - i) / (n - i)
    return prod


def _pass_curves(n: int, c: int, k_max: int) -> tuple[list[float], list[float]]:
    """[pass@k], [pass^k] for k = 1..k_max in O(k_max) total, for summaries that need every k.

    Uses the ratio of consecutive terms: C(n-c,k)/C(n,k) = prod_{i<k} (n-c-i)/(n-i) and
    C(c,k)/C(n,k) = prod_{i<k} (c-i)/(n-i). Calling pass_at_k per k would cost O(k_max * c).
    """
    at: list[float] = []
    hat: list[float] = []
    none_pass = all_pass = 1.0
    for i in range(k_max):
        # max(0, .) pins a product at exactly 0 once it reaches it (no -0.0 from negative factors).
        none_pass *= max(0, n - c - i) / (n - i)
        all_pass *= max(0, c - i) / (n - i)
        at.append(1.0 - none_pass)
        hat.append(all_pass)
    return at, hat


# --------------------------------------------------------------------------------------------------------
# Student's t distribution


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function, modified Lentz (Numerical Recipes 6.4)."""
    tiny = 1e-300
    eps = 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    # Converges in O(sqrt(max(a, b))) steps; the cap covers df far beyond any benchmark.
    for m in range(1, 100_000):
        m2 = 2 * m
        for aa in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            return h
    raise ArithmeticError(f"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x})")


def _betainc(a: float, b: float, x: float, y: float) -> float:
    """Regularized incomplete beta I_x(a, b), given both x and y = 1 - x.

    Callers pass y computed directly because forming 1 - x after the fact loses all precision when x is
    within a few ulps of 1 (e.g. t near 0).
    """
    if x <= 0.0:
        return 0.0
    if y <= 0.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(y)
    front = math.exp(log_front)
    # The fraction converges fast only on this side of the mean; use the symmetry I_x(a,b) = 1 - I_y(b,a).
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, y) / b


def _check_df(df: float) -> None:
    if not df > 0:
        raise ValueError(f"degrees of freedom must be > 0, got {df!r}")


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for T ~ Student's t with df degrees of freedom."""
    _check_df(df)
    if math.isinf(t):
        return 0.0
    # P(|T| >= t) = I_x(df/2, 1/2) with x = df/(df+t^2): computing the tail directly (not 1 - CDF) keeps
    # small p-values accurate.
    denom = df + t * t
    return _betainc(df / 2.0, 0.5, df / denom, t * t / denom)


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with df degrees of freedom."""
    tail = t_two_sided_p(t, df) / 2.0
    return 1.0 - tail if t >= 0 else tail


@lru_cache(maxsize=1024)
def t_quantile(p: float, df: float) -> float:
    """Inverse of `t_cdf`: the t with P(T <= t) = p. Cached, since intervals reuse a few df values."""
    _check_df(df)
    if not 0.0 < p < 1.0:
        raise ValueError(f"p must be in (0, 1), got {p!r}")
    if p == 0.5:
        return 0.0
    tail = 2.0 * min(p, 1.0 - p)  # two-sided tail mass beyond |t|
    # Bracket |t| by doubling, then bisect until the bracket is two adjacent floats. Bisection is slow
    # but cannot fail, and results are cached per (p, df).
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > tail:
        lo, hi = hi, hi * 2.0
    for _ in range(2000):
        mid = (lo + hi) / 2.0
        if mid in (lo, hi):
            break
        if t_two_sided_p(mid, df) > tail:
            lo = mid
        else:
            hi = mid
    t = (lo + hi) / 2.0
    return t if p > 0.5 else -t


def _t975(df: int) -> float:
    return t_quantile(0.975, float(df))


# --------------------------------------------------------------------------------------------------------
# Clustered mean

# A cluster key is ("family", name) or ("task", task_id): tagged so that a family named "x" never merges
# with a task whose id is "x". Since "family" < "task", min() of two keys for one task prefers a family,
# and between two families the alphabetically first, which is the rule used when records disagree.
_ClusterKey = tuple[str, str]


@dataclass(frozen=True)
class _Estimate:
    mean: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n_clusters: int


def _clustered_mean(
    values: Sequence[float], clusters: Sequence[_ClusterKey] | None, lo: float, hi: float
) -> _Estimate:
    """Mean of `values` with a CR1 cluster-robust SE and a t(G-1) 95% interval clipped to [lo, hi].

    Each value still weighs equally in the mean; clustering only widens (or narrows) the SE to account for
    correlated tasks. Var = G/(G-1) * sum_g (sum_{i in g} (v_i - mean))^2 / n^2, which with singleton
    clusters is exactly s^2 / n. `clusters=None` means every value is its own cluster.
    """
    n = len(values)
    if n == 0:
        return _Estimate(None, None, None, None, 0)
    mean = math.fsum(values) / n
    if clusters is None:
        # Singleton clusters need no grouping; this is the common case and worth the fast path.
        g_count = n
        sum_sq = math.fsum((v - mean) ** 2 for v in values)
    else:
        resid: dict[_ClusterKey, float] = {}
        for v, g in zip(values, clusters, strict=True):
            resid[g] = resid.get(g, 0.0) + (v - mean)
        g_count = len(resid)
        sum_sq = math.fsum(s * s for s in resid.values())
    if g_count < 2:
        return _Estimate(mean, None, None, None, g_count)
    var = g_count / (g_count - 1) * sum_sq / (n * n)
    se = math.sqrt(var)
    half = _t975(g_count - 1) * se
    return _Estimate(mean, se, max(lo, mean - half), min(hi, mean + half), g_count)


# --------------------------------------------------------------------------------------------------------
# Tallies: what the statistics need from one entry's trials


@dataclass(frozen=True)
class _EntryTally:
    entry: str
    n_trials: int
    n_errors: int
    n_passes: int
    task_ids: frozenset[str]  # every task with a trial, errors included
    fractions: dict[str, float]  # pass fraction per attempted task (>= 1 non-error attempt), sorted by id
    attempts: dict[str, int]  # non-error attempts per attempted task, same order
    passes: dict[str, int]  # passing attempts per attempted task, same order
    clusters: dict[str, _ClusterKey] | None  # cluster per attempted task; None: no families, all singletons
    task_scores: list[float]  # mean partial credit per attempted task that has any score
    n_scored: int
    cost_sum: float
    n_unknown_cost: int
    input_tokens: int
    output_tokens: int
    cache_read_tokens: int
    turns: list[int]
    durations: list[float]
    in_process_tasks: frozenset[str] = frozenset()


def _tally(entry: str, recs: Sequence[TrialRecord]) -> _EntryTally:
    """Aggregate one entry's trials.

    Written as a handful of comprehensions and Counter passes rather than one loop calling a method per
    trial: this is the O(trials) part of every report, and Counter counts at C speed.
    """
    statuses = [r.status for r in recs]
    non_error = Counter(r.task_id for r in recs if r.status != "error")
    passes = Counter(r.task_id for r in recs if r.status == "pass")
    # Sorted by task id so floating-point accumulation never depends on record order.
    attempted = sorted(non_error)

    families: dict[str, str] = {}
    for tid, fam in {(r.task_id, r.family) for r in recs if r.family is not None}:
        # Records of one task should agree on its family; if they don't, the alphabetically first wins so
        # results never depend on record order.
        if tid not in families or fam < families[tid]:
            families[tid] = fam

    scored = [(r.task_id, r.score) for r in recs if r.score is not None and r.status != "error"]
    task_score_lists: dict[str, list[float]] = {}
    for tid, score in scored:
        task_score_lists.setdefault(tid, []).append(score)

    costs = [r.cost_usd for r in recs]
    return _EntryTally(
        entry=entry,
        n_trials=len(recs),
        n_errors=statuses.count("error"),
        n_passes=statuses.count("pass"),
        task_ids=frozenset(r.task_id for r in recs),
        fractions={tid: passes[tid] / non_error[tid] for tid in attempted},
        attempts={tid: non_error[tid] for tid in attempted},
        passes={tid: passes[tid] for tid in attempted},
        clusters={tid: ("family", families[tid]) if tid in families else ("task", tid) for tid in attempted}
        if families
        else None,
        # fsum: exactly rounded, so the mean score does not depend on record order either.
        task_scores=[
            math.fsum(task_score_lists[tid]) / len(task_score_lists[tid])
            for tid in attempted
            if tid in task_score_lists
        ],
        n_scored=len(scored),
        cost_sum=math.fsum(c for c in costs if c is not None),
        n_unknown_cost=costs.count(None),
        input_tokens=sum(r.input_tokens for r in recs),
        output_tokens=sum(r.output_tokens for r in recs),
        cache_read_tokens=sum(r.cache_read_tokens for r in recs),
        turns=[r.turns for r in recs if r.turns is not None],
        durations=[r.duration_s for r in recs],
        in_process_tasks=frozenset(r.task_id for r in recs if r.isolation == "in-process"),
    )


def _single_entry(records: Sequence[TrialRecord], what: str) -> str:
    if not records:
        raise ValueError(f"{what}: no records, so no entry to summarize")
    entries = {r.entry for r in records}
    if len(entries) != 1:
        raise ValueError(f"{what}: expected records of one entry, got {sorted(entries)}")
    return records[0].entry


def _restrict(records: Iterable[TrialRecord], tasks: frozenset[str] | None) -> list[TrialRecord]:
    return list(records) if tasks is None else [r for r in records if r.task_id in tasks]


def _wilson(p: float, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """Wilson score 95% interval for a proportion p observed over n independent units."""
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def _task_estimate(tally: _EntryTally) -> _Estimate:
    """pass@1 over an entry's attempted tasks with its clustered SE and interval; when the SE is 0 (every
    task at the same fraction) the interval is Wilson's over the G clusters rather than a single point."""
    clusters = list(tally.clusters.values()) if tally.clusters is not None else None
    est = _clustered_mean(list(tally.fractions.values()), clusters, 0.0, 1.0)
    if est.mean is not None and est.se == 0.0:
        low, high = _wilson(est.mean, est.n_clusters)
        return _Estimate(est.mean, est.se, low, high, est.n_clusters)
    return est


# --------------------------------------------------------------------------------------------------------
# Entry summary


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolation quantile (numpy's default), defined for a single value too."""
    pos = q * (len(sorted_values) - 1)
    i = math.floor(pos)
    j = min(i + 1, len(sorted_values) - 1)
    return sorted_values[i] + (sorted_values[j] - sorted_values[i]) * (pos - i)


def _summarize(tally: _EntryTally, tasks: frozenset[str] | None) -> EntrySummary:
    est = _task_estimate(tally)
    n_tasks = len(tally.fractions)

    pak: dict[int, float] = {}
    phk: dict[int, float] = {}
    if n_tasks:
        # Many tasks share the same (attempts, passes) pair, so evaluate each curve once per pair.
        counts = Counter(zip(tally.attempts.values(), tally.passes.values(), strict=True))
        k_max = min(tally.attempts.values())
        curves = [(m, *_pass_curves(n, c, k_max)) for (n, c), m in counts.items()]
        for k in range(1, k_max + 1):
            pak[k] = math.fsum(m * at[k - 1] for m, at, _ in curves) / n_tasks
            phk[k] = math.fsum(m * hat[k - 1] for m, _, hat in curves) / n_tasks
        assert est.mean is not None
        pak[1] = est.mean  # same quantity; keep the two fields bit-identical

    n = tally.n_trials
    cost_total = tally.cost_sum if tally.n_unknown_cost == 0 else None
    durations = sorted(tally.durations)
    return EntrySummary(
        entry=tally.entry,
        n_tasks=n_tasks,
        n_tasks_all_errors=len(tally.task_ids) - n_tasks,
        n_tasks_missing=len(tasks - tally.task_ids) if tasks is not None else 0,
        n_trials=n,
        n_errors=tally.n_errors,
        n_passes=tally.n_passes,
        n_clusters=est.n_clusters,
        pass_at_1=est.mean,
        se=est.se,
        ci_low=est.ci_low,
        ci_high=est.ci_high,
        pass_at_k=pak,
        pass_hat_k=phk,
        cost_total_usd=cost_total,
        cost_per_trial_usd=cost_total / n if cost_total is not None and n else None,
        cost_per_pass_usd=cost_total / tally.n_passes if cost_total is not None and tally.n_passes else None,
        n_unknown_cost=tally.n_unknown_cost,
        mean_input_tokens=tally.input_tokens / n if n else None,
        mean_output_tokens=tally.output_tokens / n if n else None,
        mean_cache_read_tokens=tally.cache_read_tokens / n if n else None,
        turns_mean=statistics.fmean(tally.turns) if tally.turns else None,
        turns_median=float(statistics.median(tally.turns)) if tally.turns else None,
        duration_median_s=_quantile(durations, 0.5) if durations else None,
        duration_p90_s=_quantile(durations, 0.9) if durations else None,
        mean_score=statistics.fmean(tally.task_scores) if tally.task_scores else None,
        n_scored=tally.n_scored,
        error_rate=tally.n_errors / n if n else None,
        n_tasks_in_process=len(tally.in_process_tasks),
    )


def summarize_entry(records: Iterable[TrialRecord], tasks: Iterable[str] | None = None) -> EntrySummary:
    """Summarize one entry's trials (all runs pooled), optionally restricted to a task set.

    Raises ValueError if `records` is empty or mixes entries. See the module docstring for conventions;
    the SE and 95% interval are cluster-robust over `family` with a t(G-1) critical value.
    """
    recs = list(records)
    entry = _single_entry(recs, "summarize_entry")
    task_set = frozenset(tasks) if tasks is not None else None
    return _summarize(_tally(entry, _restrict(recs, task_set)), task_set)


# --------------------------------------------------------------------------------------------------------
# Paired comparison


def _sign_flip_p(cluster_sums: Sequence[float]) -> float:
    """Exact two-sided sign-flip permutation p-value for sum(cluster_sums) == 0.

    Under H0 (no difference between A and B) each cluster's summed difference is symmetric about 0, so all
    2^G sign patterns are equally likely. The observed pattern is counted, so p >= 2 / 2^G > 0.
    """
    observed = abs(math.fsum(cluster_sums))
    tol = 1e-9 * max(1.0, observed)  # sums of pass fractions are not exact in binary floating point
    # All 2^G signed sums by doubling: with G <= 12 that is at most 4096 sums, built without a per-pattern loop.
    sums = [0.0]
    for d in cluster_sums:
        sums = [s + d for s in sums] + [s - d for s in sums]
    hits = sum(1 for s in sums if abs(s) >= observed - tol)
    return hits / 2 ** len(cluster_sums)


def _compare(a: _EntryTally, b: _EntryTally) -> PairedResult:
    fa, fb = a.fractions, b.fractions
    # Sorted so floating-point accumulation, and hence the output, does not depend on hash seeds.
    shared = sorted(fa.keys() & fb.keys())
    pa = [fa[t] for t in shared]
    pb = [fb[t] for t in shared]
    diffs = [x - y for x, y in zip(pa, pb, strict=True)]
    ca, cb = a.clusters, b.clusters
    clusters: list[_ClusterKey] | None = None
    if ca is not None and cb is not None:
        clusters = [min(ca[t], cb[t]) for t in shared]  # see _ClusterKey for why min
    elif ca is not None or cb is not None:
        only = ca if ca is not None else cb
        assert only is not None
        clusters = [only[t] for t in shared]
    wins = sum(1 for d in diffs if d > 0)
    losses = sum(1 for d in diffs if d < 0)

    est = _clustered_mean(diffs, clusters, -1.0, 1.0)
    p_value: float | None = None
    p_method: Literal["sign-flip exact", "paired t", "none"] = "none"
    if est.mean is not None:
        if est.n_clusters <= EXACT_PERMUTATION_MAX_CLUSTERS:
            if clusters is None:
                cluster_sums = diffs
            else:
                sums: dict[_ClusterKey, float] = {}
                for d, g in zip(diffs, clusters, strict=True):
                    sums[g] = sums.get(g, 0.0) + d
                cluster_sums = list(sums.values())
            p_value, p_method = _sign_flip_p(cluster_sums), "sign-flip exact"
        else:
            assert est.se is not None  # > 12 clusters always has an SE
            p_method = "paired t"
            if est.se < _ZERO_SE:
                # Every cluster moved by the same amount: t is infinite (or 0/0). Report what the exact
                # sign-flip test gives here, 1 for no difference and 2 / 2^G otherwise, rather than 0.
                p_value = 1.0 if abs(est.mean) < _ZERO_SE else 2.0 / 2.0**est.n_clusters
            else:
                p_value = t_two_sided_p(est.mean / est.se, est.n_clusters - 1)

    return PairedResult(
        entry_a=a.entry,
        entry_b=b.entry,
        n_shared=len(shared),
        n_only_a=len(fa) - len(shared),
        n_only_b=len(fb) - len(shared),
        n_clusters=est.n_clusters,
        pass_at_1_a=math.fsum(pa) / len(pa) if pa else None,
        pass_at_1_b=math.fsum(pb) / len(pb) if pb else None,
        diff=est.mean,
        se=est.se,
        ci_low=est.ci_low,
        ci_high=est.ci_high,
        p_value=p_value,
        p_method=p_method,
        wins=wins,
        losses=losses,
        ties=len(diffs) - wins - losses,
    )


def paired_comparison(
    records_a: Iterable[TrialRecord], records_b: Iterable[TrialRecord], tasks: Iterable[str] | None = None
) -> PairedResult:
    """Compare entry A with entry B on the tasks both attempted (>= 1 non-error attempt each).

    The per-task difference in pass fraction is averaged over shared tasks; its SE and 95% interval are
    cluster-robust over families with t(G-1). The two-sided p-value is an exact sign-flip permutation test
    over clusters when there are at most 12 clusters (exact, no distributional assumption, matters when the
    t approximation is poorest; conservative when many tasks tie), otherwise a paired t-test with G-1
    degrees of freedom (with no families: the ordinary paired t-test on per-task differences).
    Identical results give diff 0 and p = 1.
    """
    ra, rb = list(records_a), list(records_b)
    ea = _single_entry(ra, "paired_comparison(records_a)")
    eb = _single_entry(rb, "paired_comparison(records_b)")
    task_set = frozenset(tasks) if tasks is not None else None
    return _compare(_tally(ea, _restrict(ra, task_set)), _tally(eb, _restrict(rb, task_set)))


# --------------------------------------------------------------------------------------------------------
# Pareto frontier


def pareto_frontier(points: Iterable[tuple[str, float | None, float]]) -> ParetoResult:
    """Entries on the cost-accuracy frontier from (entry, cost, accuracy) points.

    A point is dominated when another costs no more and scores no less, and is strictly better in one of
    the two. Exact duplicates do not dominate each other, so both stay. Points with unknown cost (None)
    cannot be placed and are reported in `unknown_cost` instead of being guessed at.
    """
    known: list[tuple[float, float, str]] = []
    unknown: list[str] = []
    for entry, cost, acc in points:
        if math.isnan(acc) or (cost is not None and math.isnan(cost)):
            raise ValueError(f"NaN in pareto point for {entry!r}; NaN would silently break the ordering")
        if cost is None:
            unknown.append(entry)
        else:
            known.append((cost, acc, entry))
    # Cheapest first, and within one cost the most accurate first; then one sweep decides each point.
    known.sort(key=lambda p: (p[0], -p[1]))
    frontier: list[str] = []
    dominated: list[str] = []
    best_cheaper = -math.inf  # best accuracy among strictly cheaper points
    i = 0
    while i < len(known):
        j = i
        while j < len(known) and known[j][0] == known[i][0]:
            j += 1
        top = known[i][1]  # most accurate at this cost
        for _, acc, entry in known[i:j]:
            (frontier if acc == top and acc > best_cheaper else dominated).append(entry)
        best_cheaper = max(best_cheaper, top)
        i = j
    return ParetoResult(tuple(frontier), tuple(dominated), tuple(unknown))


# --------------------------------------------------------------------------------------------------------
# Breakdowns


def _group_summary(key: str, tally: _EntryTally) -> GroupSummary:
    est = _task_estimate(tally)
    return GroupSummary(
        key=key,
        n_tasks=len(tally.fractions),
        n_trials=tally.n_trials,
        n_errors=tally.n_errors,
        pass_at_1=est.mean,
        se=est.se,
        ci_low=est.ci_low,
        ci_high=est.ci_high,
    )


def breakdown(records: Iterable[TrialRecord], by: BreakdownKey) -> Breakdown:
    """pass@1 with cluster-robust 95% interval for one entry, sliced by language, difficulty or tag.

    Slices are taken per trial, so a trial with several tags counts in each of its tags and an untagged
    trial in none. An empty language or difficulty forms its own group under the key "".
    """
    if by not in ("language", "difficulty", "tag"):
        raise ValueError(f"by must be 'language', 'difficulty' or 'tag', got {by!r}")
    recs = list(records)
    entry = _single_entry(recs, "breakdown")
    groups: dict[str, list[TrialRecord]] = {}
    for r in recs:
        if by == "tag":
            keys: Iterable[str] = dict.fromkeys(r.tags)  # a tag repeated on one trial must not count twice
        else:
            keys = (r.language if by == "language" else r.difficulty,)
        for key in keys:
            groups.setdefault(key, []).append(r)
    return Breakdown(by, tuple(_group_summary(k, _tally(entry, groups[k])) for k in sorted(groups)))


# --------------------------------------------------------------------------------------------------------
# Everything at once


def summarize_all(records: Iterable[TrialRecord], tasks: Iterable[str] | None = None) -> Report:
    """Summaries for every entry and paired comparisons for every pair, each on that pair's shared tasks.

    One pass over the trials builds per-task tallies; comparisons then work on tallies, so the cost is
    O(trials + entries^2 * tasks) and never rescans trials per pair.
    """
    task_set = frozenset(tasks) if tasks is not None else None
    by_entry: dict[str, list[TrialRecord]] = {}
    for r in _restrict(records, task_set):
        by_entry.setdefault(r.entry, []).append(r)
    names = sorted(by_entry)
    tallies = {e: _tally(e, by_entry[e]) for e in names}
    summaries = tuple(_summarize(tallies[e], task_set) for e in names)
    comparisons = tuple(_compare(tallies[a], tallies[b]) for a, b in itertools.combinations(names, 2))
    pareto = pareto_frontier(
        (s.entry, s.cost_per_trial_usd, s.pass_at_1) for s in summaries if s.pass_at_1 is not None
    )
    return Report(summaries, comparisons, pareto)
