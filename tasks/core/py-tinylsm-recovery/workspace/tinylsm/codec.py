"""Low-level encoding helpers shared by the log and the table formats.

All fixed-width integers are little-endian.  Variable-length integers ("varints") use the
LEB128 encoding: seven bits per byte, least significant group first, the high bit set on
every byte except the last.  A varint may be at most 10 bytes long.
"""

from __future__ import annotations

import struct
import zlib

from .errors import CorruptionError

U8 = struct.Struct("<B")
U32 = struct.Struct("<I")
U64 = struct.Struct("<Q")

KIND_PUT = 1
KIND_DELETE = 2
KINDS = (KIND_PUT, KIND_DELETE)

MAX_VARINT_LEN = 10


def encode_varint(n: int) -> bytes:
    if n < 0:
        raise ValueError("varint must be non-negative")
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def decode_varint(buf: bytes, pos: int) -> tuple[int, int]:
    """Decode the varint starting at ``buf[pos]``; return ``(value, position after it)``."""
    result = 0
    shift = 0
    for i in range(MAX_VARINT_LEN):
        if pos + i >= len(buf):
            raise CorruptionError("truncated varint")
        byte = buf[pos + i]
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, pos + i + 1
        shift += 7
    raise CorruptionError("varint too long")


def crc32(data: bytes) -> int:
    return zlib.crc32(data) & 0xFFFFFFFF


def encode_entry(key: bytes, seq: int, kind: int, value: bytes | None) -> bytes:
    """The entry layout shared by log records and table blocks (see SPEC.md, "Entries")."""
    parts = [encode_varint(len(key)), key, U64.pack(seq), U8.pack(kind)]
    if kind == KIND_PUT:
        assert value is not None
        parts.append(encode_varint(len(value)))
        parts.append(value)
    return b"".join(parts)


def decode_entry(buf: bytes, pos: int) -> tuple[bytes, int, int, bytes | None, int]:
    """Decode one entry at ``pos``; return ``(key, seq, kind, value, position after it)``."""
    klen, pos = decode_varint(buf, pos)
    if pos + klen + 9 > len(buf):
        raise CorruptionError("truncated entry")
    key = bytes(buf[pos : pos + klen])
    pos += klen
    (seq,) = U64.unpack_from(buf, pos)
    pos += 8
    kind = buf[pos]
    pos += 1
    if kind == KIND_PUT:
        vlen, pos = decode_varint(buf, pos)
        if pos + vlen > len(buf):
            raise CorruptionError("truncated value")
        value: bytes | None = bytes(buf[pos : pos + vlen])
        pos += vlen
    elif kind == KIND_DELETE:
        value = None
    else:
        raise CorruptionError(f"unknown entry kind {kind}")
    return key, seq, kind, value, pos
