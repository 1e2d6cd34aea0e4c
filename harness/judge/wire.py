"""The values that cross between the judge and a Python worker: JSON plus tags for what JSON lacks.

Plain data crosses as itself: None, bool, int, float (non-finite tagged), str, bytes, bytearray,
list, tuple, dict, set, frozenset, complex, Decimal, Fraction. Everything else stays in the worker
and crosses as a handle. Exceptions cross as their class chain, message, args and plain attributes.

Only objects whose type is EXACTLY one of those builtins are plain: an int subclass or an object that
compares equal to anything is a handle, so it cannot stand in for an expected value in the judge.
`decode` is the judge's side of the boundary: it builds nothing but those builtin types (and the
handles and synthetic exceptions that the caller's hooks make), whatever the bytes say.

Standard library only: this file is copied into the grading container for both sides.
"""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

MAX_DEPTH = 200
MAX_ITEMS = 2_000_000


class WireError(Exception):
    """What came over the wire is not a well-formed value."""


def _float(x: float) -> Any:
    if math.isfinite(x):
        return x
    return {"$f": "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")}


def encode(v: Any, handle: Callable[[Any], dict[str, Any]], depth: int = 0) -> Any:
    """v as JSON-able data; `handle(obj)` makes the tag for anything that is not plain."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply to cross")
    t = type(v)
    if v is None or t is bool or t is int or t is str:
        return v
    if t is float:
        return _float(v)
    d = depth + 1
    if t is list:
        return [encode(x, handle, d) for x in v]
    if t is tuple:
        return {"$t": [encode(x, handle, d) for x in v]}
    if t is dict:
        return {"$d": [[encode(k, handle, d), encode(x, handle, d)] for k, x in v.items()]}
    if t is set or t is frozenset:
        return {"$set" if t is set else "$fset": [encode(x, handle, d) for x in v]}
    if t is bytes or t is bytearray:
        return {"$b" if t is bytes else "$ba": base64.b64encode(bytes(v)).decode()}
    if t is complex:
        return {"$c": [_float(v.real), _float(v.imag)]}
    if t is Decimal:
        return {"$dec": str(v)}
    if t is Fraction:
        return {"$frac": [v.numerator, v.denominator]}
    return handle(v)


def decode(
    data: Any,
    on_handle: Callable[[dict[str, Any]], Any],
    on_tag: Callable[[str, dict[str, Any]], Any] | None = None,
    depth: int = 0,
) -> Any:
    """Rebuild a value from JSON data; handles go to on_handle, other unknown tags to on_tag."""
    if depth > MAX_DEPTH:
        raise WireError("value nested too deeply")
    t = type(data)
    if data is None or t is bool or t is int or t is str or t is float:
        return data
    d = depth + 1
    if t is list:
        return [decode(x, on_handle, on_tag, d) for x in data]
    if t is not dict or len(data) == 0:
        raise WireError(f"unexpected {t.__name__} on the wire")
    if "$h" in data:
        return on_handle(data)
    if len(data) != 1:
        key = next(iter(data))
        if on_tag is not None and key.startswith("$"):
            return on_tag(key, data)
        raise WireError("malformed tagged value")
    ((tag, body),) = data.items()
    if tag == "$f":
        if body not in ("nan", "inf", "-inf"):
            raise WireError("bad float")
        return float(body)
    if tag == "$t":
        return tuple(decode(x, on_handle, on_tag, d) for x in _list(body))
    if tag == "$d":
        out = {}
        for pair in _list(body):
            if type(pair) is not list or len(pair) != 2:
                raise WireError("bad dict item")
            out[decode(pair[0], on_handle, on_tag, d)] = decode(pair[1], on_handle, on_tag, d)
        return out
    if tag in ("$set", "$fset"):
        items = [decode(x, on_handle, on_tag, d) for x in _list(body)]
        return set(items) if tag == "$set" else frozenset(items)
    if tag in ("$b", "$ba"):
        if type(body) is not str:
            raise WireError("bad bytes")
        raw = base64.b64decode(body, validate=True)
        return raw if tag == "$b" else bytearray(raw)
    if tag == "$c":
        re_, im = (decode(x, on_handle, on_tag, d) for x in _list(body, 2))
        if type(re_) is not float or type(im) is not float:
            raise WireError("bad complex")
        return complex(re_, im)
    if tag == "$dec":
        if type(body) is not str:
            raise WireError("bad decimal")
        return Decimal(body)
    if tag == "$frac":
        num, den = _list(body, 2)
        if type(num) is not int or type(den) is not int or den == 0:
            raise WireError("bad fraction")
        return Fraction(num, den)
    if on_tag is not None:
        return on_tag(tag, data)
    raise WireError(f"unknown tag {tag}")


def _list(body: Any, n: int | None = None) -> list[Any]:
    if type(body) is not list or (n is not None and len(body) != n) or len(body) > MAX_ITEMS:
        raise WireError("bad list")
    return body


def dumps(msg: dict[str, Any]) -> bytes:
    return json.dumps(msg, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode() + b"\n"


def loads(line: bytes) -> Any:
    try:
        return json.loads(line)
    except (ValueError, RecursionError) as e:
        raise WireError(f"not JSON: {e}") from None
