"""Turn a parsed SELECT into an executable plan (SPEC.md sections 8 and 9).

The planner resolves every name, checks the rules on aggregates and
grouping, and compiles the expressions.  It does not touch table data.
"""

from . import nodes as n
from .aggregates import check_call, make_accumulator
from .errors import CatalogError, EvalError
from .expr import Context, Scope, canon, compile_expr, contains_aggregate, is_aggregate
from .optimizer import push_down, split_and


class JoinStep:
    def __init__(self, kind, table, condition, left_keys, right_keys):
        self.kind = kind  # 'INNER' or 'LEFT'
        self.table = table
        self.condition = condition  # fn(combined row) -> value
        self.left_keys = left_keys  # fns of the left row (equi-join keys)
        self.right_keys = right_keys  # fns of the right table's own row
        self.filters = []  # pushed-down WHERE terms (own row)


class OrderStep:
    def __init__(self, source, getter, descending, nulls_first):
        self.source = source  # 'out' (output row) or 'row' (input/group row)
        self.getter = getter  # slot index for 'out', fn for 'row'
        self.descending = descending
        self.nulls_first = (not descending) if nulls_first is None else nulls_first


class Plan:
    def __init__(self):
        self.base = None  # first table (no FROM: None)
        self.base_filters = []  # pushed-down WHERE terms (own row)
        self.joins = []
        self.filters = []  # fns applied to each joined row (WHERE)
        self.grouped = False
        self.group_keys = []
        self.aggregates = []  # (FuncCall, arg fn or None)
        self.having = None
        self.projection = []
        self.columns = []
        self.order = []
        self.distinct = False
        self.limit = None
        self.offset = 0


