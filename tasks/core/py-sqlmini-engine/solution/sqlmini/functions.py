"""Scalar functions (SPEC.md section 6)."""

import math

from .errors import EvalError
from .values import check_int, check_real, format_real, sql_compare, type_name


def _text_arg(name, value):
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    return format_real(value)


def fn_upper(s):
    if s is None:
        return None
    return _text_arg("UPPER", s).upper()


def fn_lower(s):
    if s is None:
        return None
    return _text_arg("LOWER", s).lower()


def fn_length(s):
    if s is None:
        return None
    return len(_text_arg("LENGTH", s))


def fn_abs(x):
    if x is None:
        return None
    if isinstance(x, str):
        raise EvalError("cannot apply ABS to TEXT")
    if isinstance(x, int):
        return check_int(abs(x))
    return abs(x)


def round_half_away(x, digits):
    scale = 10.0**digits
    y = abs(x) * scale
    r = math.floor(y + 0.5)
    out = r / scale
    return check_real(-out if x < 0 else out)


def fn_round(x, digits=0):
    if x is None or digits is None:
        return None
    if isinstance(x, str):
        raise EvalError("cannot apply ROUND to TEXT")
    if not isinstance(digits, int):
        raise EvalError("ROUND digits must be an INTEGER")
    if digits < 0 or digits > 15:
        raise EvalError("ROUND digits must be between 0 and 15")
    return round_half_away(float(x), digits)


def fn_substr(s, start, length=None):
    if s is None or start is None:
        return None
    text = _text_arg("SUBSTR", s)
    if not isinstance(start, int) or (length is not None and not isinstance(length, int)):
        raise EvalError("SUBSTR positions must be INTEGER")
    # 1-based start; positions before 1 still consume length.
    if length is None:
        end = len(text) + 1
    else:
        if length < 0:
            raise EvalError("SUBSTR length must not be negative")
        end = start + length
    begin = max(start, 1)
    if end <= begin:
        return ""
    return text[begin - 1 : end - 1]


def fn_coalesce(*args):
    for a in args:
        if a is not None:
            return a
    return None


def fn_nullif(a, b):
    if sql_compare("=", a, b) == 1:
        return None
    return a


def fn_typeof(x):
    return type_name(x).lower()


# name -> (function, min args, max args or None for no limit)
SCALARS = {
    "UPPER": (fn_upper, 1, 1),
    "LOWER": (fn_lower, 1, 1),
    "LENGTH": (fn_length, 1, 1),
    "ABS": (fn_abs, 1, 1),
    "ROUND": (fn_round, 1, 2),
    "SUBSTR": (fn_substr, 2, 3),
    "COALESCE": (fn_coalesce, 1, None),
    "NULLIF": (fn_nullif, 2, 2),
    "TYPEOF": (fn_typeof, 1, 1),
}


def lookup(name, nargs):
    entry = SCALARS.get(name)
    if entry is None:
        raise EvalError(f"no such function: {name}")
    fn, lo, hi = entry
    if nargs < lo or (hi is not None and nargs > hi):
        raise EvalError(f"wrong number of arguments to function {name}")
    return fn
