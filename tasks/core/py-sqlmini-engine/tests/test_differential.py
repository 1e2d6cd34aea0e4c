"""Randomised queries compared with a reference implementation (fixed seeds)."""

import random

import pytest
import refsql
import sqlmini
from sqlhelp import typed

WORDS = ["x", "y", "X", "ab", "a.b", "b%", "Bb", "", "zeta", "a_b", "é"]


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return repr(value) if isinstance(value, float) else str(value)


def make_tables(rng):
    na = rng.randint(2, 14)
    nb = rng.randint(1, 12)
    a = ["id,k,r,s"]
    for i in range(1, na + 1):
        k = rng.choice([None, 0, 1, 2, 3, 4, -3])
        r = rng.choice([None, 0.5, 1.0, 2.25, -1.5, 3.0])
        s = rng.choice([None, *WORDS])
        a.append(",".join(_csv_text(v) for v in (i, k, r, s)))
    b = ["k,t,v"]
    for _ in range(nb):
        k = rng.choice([None, 0, 1, 2, 3, 5])
        t = rng.choice([None, "q", "ab", "Q", "x"])
        v = rng.choice([None, -2, 0, 1, 3, 7])
        b.append(",".join(_csv_text(x) for x in (k, t, v)))
    return {"a": "\n".join(a) + "\n", "b": "\n".join(b) + "\n"}


PREDS = [
    "a.k > 1",
    "b.v IS NULL",
    "b.v IS NOT NULL",
    "a.s LIKE '%b%'",
    "a.s LIKE 'a!_b' ESCAPE '!'",
    "a.s LIKE 'A.B'",
    "a.r BETWEEN 0.5 AND 2.25",
    "a.k IN (1, 2, NULL)",
    "a.k NOT IN (0, NULL)",
    "NOT (a.k > 1 AND b.v < 3)",
    "a.s IS NOT NULL OR b.t = 'q'",
    "b.t = 'Q' AND a.k <> 2",
    "NOT (b.v > 0 AND a.r > 1)",
    "a.k = b.v",
    "COALESCE(b.v, -1) < 1",
    "a.k % 2 = -1",
    "a.k / 2 = 0",
    "b.t < 'a'",
    "a.s > 'X'",
]
SELECTS = [
    "a.id",
    "CASE a.k WHEN b.v THEN 'same' WHEN 1 THEN 'one' ELSE a.s END",
    "a.id AS t",
    "a.k",
    "b.v",
    "a.s",
    "b.t",
    "a.r",
    "a.k / 2",
    "a.k % 2",
    "a.k * 1.5",
    "CASE WHEN b.v <> 0 THEN a.k / b.v END",
    "CASE WHEN b.v <> 0 THEN a.k % b.v END",
    "a.s || b.t",
    "ROUND(a.r * 1.5)",
    "a.k IN (b.v, NULL)",
    "a.r > b.v",
    "a.s LIKE 'x%'",
]
ORDERS = ["t", "a.k", "b.v", "a.s", "a.r", "b.t", "a.k / 2", "a.k % 3"]
GROUPS = ["a.k", "a.s", "b.t", "a.k % 2", "b.v / 2"]
AGGS = [
    "COUNT(*)",
    "COUNT(b.v)",
    "SUM(b.v)",
    "AVG(a.r)",
    "MIN(b.t)",
    "MAX(a.s)",
    "TOTAL(a.k)",
    "COUNT(DISTINCT a.r)",
    "AVG(a.k)",
    "AVG(b.v)",
    "SUM(DISTINCT b.v)",
    "MAX(a.r) - MIN(a.k)",
]


def order_clause(rng, terms):
    out = []
    for term in rng.sample(terms, rng.randint(1, min(3, len(terms)))):
        t = term + rng.choice(["", " ASC", " DESC"])
        t += rng.choice(["", "", " NULLS FIRST", " NULLS LAST"])
        out.append(t)
    return " ORDER BY " + ", ".join(out)


def make_query(rng):
    join = rng.choice(["JOIN", "LEFT JOIN", "LEFT JOIN"])
    on = rng.choice(
        ["a.k = b.k", "b.k = a.k", "a.k = b.k AND b.v > 0", "b.k = a.k + 1", "a.k = b.k OR b.v = 7"]
    )
    where = ""
    if rng.random() < 0.7:
        preds = rng.sample(PREDS, rng.randint(1, 2))
        where = " WHERE " + " AND ".join(preds)
    kind = rng.random()
    if kind < 0.45:
        cols = rng.sample(SELECTS, rng.randint(1, 4))
        sql = f"SELECT {', '.join(cols)} FROM a {join} b ON {on}{where}"
        if rng.random() < 0.8:
            sql += order_clause(rng, ORDERS + [str(i + 1) for i in range(len(cols))])
    elif kind < 0.8:
        groups = rng.sample(GROUPS, rng.randint(0, 2))
        aggs = rng.sample(AGGS, rng.randint(1, 3))
        sql = f"SELECT {', '.join(groups + aggs)} FROM a {join} b ON {on}{where}"
        if groups:
            sql += " GROUP BY " + ", ".join(groups)
            if rng.random() < 0.4:
                sql += " HAVING COUNT(*) > 1"
            sql += order_clause(rng, groups + aggs[:1])
    else:
        cols = rng.sample(["a.k", "a.s", "b.t", "a.k % 3", "a.r", "b.v / 2", "a.r / 2"], rng.randint(1, 2))
        sql = f"SELECT DISTINCT {', '.join(cols)} FROM a {join} b ON {on}{where}"
        if rng.random() < 0.7:
            sql += order_clause(rng, cols)
    if rng.random() < 0.4:
        sql += f" LIMIT {rng.randint(1, 6)}"
        if rng.random() < 0.6:
            sql += f" OFFSET {rng.randint(0, 3)}"
    return sql


def outcome(module, sql, tables):
    try:
        cols, rows = module.run(sql, tables)
    except module.SQLError as exc:
        return ("error", str(exc))
    return (list(cols), typed([list(r) for r in rows]))


@pytest.mark.parametrize("seed", range(12))
def test_random_queries_match_reference(seed):
    rng = random.Random(1000 + seed)
    for _ in range(25):
        tables = make_tables(rng)
        sql = make_query(rng)
        want = outcome(refsql, sql, tables)
        got = outcome(sqlmini, sql, tables)
        assert got == want, f"query: {sql}\ntables: {tables}"


@pytest.mark.parametrize("seed", range(4))
def test_random_formatted_output_matches_reference(seed):
    rng = random.Random(5000 + seed)
    for _ in range(10):
        tables = make_tables(rng)
        sql = make_query(rng)
        try:
            want = refsql.run_text(sql, tables)
        except refsql.SQLError as exc:
            want = str(exc)
        try:
            got = sqlmini.run_text(sql, tables)
        except sqlmini.SQLError as exc:
            got = str(exc)
        assert got == want, f"query: {sql}\ntables: {tables}"
