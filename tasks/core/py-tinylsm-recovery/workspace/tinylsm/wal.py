"""The write-ahead log: every write is appended here before it reaches the memtable.

Record framing (SPEC.md, "The write-ahead log")::

    length  u32   byte length of the payload
    crc     u32   CRC-32 of the payload
    payload       one entry (codec.encode_entry)
"""

from __future__ import annotations

import os

from .codec import KINDS, U32, crc32, decode_entry, encode_entry
from .entry import Entry
from .errors import CorruptionError

HEADER_LEN = 8


def encode_record(entry: Entry) -> bytes:
    payload = encode_entry(entry.key, entry.seq, entry.kind, entry.value)
    return U32.pack(len(payload)) + U32.pack(crc32(payload)) + payload


def parse_records(data: bytes) -> tuple[list[Entry], int]:
    """Parse the valid prefix of a log.

    Returns the entries of every complete, intact record and the byte length of that
    prefix.  Parsing stops at the first record that is truncated, fails its checksum or
    does not decode as exactly one entry.
    """
    entries: list[Entry] = []
    pos = 0
    while pos + HEADER_LEN <= len(data):
        (length,) = U32.unpack_from(data, pos)
        (crc,) = U32.unpack_from(data, pos + 4)
        start = pos + HEADER_LEN
        end = start + length
        if end > len(data):
            break
        payload = data[start:end]
        if crc32(payload) != crc:
            break
        try:
            key, seq, kind, value, used = decode_entry(payload, 0)
        except CorruptionError:
            break
        if used != length or kind not in KINDS:
            break
        entries.append(Entry(key, seq, kind, value))
        pos = end
    return entries, pos


class WriteAheadLog:
    def __init__(self, path: str, sync: bool = False) -> None:
        self.path = path
        self.sync = sync
        self._file = None

    def recover(self) -> list[Entry]:
        """Read back the log (ignoring a damaged tail) and open it for appending."""
        try:
            with open(self.path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            data = b""
        entries, _ = parse_records(data)
        self._file = open(self.path, "ab")  # noqa: SIM115 (kept open until close())
        return entries

    def append(self, entry: Entry) -> None:
        if self._file is None:
            raise RuntimeError("log is not open")
        self._file.write(encode_record(entry))
        self._file.flush()
        if self.sync:
            os.fsync(self._file.fileno())

    def reset(self) -> None:
        """Empty the log (its entries are now safe in a table)."""
        if self._file is None:
            raise RuntimeError("log is not open")
        self._file.truncate(0)
        self._file.seek(0)
        self._file.flush()
        if self.sync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
