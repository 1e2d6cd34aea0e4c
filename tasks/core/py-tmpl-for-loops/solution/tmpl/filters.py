"""Filters for {{ value|name }} and {{ value|name:"argument" }}."""

from __future__ import annotations

from tmpl.expr import UNDEFINED


class Markup(str):
    """Text that is already safe HTML: it is not escaped again."""


def _default(value, arg=""):
    return arg if value is UNDEFINED or value is None or value == "" else value


def _length(value):
    if value is UNDEFINED or value is None:
        return 0
    return len(value)


def _join(value, sep=""):
    if value is UNDEFINED or value is None:
        return ""
    return str(sep).join(_text(v) for v in value)


def _text(value) -> str:
    if value is UNDEFINED or value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


FILTERS = {
    "length": _length,
    "join": _join,
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "default": _default,
    "safe": lambda v: Markup(str(v)),
}
