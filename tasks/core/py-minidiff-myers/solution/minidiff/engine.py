"""The edit script between two line lists (SPEC.md, section 3).

An edit script is a list of ``(tag, i, j)`` steps with tag ``"="`` (a[i] == b[j] is kept),
``"-"`` (a[i] is removed) or ``"+"`` (b[j] is added); ``i`` and ``j`` are the positions in
``a`` and ``b`` *before* the step.  Applied in order, the steps turn ``a`` into ``b``.
"""

from __future__ import annotations

Step = tuple[str, int, int]


def edit_script(a: list[str], b: list[str]) -> list[Step]:
    """A shortest edit script: as few "-" and "+" steps as possible.

    Myers' O((N+M)D) greedy algorithm, after trimming the common prefix and suffix.
    """
    n, m = len(a), len(b)
    pre = 0
    while pre < n and pre < m and a[pre] == b[pre]:
        pre += 1
    suf = 0
    while suf < n - pre and suf < m - pre and a[n - 1 - suf] == b[m - 1 - suf]:
        suf += 1
    middle = _myers(a, b, pre, n - suf, pre, m - suf)
    steps: list[Step] = [("=", i, i) for i in range(pre)]
    steps += middle
    steps += [("=", n - suf + k, m - suf + k) for k in range(suf)]
    return steps


def _myers(a: list[str], b: list[str], a0: int, a1: int, b0: int, b1: int) -> list[Step]:
    n = a1 - a0
    m = b1 - b0
    if n == 0:
        return [("+", a0, b0 + j) for j in range(m)]
    if m == 0:
        return [("-", a0 + i, b0) for i in range(n)]
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace: list[list[int]] = []
    for d in range(n + m + 1):
        trace.append(v[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[a0 + x] == b[b0 + y]:
                x += 1
                y += 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, d, n, m, a0, b0)
    raise AssertionError("unreachable")


def _backtrack(trace: list[list[int]], d_end: int, n: int, m: int, a0: int, b0: int) -> list[Step]:
    steps: list[Step] = []
    x, y = n, m
    for d in range(d_end, 0, -1):
        vd = trace[d]  # the V array before round d, covering k in [-d-1, d+1]

        def at(k: int, vd: list[int] = vd, d: int = d) -> int:
            return vd[k + d + 1]

        k = x - y
        if k == -d or (k != d and at(k - 1) < at(k + 1)):  # noqa: SIM108
            prev_k = k + 1
        else:
            prev_k = k - 1
        prev_x = at(prev_k)
        prev_y = prev_x - prev_k
        # the move of round d: down (an addition) or right (a removal), then a snake
        mid_x, mid_y = (prev_x, prev_y + 1) if prev_k == k + 1 else (prev_x + 1, prev_y)
        while x > mid_x and y > mid_y:
            x -= 1
            y -= 1
            steps.append(("=", a0 + x, b0 + y))
        if prev_k == k + 1:
            y -= 1
            steps.append(("+", a0 + x, b0 + y))
        else:
            x -= 1
            steps.append(("-", a0 + x, b0 + y))
    while x > 0 and y > 0:
        x -= 1
        y -= 1
        steps.append(("=", a0 + x, b0 + y))
    steps.reverse()
    return steps
