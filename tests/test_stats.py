"""Tests for harness.stats: known values, properties (hypothesis) and seeded coverage simulations."""

from __future__ import annotations

import itertools
import json
import math
import random
import statistics
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.stats import (
    EXACT_PERMUTATION_MAX_CLUSTERS,
    TrialRecord,
    breakdown,
    paired_comparison,
    pareto_frontier,
    pass_at_k,
    pass_hat_k,
    summarize_all,
    summarize_entry,
    t_cdf,
    t_quantile,
    t_two_sided_p,
)

# t(2) has a closed-form quantile: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so t_{0.975,2} = sqrt(1.805 / 0.0975).
T975_DF2 = math.sqrt(1.805 / 0.0975)


def rec(entry: str, task: str, status: str, cost: float | None = 0.0, **kw: Any) -> TrialRecord:
    return TrialRecord(entry=entry, task_id=task, status=status, cost_usd=cost, **kw)  # type: ignore[arg-type]


def task_trials(entry: str, task: str, passes: int, attempts: int, **kw: Any) -> list[TrialRecord]:
    return [rec(entry, task, "pass" if i < passes else "fail", **kw) for i in range(attempts)]


# ----------------------------------------------------------------------------------------------------------
# pass@k and pass^k: known values


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (10, 3, 1, 0.3),
        (5, 5, 3, 1.0),
        (5, 0, 1, 0.0),
        (5, 0, 5, 0.0),
        (4, 2, 2, 1 - 1 / 6),  # C(2,2)/C(4,2) = 1/6 of pairs have no pass
        (10, 3, 8, 1.0),  # n - c = 7 < k: every 8-subset contains a pass
        (10, 1, 5, 0.5),
    ],
)
def test_pass_at_k_known_values(n: int, c: int, k: int, expected: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)


def test_pass_at_k_exact_one_when_failures_fewer_than_k() -> None:
    assert pass_at_k(10, 8, 3) == 1.0
    assert pass_at_k(5, 5, 1) == 1.0


def test_pass_at_k_large_n_is_finite_and_matches_exact_binomials() -> None:
    v = pass_at_k(200, 10, 100)
    assert math.isfinite(v) and 0.0 <= v <= 1.0
    assert v == pytest.approx(1 - math.comb(190, 100) / math.comb(200, 100), rel=1e-12)
    assert 0.0 <= pass_at_k(10_000, 3, 5_000) <= 1.0


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [(10, 3, 1, 0.3), (5, 5, 3, 1.0), (5, 0, 1, 0.0), (4, 2, 2, 1 / 6), (10, 3, 4, 0.0), (10, 5, 2, 20 / 90)],
)
def test_pass_hat_k_known_values(n: int, c: int, k: int, expected: float) -> None:
    assert pass_hat_k(n, c, k) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(("n", "c", "k"), [(5, 6, 1), (5, -1, 1), (5, 2, 0), (5, 2, 6)])
def test_pass_at_k_rejects_bad_arguments(n: int, c: int, k: int) -> None:
    with pytest.raises(ValueError):
        pass_at_k(n, c, k)
    with pytest.raises(ValueError):
        pass_hat_k(n, c, k)


# ----------------------------------------------------------------------------------------------------------
# pass@k and pass^k: properties


@st.composite
def nck(draw: st.DrawFn, max_n: int = 9) -> tuple[int, int, int]:
    n = draw(st.integers(1, max_n))
    return n, draw(st.integers(0, n)), draw(st.integers(1, n))


@given(nck())
def test_pass_at_k_matches_brute_force_enumeration(args: tuple[int, int, int]) -> None:
    n, c, k = args
    outcomes = [i < c for i in range(n)]
    subsets = list(itertools.combinations(outcomes, k))
    any_pass = sum(any(s) for s in subsets) / len(subsets)
    all_pass = sum(all(s) for s in subsets) / len(subsets)
    assert pass_at_k(n, c, k) == pytest.approx(any_pass, abs=1e-12)
    assert pass_hat_k(n, c, k) == pytest.approx(all_pass, abs=1e-12)


@given(nck(max_n=60))
def test_pass_at_k_monotone_in_k_and_c(args: tuple[int, int, int]) -> None:
    n, c, k = args
    v = pass_at_k(n, c, k)
    if k < n:
        assert pass_at_k(n, c, k + 1) >= v - 1e-12
        assert pass_hat_k(n, c, k + 1) <= pass_hat_k(n, c, k) + 1e-12
    if c < n:
        assert pass_at_k(n, c + 1, k) >= v - 1e-12
        assert pass_hat_k(n, c + 1, k) >= pass_hat_k(n, c, k) - 1e-12


