"""Offline tools: checking a database directory and dumping table files."""

from __future__ import annotations

import os

from .errors import CorruptionError
from .manifest import MANIFEST_NAME_DEFAULT, Manifest
from .sstable import TableReader, table_path
from .wal import parse_records


def verify(directory: str) -> list[str]:
    """Check every file of a database without changing anything.

    Returns a list of problems, one line each, in a fixed order: the manifest, then each
    listed table (oldest first), then the log.  An empty list means the database is sound.
    """
    problems: list[str] = []
    manifest = Manifest(os.path.join(directory, MANIFEST_NAME_DEFAULT))
    try:
        manifest.load()
    except CorruptionError as exc:
        return [f"MANIFEST: {exc}"]
    for t in manifest.tables:
        name = f"{t.table_id:06d}.sst"
        try:
            reader = TableReader(table_path(directory, t.table_id))
        except FileNotFoundError:
            problems.append(f"{name}: missing")
            continue
        except CorruptionError as exc:
            problems.append(f"{name}: {exc}")
            continue
        try:
            count = 0
            previous = None
            for e in reader:
                if previous is not None and e.key <= previous:
                    problems.append(f"{name}: keys out of order")
                    break
                previous = e.key
                count += 1
        except CorruptionError as exc:
            problems.append(f"{name}: {exc}")
            continue
        if count != reader.entry_count or count != t.entry_count:
            problems.append(f"{name}: entry count mismatch")
    try:
        with open(os.path.join(directory, "wal.log"), "rb") as f:
            data = f.read()
    except FileNotFoundError:
        data = b""
    _, valid = parse_records(data)
    if valid != len(data):
        problems.append(f"wal.log: {len(data) - valid} bytes of damaged tail")
    return problems


def dump_table(path: str) -> list[tuple[bytes, int, str, bytes | None]]:
    """Every entry of a table file as ``(key, seq, "put" | "delete", value)``."""
    reader = TableReader(path)
    return [(e.key, e.seq, "delete" if e.is_tombstone else "put", e.value) for e in reader]
