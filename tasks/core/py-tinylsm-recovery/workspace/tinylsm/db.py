"""The database: a directory holding a write-ahead log, a manifest and table files."""

from __future__ import annotations

import os

from .codec import KIND_DELETE, KIND_PUT
from .compaction import merge_tables, pick_automatic
from .entry import Entry
from .errors import ClosedError
from .manifest import Manifest
from .memtable import Memtable
from .merge import live, merge_runs
from .sstable import TableMeta, TableReader, table_path, write_table
from .wal import WriteAheadLog

MAX_KEY_LEN = 1024
MAX_VALUE_LEN = 1 << 20

WAL_NAME = "wal.log"
MANIFEST_NAME = "MANIFEST"


def _check_key(key: object) -> bytes:
    if type(key) is not bytes:
        raise TypeError(f"keys must be bytes, not {type(key).__name__}")
    if not key:
        raise ValueError("keys must not be empty")
    if len(key) > MAX_KEY_LEN:
        raise ValueError(f"keys must be at most {MAX_KEY_LEN} bytes")
    return key


def _check_bound(bound: object) -> bytes | None:
    if bound is None:
        return None
    if type(bound) is not bytes:
        raise TypeError(f"scan bounds must be bytes or None, not {type(bound).__name__}")
    return bound


def _check_value(value: object) -> bytes:
    if type(value) is not bytes:
        raise TypeError(f"values must be bytes, not {type(value).__name__}")
    if len(value) > MAX_VALUE_LEN:
        raise ValueError(f"values must be at most {MAX_VALUE_LEN} bytes")
    return value


def _check_option(name: str, value: object, minimum: int) -> int:
    if type(value) is not int:
        raise TypeError(f"{name} must be an int")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}")
    return value


class DB:
    """A key-value store of byte strings.  See SPEC.md for the full contract."""

    def __init__(
        self,
        path: str,
        *,
        memtable_limit: int = 64 * 1024,
        block_size: int = 4096,
        max_tables: int = 4,
        merge_width: int = 3,
        sync: bool = False,
    ) -> None:
        self.memtable_limit = _check_option("memtable_limit", memtable_limit, 1)
        self.block_size = _check_option("block_size", block_size, 1)
        self.max_tables = _check_option("max_tables", max_tables, 1)
        self.merge_width = _check_option("merge_width", merge_width, 2)
        self.path = os.fspath(path)
        os.makedirs(self.path, exist_ok=True)
        self._closed = False
        self._manifest = Manifest(os.path.join(self.path, MANIFEST_NAME))
        self._manifest.load()
        self._readers: list[TableReader] = [
            TableReader(table_path(self.path, t.table_id)) for t in self._manifest.tables
        ]
        self._last_seq = 0
        self._memtable = Memtable()
        self._wal = WriteAheadLog(os.path.join(self.path, WAL_NAME), sync=sync)
        for entry in self._wal.recover():
            self._memtable.apply(entry)
            self._last_seq = max(self._last_seq, entry.seq)
        self._remove_orphans()

    # -- housekeeping -------------------------------------------------------------------------

    def _remove_orphans(self) -> None:
        """Delete table files the manifest does not list (left by an interrupted flush or
        compaction)."""
        listed = {f"{t.table_id:06d}.sst" for t in self._manifest.tables}
        for name in os.listdir(self.path):
            if (name.endswith(".sst") and name not in listed) or name.endswith(".sst.tmp"):
                os.remove(os.path.join(self.path, name))

    def _ensure_open(self) -> None:
        if self._closed:
            raise ClosedError("database is closed")

    # -- writes -------------------------------------------------------------------------------

    def _write(self, key: bytes, kind: int, value: bytes | None) -> None:
        self._last_seq += 1
        entry = Entry(key, self._last_seq, kind, value)
        self._wal.append(entry)
        self._memtable.apply(entry)
        if self._memtable.approx_bytes >= self.memtable_limit:
            self.flush()

    def put(self, key: bytes, value: bytes) -> None:
        self._ensure_open()
        key = _check_key(key)
        value = _check_value(value)
        self._write(key, KIND_PUT, value)

    def delete(self, key: bytes) -> None:
        self._ensure_open()
        key = _check_key(key)
        self._write(key, KIND_DELETE, None)

    # -- reads --------------------------------------------------------------------------------

    def get(self, key: bytes) -> bytes | None:
        self._ensure_open()
        key = _check_key(key)
        entry = self._memtable.get(key)
        if entry is None:
            for reader in reversed(self._readers):
                entry = reader.get(key)
                if entry is not None:
                    break
        if entry is None or entry.is_tombstone:
            return None
        return entry.value

    def scan(self, start: bytes | None = None, end: bytes | None = None) -> list[tuple[bytes, bytes]]:
        self._ensure_open()
        start = _check_bound(start)
        end = _check_bound(end)
        if start is not None and end is not None and start >= end:
            return []
        runs = [self._memtable.range(start, end)]
        runs += [r.iter_range(start, end) for r in reversed(self._readers)]
        out = []
        for e in live(merge_runs(runs)):
            assert e.value is not None
            out.append((e.key, e.value))
        return out

    # -- flush and compaction -----------------------------------------------------------------

    def _write_table(self, entries: list[Entry]) -> tuple[TableMeta, TableReader]:
        table_id = self._manifest.allocate_id()
        path = table_path(self.path, table_id)
        count, max_seq = write_table(path, entries, self.block_size)
        return TableMeta(table_id, count, max_seq), TableReader(path)

    def flush(self) -> None:
        """Write the memtable to a new table, empty the log, then compact if due."""
        self._ensure_open()
        if len(self._memtable) == 0:
            return
        meta, reader = self._write_table(self._memtable.sorted_entries())
        self._manifest.tables.append(meta)
        self._readers.append(reader)
        self._manifest.save()
        self._wal.reset()
        self._memtable = Memtable()
        self._maybe_compact()

    def _replace(self, lo: int, hi: int, entries: list[Entry]) -> None:
        old = self._manifest.tables[lo:hi]
        if entries:
            meta, reader = self._write_table(entries)
            self._manifest.tables[lo:hi] = [meta]
            self._readers[lo:hi] = [reader]
        else:
            self._manifest.tables[lo:hi] = []
            self._readers[lo:hi] = []
        self._manifest.save()
        for t in old:
            os.remove(table_path(self.path, t.table_id))

    def _maybe_compact(self) -> None:
        while True:
            span = pick_automatic(len(self._readers), self.max_tables, self.merge_width)
            if span is None:
                return
            lo, hi = span
            entries = merge_tables(self._readers[lo:hi])
            self._replace(lo, hi, entries)

    def compact(self) -> None:
        """Flush, then merge every table into one (dropping tombstones and old versions)."""
        self._ensure_open()
        self.flush()
        if not self._readers:
            return
        entries = merge_tables(self._readers)
        self._replace(0, len(self._readers), entries)

    # -- introspection and lifetime -----------------------------------------------------------

    @property
    def last_seq(self) -> int:
        return self._last_seq

    def stats(self) -> dict:
        self._ensure_open()
        return {
            "last_seq": self._last_seq,
            "memtable_entries": len(self._memtable),
            "memtable_bytes": self._memtable.approx_bytes,
            "tables": [t.table_id for t in self._manifest.tables],
            "table_entries": [t.entry_count for t in self._manifest.tables],
        }

    def close(self) -> None:
        if not self._closed:
            self._wal.close()
            self._closed = True

    def __enter__(self) -> DB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
