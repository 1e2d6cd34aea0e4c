"""The edit script between two line lists (SPEC.md, section 3).

An edit script is a list of ``(tag, i, j)`` steps with tag ``"="`` (a[i] == b[j] is kept),
``"-"`` (a[i] is removed) or ``"+"`` (b[j] is added); ``i`` and ``j`` are the positions in
``a`` and ``b`` *before* the step.  Applied in order, the steps turn ``a`` into ``b``.
"""

from __future__ import annotations

Step = tuple[str, int, int]


def edit_script(a: list[str], b: list[str]) -> list[Step]:
    """A shortest edit script: as few "-" and "+" steps as possible.

    Classic longest-common-subsequence dynamic programming: ``lcs[i][j]`` is the length of
    the LCS of ``a[i:]`` and ``b[j:]``; walking the table from the top left keeps a line
    whenever that keeps the LCS length.
    """
    n, m = len(a), len(b)
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = lcs[i], lcs[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            if ai == b[j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = max(below[j], row[j + 1])
    steps: list[Step] = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            steps.append(("=", i, j))
            i += 1
            j += 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            steps.append(("-", i, j))
            i += 1
        else:
            steps.append(("+", i, j))
            j += 1
    while i < n:
        steps.append(("-", i, j))
        i += 1
    while j < m:
        steps.append(("+", i, j))
        j += 1
    return steps
