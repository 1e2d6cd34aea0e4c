"""The versioned record every layer passes around."""

from __future__ import annotations

from typing import NamedTuple

from .codec import KIND_DELETE


class Entry(NamedTuple):
    key: bytes
    seq: int
    kind: int
    value: bytes | None

    @property
    def is_tombstone(self) -> bool:
        return self.kind == KIND_DELETE