@given(nck(max_n=300))
def test_pass_hat_k_at_most_pass_at_k_and_both_in_unit_interval(args: tuple[int, int, int]) -> None:
    n, c, k = args
    at, hat = pass_at_k(n, c, k), pass_hat_k(n, c, k)
    assert 0.0 <= hat <= at + 1e-12 <= 1.0 + 1e-12


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n))))
def test_pass_at_1_is_exactly_c_over_n(nc: tuple[int, int]) -> None:
    n, c = nc
    assert pass_at_k(n, c, 1) == c / n
    assert pass_hat_k(n, c, 1) == c / n


# ----------------------------------------------------------------------------------------------------------
# Student's t


def test_t_two_sided_p_known_values() -> None:
    assert t_two_sided_p(2.0, 10) == pytest.approx(0.073388, abs=1e-6)
    assert t_two_sided_p(1.0, 1) == pytest.approx(0.5, abs=1e-12)  # Cauchy: P(|T| > 1) = 1/2
    assert t_two_sided_p(0.0, 7) == pytest.approx(1.0, abs=1e-12)
    assert t_two_sided_p(math.inf, 3) == 0.0
    assert t_two_sided_p(1.959964, 1e7) == pytest.approx(0.05, abs=1e-5)  # approaches the normal


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    [
        (0.975, 1, 12.706205),
        (0.975, 2, T975_DF2),
        (0.975, 10, 2.228139),
        (0.975, 30, 2.042272),
        (0.995, 5, 4.032143),
        (0.975, 1e6, 1.959966),
        (0.025, 10, -2.228139),
        (0.5, 4, 0.0),
    ],
)
def test_t_quantile_known_values(p: float, df: float, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=1e-5)


@given(st.floats(-50, 50), st.floats(0.5, 500))
def test_t_cdf_symmetric_and_matches_closed_forms(t: float, df: float) -> None:
    assert t_cdf(t, df) + t_cdf(-t, df) == pytest.approx(1.0, abs=1e-12)
    assert t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-12)
    assert t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-12)


@given(st.floats(0.001, 0.999), st.sampled_from([1.0, 2.0, 3.0, 7.0, 29.0, 250.0, 10_000.0]))
def test_t_quantile_inverts_cdf(p: float, df: float) -> None:
    assert t_cdf(t_quantile(p, df), df) == pytest.approx(p, abs=1e-10)


@given(st.floats(0, 20), st.floats(0, 20), st.floats(1, 100))
def test_t_two_sided_p_decreasing_in_abs_t(t1: float, t2: float, df: float) -> None:
    lo, hi = sorted((t1, t2))
    assert t_two_sided_p(hi, df) <= t_two_sided_p(lo, df) + 1e-12
    assert t_two_sided_p(-hi, df) == t_two_sided_p(hi, df)


def test_t_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        t_cdf(1.0, 0)
    with pytest.raises(ValueError):
        t_quantile(1.0, 5)


# ----------------------------------------------------------------------------------------------------------
# summarize_entry: hand-built examples


def test_three_task_example_exact_pass_at_1_se_ci() -> None:
    records = (
        task_trials("a/m", "t1", 5, 10) + task_trials("a/m", "t2", 6, 10) + task_trials("a/m", "t3", 7, 10)
    )
    s = summarize_entry(records)
    se = 0.1 / math.sqrt(3)  # sample sd of (0.5, 0.6, 0.7) is 0.1
    assert s.n_tasks == 3 and s.n_trials == 30 and s.n_passes == 18 and s.n_clusters == 3
    assert s.pass_at_1 == pytest.approx(0.6, abs=1e-12)
    assert s.se == pytest.approx(se, abs=1e-12)
    assert s.ci_low == pytest.approx(0.6 - T975_DF2 * se, abs=1e-9)
    assert s.ci_high == pytest.approx(0.6 + T975_DF2 * se, abs=1e-9)
    assert s.pass_at_k[1] == s.pass_at_1
    assert s.pass_at_k[2] == pytest.approx((1 - 10 / 45 + 1 - 6 / 45 + 1 - 3 / 45) / 3, abs=1e-12)
    assert s.pass_hat_k[2] == pytest.approx((20 / 90 + 30 / 90 + 42 / 90) / 3, abs=1e-12)
    assert sorted(s.pass_at_k) == list(range(1, 11))


def test_ci_is_clipped_to_unit_interval() -> None:
    records = task_trials("a/m", "t1", 2, 2) + task_trials("a/m", "t2", 1, 2) + task_trials("a/m", "t3", 0, 2)
    s = summarize_entry(records)
    assert s.pass_at_1 == pytest.approx(0.5)
    assert s.se == pytest.approx(0.5 / math.sqrt(3))
    assert (s.ci_low, s.ci_high) == (0.0, 1.0)


