"""Template text -> tokens: TEXT, VAR ({{ ... }}) and TAG ({% ... %}); {# comments #} vanish."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tmpl.errors import TemplateSyntaxError

_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}


@dataclass(frozen=True)
class Token:
    kind: str  # "TEXT", "VAR" or "TAG"
    value: str  # the text, or the stripped inside of the delimiters
    lineno: int  # line where the token starts


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    lineno = 1
    while True:
        m = _OPEN.search(source, pos)
        if not m:
            if pos < len(source):
                tokens.append(Token("TEXT", source[pos:], lineno))
            return tokens
        if m.start() > pos:
            text = source[pos : m.start()]
            tokens.append(Token("TEXT", text, lineno))
            lineno += text.count("\n")
        opener = m.group()
        end = source.find(_CLOSE[opener], m.end())
        if end < 0:
            raise TemplateSyntaxError(f"unclosed {opener}", lineno)
        inner = source[m.end() : end]
        if opener == "{{":
            tokens.append(Token("VAR", inner.strip(), lineno))
        elif opener == "{%":
            tokens.append(Token("TAG", inner.strip(), lineno))
        lineno += inner.count("\n")
        pos = end + 2
