"""Glob matching for repository paths (see the task instruction for the rules)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["glob_match", "filter_paths"]


def _check_escapes(pattern: str) -> None:
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            if i + 1 == len(pattern):
                raise ValueError(f"pattern ends with a lone backslash: {pattern!r}")
            i += 2
        else:
            i += 1


def _expand_braces(pattern: str) -> list[str]:
    """Expand the first brace group with a comma, recursively. Escapes are kept as they are."""
    i = 0
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            j = i + 1
            parts: list[str] = []
            start = j
            while j < n and pattern[j] != "}":
                if pattern[j] == "\\":
                    j += 2
                    continue
                if pattern[j] == ",":
                    parts.append(pattern[start:j])
                    start = j + 1
                j += 1
            if j < n and pattern[j] == "}":
                if parts:
                    parts.append(pattern[start:j])
                    prefix = pattern[:i]
                    out: list[str] = []
                    for rest in _expand_braces(pattern[j + 1 :]):
                        for alt in parts:
                            out.append(prefix + alt + rest)
                    return out
                # a group without a comma is literal text
                prefix = pattern[:i] + "\\{" + pattern[i + 1 : j] + "\\}"
                return [prefix + rest for rest in _expand_braces(pattern[j + 1 :])]
            # no closing brace: a literal '{'
            prefix = pattern[:i] + "\\{"
            return [prefix + rest for rest in _expand_braces(pattern[i + 1 :])]
        i += 1
    return [pattern]


def _split_segments(pattern: str) -> list[str]:
    segs = []
    cur = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "/":
            segs.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    segs.append("".join(cur))
    return segs


# Segment tokens: ("lit", ch), ("any",), ("star",), ("class", negated, items)
def _tokenize(seg: str) -> tuple:
    toks: list[tuple] = []
    i = 0
    n = len(seg)
    while i < n:
        c = seg[i]
        if c == "\\":
            toks.append(("lit", seg[i + 1]))
            i += 2
        elif c == "*":
            if not toks or toks[-1] != ("star",):
                toks.append(("star",))
            i += 1
        elif c == "?":
            toks.append(("any",))
            i += 1
        elif c == "[":
            j = i + 1
            negated = False
            if j < n and seg[j] == "!":
                negated = True
                j += 1
            chars: list[tuple[str, bool]] = []  # (character, escaped)
            first = True
            closed = False
            while j < n:
                d = seg[j]
                if d == "]" and not first:
                    closed = True
                    break
                if d == "\\" and j + 1 < n:
                    chars.append((seg[j + 1], True))
                    j += 2
                else:
                    chars.append((d, False))
                    j += 1
                first = False
            if not closed:
                toks.append(("lit", "["))
                i += 1
                continue
            items: list[tuple[str, str]] = []
            k = 0
            while k < len(chars):
                if k + 2 < len(chars) and chars[k + 1] == ("-", False):
                    items.append((chars[k][0], chars[k + 2][0]))
                    k += 3
                else:
                    items.append((chars[k][0], chars[k][0]))
                    k += 1
            toks.append(("class", negated, tuple(items)))
            i = j + 1
        else:
            toks.append(("lit", c))
            i += 1
    return tuple(toks)


def _tok_matches(tok: tuple, ch: str) -> bool:
    kind = tok[0]
    if kind == "lit":
        return tok[1] == ch
    if kind == "any":
        return True
    inside = any(lo <= ch <= hi for lo, hi in tok[2])
    return inside != tok[1]


def _match_segment(toks: tuple, text: str) -> bool:
    # reachable[j]: the tokens so far can match text[:j]
    reachable = [False] * (len(text) + 1)
    reachable[0] = True
    for tok in toks:
        nxt = [False] * (len(text) + 1)
        if tok[0] == "star":
            seen = False
            for j in range(len(text) + 1):
                seen = seen or reachable[j]
                nxt[j] = seen
        else:
            for j in range(len(text)):
                if reachable[j] and _tok_matches(tok, text[j]):
                    nxt[j + 1] = True
        reachable = nxt
        if not any(reachable):
            return False
    return reachable[len(text)]


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple:
    _check_escapes(pattern)
    compiled = []
    for alt in _expand_braces(pattern):
        segs = []
        for seg in _split_segments(alt):
            segs.append(None if seg == "**" else _tokenize(seg))
        compiled.append(tuple(segs))
    return tuple(compiled)


def _match_path(segs: tuple, parts: list[str]) -> bool:
    np_, ns = len(segs), len(parts)

    @lru_cache(maxsize=None)
    def m(i: int, j: int) -> bool:
        if i == np_:
            return j == ns
        seg = segs[i]
        if seg is None:
            least = 1 if i == np_ - 1 else 0
            return any(m(i + 1, k) for k in range(j + least, ns + 1))
        return j < ns and _match_segment(seg, parts[j]) and m(i + 1, j + 1)

    try:
        return m(0, 0)
    finally:
        m.cache_clear()


def glob_match(pattern: str, path: str) -> bool:
    """True if `path` matches the glob `pattern` as a whole."""
    parts = path.split("/")
    return any(_match_path(segs, parts) for segs in _compile(pattern))


def filter_paths(pattern: str, paths) -> list[str]:
    """The paths that match `pattern`, in their input order (duplicates kept)."""
    _compile(pattern)
    return [p for p in paths if glob_match(pattern, p)]