def test_all_tasks_solved_is_not_a_certainty() -> None:
    # Every task at the same fraction: SE 0, so the t interval would be the point itself. The Wilson
    # interval over the 5 tasks is used instead; for p = 1 its lower bound is n / (n + z^2).
    z2 = 1.959963984540054**2
    solved = summarize_entry([r for t in range(5) for r in task_trials("a/m", f"t{t}", 2, 2)])
    assert solved.pass_at_1 == 1.0 and solved.se == 0.0
    assert solved.ci_low == pytest.approx(5 / (5 + z2), abs=1e-12) and solved.ci_high == 1.0
    failed = summarize_entry([r for t in range(5) for r in task_trials("a/m", f"t{t}", 0, 2)])
    assert failed.ci_low == 0.0 and failed.ci_high == pytest.approx(z2 / (5 + z2), abs=1e-12)


def test_family_clustered_se_by_hand() -> None:
    # Pass fractions: family A = (1, 0), family B = (1,), family C = (0,); mean 0.5.
    # Cluster residual sums: A 0, B 0.5, C -0.5 -> var = 3/2 * 0.5 / 4^2, df = G - 1 = 2.
    records = (
        task_trials("a/m", "a1", 1, 1, family="A")
        + task_trials("a/m", "a2", 0, 1, family="A")
        + task_trials("a/m", "b1", 1, 1, family="B")
        + task_trials("a/m", "c1", 0, 1, family="C")
    )
    s = summarize_entry(records)
    se = math.sqrt(1.5 * 0.5 / 16)
    assert s.n_clusters == 3
    assert s.se == pytest.approx(se, abs=1e-12)
    assert s.ci_low == pytest.approx(max(0.0, 0.5 - T975_DF2 * se), abs=1e-9)
    # Without families every task is its own cluster: the ordinary s / sqrt(n).
    plain = summarize_entry([rec(r.entry, r.task_id, r.status) for r in records])
    assert plain.n_clusters == 4
    assert plain.se == pytest.approx(statistics.stdev([1, 0, 1, 0]) / 2, abs=1e-12)


def test_family_name_never_merges_with_a_task_id() -> None:
    records = task_trials("a/m", "x", 1, 1) + task_trials("a/m", "y", 0, 1, family="x")
    assert summarize_entry(records).n_clusters == 2


def test_single_cluster_has_no_se() -> None:
    s = summarize_entry(task_trials("a/m", "t1", 1, 3))
    assert s.pass_at_1 == pytest.approx(1 / 3)
    assert s.se is None and s.ci_low is None and s.ci_high is None


def test_errors_excluded_from_pass_rates_but_counted() -> None:
    records = [
        *task_trials("a/m", "t1", 1, 2),  # 0.5
        rec("a/m", "t1", "error", 0.5),
        *task_trials("a/m", "t2", 1, 1),  # 1.0
        rec("a/m", "t3", "error", 0.25),  # only errors: excluded from pass@1, counted
        rec("a/m", "t3", "error", 0.25),
    ]
    s = summarize_entry(records)
    assert s.pass_at_1 == pytest.approx(0.75)
    assert s.n_tasks == 2 and s.n_tasks_all_errors == 1
    assert s.n_trials == 6 and s.n_errors == 3 and s.n_passes == 2
    assert s.pass_at_k.keys() == {1}  # t2 has one non-error attempt
    assert s.cost_total_usd == pytest.approx(1.0)  # errored trials were still paid for


def test_unknown_cost_propagates_as_none_never_zero() -> None:
    records = [rec("a/m", "t1", "pass", 1.0), rec("a/m", "t2", "fail", None), rec("a/m", "t3", "pass", 2.0)]
    s = summarize_entry(records)
    assert s.n_unknown_cost == 1
    assert s.cost_total_usd is None and s.cost_per_trial_usd is None and s.cost_per_pass_usd is None
    d = s.to_dict()
    assert d["cost_total_usd"] is None and d["cost_per_pass_usd"] is None
    assert summarize_entry(records[:1] + records[2:]).cost_total_usd == pytest.approx(3.0)


