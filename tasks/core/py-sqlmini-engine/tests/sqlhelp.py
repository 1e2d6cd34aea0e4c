"""Helpers shared by the hidden tests."""

import sqlmini


def typed(value):
    """A value with its exact type, so 1, 1.0 and True never compare equal."""
    if isinstance(value, (list, tuple)):
        return [typed(v) for v in value]
    return (type(value).__name__, value)


def q(sql, tables=None):
    cols, rows = sqlmini.run(sql, tables or {})
    assert type(cols) is list and type(rows) is list
    for r in rows:
        assert type(r) is tuple
    return cols, typed(rows)


def one(sql, tables=None):
    """The single value of a one-row, one-column query."""
    _cols, rows = sqlmini.run(sql, tables or {})
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return typed(rows[0][0])


def err(sql, tables=None):
    try:
        sqlmini.run(sql, tables or {})
    except sqlmini.SQLError as exc:
        return str(exc)
    raise AssertionError(f"no error for {sql!r}")


I = lambda v: ("int", v)  # noqa: E731, E741
R = lambda v: ("float", v)  # noqa: E731
S = lambda v: ("str", v)  # noqa: E731
N = ("NoneType", None)
