"""Exceptions raised by sqlmini.

Every failure a user can cause is reported as an :class:`SQLError` (or a
subclass) whose ``str()`` is exactly the message SPEC.md prescribes.  The
command line prints that message after ``sqlmini: `` and exits with status 1.
"""


class SQLError(Exception):
    """Base class of every error sqlmini reports to its caller."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


class SyntaxErrorSQL(SQLError):
    """The query text could not be tokenized or parsed."""


class CatalogError(SQLError):
    """An unknown or ambiguous table or column, or a bad CSV file."""


class EvalError(SQLError):
    """A runtime error while evaluating an expression (types, overflow...)."""


class CSVFormatError(CatalogError):
    """A CSV file does not follow the format of SPEC.md section 2."""
