"""Rendering a parsed template with a context (a mapping of names to values)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from tmpl.errors import TemplateError
from tmpl.expr import UNDEFINED
from tmpl.filters import FILTERS, Markup
from tmpl.parser import For, If, Output, Text, parse

_MISSING = object()


@dataclass
class LoopInfo:
    index: int
    index0: int
    first: bool
    last: bool
    length: int
    parent: object


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
            elif isinstance(node, For):
                self._render_for(node, ctx, out)
            else:
                raise TypeError(node)

    def _render_for(self, node: For, ctx: dict, out: list[str]) -> None:
        value = node.iterable(ctx)
        if value is UNDEFINED or value is None:
            items = []
        elif isinstance(value, Mapping):
            items = list(value.items()) if len(node.names) == 2 else list(value)
        else:
            try:
                items = list(value)
            except TypeError:
                raise TemplateError(f"line {node.lineno}: cannot loop over {type(value).__name__}") from None
        if not items:
            self._render(node.else_body, ctx, out)
            return
        saved = {name: ctx.get(name, _MISSING) for name in [*node.names, "loop"]}
        parent = ctx.get("loop", UNDEFINED)
        if not isinstance(parent, LoopInfo):  # a 'loop' of the caller's context is not a loop
            parent = UNDEFINED
        try:
            n = len(items)
            for i, item in enumerate(items):
                if len(node.names) == 2:
                    try:
                        a, b = item
                    except (TypeError, ValueError):
                        raise TemplateError(f"line {node.lineno}: cannot unpack {item!r} into two names") from None
                    ctx[node.names[0]], ctx[node.names[1]] = a, b
                else:
                    ctx[node.names[0]] = item
                ctx["loop"] = LoopInfo(i + 1, i, i == 0, i == n - 1, n, parent)
                self._render(node.body, ctx, out)
        finally:
            for name, old in saved.items():
                if old is _MISSING:
                    ctx.pop(name, None)
                else:
                    ctx[name] = old

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