def test_cost_tokens_turns_durations_scores() -> None:
    records = [
        rec("a/m", "t1", "pass", 1.0, input_tokens=100, output_tokens=10, cache_read_tokens=50, turns=3,
            duration_s=1.0, score=1.0),
        rec("a/m", "t1", "fail", 2.0, input_tokens=300, output_tokens=30, cache_read_tokens=0, turns=5,
            duration_s=2.0, score=0.5),
        rec("a/m", "t2", "fail", 3.0, input_tokens=200, output_tokens=20, turns=None, duration_s=10.0,
            score=0.0),
        rec("a/m", "t2", "error", 2.0, duration_s=3.0, score=None),
    ]  # fmt: skip
    s = summarize_entry(records)
    assert s.cost_total_usd == pytest.approx(8.0)
    assert s.cost_per_trial_usd == pytest.approx(2.0)
    assert s.cost_per_pass_usd == pytest.approx(8.0)  # one passing trial
    assert s.mean_input_tokens == pytest.approx(150.0)
    assert s.mean_output_tokens == pytest.approx(15.0)
    assert s.mean_cache_read_tokens == pytest.approx(12.5)
    assert s.turns_mean == pytest.approx(4.0) and s.turns_median == pytest.approx(4.0)
    assert s.duration_median_s == pytest.approx(2.5)
    assert s.duration_p90_s == pytest.approx(3.0 + 0.7 * 7.0)  # linear interpolation over 1, 2, 3, 10
    assert s.mean_score == pytest.approx((0.75 + 0.0) / 2)  # task-weighted, like pass@1
    assert s.n_scored == 3


def test_no_passes_gives_undefined_cost_per_pass() -> None:
    s = summarize_entry(task_trials("a/m", "t1", 0, 3, cost=1.0))
    assert s.cost_total_usd == pytest.approx(3.0) and s.cost_per_pass_usd is None


def test_duration_p90_of_one_to_ten() -> None:
    s = summarize_entry([rec("a/m", f"t{i}", "pass", duration_s=float(i)) for i in range(1, 11)])
    assert s.duration_p90_s == pytest.approx(9.1)
    assert s.duration_median_s == pytest.approx(5.5)


def test_runs_of_one_entry_pool_their_attempts() -> None:
    run1 = task_trials("a/m", "t1", 1, 2)
    run2 = task_trials("a/m", "t1", 2, 2)
    s = summarize_entry(run1 + run2)
    assert s.pass_at_1 == pytest.approx(0.75) and s.pass_at_k.keys() == {1, 2, 3, 4}


def test_pass_at_k_range_is_min_attempts_over_tasks() -> None:
    s = summarize_entry(task_trials("a/m", "t1", 1, 3) + task_trials("a/m", "t2", 2, 5))
    assert sorted(s.pass_at_k) == [1, 2, 3] and sorted(s.pass_hat_k) == [1, 2, 3]
    assert s.pass_at_k[3] == pytest.approx((1.0 + pass_at_k(5, 2, 3)) / 2)


def test_task_restriction_and_missing_tasks() -> None:
    records = task_trials("a/m", "t1", 1, 1) + task_trials("a/m", "t2", 0, 1) + task_trials("a/m", "t3", 0, 1)
    s = summarize_entry(records, tasks={"t1", "t2", "t9"})
    assert s.n_tasks == 2 and s.n_trials == 2 and s.n_tasks_missing == 1
    assert s.pass_at_1 == pytest.approx(0.5)
    empty = summarize_entry(records, tasks=set())
    assert empty.n_tasks == 0 and empty.pass_at_1 is None and empty.cost_total_usd == 0.0
    assert empty.pass_at_k == {} and empty.duration_median_s is None


def test_summarize_entry_rejects_mixed_or_empty_input() -> None:
    with pytest.raises(ValueError):
        summarize_entry([rec("a/m", "t1", "pass"), rec("b/m", "t1", "pass")])
    with pytest.raises(ValueError):
        summarize_entry([])


def test_trial_record_validation() -> None:
    with pytest.raises(ValueError):
        rec("a/m", "t1", "passed")
    with pytest.raises(ValueError):
        rec("a/m", "t1", "pass", score=1.5)
    with pytest.raises(ValueError):
        rec("a/m", "t1", "pass", cost=-1.0)
    with pytest.raises(ValueError):
        rec("a/m", "t1", "pass", cost=math.nan)


def test_to_dict_is_json_ready() -> None:
    s = summarize_entry(task_trials("a/m", "t1", 1, 2) + task_trials("a/m", "t2", 2, 2))
    d = json.loads(json.dumps(s.to_dict()))
    assert d["pass_at_k"]["2"] == pytest.approx(s.pass_at_k[2])
    assert d["entry"] == "a/m"


# ----------------------------------------------------------------------------------------------------------
# summarize_entry: properties

