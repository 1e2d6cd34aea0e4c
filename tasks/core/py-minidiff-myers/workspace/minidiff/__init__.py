"""minidiff: unified diffs of texts, and applying them (see SPEC.md)."""

from .apply import apply_patch
from .errors import DiffError, PatchConflictError, PatchParseError
from .unified import unified_diff

__all__ = ["DiffError", "PatchConflictError", "PatchParseError", "apply_patch", "unified_diff"]
