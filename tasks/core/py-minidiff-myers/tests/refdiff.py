"""The reference unified_diff, embedded so that the performance bound is relative to it, measured in
the same run on the same machine."""

from __future__ import annotations

from dataclasses import dataclass, field

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


NO_NEWLINE = "\\ No newline at end of file\n"


def range_text(start: int, length: int) -> str:
    """The ``start,length`` of a hunk header, for a range of ``length`` lines at 0-based
    index ``start``."""
    if length == 0:
        return f"{start},0"
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1},{length}"


def _emit(out: list[str], prefix: str, line: str) -> None:
    if line.endswith("\n"):
        out.append(prefix + line)
    else:
        out.append(prefix + line + "\n")
        out.append(NO_NEWLINE)


def format_hunk(h: Hunk, a: list[str], b: list[str]) -> list[str]:
    out = [f"@@ -{range_text(h.a_start, h.a_len)} +{range_text(h.b_start, h.b_len)} @@\n"]
    steps = h.steps
    n = 0
    while n < len(steps):
        tag, i, j = steps[n]
        if tag == "=":
            _emit(out, " ", a[i])
            n += 1
            continue
        run_end = n
        while run_end < len(steps) and steps[run_end][0] != "=":
            run_end += 1
        run = steps[n:run_end]
        for t, i, _ in run:
            if t == "-":
                _emit(out, "-", a[i])
        for t, _, j in run:
            if t == "+":
                _emit(out, "+", b[j])
        n = run_end
    return out


def unified_diff(old: str, new: str, old_label: str = "a", new_label: str = "b", context: int = 3) -> str:
    """The unified diff that turns ``old`` into ``new``; "" when they are equal."""
    if type(old) is not str or type(new) is not str:
        raise TypeError("old and new must be str")
    if type(old_label) is not str or type(new_label) is not str:
        raise TypeError("labels must be str")
    if "\n" in old_label or "\n" in new_label:
        raise ValueError("labels must not contain newlines")
    if type(context) is not int:
        raise TypeError("context must be an int")
    if context < 0:
        raise ValueError("context must not be negative")
    a = _split(old)
    b = _split(new)
    hunks = group_hunks(edit_script(a, b), context)
    if not hunks:
        return ""
    out = [f"--- {old_label}\n", f"+++ {new_label}\n"]
    for h in hunks:
        out += format_hunk(h, a, b)
    return "".join(out)


def _split(text: str) -> list[str]:
    if not text:
        return []
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