trial_st = st.builds(
    TrialRecord,
    entry=st.just("a/m"),
    task_id=st.sampled_from([f"t{i}" for i in range(8)]),
    status=st.sampled_from(["pass", "fail", "error"]),
    cost_usd=st.one_of(st.none(), st.floats(0, 10)),
    family=st.sampled_from([None, "f1", "f2"]),
    score=st.one_of(st.none(), st.floats(0, 1)),
)


@given(st.lists(trial_st, min_size=1, max_size=60), st.randoms(use_true_random=False))
def test_summary_invariants(records: list[TrialRecord], rnd: random.Random) -> None:
    s = summarize_entry(records)
    assert s.n_trials == len(records)
    assert s.n_errors == sum(r.status == "error" for r in records)
    assert s.n_tasks + s.n_tasks_all_errors == len({r.task_id for r in records})
    if s.pass_at_1 is None:
        assert s.n_tasks == 0
    else:
        assert 0.0 <= s.pass_at_1 <= 1.0
        if s.ci_low is not None and s.ci_high is not None:
            assert 0.0 <= s.ci_low <= s.pass_at_1 + 1e-12 and s.pass_at_1 - 1e-12 <= s.ci_high <= 1.0
        ks = sorted(s.pass_at_k)
        assert ks == list(range(1, len(ks) + 1))
        for k in ks:
            assert s.pass_hat_k[k] <= s.pass_at_k[k] + 1e-12
            if k > 1:
                assert s.pass_at_k[k] >= s.pass_at_k[k - 1] - 1e-12
    assert (s.cost_total_usd is None) == any(r.cost_usd is None for r in records)
    shuffled = records[:]
    rnd.shuffle(shuffled)
    assert summarize_entry(shuffled).to_dict() == s.to_dict()  # record order never matters, to the bit


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 40)), min_size=1, max_size=6))
def test_summary_pass_at_k_matches_per_task_estimators(tasks: list[tuple[int, int]]) -> None:
    tasks = [(n, min(c, n)) for n, c in tasks]
    records = [r for i, (n, c) in enumerate(tasks) for r in task_trials("a/m", f"t{i}", c, n)]
    s = summarize_entry(records)
    k_max = min(n for n, _ in tasks)
    assert sorted(s.pass_at_k) == list(range(1, k_max + 1))
    for k in range(1, k_max + 1):
        assert s.pass_at_k[k] == pytest.approx(
            statistics.fmean(pass_at_k(n, c, k) for n, c in tasks), abs=1e-12
        )
        assert s.pass_hat_k[k] == pytest.approx(
            statistics.fmean(pass_hat_k(n, c, k) for n, c in tasks), abs=1e-12
        )


# ----------------------------------------------------------------------------------------------------------
# Coverage simulations (seeded, deterministic)


def test_ci_coverage_simulation() -> None:
    # Tasks are drawn from a population with mean pass probability 0.4 (Beta(2, 3)); each replication is a
    # fresh benchmark of 30 tasks x 4 attempts. The 95% interval should cover 0.4 about 95% of the time.
    rng = random.Random(20240601)
    reps, n_tasks, attempts, true_mean = 400, 30, 4, 0.4
    covered = 0
    for _ in range(reps):
        records = []
        for t in range(n_tasks):
            p = rng.betavariate(2, 3)
            records += [rec("a/m", f"t{t}", "pass" if rng.random() < p else "fail") for _ in range(attempts)]
        s = summarize_entry(records)
        assert s.ci_low is not None and s.ci_high is not None
        covered += s.ci_low <= true_mean <= s.ci_high
    assert 0.90 <= covered / reps <= 0.99


def test_clustered_ci_coverage_simulation() -> None:
    # 10 families of 5 correlated tasks: family means ~ Beta(2, 3), task p ~ Beta around the family mean.
    # The clustered interval should keep ~95% coverage; ignoring families under-covers.
    rng = random.Random(7)
    reps, n_fam, per_fam, attempts, true_mean = 400, 10, 5, 2, 0.4
    covered = covered_naive = 0
    for _ in range(reps):
        records = []
        for f in range(n_fam):
            m = rng.betavariate(2, 3)
            for t in range(per_fam):
                p = rng.betavariate(20 * m + 0.01, 20 * (1 - m) + 0.01)
                records += [
                    rec("a/m", f"f{f}t{t}", "pass" if rng.random() < p else "fail", family=f"f{f}")
                    for _ in range(attempts)
                ]
        s = summarize_entry(records)
        naive = summarize_entry([rec(r.entry, r.task_id, r.status) for r in records])
        assert s.ci_low is not None and s.ci_high is not None
        assert naive.ci_low is not None and naive.ci_high is not None
        covered += s.ci_low <= true_mean <= s.ci_high
        covered_naive += naive.ci_low <= true_mean <= naive.ci_high
    assert 0.90 <= covered / reps <= 0.99
    assert covered_naive < covered


