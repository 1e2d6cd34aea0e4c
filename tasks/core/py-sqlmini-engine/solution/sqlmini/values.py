"""SQL values and the operations on them (SPEC.md section 5).

Values are plain Python objects: ``None`` is NULL, ``int`` is INTEGER,
``float`` is REAL and ``str`` is TEXT.  Booleans are INTEGER 1 and 0.
"""

import math

from .errors import EvalError

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1


def type_name(value):
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return "INTEGER"
    if isinstance(value, float):
        return "REAL"
    return "TEXT"


def check_int(value):
    """Raise if an INTEGER result does not fit in 64 bits (rule 5.6)."""
    if value < INT_MIN or value > INT_MAX:
        raise EvalError("integer overflow")
    return value


def check_real(value):
    if math.isinf(value) or math.isnan(value):
        raise EvalError("real overflow")
    return value


def truth(value):
    """Three-valued truth of a value: True, False or None (unknown)."""
    if value is None:
        return None
    if isinstance(value, str):
        return False
    return value != 0


def from_truth(t):
    if t is None:
        return None
    return 1 if t else 0


def is_number(value):
    return isinstance(value, (int, float))


def compare(a, b):
    """Total order used by comparisons and sorting of non-NULL values.

    Numbers compare numerically (INTEGER with REAL too) and are smaller than
    every TEXT; TEXT compares by code point.  Returns -1, 0 or 1.
    """
    an = is_number(a)
    bn = is_number(b)
    if an and bn:
        return (a > b) - (a < b)
    if an:
        return -1
    if bn:
        return 1
    return (a > b) - (a < b)


def sql_compare(op, a, b):
    """Evaluate a comparison operator with NULL propagation (rule 5.3)."""
    if a is None or b is None:
        return None
    c = compare(a, b)
    if op == "=":
        return 1 if c == 0 else 0
    if op == "<>":
        return 1 if c != 0 else 0
    if op == "<":
        return 1 if c < 0 else 0
    if op == "<=":
        return 1 if c <= 0 else 0
    if op == ">":
        return 1 if c > 0 else 0
    if op == ">=":
        return 1 if c >= 0 else 0
    raise AssertionError(op)


def _arith_types(op, a, b):
    if isinstance(a, str) or isinstance(b, str):
        raise EvalError(f"cannot apply '{op}' to {type_name(a)} and {type_name(b)}")


def add(a, b):
    if a is None or b is None:
        return None
    _arith_types("+", a, b)
    if isinstance(a, int) and isinstance(b, int):
        return check_int(a + b)
    return check_real(float(a) + float(b))


def sub(a, b):
    if a is None or b is None:
        return None
    _arith_types("-", a, b)
    if isinstance(a, int) and isinstance(b, int):
        return check_int(a - b)
    return check_real(float(a) - float(b))


def mul(a, b):
    if a is None or b is None:
        return None
    _arith_types("*", a, b)
    if isinstance(a, int) and isinstance(b, int):
        return check_int(a * b)
    return check_real(float(a) * float(b))


def div(a, b):
    if a is None or b is None:
        return None
    _arith_types("/", a, b)
    if b == 0:
        raise EvalError("division by zero")
    if isinstance(a, int) and isinstance(b, int):
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q
        return check_int(q)
    return check_real(float(a) / float(b))


def mod(a, b):
    if a is None or b is None:
        return None
    _arith_types("%", a, b)
    if b == 0:
        raise EvalError("division by zero")
    if isinstance(a, int) and isinstance(b, int):
        r = abs(a) % abs(b)
        return -r if a < 0 else r
    return check_real(math.fmod(float(a), float(b)))


def negate(a):
    if a is None:
        return None
    if isinstance(a, str):
        raise EvalError("cannot apply '-' to TEXT")
    if isinstance(a, int):
        return check_int(-a)
    return -a


def to_text(value):
    """TEXT form of a value, as used by || and LIKE (rule 5.9)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return format_real(value)


def format_real(x):
    """Shortest round-trip form of a REAL, always with a '.' or exponent."""
    text = repr(float(x))
    if text == "-0.0":
        return "0.0"
    return text


def concat(a, b):
    if a is None or b is None:
        return None
    return to_text(a) + to_text(b)


ARITH = {"+": add, "-": sub, "*": mul, "/": div, "%": mod}
