"""Expression tree -> value."""

from __future__ import annotations

from typing import Callable

from minisheet.parser import Binary, Call, Num, Range, Ref, Str, Unary
from minisheet.refs import expand_range


class CellError(Exception):
    """An error value such as #DIV/0!; it propagates to every formula that uses it."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _number(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, str):
        raise CellError("#VALUE!")
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return str(value)
    return value


def _collect(args, lookup) -> list[float]:
    """Numbers of the arguments: ranges and cell references skip empty and text cells;
    other arguments must be numbers."""
    out = []
    for arg in args:
        if isinstance(arg, Range):
            cells = [lookup(r) for r in expand_range(arg.start, arg.end)]
        elif isinstance(arg, Ref):
            cells = [lookup(arg.ref)]
        else:
            out.append(_number(evaluate(arg, lookup)))
            continue
        out.extend(v for v in cells if isinstance(v, float))
    return out


FUNCTIONS: dict[str, Callable[[list[float]], float]] = {
    "SUM": lambda xs: float(sum(xs)),
    "MIN": lambda xs: min(xs) if xs else 0.0,
    "MAX": lambda xs: max(xs) if xs else 0.0,
    "COUNT": lambda xs: float(len(xs)),
}


def evaluate(node, lookup: Callable[[str], object]):
    """Value of an expression. `lookup(ref)` returns a cell's value (None when empty) or
    raises CellError."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Str):
        return node.value
    if isinstance(node, Ref):
        return lookup(node.ref)
    if isinstance(node, Range):
        raise CellError("#VALUE!")  # a range outside a function call
    if isinstance(node, Unary):
        v = _number(evaluate(node.operand, lookup))
        return -v if node.op == "-" else v
    if isinstance(node, Binary):
        left = evaluate(node.left, lookup)
        right = evaluate(node.right, lookup)
        if node.op == "&":
            return _text(left) + _text(right)
        a, b = _number(left), _number(right)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if node.op == "/":
            if b == 0:
                raise CellError("#DIV/0!")
            return a / b
        try:
            result = a**b
        except (OverflowError, ZeroDivisionError):
            raise CellError("#NUM!") from None
        if isinstance(result, complex):
            raise CellError("#NUM!")
        return float(result)
    if isinstance(node, Call):
        fn = FUNCTIONS.get(node.name)
        if fn is None:
            raise CellError("#NAME?")
        return fn(_collect(node.args, lookup))
    raise TypeError(f"unknown node {node!r}")
