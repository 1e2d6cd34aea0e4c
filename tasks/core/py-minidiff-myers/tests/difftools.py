"""Independent helpers for the tests: a reference shortest-edit distance and a strict checker of
unified diffs written from SPEC.md."""

import itertools
import re

HEADER = re.compile(r"@@ -(\d+)(,(\d+))? \+(\d+)(,(\d+))? @@\n\Z")
MARKER = "\\ No newline at end of file\n"


def split(text):
    if not text:
        return []
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def distance(a, b):
    """Shortest edit distance (insertions and deletions) by Myers' greedy algorithm."""
    n, m = len(a), len(b)
    lo = 0
    while lo < n and lo < m and a[lo] == b[lo]:
        lo += 1
    while n > lo and m > lo and a[n - 1] == b[m - 1]:
        n -= 1
        m -= 1
    a = a[lo:n]
    b = b[lo:m]
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return n + m
    off = n + m + 1
    v = [0] * (2 * off + 2)
    for d in range(n + m + 1):
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[off + k - 1] < v[off + k + 1]):
                x = v[off + k + 1]
            else:
                x = v[off + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            v[off + k] = x
            if x >= n and y >= m:
                return d
    raise AssertionError


def dp_distance(a, b):
    n, m = len(a), len(b)
    prev = list(range(m + 1))
    for i in range(1, n + 1):
        cur = [i] + [0] * m
        for j in range(1, m + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1]
            else:
                cur[j] = 1 + min(prev[j], cur[j - 1])
        prev = cur
    return prev[m]


def check_diff(old, new, out, context, old_label="a", new_label="b"):
    """Check ``out`` against every rule of SPEC.md section 4; return the number of changed lines."""
    assert type(out) is str
    a, b = split(old), split(new)
    if a == b:
        assert out == ""
        return 0
    assert out.endswith("\n")
    lines = [ln + "\n" for ln in out.split("\n")[:-1]]
    assert lines[0] == f"--- {old_label}\n"
    assert lines[1] == f"+++ {new_label}\n"
    n = 2
    hunks = []
    while n < len(lines):
        m = HEADER.match(lines[n])
        assert m, f"bad hunk header {lines[n]!r}"
        A, L = int(m.group(1)), int(m.group(3)) if m.group(2) else 1
        B, K = int(m.group(4)), int(m.group(6)) if m.group(5) else 1
        assert (m.group(2) is None) == (L == 1), lines[n]
        assert (m.group(5) is None) == (K == 1), lines[n]
        assert L + K > 0
        ai = A if L == 0 else A - 1
        bi = B if K == 0 else B - 1
        assert ai >= 0 and bi >= 0
        n += 1
        body = []
        seen_old = seen_new = 0
        while seen_old < L or seen_new < K:
            op, text = lines[n][0], lines[n][1:]
            assert op in " -+", lines[n]
            n += 1
            if n < len(lines) and lines[n] == MARKER:
                text = text[:-1]
                n += 1
            seen_old += op != "+"
            seen_new += op != "-"
            body.append((op, text))
        assert seen_old == L and seen_new == K
        assert [t for o, t in body if o != "+"] == a[ai : ai + L], "old side mismatch"
        assert [t for o, t in body if o != "-"] == b[bi : bi + K], "new side mismatch"
        hunks.append((ai, L, bi, K, body))
    # positions: hunks in order, consistent offsets, everything between hunks unchanged
    changes = 0
    a_pos = b_pos = 0
    for ai, L, bi, K, body in hunks:
        assert ai >= a_pos and bi - b_pos == ai - a_pos
        assert a[a_pos:ai] == b[b_pos:bi]
        a_pos, b_pos = ai + L, bi + K
        changes += sum(o != " " for o, _ in body)
    assert a[a_pos:] == b[b_pos:]
    # context and grouping
    for h, (ai, L, _bi, _k, body) in enumerate(hunks):
        ops = "".join(o for o, _ in body)
        assert ops.strip(" "), "hunk without changes"
        lead = len(ops) - len(ops.lstrip(" "))
        trail = len(ops) - len(ops.rstrip(" "))
        before = ai + lead  # kept lines before the first change, in the whole old text
        after = len(a) - (ai + L - trail)
        if h == 0:
            assert lead == min(context, before)
        else:
            assert lead == context
        if h == len(hunks) - 1:
            assert trail == min(context, after)
        else:
            assert trail == context
        for run in re.findall(r"(?<=[-+]) +(?=[-+])", ops):
            assert len(run) <= 2 * context, "changes in one hunk too far apart"
        for run in re.findall(r"[-+]+", ops):
            assert "+-" not in run, "added lines before removed lines in a run"
    for (ai, L, _, _, body), (aj, _, _, _, body2) in itertools.pairwise(hunks):
        ops1 = "".join(o for o, _ in body)
        ops2 = "".join(o for o, _ in body2)
        last_change_end = ai + L - (len(ops1) - len(ops1.rstrip(" ")))
        next_change = aj + (len(ops2) - len(ops2.lstrip(" ")))
        assert next_change - last_change_end > 2 * context, "hunks should have been merged"
    return changes
