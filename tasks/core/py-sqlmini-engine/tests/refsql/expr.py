"""Compile expression trees into Python closures (SPEC.md section 5).

``compile_expr(node, ctx)`` returns a function of one row (a tuple) that
returns the value of the expression for that row.  ``ctx`` resolves column
references to row positions and, in a grouped query, maps GROUP BY
expressions and aggregate calls to slots of the group row.
"""

from . import nodes as n
from .aggregates import AGGREGATE_NAMES
from .errors import CatalogError, EvalError
from .functions import lookup
from .like import like
from .values import ARITH, concat, from_truth, negate, sql_compare, to_text, truth


def canon(node, scope=None):
    """A structural key of an expression, ignoring its source text.

    With a scope, column references are keyed by the column they resolve to,
    so ``t.a`` and ``a`` are the same expression.
    """
    if node is None:
        return None
    if isinstance(node, n.Literal):
        return ("lit", type(node.value).__name__, node.value)
    if isinstance(node, n.ColumnRef):
        if scope is not None:
            return ("col", scope.resolve(node))
        return ("col", node.table, node.name)
    parts = [type(node).__name__]
    for attr in ("op", "name", "negated", "star", "distinct"):
        if hasattr(node, attr):
            parts.append(getattr(node, attr))
    if isinstance(node, n.Case):
        parts.append(canon(node.operand, scope))
        parts.append(tuple((canon(c, scope), canon(r, scope)) for c, r in node.whens))
        parts.append(canon(node.default, scope))
    else:
        parts.extend(canon(c, scope) for c in node.children())
    return tuple(parts)


def is_aggregate(node):
    return isinstance(node, n.FuncCall) and node.name in AGGREGATE_NAMES


def contains_aggregate(node):
    return any(is_aggregate(x) for x in node.walk())


class Scope:
    """The columns visible to an expression: a list of sources laid out in a row."""

    def __init__(self):
        self.sources = []  # (alias, columns, offset)
        self.width = 0

    def add(self, alias, columns):
        for existing, _cols, _off in self.sources:
            if existing == alias:
                raise CatalogError(f"duplicate table alias: {alias}")
        self.sources.append((alias, list(columns), self.width))
        self.width += len(columns)

    def resolve(self, ref):
        if ref.table is not None:
            for alias, cols, off in self.sources:
                if alias == ref.table:
                    if ref.name in cols:
                        return off + cols.index(ref.name)
                    break
            raise CatalogError(f"no such column: {ref.table}.{ref.name}")
        found = [off + cols.index(ref.name) for _a, cols, off in self.sources if ref.name in cols]
        if not found:
            raise CatalogError(f"no such column: {ref.name}")
        if len(found) > 1:
            raise CatalogError(f"ambiguous column name: {ref.name}")
        return found[0]

    def aliases_of(self, node):
        """The set of source aliases an expression refers to."""
        out = set()
        for x in node.walk():
            if isinstance(x, n.ColumnRef):
                pos = self.resolve(x)
                for alias, cols, off in self.sources:
                    if off <= pos < off + len(cols):
                        out.add(alias)
        return out


class Context:
    def __init__(self, scope, where=None):
        self.scope = scope
        self.where = where  # clause name, for error messages
        self.group_slots = None  # canon -> slot, in a grouped query
        self.agg_slots = None  # id(FuncCall) -> slot
        self.aliases = None  # output alias -> slot (ORDER BY only)


