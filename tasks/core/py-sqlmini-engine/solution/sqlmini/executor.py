"""Run a plan over the catalog's tables (SPEC.md sections 8 and 9)."""

from functools import cmp_to_key

from .aggregates import distinct_key
from .planner import new_accumulators
from .values import compare, truth


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


def hash_join(rows, step):
    table = step.table
    pad = (None,) * len(table.columns)
    cond = step.condition
    index = {}
    for right in apply_filters(table.rows, step.filters):
        key = []
        for fn in step.right_keys:
            v = fn(right)
            if v is None:
                break
            key.append(_hash_key(v))
        else:
            index.setdefault(tuple(key), []).append(right)
    out = []
    left_join = step.kind == "LEFT"
    for left in rows:
        key = []
        for fn in step.left_keys:
            v = fn(left)
            if v is None:
                break
            key.append(_hash_key(v))
        else:
            matched = False
            for right in index.get(tuple(key), ()):
                row = left + right
                if truth(cond(row)) is True:
                    out.append(row)
                    matched = True
            if matched or not left_join:
                continue
        if left_join:
            out.append(left + pad)
    return out


def _hash_key(v):
    # Numbers hash and compare equal across INTEGER/REAL; TEXT never equals a number.
    return (isinstance(v, str), v)


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
    if step.left_keys:
        return hash_join(rows, step)
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
    if not plan.group_keys and not groups:
        groups[()] = ((), new_accumulators(plan))
        order.append(())
    out = []
    for key in order:
        values, accs = groups[key]
        out.append(values + tuple(acc.final() for acc in accs))
    return out


def _sort(plan, pairs):
    steps = plan.order

    def cmp(a, b):
        for i, step in enumerate(steps):
            x = a[0][i]
            y = b[0][i]
            if x is None or y is None:
                if x is None and y is None:
                    continue
                if x is None:
                    return -1 if step.nulls_first else 1
                return 1 if step.nulls_first else -1
            c = compare(x, y)
            if c:
                return -c if step.descending else c
        return 0

    pairs.sort(key=cmp_to_key(cmp))
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
            k = tuple(distinct_key(v) for v in out)
            if k in seen:
                continue
            seen.add(k)
            unique.append((keys, out))
        pairs = unique
    if plan.order:
        pairs = _sort(plan, pairs)
    start = plan.offset
    end = None if plan.limit is None else start + plan.limit
    return Result(plan.columns, [out for _k, out in pairs[start:end]])
