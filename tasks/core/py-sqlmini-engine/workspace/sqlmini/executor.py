"""Run a plan over the catalog's tables (SPEC.md sections 8 and 9)."""

from .aggregates import distinct_key
from .planner import new_accumulators
from .values import truth


class Result:
    """The result of a query: column names and rows of plain values."""

    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = [tuple(r) for r in rows]

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def __repr__(self):
        return f"Result(columns={self.columns!r}, rows={len(self.rows)})"


def scan(plan):
    if plan.base is None:
        return [()]
    return apply_filters(plan.base.rows, plan.base_filters)


def apply_filters(rows, filters):
    if not filters:
        return list(rows)
    out = []
    for row in rows:
        for f in filters:
            if truth(f(row)) is not True:
                break
        else:
            out.append(row)
    return out


def nested_loop_join(rows, step):
    table = step.table
    pad = (None,) * len(table.columns)
    cond = step.condition
    out = []
    right_rows = apply_filters(table.rows, step.filters)
    for left in rows:
        matched = False
        for right in right_rows:
            row = left + right
            if truth(cond(row)) is True:
                out.append(row)
                matched = True
        if not matched and step.kind == "LEFT":
            out.append(left + pad)
    return out


def join(rows, step):
    return nested_loop_join(rows, step)


def group(plan, rows):
    groups = {}
    order = []
    for row in rows:
        values = tuple(fn(row) for fn in plan.group_keys)
        key = tuple(distinct_key(v) for v in values)
        entry = groups.get(key)
        if entry is None:
            entry = (values, new_accumulators(plan))
            groups[key] = entry
            order.append(key)
        accs = entry[1]
        for acc, (_call, arg) in zip(accs, plan.aggregates, strict=True):
            acc.step(1 if arg is None else arg(row))
    out = []
    for key in order:
        values, accs = groups[key]
        out.append(values + tuple(acc.final() for acc in accs))
    return out


def _sort_key(value):
    # NULL sorts before numbers, numbers before TEXT (SPEC.md 8.9).
    if value is None:
        return (0, 0)
    if isinstance(value, str):
        return (2, value)
    return (1, value)


def _sort(plan, pairs):
    # Python's sort is stable, so sorting by the last key first and the
    # first key last gives a multi-key sort with ties kept in input order.
    for i in reversed(range(len(plan.order))):
        step = plan.order[i]
        pairs.sort(key=lambda p, i=i: _sort_key(p[0][i]), reverse=step.descending)
    return pairs


def execute_plan(plan):
    rows = scan(plan)
    for step in plan.joins:
        rows = join(rows, step)
    for f in plan.filters:
        rows = [r for r in rows if truth(f(r)) is True]
    if plan.grouped:
        rows = group(plan, rows)
        if plan.having is not None:
            rows = [r for r in rows if truth(plan.having(r)) is True]
    pairs = []
    for row in rows:
        out = tuple(fn(row) for fn in plan.projection)
        keys = tuple(out[s.getter] if s.source == "out" else s.getter(row) for s in plan.order)
        pairs.append((keys, out))
    if plan.distinct:
        seen = set()
        unique = []
        for keys, out in pairs:
            k = "|".join(str(v) for v in out)
            if k in seen:
                continue
            seen.add(k)
            unique.append((keys, out))
        pairs = unique
    if plan.order:
        pairs = _sort(plan, pairs)
    if plan.limit is not None:
        pairs = pairs[: plan.limit]
    return Result(plan.columns, [out for _k, out in pairs[plan.offset :]])