def test_paired_p_value_calibrated_under_null() -> None:
    # Two entries with identical per-task pass probabilities: p < 0.05 should happen ~5% of the time.
    rng = random.Random(99)
    reps, rejections = 400, 0
    for _ in range(reps):
        a, b = [], []
        for t in range(25):
            p = rng.random()
            a += [rec("a/m", f"t{t}", "pass" if rng.random() < p else "fail") for _ in range(3)]
            b += [rec("b/m", f"t{t}", "pass" if rng.random() < p else "fail") for _ in range(3)]
        r = paired_comparison(a, b)
        assert r.p_value is not None
        rejections += r.p_value < 0.05
    assert 0.02 <= rejections / reps <= 0.09


# ----------------------------------------------------------------------------------------------------------
# paired_comparison


def two_entries(
    pa: list[int], pb: list[int], attempts: int = 10
) -> tuple[list[TrialRecord], list[TrialRecord]]:
    a = [r for i, c in enumerate(pa) for r in task_trials("a/m", f"t{i}", c, attempts)]
    b = [r for i, c in enumerate(pb) for r in task_trials("b/m", f"t{i}", c, attempts)]
    return a, b


@pytest.mark.parametrize("n_tasks", [5, 12, 30])
def test_identical_entries_diff_zero_p_one(n_tasks: int) -> None:
    counts = [i % 11 for i in range(n_tasks)]
    a, b = two_entries(counts, counts)
    r = paired_comparison(a, b)
    assert r.n_shared == n_tasks and r.diff == 0.0 and r.p_value == 1.0
    assert r.ties == n_tasks and r.wins == r.losses == 0
    assert r.p_method == ("sign-flip exact" if n_tasks <= EXACT_PERMUTATION_MAX_CLUSTERS else "paired t")


def test_clearly_better_entry_t_test() -> None:
    rng = random.Random(3)
    pa = [min(10, 8 + rng.randint(0, 2)) for _ in range(30)]
    pb = [rng.randint(1, 5) for _ in range(30)]
    r = paired_comparison(*two_entries(pa, pb))
    assert r.p_method == "paired t" and r.p_value is not None and r.p_value < 0.01
    assert r.diff is not None and r.ci_low is not None and r.diff > 0 and r.ci_low > 0
    assert r.wins == 30 and r.losses == 0
    d = [(x - y) / 10 for x, y in zip(pa, pb, strict=True)]
    t = statistics.mean(d) / (statistics.stdev(d) / math.sqrt(30))
    assert r.p_value == pytest.approx(t_two_sided_p(t, 29), rel=1e-9)
    assert r.se == pytest.approx(statistics.stdev(d) / math.sqrt(30))


def test_clearly_better_entry_sign_flip() -> None:
    r = paired_comparison(
        *two_entries([9, 10, 8, 9, 10, 9, 8, 10, 9, 9, 10, 8], [2, 3, 1, 4, 2, 0, 3, 2, 1, 2, 3, 1])
    )
    assert r.p_method == "sign-flip exact"
    assert r.p_value == pytest.approx(2 / 2**12)
    assert r.p_value is not None and r.p_value < 0.01


def test_sign_flip_p_value_by_enumeration() -> None:
    pa, pb = [10, 6, 3, 7], [0, 1, 5, 7]  # differences 1.0, 0.5, -0.2, 0.0
    r = paired_comparison(*two_entries(pa, pb))
    d = [1.0, 0.5, -0.2, 0.0]
    obs = abs(sum(d))
    flips = [
        abs(sum(s * x for s, x in zip(signs, d, strict=True)))
        for signs in itertools.product((1, -1), repeat=4)
    ]
    assert r.p_value == pytest.approx(sum(f >= obs - 1e-9 for f in flips) / 16)
    assert (r.wins, r.losses, r.ties) == (2, 1, 1)


def test_zero_variance_nonzero_difference_is_not_p_zero() -> None:
    r = paired_comparison(*two_entries([10] * 20, [0] * 20))
    assert r.diff == pytest.approx(1.0) and r.se == pytest.approx(0.0)
    assert r.p_value == pytest.approx(2 / 2**20) and r.p_value is not None and r.p_value > 0


def test_compared_only_on_shared_tasks() -> None:
    a = [r for i in range(20) for r in task_trials("a/m", f"t{i}", 1, 1)]
    b = [r for i in range(10, 30) for r in task_trials("b/m", f"t{i}", 0, 1)]
    b += [rec("b/m", "t5", "error")]  # errors only: not shared
    r = paired_comparison(a, b)
    assert (r.n_shared, r.n_only_a, r.n_only_b) == (10, 10, 10)
    assert r.pass_at_1_a == 1.0 and r.pass_at_1_b == 0.0 and r.wins == 10


