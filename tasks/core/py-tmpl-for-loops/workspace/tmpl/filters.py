"""Filters for {{ value|name }} and {{ value|name:"argument" }}."""

from __future__ import annotations

from tmpl.expr import UNDEFINED


class Markup(str):
    """Text that is already safe HTML: it is not escaped again."""


def _default(value, arg=""):
    return arg if value is UNDEFINED or value is None or value == "" else value


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "lower": lambda v: str(v).lower(),
    "default": _default,
    "safe": lambda v: Markup(str(v)),
}
