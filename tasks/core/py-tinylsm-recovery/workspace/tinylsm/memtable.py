"""The in-memory table of the newest writes."""

from __future__ import annotations

from .codec import KIND_DELETE, KIND_PUT
from .entry import Entry

ENTRY_OVERHEAD = 16


class Memtable:
    def __init__(self) -> None:
        self._entries: dict[bytes, Entry] = {}
        self.approx_bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def apply(self, entry: Entry) -> None:
        current = self._entries.get(entry.key)
        if current is None or current.seq < entry.seq:
            self._entries[entry.key] = entry
        self.approx_bytes += len(entry.key) + ENTRY_OVERHEAD
        if entry.value is not None:
            self.approx_bytes += len(entry.value)

    def put(self, seq: int, key: bytes, value: bytes) -> Entry:
        entry = Entry(key, seq, KIND_PUT, value)
        self.apply(entry)
        return entry

    def delete(self, seq: int, key: bytes) -> Entry:
        entry = Entry(key, seq, KIND_DELETE, None)
        self.apply(entry)
        return entry

    def get(self, key: bytes) -> Entry | None:
        return self._entries.get(key)

    def sorted_entries(self) -> list[Entry]:
        return [self._entries[k] for k in sorted(self._entries)]

    def range(self, start: bytes | None, end: bytes | None) -> list[Entry]:
        return [
            e
            for e in self.sorted_entries()
            if (start is None or e.key >= start) and (end is None or e.key < end)
        ]