def plan_select(sel, catalog):
    plan = Plan()
    scope = Scope()
    if sel.from_table is not None:
        base = catalog.get(sel.from_table.name)
        scope.add(sel.from_table.alias, base.columns)
        plan.base = base
    for join in sel.joins:
        table = catalog.get(join.table.name)
        left_width = scope.width
        left_aliases = {a for a, _c, _o in scope.sources}
        scope.add(join.table.alias, table.columns)
        ctx = Context(scope, "ON")
        for x in join.condition.walk():
            if is_aggregate(x):
                raise EvalError("aggregate functions are not allowed in ON")
        condition = compile_expr(join.condition, ctx)
        own = Scope()
        own.add(join.table.alias, table.columns)
        left_keys, right_keys = [], []
        for term in split_and(join.condition):
            if not (isinstance(term, n.Binary) and term.op == "="):
                continue
            la = scope.aliases_of(term.left)
            ra = scope.aliases_of(term.right)
            if not la or not ra:
                continue
            if la <= left_aliases and ra == {join.table.alias}:
                lhs, rhs = term.left, term.right
            elif ra <= left_aliases and la == {join.table.alias}:
                lhs, rhs = term.right, term.left
            else:
                continue
            left_scope = Scope()
            left_scope.sources = [s for s in scope.sources if s[0] != join.table.alias]
            left_scope.width = left_width
            left_keys.append(compile_expr(lhs, Context(left_scope, "ON")))
            right_keys.append(compile_expr(rhs, Context(own, "ON")))
        plan.joins.append(JoinStep(join.kind, table, condition, left_keys, right_keys))

    if sel.where is not None:
        for x in sel.where.walk():
            if is_aggregate(x):
                raise EvalError("aggregate functions are not allowed in WHERE")
        table_columns = {alias: cols for alias, cols, _off in scope.sources}
        pushed, residual = push_down(sel, scope, table_columns)
        if sel.from_table is not None:
            plan.base_filters = pushed.get(sel.from_table.alias, [])
        for join, step in zip(sel.joins, plan.joins, strict=True):
            step.filters = pushed.get(join.table.alias, [])
        if residual is not None:
            plan.filters.append(compile_expr(residual, Context(scope, "WHERE")))

    # Expand * and t.* into column references.
    items = []
    for item in sel.items:
        if isinstance(item.expr, n.Star):
            if not scope.sources:
                raise CatalogError("no tables specified")
            matched = False
            for alias, cols, _off in scope.sources:
                if item.expr.table is None or item.expr.table == alias:
                    matched = True
                    for col in cols:
                        ref = n.ColumnRef(alias, col)
                        ref.text = col
                        items.append(n.SelectItem(ref, None))
            if not matched:
                raise CatalogError(f"no such table: {item.expr.table}")
        else:
            items.append(item)
    plan.columns = [_column_name(item) for item in items]

    aggs = []
    for item in items:
        aggs += [x for x in item.expr.walk() if is_aggregate(x)]
    if sel.having is not None:
        aggs += [x for x in sel.having.walk() if is_aggregate(x)]
    for o in sel.order_by:
        if not _order_position(o, len(items)) and not _order_alias(o, items, scope):
            aggs += [x for x in o.expr.walk() if is_aggregate(x)]
    for g in sel.group_by:
        if contains_aggregate(g):
            raise EvalError("aggregate functions are not allowed in GROUP BY")
    plan.grouped = bool(sel.group_by) or bool(aggs)
    if sel.having is not None and not plan.grouped:
        raise EvalError("HAVING requires GROUP BY or an aggregate")

    if plan.grouped:
        row_ctx = Context(scope, "GROUP BY")
        plan.group_keys = [compile_expr(g, row_ctx) for g in sel.group_by]
        agg_slots = {}
        for call in aggs:
            check_call(call)
            for arg in call.args:
                if contains_aggregate(arg):
                    raise EvalError("aggregate function calls cannot be nested")
            arg_fn = None if call.star else compile_expr(call.args[0], Context(scope, "aggregate"))
            agg_slots[id(call)] = len(sel.group_by) + len(plan.aggregates)
            plan.aggregates.append((call, arg_fn))
        ctx = Context(scope, "GROUP BY")
        ctx.group_slots = {}
        for i, g in enumerate(sel.group_by):
            ctx.group_slots.setdefault(canon(g), i)
        ctx.agg_slots = agg_slots
    else:
        ctx = Context(scope, "WHERE")
        ctx.where = "this context"
    plan.projection = [compile_expr(item.expr, ctx) for item in items]
    if sel.having is not None:
        plan.having = compile_expr(sel.having, ctx)

    for o in sel.order_by:
        pos = _order_position(o, len(items))
        alias_slot = _order_alias(o, items, scope)
        if pos:
            step = OrderStep("out", pos - 1, o.descending, o.nulls_first)
        elif alias_slot is not None:
            step = OrderStep("out", alias_slot, o.descending, o.nulls_first)
        else:
            same = [i for i, it in enumerate(items) if canon(it.expr, scope) == canon(o.expr, scope)]
            if sel.distinct and not same:
                raise EvalError("ORDER BY term must appear in the select list when DISTINCT is used")
            if same:
                step = OrderStep("out", same[0], o.descending, o.nulls_first)
            else:
                step = OrderStep("row", compile_expr(o.expr, ctx), o.descending, o.nulls_first)
        plan.order.append(step)
    plan.distinct = sel.distinct
    plan.limit = sel.limit
    plan.offset = sel.offset or 0
    return plan


def _order_position(o, count):
    if isinstance(o.expr, n.Literal) and type(o.expr.value) is int:
        pos = o.expr.value
        if pos < 1 or pos > count:
            raise EvalError(f"ORDER BY position {pos} is out of range")
        return pos
    return None


def _order_alias(o, items, scope):
    if isinstance(o.expr, n.ColumnRef) and o.expr.table is None:
        try:
            scope.resolve(o.expr)
            return None  # a real column: evaluate it on the row
        except CatalogError:
            pass
        for i, item in enumerate(items):
            if item.alias == o.expr.name:
                return i
    return None


def _column_name(item):
    if item.alias:
        return item.alias
    if isinstance(item.expr, n.ColumnRef) and not getattr(item.expr, "parenthesized", False):
        return item.expr.name
    return item.expr.text


def new_accumulators(plan):
    return [make_accumulator(call) for call, _fn in plan.aggregates]
