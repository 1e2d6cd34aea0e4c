"""Syntax tree of a query (produced by parser.py, consumed by planner.py)."""


class Node:
    """Base class: every node remembers the source text it was parsed from."""

    text = ""

    def children(self):
        return []

    def walk(self):
        yield self
        for child in self.children():
            if child is not None:
                yield from child.walk()


class Literal(Node):
    def __init__(self, value):
        self.value = value

    def __repr__(self):
        return f"Literal({self.value!r})"


class ColumnRef(Node):
    def __init__(self, table, name):
        self.table = table  # qualifier as written (lowercase) or None
        self.name = name

    def __repr__(self):
        return f"ColumnRef({self.table!r}, {self.name!r})"


class Star(Node):
    """``*`` or ``t.*`` in a select list."""

    def __init__(self, table=None):
        self.table = table


class Unary(Node):
    def __init__(self, op, operand):
        self.op = op  # '-', '+', 'NOT'
        self.operand = operand

    def children(self):
        return [self.operand]


class Binary(Node):
    def __init__(self, op, left, right):
        self.op = op  # '+', '-', '*', '/', '%', '||', '=', '<>', ...
        self.left = left
        self.right = right

    def children(self):
        return [self.left, self.right]


class Logical(Node):
    def __init__(self, op, left, right):
        self.op = op  # 'AND' or 'OR'
        self.left = left
        self.right = right

    def children(self):
        return [self.left, self.right]


class IsNull(Node):
    def __init__(self, operand, negated):
        self.operand = operand
        self.negated = negated

    def children(self):
        return [self.operand]


class Like(Node):
    def __init__(self, operand, pattern, escape, negated):
        self.operand = operand
        self.pattern = pattern
        self.escape = escape
        self.negated = negated

    def children(self):
        return [self.operand, self.pattern, self.escape]


class InList(Node):
    def __init__(self, operand, items, negated):
        self.operand = operand
        self.items = items
        self.negated = negated

    def children(self):
        return [self.operand, *self.items]


class Between(Node):
    def __init__(self, operand, low, high, negated):
        self.operand = operand
        self.low = low
        self.high = high
        self.negated = negated

    def children(self):
        return [self.operand, self.low, self.high]


class Case(Node):
    def __init__(self, operand, whens, default):
        self.operand = operand  # simple CASE operand or None
        self.whens = whens  # list of (condition, result)
        self.default = default

    def children(self):
        out = [self.operand]
        for cond, res in self.whens:
            out += [cond, res]
        out.append(self.default)
        return out


class FuncCall(Node):
    def __init__(self, name, args, star=False, distinct=False):
        self.name = name  # upper case
        self.args = args
        self.star = star  # COUNT(*)
        self.distinct = distinct  # COUNT(DISTINCT x)

    def children(self):
        return list(self.args)


class SelectItem:
    def __init__(self, expr, alias):
        self.expr = expr
        self.alias = alias


class TableRef:
    def __init__(self, name, alias):
        self.name = name
        self.alias = alias or name


class Join:
    def __init__(self, kind, table, condition):
        self.kind = kind  # 'INNER' or 'LEFT'
        self.table = table
        self.condition = condition


class OrderItem:
    def __init__(self, expr, descending, nulls_first):
        self.expr = expr
        self.descending = descending
        self.nulls_first = nulls_first  # True, False or None (default)


class Select:
    def __init__(self):
        self.distinct = False
        self.items = []
        self.from_table = None
        self.joins = []
        self.where = None
        self.group_by = []
        self.having = None
        self.order_by = []
        self.limit = None
        self.offset = None
