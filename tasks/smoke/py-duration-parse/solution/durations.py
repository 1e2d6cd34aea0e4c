"""Compact durations such as "1h30m": see the task description."""

import re

UNITS = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_COMPONENT = re.compile(r"([0-9]+)([wdhms])", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Total seconds of a compact duration string; ValueError if it is not one."""
    stripped = text.strip()
    if not stripped:
        raise ValueError("empty duration")
    order = [u for u, _ in UNITS]
    sizes = dict(UNITS)
    total = 0
    last = -1
    pos = 0
    while pos < len(stripped):
        if pos and stripped[pos].isspace():
            while stripped[pos].isspace():
                pos += 1
        m = _COMPONENT.match(stripped, pos)
        if not m:
            raise ValueError(f"invalid duration {text!r} at position {pos}")
        unit = m.group(2).lower()
        rank = order.index(unit)
        if rank <= last:
            raise ValueError(f"unit {unit!r} repeated or out of order in {text!r}")
        last = rank
        total += int(m.group(1)) * sizes[unit]
        pos = m.end()
    return total


def format_duration(seconds: int) -> str:
    """Canonical compact form of a number of seconds, e.g. 3725 -> "1h2m5s"."""
    if seconds < 0:
        raise ValueError("negative duration")
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
