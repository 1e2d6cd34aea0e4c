"""Equi-joins of large tables must not be quadratic (SPEC.md 8.2, README)."""

import random
import time

import sqlmini

N = 3000


def _tables():
    rng = random.Random(7)
    a = ["id,k,v"] + [f"{i},{rng.randrange(N)},{rng.randrange(100)}" for i in range(N)]
    b = ["k,w"] + [f"{rng.randrange(N)},{rng.randrange(100)}" for _ in range(N)]
    # The baseline: one table with as many rows as both inputs together.
    c = ["id,k,v"] + [f"{i},{rng.randrange(N)},{rng.randrange(100)}" for i in range(2 * N)]
    return "\n".join(a) + "\n", "\n".join(b) + "\n", "\n".join(c) + "\n"


def _best(db, sql, reps, limit=None):
    best = None
    for _ in range(reps):
        t0 = time.perf_counter()
        db.execute(sql)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
        if limit is not None and best > limit:
            break
    return best


def _check(sql, count_sql, expected_count):
    a, b, c = _tables()
    db = sqlmini.Database()
    db.load_csv("a", a)
    db.load_csv("b", b)
    db.load_csv("c", c)
    base = _best(db, "SELECT id, k, v FROM c WHERE v >= 0 AND k >= 0", 5)
    # Generous: a hash join does about two or three scans' worth of work.
    limit = 5 * base
    took = _best(db, sql, 5, limit)
    assert took <= limit, f"join took {took:.3f}s, a scan of both tables {base:.3f}s"
    # Checked once the join is known to be fast, so a quadratic one fails after one run, not three.
    assert sqlmini.run(count_sql, {"a": a, "b": b})[1] == [(expected_count,)]


def test_inner_equi_join_is_fast():
    _check(
        "SELECT a.id, b.w FROM a JOIN b ON a.k = b.k",
        "SELECT COUNT(*) FROM a JOIN b ON a.k = b.k",
        _expected("inner"),
    )


def test_left_equi_join_with_extra_condition_is_fast():
    _check(
        "SELECT a.id, b.w FROM a LEFT JOIN b ON b.k = a.k AND b.w > 10",
        "SELECT COUNT(*) FROM a LEFT JOIN b ON b.k = a.k AND b.w > 10",
        _expected("left"),
    )


def _expected(kind):
    a, b, _c = _tables()
    arow = [tuple(int(x) for x in line.split(",")) for line in a.splitlines()[1:]]
    brow = [tuple(int(x) for x in line.split(",")) for line in b.splitlines()[1:]]
    index = {}
    for k, w in brow:
        if kind == "inner" or w > 10:
            index[k] = index.get(k, 0) + 1
    total = 0
    for _id, k, _v in arow:
        m = index.get(k, 0)
        total += m if (m or kind == "inner") else 1
    return total
