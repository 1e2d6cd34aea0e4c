"""Parsing of HTTP Range request headers (see the task instruction)."""

import re


class RangeNotSatisfiable(Exception):
    """No range in the header can be satisfied for the given file size."""


_SPEC = re.compile(r"([0-9]*)-([0-9]*)", re.ASCII)
_WS = " \t"


def parse_range(header: str, size: int) -> list[tuple[int, int]]:
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        raise ValueError(f"invalid size: {size!r}")
    text = header.strip(_WS)
    unit, eq, rest = text.partition("=")
    if not eq or unit.lower() != "bytes":
        raise ValueError(f"malformed Range header: {header!r}")
    specs = []
    for element in rest.split(","):
        element = element.strip(_WS)
        if not element:
            continue
        m = _SPEC.fullmatch(element)
        if not m or (not m.group(1) and not m.group(2)):
            raise ValueError(f"malformed range spec: {element!r}")
        first = int(m.group(1)) if m.group(1) else None
        last = int(m.group(2)) if m.group(2) else None
        if first is not None and last is not None and last < first:
            raise ValueError(f"range ends before it starts: {element!r}")
        specs.append((first, last))
    if not specs:
        raise ValueError(f"no range in header: {header!r}")

    ranges = []
    for first, last in specs:
        if first is None:  # suffix
            if last == 0 or size == 0:
                continue
            ranges.append((size - min(last, size), size - 1))
        else:
            if first >= size:
                continue
            end = size - 1 if last is None else min(last, size - 1)
            ranges.append((first, end))
    if not ranges:
        raise RangeNotSatisfiable(header)

    ranges.sort()
    merged = [ranges[0]]
    for first, last in ranges[1:]:
        pf, pl = merged[-1]
        if first <= pl + 1:
            merged[-1] = (pf, max(pl, last))
        else:
            merged.append((first, last))
    return merged
