"""Tokens -> a tree of nodes: Text, Output ({{ }}) and If ({% if %}/{% elif %}/{% else %}/{% endif %})."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tmpl.errors import TemplateSyntaxError
from tmpl.expr import compile_expr, compile_operand
from tmpl.lexer import Token, tokenize

_FILTER = re.compile(r"\s*([A-Za-z_]\w*)\s*(?::\s*(.+?))?\s*")


@dataclass
class Text:
    text: str


@dataclass
class Output:
    expr: object  # context -> value
    filters: list  # [(name, argument function or None)]
    lineno: int


@dataclass
class If:
    branches: list  # [(condition function, [nodes])]
    else_body: list = field(default_factory=list)


def _split_filters(text: str) -> list[str]:
    """Split on '|' outside quotes."""
    parts, cur, quote = [], [], None
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "|":
            parts.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    parts.append("".join(cur))
    return parts


def _parse_output(token: Token) -> Output:
    if not token.value:
        raise TemplateSyntaxError("empty {{ }}", token.lineno)
    first, *rest = _split_filters(token.value)
    filters = []
    for f in rest:
        m = _FILTER.fullmatch(f)
        if not m:
            raise TemplateSyntaxError(f"invalid filter {f.strip()!r}", token.lineno)
        arg = compile_operand(m.group(2), token.lineno) if m.group(2) else None
        filters.append((m.group(1), arg))
    return Output(compile_expr(first, token.lineno), filters, token.lineno)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def parse_block(self, end_tags: tuple[str, ...], opener: Token | None):
        """Nodes up to one of `end_tags` (by tag word); returns (nodes, the end token)."""
        nodes = []
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok.kind == "TEXT":
                nodes.append(Text(tok.value))
            elif tok.kind == "VAR":
                nodes.append(_parse_output(tok))
            else:
                word = tok.value.split(None, 1)[0] if tok.value else ""
                if word in end_tags:
                    return nodes, tok
                if word == "if":
                    nodes.append(self.parse_if(tok))
                else:
                    raise TemplateSyntaxError(f"unexpected tag {tok.value!r}", tok.lineno)
        if opener is not None:
            raise TemplateSyntaxError(f"unclosed {opener.value.split()[0]!r} tag", opener.lineno)
        return nodes, None

    def parse_if(self, tok: Token) -> If:
        node = If([])
        cond_text = tok.value[2:].strip()
        while True:
            if not cond_text:
                raise TemplateSyntaxError("missing condition", tok.lineno)
            cond = compile_expr(cond_text, tok.lineno)
            body, end = self.parse_block(("elif", "else", "endif"), tok)
            node.branches.append((cond, body))
            word = end.value.split(None, 1)[0]
            if word == "elif":
                tok, cond_text = end, end.value[4:].strip()
                continue
            if word == "else":
                if end.value != "else":
                    raise TemplateSyntaxError("'else' takes no arguments", end.lineno)
                node.else_body, end2 = self.parse_block(("endif",), tok)
                end = end2
            if end.value != "endif":
                raise TemplateSyntaxError("'endif' takes no arguments", end.lineno)
            return node


def parse(source: str) -> list:
    nodes, _ = _Parser(tokenize(source)).parse_block((), None)
    return nodes
