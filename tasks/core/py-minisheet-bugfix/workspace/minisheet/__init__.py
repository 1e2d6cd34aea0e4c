"""minisheet: a tiny spreadsheet engine."""

from minisheet.sheet import Sheet

__all__ = ["Sheet"]
