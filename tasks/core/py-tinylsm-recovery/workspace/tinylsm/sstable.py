"""Sorted string tables: immutable, sorted files of entries (SPEC.md, "Table files").

Layout::

    block 0 payload | crc u32
    block 1 payload | crc u32
    ...
    index payload   | crc u32
    bloom payload   | crc u32
    footer (48 bytes)

A block payload is a run of entries in key order.  The index payload holds, for each
block in order: varint length of the block's last key, the last key, the block's offset
(u64) and payload length (u32).  The footer is::

    index_offset u64 | index_length u32 | bloom_offset u64 | bloom_length u32 |
    entry_count u64 | max_seq u64 | magic (8 bytes, b"TLSMSST1")

Lengths exclude the trailing CRC.
"""

from __future__ import annotations

import bisect
import os
import struct
from collections.abc import Iterable, Iterator

from .bloom import BloomFilter
from .codec import U32, U64, crc32, decode_entry, decode_varint, encode_entry, encode_varint
from .entry import Entry
from .errors import CorruptionError

MAGIC = b"TLSMSST1"
FOOTER = struct.Struct("<QIQIQQ8s")
FOOTER_LEN = FOOTER.size


class TableMeta:
    def __init__(self, table_id: int, entry_count: int, max_seq: int) -> None:
        self.table_id = table_id
        self.entry_count = entry_count
        self.max_seq = max_seq

    def __repr__(self) -> str:
        return f"TableMeta({self.table_id}, count={self.entry_count}, max_seq={self.max_seq})"


def table_path(directory: str, table_id: int) -> str:
    return os.path.join(directory, f"{table_id:06d}.sst")


def write_table(path: str, entries: Iterable[Entry], block_size: int) -> tuple[int, int]:
    """Write ``entries`` (strictly increasing keys) to ``path``; return ``(count, max_seq)``.

    A block is closed as soon as its payload reaches ``block_size`` bytes, so every block
    but the last holds at least ``block_size`` bytes.  The file is written under a
    temporary name and renamed into place.
    """
    out = bytearray()
    index = bytearray()
    block = bytearray()
    last_key: bytes | None = None
    keys: list[bytes] = []
    max_seq = 0

    def close_block() -> None:
        assert last_key is not None
        offset = len(out)
        out.extend(block)
        out.extend(U32.pack(crc32(bytes(block))))
        index.extend(encode_varint(len(last_key)))
        index.extend(last_key)
        index.extend(U64.pack(offset))
        index.extend(U32.pack(len(block)))
        block.clear()

    for e in entries:
        if last_key is not None and e.key <= last_key:
            raise ValueError("table entries must have strictly increasing keys")
        block.extend(encode_entry(e.key, e.seq, e.kind, e.value))
        last_key = e.key
        keys.append(e.key)
        max_seq = max(max_seq, e.seq)
        if len(block) >= block_size:
            close_block()
    if block:
        close_block()

    index_offset = len(out)
    out.extend(index)
    out.extend(U32.pack(crc32(bytes(index))))
    bloom = BloomFilter.for_keys(keys).to_bytes()
    bloom_offset = len(out)
    out.extend(bloom)
    out.extend(U32.pack(crc32(bloom)))
    out.extend(FOOTER.pack(index_offset, len(index), bloom_offset, len(bloom), len(keys), max_seq, MAGIC))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(out)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    return len(keys), max_seq


def _checked(data: bytes, offset: int, length: int, what: str) -> bytes:
    end = offset + length
    if offset < 0 or end + 4 > len(data):
        raise CorruptionError(f"{what} out of bounds")
    payload = data[offset:end]
    (crc,) = U32.unpack_from(data, end)
    if crc32(payload) != crc:
        raise CorruptionError(f"{what} checksum mismatch")
    return payload


class TableReader:
    """Reads one table file.  The whole file is loaded into memory when opened."""

    def __init__(self, path: str) -> None:
        self.path = path
        with open(path, "rb") as f:
            self._data = f.read()
        data = self._data
        if len(data) < FOOTER_LEN:
            raise CorruptionError(f"{path}: too short to be a table")
        (index_offset, index_len, bloom_offset, bloom_len, count, max_seq, magic) = FOOTER.unpack_from(
            data, len(data) - FOOTER_LEN
        )
        if magic != MAGIC:
            raise CorruptionError(f"{path}: bad magic")
        self.entry_count = count
        self.max_seq = max_seq
        index = _checked(data, index_offset, index_len, "index")
        self.bloom = BloomFilter.from_bytes(_checked(data, bloom_offset, bloom_len, "bloom filter"))
        self._last_keys: list[bytes] = []
        self._blocks: list[tuple[int, int]] = []
        pos = 0
        while pos < len(index):
            klen, pos = decode_varint(index, pos)
            if pos + klen + 12 > len(index):
                raise CorruptionError("index entry truncated")
            self._last_keys.append(bytes(index[pos : pos + klen]))
            pos += klen
            (offset,) = U64.unpack_from(index, pos)
            (length,) = U32.unpack_from(index, pos + 8)
            pos += 12
            self._blocks.append((offset, length))

    @property
    def block_count(self) -> int:
        return len(self._blocks)

    def _block_entries(self, i: int) -> list[Entry]:
        offset, length = self._blocks[i]
        payload = _checked(self._data, offset, length, f"block {i}")
        entries = []
        pos = 0
        while pos < len(payload):
            key, seq, kind, value, pos = decode_entry(payload, pos)
            entries.append(Entry(key, seq, kind, value))
        return entries

    def get(self, key: bytes) -> Entry | None:
        if not self.bloom.might_contain(key):
            return None
        i = bisect.bisect_right(self._last_keys, key)
        if i == len(self._last_keys):
            return None
        for e in self._block_entries(i):
            if e.key == key:
                return e
            if e.key > key:
                break
        return None

    def iter_range(self, start: bytes | None = None, end: bytes | None = None) -> Iterator[Entry]:
        """Entries with ``start <= key < end`` in key order (``None``: unbounded)."""
        first = 0 if start is None else bisect.bisect_left(self._last_keys, start)
        for i in range(first, len(self._blocks)):
            for e in self._block_entries(i):
                if start is not None and e.key < start:
                    continue
                if end is not None and e.key >= end:
                    return
                yield e

    def __iter__(self) -> Iterator[Entry]:
        return self.iter_range()
