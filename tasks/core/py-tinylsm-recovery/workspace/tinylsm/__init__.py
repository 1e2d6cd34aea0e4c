"""tinylsm: a tiny log-structured merge-tree key-value store (see SPEC.md)."""

from .db import DB
from .errors import ClosedError, CorruptionError, TinyLSMError

__all__ = ["DB", "ClosedError", "CorruptionError", "TinyLSMError"]
__version__ = "0.4.1"