def test_no_shared_tasks() -> None:
    r = paired_comparison(task_trials("a/m", "t1", 1, 1), task_trials("b/m", "t2", 1, 1))
    assert r.n_shared == 0 and r.diff is None and r.p_value is None and r.p_method == "none"


def test_paired_with_families_uses_cluster_sign_flip() -> None:
    a = task_trials("a/m", "x1", 1, 1, family="X") + task_trials("a/m", "x2", 1, 1, family="X")
    a += task_trials("a/m", "y1", 1, 1, family="Y")
    b = task_trials("b/m", "x1", 0, 1, family="X") + task_trials("b/m", "x2", 0, 1, family="X")
    b += task_trials("b/m", "y1", 0, 1, family="Y")
    r = paired_comparison(a, b)
    assert r.n_shared == 3 and r.n_clusters == 2
    assert r.p_value == pytest.approx(0.5)  # 2 of 4 cluster sign patterns are as extreme


def test_paired_family_from_either_entry() -> None:
    # Only A's records name the families; B's do not. The tasks still cluster by A's families.
    a = [r for i in range(6) for r in task_trials("a/m", f"t{i}", 1, 1, family=f"F{i % 2}")]
    b = [r for i in range(6) for r in task_trials("b/m", f"t{i}", 0, 1)]
    assert paired_comparison(a, b).n_clusters == 2
    assert paired_comparison(b, a).n_clusters == 2


def test_conflicting_families_resolve_to_first_name() -> None:
    records = task_trials("a/m", "t1", 1, 1, family="zeta") + task_trials("a/m", "t1", 0, 1, family="alpha")
    records += task_trials("a/m", "t2", 1, 1, family="alpha")
    assert summarize_entry(records).n_clusters == 1


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=20))
def test_paired_antisymmetric(pairs: list[tuple[int, int]]) -> None:
    a, b = two_entries([x for x, _ in pairs], [y for _, y in pairs], attempts=4)
    ab, ba = paired_comparison(a, b), paired_comparison(b, a)
    assert ab.diff == pytest.approx(-(ba.diff or 0.0), abs=1e-12)
    assert ab.p_value == pytest.approx(ba.p_value)
    assert (ab.wins, ab.losses) == (ba.losses, ba.wins)
    assert ab.p_value is not None and 0.0 < ab.p_value <= 1.0


# ----------------------------------------------------------------------------------------------------------
# pareto_frontier


def test_pareto_excludes_dominated_and_unknown_cost() -> None:
    r = pareto_frontier(
        [
            ("cheap", 1.0, 0.3),
            ("mid", 2.0, 0.5),
            ("worse-mid", 2.5, 0.4),  # dominated by mid
            ("same-cost-worse", 2.0, 0.45),  # dominated by mid at equal cost
            ("best", 5.0, 0.8),
            ("pricey-tie", 6.0, 0.8),  # dominated by best at equal accuracy
            ("unknown", None, 0.99),
        ]
    )
    assert r.frontier == ("cheap", "mid", "best")
    assert set(r.dominated) == {"worse-mid", "same-cost-worse", "pricey-tie"}
    assert r.unknown_cost == ("unknown",)


def test_pareto_exact_duplicates_both_kept() -> None:
    assert pareto_frontier([("a", 1.0, 0.5), ("b", 1.0, 0.5)]).frontier == ("a", "b")


def test_pareto_rejects_nan() -> None:
    with pytest.raises(ValueError):
        pareto_frontier([("a", math.nan, 0.5)])
    with pytest.raises(ValueError):
        pareto_frontier([("a", 1.0, math.nan)])


# Small value sets make equal costs and equal accuracies (the tricky cases) common.
points_st = st.lists(
    st.tuples(
        st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.0, 3.0]), st.floats(0, 10)),
        st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0, 1)),
    ),
    max_size=25,
)


@given(points_st)
def test_pareto_properties(raw: list[tuple[float | None, float]]) -> None:
    points = [(f"e{i}", c, a) for i, (c, a) in enumerate(raw)]
    r = pareto_frontier(points)
    by_name = {name: (c, a) for name, c, a in points}

    def dominates(p: str, q: str) -> bool:
        (cp, ap), (cq, aq) = by_name[p], by_name[q]
        assert cp is not None and cq is not None
        return cp <= cq and ap >= aq and (cp < cq or ap > aq)

    assert sorted(r.frontier + r.dominated + r.unknown_cost) == sorted(by_name)
    assert set(r.unknown_cost) == {n for n, c, _ in points if c is None}
    for f in r.frontier:
        assert not any(dominates(o, f) for o in r.frontier + r.dominated)
    for d in r.dominated:
        assert any(dominates(f, d) for f in r.frontier)
    costs = [by_name[f][0] for f in r.frontier]
    assert costs == sorted(costs)  # type: ignore[type-var]


