"""Reading unified diffs (SPEC.md, section 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import PatchParseError

HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?: .*)?\n\Z")
MARKER = "\\ No newline at end of file\n"


@dataclass
class PatchHunk:
    a_index: int  # 0-based position in the old text
    a_len: int
    b_index: int
    b_len: int
    lines: list[tuple[str, str]] = field(default_factory=list)  # (" " | "-" | "+", text)

    def old_lines(self) -> list[str]:
        return [t for op, t in self.lines if op != "+"]

    def new_lines(self) -> list[str]:
        return [t for op, t in self.lines if op != "-"]


def _index(start: int, length: int, line_no: int) -> int:
    if length == 0:
        return start
    if start == 0:
        raise PatchParseError(f"line {line_no}: a non-empty range cannot start at line 0")
    return start - 1


def parse_patch(patch: str) -> list[PatchHunk]:
    if type(patch) is not str:
        raise TypeError("patch must be str")
    if patch == "":
        return []
    if not patch.endswith("\n"):
        raise PatchParseError("patch does not end with a newline")
    lines = patch.split("\n")[:-1]
    lines = [ln + "\n" for ln in lines]
    if len(lines) < 2 or not lines[0].startswith("--- ") or not lines[1].startswith("+++ "):
        raise PatchParseError("patch must start with '--- ' and '+++ ' lines")
    if len(lines) == 2:
        raise PatchParseError("patch has no hunks")
    hunks: list[PatchHunk] = []
    n = 2
    while n < len(lines):
        m = HEADER.match(lines[n])
        if not m:
            raise PatchParseError(f"line {n + 1}: expected a hunk header")
        a_start, b_start = int(m.group(1)), int(m.group(3))
        a_len = 1 if m.group(2) is None else int(m.group(2))
        b_len = 1 if m.group(4) is None else int(m.group(4))
        if a_len == 0 and b_len == 0:
            raise PatchParseError(f"line {n + 1}: empty hunk")
        hunk = PatchHunk(_index(a_start, a_len, n + 1), a_len, _index(b_start, b_len, n + 1), b_len)
        n += 1
        old_seen = new_seen = 0
        while old_seen < a_len or new_seen < b_len:
            if n >= len(lines):
                raise PatchParseError("patch ends inside a hunk")
            line = lines[n]
            op = line[0]
            if op not in " -+":
                raise PatchParseError(f"line {n + 1}: bad hunk line")
            if op != "+":
                old_seen += 1
            if op != "-":
                new_seen += 1
            if old_seen > a_len or new_seen > b_len:
                raise PatchParseError(f"line {n + 1}: hunk longer than its header says")
            text = line[1:]
            n += 1
            if n < len(lines) and lines[n] == MARKER:
                text = text[:-1]
                n += 1
            hunk.lines.append((op, text))
        if n < len(lines) and lines[n] == MARKER:
            raise PatchParseError(f"line {n + 1}: misplaced no-newline marker")
        hunks.append(hunk)
    _check_order(hunks)
    _check_markers(hunks)
    return hunks


def _check_order(hunks: list[PatchHunk]) -> None:
    delta = 0
    end = 0
    for h in hunks:
        if h.a_index < end:
            raise PatchParseError("hunks overlap or are out of order")
        if h.b_index != h.a_index + delta:
            raise PatchParseError("hunk header positions are inconsistent")
        end = h.a_index + h.a_len
        delta += h.b_len - h.a_len


def _check_markers(hunks: list[PatchHunk]) -> None:
    """A line without a newline can only be the last line of its file."""
    for side in ("old", "new"):
        seq = [t for h in hunks for t in (h.old_lines() if side == "old" else h.new_lines())]
        for t in seq[:-1]:
            if not t.endswith("\n"):
                raise PatchParseError(f"no-newline marker on a line that is not the last ({side} side)")
