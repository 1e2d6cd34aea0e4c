"""LIKE pattern matching (SPEC.md rule 5.10).

``%`` matches any sequence of characters (including none), ``_`` exactly one
character.  Matching ignores case.  With ``ESCAPE c`` the character ``c`` makes the next
``%``, ``_`` or ``c`` literal.
"""

import re

from .errors import EvalError

_cache = {}


def compile_pattern(pattern, escape):
    key = (pattern, escape)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    if escape is not None and len(escape) != 1:
        raise EvalError("ESCAPE expression must be a single character")
    parts = []
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if escape is not None and ch == escape:
            if i + 1 >= n or pattern[i + 1] not in ("%", "_", escape):
                raise EvalError("invalid escape sequence in LIKE pattern")
            parts.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        if ch == "%":
            parts.append(".*")
        elif ch == "_":
            parts.append(".")
        else:
            parts.append(ch)
        i += 1
    regex = re.compile("".join(parts), re.DOTALL | re.IGNORECASE)
    if len(_cache) > 256:
        _cache.clear()
    _cache[key] = regex
    return regex


def like(value, pattern, escape=None):
    """Return True/False whether TEXT ``value`` matches ``pattern``."""
    regex = compile_pattern(pattern, escape)
    return regex.fullmatch(value) is not None
