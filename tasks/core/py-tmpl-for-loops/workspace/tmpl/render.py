"""Rendering a parsed template with a context (a mapping of names to values)."""

from __future__ import annotations

import html
from collections.abc import Mapping

from tmpl.errors import TemplateError
from tmpl.expr import UNDEFINED
from tmpl.filters import FILTERS, Markup
from tmpl.parser import If, Output, Text, parse


def _to_text(value) -> str:
    if value is UNDEFINED or value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class Template:
    """A compiled template. Output of {{ }} is HTML-escaped unless it is Markup (|safe)."""

    def __init__(self, source: str) -> None:
        self.nodes = parse(source)

    def render(self, context: Mapping | None = None) -> str:
        out: list[str] = []
        self._render(self.nodes, dict(context or {}), out)
        return "".join(out)

    def _render(self, nodes, ctx: dict, out: list[str]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                out.append(node.text)
            elif isinstance(node, Output):
                out.append(self._output(node, ctx))
            elif isinstance(node, If):
                for cond, body in node.branches:
                    if cond(ctx):
                        self._render(body, ctx, out)
                        break
                else:
                    self._render(node.else_body, ctx, out)
            else:
                raise TypeError(node)

    def _output(self, node: Output, ctx: dict) -> str:
        value = node.expr(ctx)
        for name, arg in node.filters:
            fn = FILTERS.get(name)
            if fn is None:
                raise TemplateError(f"line {node.lineno}: unknown filter {name!r}")
            value = fn(value) if arg is None else fn(value, arg(ctx))
        if isinstance(value, Markup):
            return str(value)
        return html.escape(_to_text(value))


def render(source: str, context: Mapping | None = None) -> str:
    return Template(source).render(context)
