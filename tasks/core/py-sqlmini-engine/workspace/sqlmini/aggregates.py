"""Aggregate functions (SPEC.md section 7).

Each aggregate is a small accumulator class: ``step(value)`` is called once
per input row of the group (with the argument's value; COUNT(*) gets 1) and
``final()`` returns the result.
"""

from .errors import EvalError
from .values import check_int, check_real, compare

AGGREGATE_NAMES = {"COUNT", "SUM", "AVG", "MIN", "MAX", "TOTAL"}


class Count:
    def __init__(self, star=False):
        self.star = star
        self.n = 0

    def step(self, value):
        if self.star or value is not None:
            self.n += 1

    def final(self):
        return self.n


class Sum:
    name = "SUM"

    def __init__(self):
        self.int_total = 0
        self.real_total = 0.0
        self.any_real = False
        self.seen = False

    def step(self, value):
        if value is None:
            return
        if isinstance(value, str):
            raise EvalError(f"cannot apply {self.name} to TEXT")
        self.seen = True
        if isinstance(value, float):
            self.any_real = True
            self.real_total += value
        else:
            self.int_total = check_int(self.int_total + value)

    def final(self):
        if self.any_real:
            return check_real(self.real_total + self.int_total)
        return self.int_total


class Total(Sum):
    """TOTAL(x): like SUM but always REAL, and 0.0 over no values."""

    name = "TOTAL"

    def step(self, value):
        if value is None:
            return
        if isinstance(value, str):
            raise EvalError(f"cannot apply {self.name} to TEXT")
        self.real_total += value

    def final(self):
        return check_real(float(self.real_total) + float(self.int_total))


class Avg(Sum):
    name = "AVG"

    def __init__(self):
        super().__init__()
        self.n = 0

    def step(self, value):
        if value is None:
            return
        super().step(value)
        self.n += 1

    def final(self):
        if not self.n:
            return None
        if not self.any_real:
            return self.int_total // self.n
        return (self.real_total + self.int_total) / self.n


class MinMax:
    def __init__(self, want):
        self.want = want  # -1 for MIN, 1 for MAX
        self.best = None

    def step(self, value):
        if value is None:
            return
        if self.best is None or compare(value, self.best) == self.want:
            self.best = value

    def final(self):
        return self.best


class Distinct:
    """Wrap an accumulator so that it sees each distinct non-NULL value once."""

    def __init__(self, inner):
        self.inner = inner
        self.seen = set()

    def step(self, value):
        if value is None:
            return
        key = distinct_key(value)
        if key in self.seen:
            return
        self.seen.add(key)
        self.inner.step(value)

    def final(self):
        return self.inner.final()


def distinct_key(value):
    """Key under which two values count as duplicates (rule 8.7).

    INTEGER and REAL that are numerically equal are duplicates; TEXT never
    equals a number; NULL equals NULL.
    """
    if value is None:
        return ("n",)
    if isinstance(value, str):
        return ("t", value)
    return ("r", value)


def make_accumulator(call):
    name = call.name
    if name == "COUNT":
        if call.star:
            return Count(star=True)
        acc = Count()
    elif name == "SUM":
        acc = Sum()
    elif name == "TOTAL":
        acc = Total()
    elif name == "AVG":
        acc = Avg()
    elif name == "MIN":
        acc = MinMax(-1)
    elif name == "MAX":
        acc = MinMax(1)
    else:
        raise AssertionError(name)
    if call.distinct:
        return Distinct(acc)
    return acc


def check_call(call):
    if call.star:
        if call.name != "COUNT":
            raise EvalError(f"{call.name}(*) is not allowed")
        return
    if len(call.args) != 1:
        raise EvalError(f"wrong number of arguments to function {call.name}")
