"""Version numbers and constraint expressions: see the task description."""

import operator
import re

_VERSION = re.compile(r"v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?")
_CLAUSE = re.compile(r"(==|!=|>=|<=|>|<|~)?\s*(\S.*)?")
_OPS = {
    "==": operator.eq,
    "!=": operator.ne,
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
}


def parse_version(text: str) -> tuple[int, int, int]:
    """'1.4' -> (1, 4, 0); ValueError if text is not a version."""
    m = _VERSION.fullmatch(text.strip())
    if not m:
        raise ValueError(f"invalid version: {text!r}")
    major, minor, patch = (int(part) if part is not None else 0 for part in m.groups())
    return (major, minor, patch)


def _clause_holds(v: tuple[int, int, int], clause: str) -> bool:
    m = _CLAUSE.fullmatch(clause)
    if not m or m.group(2) is None:
        raise ValueError(f"invalid clause: {clause!r}")
    op, target_text = m.group(1) or "==", m.group(2)
    target = parse_version(target_text)
    if op != "~":
        return _OPS[op](v, target)
    parts = target_text.strip().lstrip("v").count(".") + 1
    if parts == 1:
        upper = (target[0] + 1, 0, 0)
    else:
        upper = (target[0], target[1] + 1, 0)
    return target <= v < upper


def matches(version: str, constraint: str) -> bool:
    """True if version satisfies every comma-separated clause of constraint."""
    v = parse_version(version)
    stripped = constraint.strip()
    if stripped in ("", "*"):
        return True
    results = [_clause_holds(v, clause.strip()) for clause in stripped.split(",")]
    return all(results)
