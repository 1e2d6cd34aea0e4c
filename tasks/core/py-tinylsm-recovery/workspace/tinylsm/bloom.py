"""A Bloom filter over a table's keys (SPEC.md, "Bloom filter")."""

from __future__ import annotations

import hashlib

from .codec import U8, U32
from .errors import CorruptionError

BITS_PER_KEY = 10
NUM_HASHES = 7
MIN_BITS = 64


def _hashes(key: bytes) -> tuple[int, int]:
    digest = hashlib.sha256(key).digest()
    h1 = int.from_bytes(digest[0:8], "little")
    h2 = int.from_bytes(digest[8:16], "little") | 1
    return h1, h2


class BloomFilter:
    def __init__(self, nbits: int, nhashes: int = NUM_HASHES, bits: bytes | None = None) -> None:
        if nbits <= 0 or nhashes <= 0:
            raise ValueError("bloom filter needs bits and hashes")
        self.nbits = nbits
        self.nhashes = nhashes
        nbytes = (nbits + 7) // 8
        if bits is None:
            self.bits = bytearray(nbytes)
        else:
            if len(bits) != nbytes:
                raise CorruptionError("bloom filter has the wrong size")
            self.bits = bytearray(bits)

    @classmethod
    def for_keys(cls, keys: list[bytes]) -> BloomFilter:
        bf = cls(max(MIN_BITS, BITS_PER_KEY * len(keys)))
        for key in keys:
            bf.add(key)
        return bf

    def _positions(self, key: bytes) -> list[int]:
        h1, h2 = _hashes(key)
        return [(h1 + i * h2) % self.nbits for i in range(self.nhashes)]

    def add(self, key: bytes) -> None:
        for p in self._positions(key):
            self.bits[p >> 3] |= 1 << (p & 7)

    def might_contain(self, key: bytes) -> bool:
        return all(self.bits[p >> 3] & (1 << (p & 7)) for p in self._positions(key))

    def to_bytes(self) -> bytes:
        return U32.pack(self.nbits) + U8.pack(self.nhashes) + bytes(self.bits)

    @classmethod
    def from_bytes(cls, data: bytes) -> BloomFilter:
        if len(data) < 5:
            raise CorruptionError("bloom filter truncated")
        (nbits,) = U32.unpack_from(data, 0)
        nhashes = data[4]
        if nbits == 0 or nhashes == 0:
            raise CorruptionError("bloom filter header invalid")
        return cls(nbits, nhashes, data[5:])
