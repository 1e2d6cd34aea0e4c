"""refsql (reference copy of sqlmini for the tests): a small SQL engine over in-memory tables loaded from CSV.

SPEC.md is the definition of the dialect and of this interface.
"""

from .catalog import Catalog
from .errors import CatalogError, CSVFormatError, EvalError, SQLError, SyntaxErrorSQL
from .executor import Result, execute_plan
from .formatter import format_result, format_value
from .parser import parse
from .planner import plan_select

__all__ = [
    "CSVFormatError",
    "CatalogError",
    "Database",
    "EvalError",
    "Result",
    "SQLError",
    "SyntaxErrorSQL",
    "format_result",
    "format_value",
    "run",
    "run_text",
]


class Database:
    """A set of named tables and the queries over them."""

    def __init__(self):
        self.catalog = Catalog()

    def load_csv(self, name, text):
        """Add (or replace) table ``name`` from CSV text."""
        self.catalog.load_csv(name, text)

    def load_dir(self, path):
        """Load every ``*.csv`` file of a directory as a table."""
        self.catalog.load_dir(path)

    def tables(self):
        return sorted(self.catalog.tables)

    def columns(self, name):
        table = self.catalog.get(name)
        return list(zip(table.columns, table.types, strict=True))

    def execute(self, sql):
        """Run one SELECT and return a Result."""
        if not isinstance(sql, str):
            raise SQLError("query must be a string")
        stmt = parse(sql)
        plan = plan_select(stmt, self.catalog)
        return execute_plan(plan)


def run(sql, tables=None):
    """Load ``tables`` ({name: csv text}), run ``sql``; return (columns, rows)."""
    db = Database()
    for name, text in (tables or {}).items():
        db.load_csv(name, text)
    result = db.execute(sql)
    return list(result.columns), [tuple(r) for r in result.rows]


def run_text(sql, tables=None):
    """Like run() but return the formatted output of SPEC.md section 10."""
    db = Database()
    for name, text in (tables or {}).items():
        db.load_csv(name, text)
    return format_result(db.execute(sql))
