"""Cell references: 'B3' <-> (column, row), both 1-based."""

from __future__ import annotations

import re

_REF = re.compile(r"([A-Z]+)([1-9][0-9]*)")


def parse_ref(ref: str) -> tuple[int, int]:
    m = _REF.fullmatch(ref.strip().upper())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - ord("A") + 1)
    return col, int(m.group(2))


def format_ref(col: int, row: int) -> str:
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row}"


def normalize(ref: str) -> str:
    return format_ref(*parse_ref(ref))


def expand_range(a: str, b: str) -> list[str]:
    """Every cell of the rectangle with corners a and b (in any order), row by row."""
    c1, r1 = parse_ref(a)
    c2, r2 = parse_ref(b)
    cols = range(min(c1, c2), max(c1, c2) + 1)
    rows = range(min(r1, r2), max(r1, r2))
    return [format_ref(c, r) for r in rows for c in cols]
