"""Merging sorted runs of entries into one sorted run with one version per key."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator

from .entry import Entry


def merge_runs(runs: Iterable[Iterable[Entry]]) -> Iterator[Entry]:
    """Yield, for each key present in any run, the entry with the highest sequence number.

    Every run must be sorted by key with at most one entry per key.  Tombstones are
    yielded like any other entry; the caller decides what to do with them.
    """
    merged = heapq.merge(*runs, key=lambda e: (e.key, -e.seq))
    previous: bytes | None = None
    for e in merged:
        if e.key == previous:
            continue
        previous = e.key
        yield e


def live(entries: Iterable[Entry]) -> Iterator[Entry]:
    """Drop tombstones."""
    return (e for e in entries if not e.is_tombstone)
