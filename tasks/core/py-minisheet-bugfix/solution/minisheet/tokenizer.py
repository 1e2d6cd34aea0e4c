"""Formula text -> tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass


class FormulaSyntaxError(Exception):
    pass


@dataclass(frozen=True)
class Token:
    kind: str  # NUM, REF, NAME, OP, LPAREN, RPAREN, COMMA, COLON, STR, END
    text: str


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<NUM>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<REF>[A-Za-z]+[1-9][0-9]*)(?![A-Za-z0-9_(])
  | (?P<NAME>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<STR>"[^"]*")
  | (?P<OP>[-+*/^&])
  | (?P<LPAREN>\()
  | (?P<RPAREN>\))
  | (?P<COMMA>,)
  | (?P<COLON>:)
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    tokens = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaSyntaxError(f"unexpected character {text[pos]!r} at {pos}")
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        value = m.group(kind)
        if kind == "REF":
            value = value.upper()
        elif kind == "STR":
            value = value[1:-1]
        tokens.append(Token(kind, value))
    tokens.append(Token("END", ""))
    return tokens
