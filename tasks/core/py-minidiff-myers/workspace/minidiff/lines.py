"""Splitting text into lines and joining them back (SPEC.md, section 2)."""

from __future__ import annotations


def split_lines(text: str) -> list[str]:
    """Split ``text`` after every "\\n".

    Each line keeps its "\\n"; the last line lacks one when the text does not end with a
    newline.  The empty text has no lines.
    """
    return text.splitlines(keepends=True)


def join_lines(lines: list[str]) -> str:
    return "".join(lines)


def has_newline(line: str) -> bool:
    return line.endswith("\n")
