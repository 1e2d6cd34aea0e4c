"""Choosing and merging tables (SPEC.md, "Compaction")."""

from __future__ import annotations

from collections.abc import Sequence

from .entry import Entry
from .merge import live, merge_runs
from .sstable import TableReader


def pick_automatic(table_count: int, max_tables: int, merge_width: int) -> tuple[int, int] | None:
    """The ``[lo, hi)`` slice of the table list (oldest first) that an automatic compaction
    merges, or None when no compaction is due."""
    if table_count <= max_tables:
        return None
    hi = table_count
    lo = max(0, hi - merge_width)
    return lo, hi


def merge_tables(readers: Sequence[TableReader], includes_oldest: bool) -> list[Entry]:
    """Merge tables (given oldest first) into the entries of one replacement table.

    Only the newest version of each key survives.  Tombstones survive too, since an older
    table outside the merge may still hold a value they hide, unless the merge includes
    the oldest table of the database: then nothing older exists and they are dropped.
    """
    merged = merge_runs(list(r) for r in readers)
    if includes_oldest:
        return list(live(merged))
    return list(merged)
