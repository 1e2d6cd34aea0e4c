"""Exceptions raised by tinylsm."""


class TinyLSMError(Exception):
    """Base class of every error tinylsm raises on purpose."""


class CorruptionError(TinyLSMError):
    """A file of the database is damaged: bad magic, checksum mismatch or a truncated structure."""


class ClosedError(TinyLSMError):
    """An operation was attempted on a database that has been closed."""