def compile_expr(node, ctx):
    if ctx.group_slots is not None:
        key = canon(node, ctx.scope) if not isinstance(node, n.Star) else None
        slot = ctx.group_slots.get(key)
        if slot is not None:
            return lambda row, s=slot: row[s]
        if is_aggregate(node):
            slot = ctx.agg_slots[id(node)]
            return lambda row, s=slot: row[s]
    if isinstance(node, n.Literal):
        value = node.value
        return lambda row: value
    if isinstance(node, n.ColumnRef):
        if ctx.aliases is not None and node.table is None and node.name in ctx.aliases:
            slot = ctx.aliases[node.name]
            return lambda row, s=slot: row[s]
        if ctx.group_slots is not None:
            ctx.scope.resolve(node)
            raise EvalError(
                f'column "{node.text}" must appear in the GROUP BY clause or be used in an aggregate function'
            )
        pos = ctx.scope.resolve(node)
        return lambda row: row[pos]
    if isinstance(node, n.Star):
        raise CatalogError("* is only allowed in the select list")
    if isinstance(node, n.Unary):
        inner = compile_expr(node.operand, ctx)
        if node.op == "-":
            return lambda row: negate(inner(row))
        if node.op == "+":

            def plus(row):
                v = inner(row)
                if isinstance(v, str):
                    raise EvalError("cannot apply '+' to TEXT")
                return v

            return plus

        def not_(row):
            t = truth(inner(row))
            return None if t is None else (0 if t else 1)

        return not_
    if isinstance(node, n.Binary):
        left = compile_expr(node.left, ctx)
        right = compile_expr(node.right, ctx)
        op = node.op
        if op in ARITH:
            fn = ARITH[op]
            return lambda row: fn(left(row), right(row))
        if op == "||":
            return lambda row: concat(left(row), right(row))
        return lambda row: sql_compare(op, left(row), right(row))
    if isinstance(node, n.Logical):
        left = compile_expr(node.left, ctx)
        right = compile_expr(node.right, ctx)
        if node.op == "AND":

            def and_(row):
                a = truth(left(row))
                if a is False:
                    return 0
                b = truth(right(row))
                if b is False:
                    return 0
                if a is None or b is None:
                    return None
                return 1

            return and_

        def or_(row):
            a = truth(left(row))
            if a is True:
                return 1
            b = truth(right(row))
            if b is True:
                return 1
            if a is None or b is None:
                return None
            return 0

        return or_
    if isinstance(node, n.IsNull):
        inner = compile_expr(node.operand, ctx)
        if node.negated:
            return lambda row: 0 if inner(row) is None else 1
        return lambda row: 1 if inner(row) is None else 0
    if isinstance(node, n.Like):
        return _compile_like(node, ctx)
    if isinstance(node, n.InList):
        operand = compile_expr(node.operand, ctx)
        items = [compile_expr(i, ctx) for i in node.items]
        negated = node.negated

        def in_(row):
            v = operand(row)
            if v is None:
                return None
            unknown = False
            for item in items:
                r = sql_compare("=", v, item(row))
                if r == 1:
                    return 0 if negated else 1
                if r is None:
                    unknown = True
            if unknown:
                return None
            return 1 if negated else 0

        return in_
    if isinstance(node, n.Between):
        operand = compile_expr(node.operand, ctx)
        low = compile_expr(node.low, ctx)
        high = compile_expr(node.high, ctx)
        negated = node.negated

        def between(row):
            v = operand(row)
            a = truth(sql_compare(">=", v, low(row)))
            b = truth(sql_compare("<=", v, high(row)))
            if a is False or b is False:
                t = False
            elif a is None or b is None:
                t = None
            else:
                t = True
            if t is None:
                return None
            return from_truth(t != negated)

        return between
    if isinstance(node, n.Case):
        return _compile_case(node, ctx)
    if isinstance(node, n.FuncCall):
        if is_aggregate(node):
            where = ctx.where or "this context"
            raise EvalError(f"aggregate functions are not allowed in {where}")
        fn = lookup(node.name, len(node.args))
        if node.star or node.distinct:
            raise EvalError(f"wrong use of function {node.name}")
        args = [compile_expr(a, ctx) for a in node.args]
        return lambda row: fn(*[a(row) for a in args])
    raise AssertionError(f"cannot compile {node!r}")


def _compile_like(node, ctx):
    operand = compile_expr(node.operand, ctx)
    pattern = compile_expr(node.pattern, ctx)
    escape = compile_expr(node.escape, ctx) if node.escape is not None else None
    negated = node.negated

    def like_(row):
        v = operand(row)
        p = pattern(row)
        e = escape(row) if escape is not None else None
        if v is None or p is None:
            return None
        if escape is not None:
            if e is None:
                return None
            e = to_text(e)
        matched = like(to_text(v), to_text(p), e)
        return 1 if matched != negated else 0

    return like_


def _compile_case(node, ctx):
    operand = compile_expr(node.operand, ctx) if node.operand is not None else None
    whens = [(compile_expr(c, ctx), compile_expr(r, ctx)) for c, r in node.whens]
    default = compile_expr(node.default, ctx) if node.default is not None else (lambda row: None)

    def case(row):
        if operand is not None:
            v = operand(row)
            for cond, res in whens:
                if sql_compare("=", v, cond(row)) == 1:
                    return res(row)
        else:
            for cond, res in whens:
                if truth(cond(row)) is True:
                    return res(row)
        return default(row)

    return case
