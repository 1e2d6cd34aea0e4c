"""Expressions in {{ }} and {% if %}.

    expr    := 'not' expr | operand (('==' | '!=') operand)?
    operand := NAME('.'NAME)* | "string" | 'string' | integer | 'true' | 'false' | 'none'

A dotted name is looked up step by step: a mapping key, else an attribute, else (for a
step made of digits) a sequence index. A name that cannot be resolved is UNDEFINED, which
renders as '' and is false.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from tmpl.errors import TemplateSyntaxError


class _Undefined:
    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "UNDEFINED"


UNDEFINED = _Undefined()

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")
_INT = re.compile(r"-?\d+")
_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
_LITERALS = {"true": True, "false": False, "none": None}


def lookup(context: Mapping, dotted: str):
    parts = dotted.split(".")
    value = context.get(parts[0], UNDEFINED)
    for part in parts[1:]:
        value = _step(value, part)
    return value


def _step(value, part: str):
    if value is UNDEFINED or value is None:
        return UNDEFINED
    if isinstance(value, Mapping):
        return value.get(part, UNDEFINED)
    if not part.startswith("_") and hasattr(value, part):
        return getattr(value, part)
    if part.isdigit() and isinstance(value, Sequence) and not isinstance(value, str):
        index = int(part)
        return value[index] if index < len(value) else UNDEFINED
    return UNDEFINED


def compile_operand(text: str, lineno: int):
    """A function context -> value for one operand."""
    text = text.strip()
    if text in _LITERALS:
        value = _LITERALS[text]
        return lambda ctx: value
    if _STRING.fullmatch(text):
        value = text[1:-1]
        return lambda ctx: value
    if _INT.fullmatch(text):
        value = int(text)
        return lambda ctx: value
    if _NAME.fullmatch(text):
        return lambda ctx: lookup(ctx, text)
    raise TemplateSyntaxError(f"invalid expression {text!r}", lineno)


def compile_expr(text: str, lineno: int):
    """A function context -> value for a whole expression."""
    text = text.strip()
    if text.startswith("not ") or text == "not":
        inner = compile_expr(text[3:], lineno)
        return lambda ctx: not inner(ctx)
    for op in ("==", "!="):
        if op in text:
            left_text, _, right_text = text.partition(op)
            left = compile_operand(left_text, lineno)
            right = compile_operand(right_text, lineno)
            if op == "==":
                return lambda ctx: left(ctx) == right(ctx)
            return lambda ctx: left(ctx) != right(ctx)
    return compile_operand(text, lineno)
