"""Applying a unified diff to a text (SPEC.md, section 5)."""

from __future__ import annotations

from .errors import PatchConflictError
from .lines import join_lines, split_lines
from .parse import parse_patch


def apply_patch(text: str, patch: str) -> str:
    if type(text) is not str:
        raise TypeError("text must be str")
    hunks = parse_patch(patch)
    a = split_lines(text)
    out: list[str] = []
    pos = 0
    for h in hunks:
        if h.a_index + h.a_len > len(a):
            raise PatchConflictError(f"hunk at line {h.a_index + 1} runs past the end of the text")
        out += a[pos : h.a_index]
        cur = h.a_index
        for op, line in h.lines:
            if op != "+":
                if a[cur] != line:
                    raise PatchConflictError(f"line {cur + 1} does not match the patch")
                cur += 1
            if op != "-":
                out.append(line)
        pos = cur
    out += a[pos:]
    for line in out[:-1]:
        if not line.endswith("\n"):
            raise PatchConflictError("a line without a newline would not be the last line")
    return join_lines(out)
