"""The manifest: which table files make up the database, oldest first.

Text format (SPEC.md, "The manifest")::

    tinylsm-manifest 1
    next_id <n>
    table <id> <entry_count> <max_seq>
    ...
"""

from __future__ import annotations

import os

from .errors import CorruptionError
from .sstable import TableMeta

HEADER = "tinylsm-manifest 1"
MANIFEST_NAME_DEFAULT = "MANIFEST"


class Manifest:
    def __init__(self, path: str) -> None:
        self.path = path
        self.next_id = 1
        self.tables: list[TableMeta] = []

    def allocate_id(self) -> int:
        table_id = self.next_id
        self.next_id += 1
        return table_id

    def load(self) -> bool:
        """Load the manifest; return False (and keep an empty one) if there is none."""
        try:
            with open(self.path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            return False
        if not lines or lines[0] != HEADER:
            raise CorruptionError("manifest: bad header")
        if len(lines) < 2:
            raise CorruptionError("manifest: missing next_id")
        parts = lines[1].split()
        if len(parts) != 2 or parts[0] != "next_id" or not parts[1].isdigit():
            raise CorruptionError("manifest: bad next_id line")
        next_id = int(parts[1])
        tables = []
        seen = set()
        for n, line in enumerate(lines[2:], start=3):
            fields = line.split()
            if len(fields) != 4 or fields[0] != "table" or not all(f.isdigit() for f in fields[1:]):
                raise CorruptionError(f"manifest: bad line {n}")
            table_id, count, max_seq = (int(f) for f in fields[1:])
            if table_id >= next_id or table_id in seen:
                raise CorruptionError(f"manifest: bad table id on line {n}")
            seen.add(table_id)
            tables.append(TableMeta(table_id, count, max_seq))
        self.next_id = next_id
        self.tables = tables
        return True

    def save(self) -> None:
        lines = [HEADER, f"next_id {self.next_id}"]
        lines += [f"table {t.table_id} {t.entry_count} {t.max_seq}" for t in self.tables]
        tmp = self.path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
