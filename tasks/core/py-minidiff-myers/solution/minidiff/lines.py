"""Splitting text into lines and joining them back (SPEC.md, section 2)."""

from __future__ import annotations


def split_lines(text: str) -> list[str]:
    """Split ``text`` after every "\\n".

    Each line keeps its "\\n"; the last line lacks one when the text does not end with a
    newline.  Only "\\n" ends a line: "\\r", form feeds and Unicode line separators are
    ordinary characters.  The empty text has no lines.
    """
    if not text:
        return []
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def join_lines(lines: list[str]) -> str:
    return "".join(lines)


def has_newline(line: str) -> bool:
    return line.endswith("\n")