# ----------------------------------------------------------------------------------------------------------
# breakdown


def test_breakdown_by_language_difficulty_and_tag() -> None:
    records = [
        rec("a/m", "t1", "pass", language="python", difficulty="easy", tags=("io", "parse")),
        rec("a/m", "t1", "fail", language="python", difficulty="easy", tags=("io", "parse")),
        rec("a/m", "t2", "pass", language="python", difficulty="hard", tags=("parse",)),
        rec("a/m", "t3", "fail", language="rust", difficulty="hard", tags=()),
        rec("a/m", "t3", "error", language="rust", difficulty="hard", tags=()),
    ]
    lang = {g.key: g for g in breakdown(records, "language").groups}
    assert lang["python"].pass_at_1 == pytest.approx(0.75) and lang["python"].n_tasks == 2
    assert lang["rust"].pass_at_1 == 0.0 and lang["rust"].n_errors == 1 and lang["rust"].se is None
    diff = {g.key: g for g in breakdown(records, "difficulty").groups}
    assert diff["easy"].pass_at_1 == pytest.approx(0.5) and diff["hard"].pass_at_1 == pytest.approx(0.5)
    tags = breakdown(records, "tag")
    assert [g.key for g in tags.groups] == ["io", "parse"]  # untagged trials are in no tag group
    tag = {g.key: g for g in tags.groups}
    assert tag["parse"].n_trials == 3 and tag["parse"].pass_at_1 == pytest.approx(0.75)
    assert tag["io"].n_trials == 2 and tag["io"].pass_at_1 == pytest.approx(0.5)
    assert json.dumps(tags.to_dict())


def test_breakdown_rejects_unknown_dimension() -> None:
    with pytest.raises(ValueError):
        breakdown([rec("a/m", "t1", "pass")], "model")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------------------
# summarize_all


def test_summarize_all_matches_individual_functions() -> None:
    rng = random.Random(1)
    records = [
        rec(e, f"t{t}", rng.choice(["pass", "fail", "fail", "error"]), rng.random())
        for e, tasks in (("a/m", range(0, 15)), ("b/m", range(5, 20)), ("c/m", range(0, 20)))
        for t in tasks
        for _ in range(3)
    ]
    report = summarize_all(records)
    assert [s.entry for s in report.summaries] == ["a/m", "b/m", "c/m"]
    for s in report.summaries:
        assert s.to_dict() == summarize_entry(r for r in records if r.entry == s.entry).to_dict()
    assert [(c.entry_a, c.entry_b) for c in report.comparisons] == [
        ("a/m", "b/m"),
        ("a/m", "c/m"),
        ("b/m", "c/m"),
    ]
    for c in report.comparisons:
        direct = paired_comparison(
            [r for r in records if r.entry == c.entry_a], [r for r in records if r.entry == c.entry_b]
        )
        assert c.to_dict() == direct.to_dict()
    assert sorted(report.pareto.frontier + report.pareto.dominated) == ["a/m", "b/m", "c/m"]
    json.dumps(report.to_dict())


def test_summarize_all_task_restriction() -> None:
    records = task_trials("a/m", "t1", 1, 1) + task_trials("a/m", "t2", 0, 1) + task_trials("b/m", "t2", 1, 1)
    report = summarize_all(records, tasks={"t2"})
    assert [s.pass_at_1 for s in report.summaries] == [0.0, 1.0]
    assert report.comparisons[0].n_shared == 1


def test_tasks_graded_in_process_are_counted_per_entry() -> None:
    from harness.stats import TrialRecord, summarize_entry

    recs = [
        TrialRecord(entry="a/m", task_id="t1", status="pass", cost_usd=None, isolation="judge"),
        TrialRecord(entry="a/m", task_id="t2", status="fail", cost_usd=None, isolation="in-process"),
        TrialRecord(entry="a/m", task_id="t2", status="pass", cost_usd=None, isolation="in-process"),
        TrialRecord(entry="a/m", task_id="t3", status="pass", cost_usd=None),
    ]
    assert summarize_entry(recs).n_tasks_in_process == 1
    assert summarize_entry(recs[:1]).n_tasks_in_process == 0
