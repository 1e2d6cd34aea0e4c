"""Grouping an edit script into hunks (SPEC.md, section 4.2)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine import Step


@dataclass
class Hunk:
    a_start: int  # 0-based index of the hunk's first line in a
    b_start: int
    steps: list[Step] = field(default_factory=list)

    @property
    def a_len(self) -> int:
        return sum(1 for t, _, _ in self.steps if t != "+")

    @property
    def b_len(self) -> int:
        return sum(1 for t, _, _ in self.steps if t != "-")


def group_hunks(steps: list[Step], context: int) -> list[Hunk]:
    """Cut the script into hunks with ``context`` unchanged lines around each change.

    Two changes separated by at most ``2 * context`` unchanged lines share a hunk.
    """
    changes = [n for n, (t, _, _) in enumerate(steps) if t != "="]
    if not changes:
        return []
    groups: list[tuple[int, int]] = []  # [first change, last change] step indexes
    first = last = changes[0]
    for n in changes[1:]:
        if n - last - 1 <= 2 * context:
            last = n
        else:
            groups.append((first, last))
            first = last = n
    groups.append((first, last))
    hunks = []
    for first, last in groups:
        lo = max(0, first - context)
        hi = min(len(steps), last + context + 1)
        _, i, j = steps[lo]
        hunks.append(Hunk(i, j, list(steps[lo:hi])))
    return hunks
