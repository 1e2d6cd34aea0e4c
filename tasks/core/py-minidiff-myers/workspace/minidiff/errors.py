"""Exceptions raised by minidiff."""


class DiffError(Exception):
    """Base class of minidiff's errors."""


class PatchParseError(DiffError):
    """The patch text is not a well-formed unified diff (SPEC.md, section 4)."""


class PatchConflictError(DiffError):
    """A hunk does not match the text it is applied to."""
