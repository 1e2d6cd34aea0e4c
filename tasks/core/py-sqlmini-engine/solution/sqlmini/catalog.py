"""Tables and the catalog of loaded tables (SPEC.md section 2)."""

import math
import os
import re

from .csvread import parse_csv
from .errors import CatalogError, CSVFormatError
from .values import INT_MAX, INT_MIN

_INT_RE = re.compile(r"[+-]?[0-9]+")
_REAL_RE = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class Table:
    def __init__(self, name, columns, types, rows):
        self.name = name
        self.columns = columns  # lower-case column names
        self.types = types  # 'INTEGER', 'REAL' or 'TEXT' per column
        self.rows = rows  # list of tuples

    def __len__(self):
        return len(self.rows)


def _infer_type(fields):
    """Column type from its (text, quoted) fields, ignoring NULLs (rule 2.5)."""
    kind = "INTEGER"
    seen = False
    for text, quoted in fields:
        if text == "" and not quoted:
            continue
        seen = True
        if quoted and text == "":
            return "TEXT"
        if kind == "INTEGER" and _INT_RE.fullmatch(text):
            value = int(text)
            if INT_MIN <= value <= INT_MAX:
                continue
            kind = "REAL"
        if _REAL_RE.fullmatch(text) and math.isfinite(float(text)):
            kind = "REAL"
            continue
        return "TEXT"
    return kind if seen else "TEXT"


def _convert(text, quoted, kind):
    if text == "" and not quoted:
        return None
    if kind == "INTEGER":
        return int(text)
    if kind == "REAL":
        return float(text)
    return text


def table_from_csv(name, text, source=None):
    source = source or f"{name}.csv"
    records = parse_csv(text, source)
    if not records:
        raise CSVFormatError(f"{source}: missing header row")
    header_line, header = records[0]
    columns = []
    for text_, _quoted in header:
        col = text_.strip().lower()
        if not _NAME_RE.fullmatch(col):
            raise CSVFormatError(f"{source}: line {header_line}: invalid column name '{text_}'")
        if col in columns:
            raise CSVFormatError(f"{source}: line {header_line}: duplicate column name '{col}'")
        columns.append(col)
    width = len(columns)
    body = records[1:]
    for line, rec in body:
        if len(rec) != width:
            raise CSVFormatError(f"{source}: line {line}: expected {width} fields, got {len(rec)}")
    types = [_infer_type([rec[i] for _, rec in body]) for i in range(width)]
    rows = [tuple(_convert(t, q, types[i]) for i, (t, q) in enumerate(rec)) for _, rec in body]
    return Table(name, columns, types, rows)


class Catalog:
    def __init__(self):
        self.tables = {}

    def add(self, table):
        self.tables[table.name] = table

    def get(self, name):
        table = self.tables.get(name.lower())
        if table is None:
            raise CatalogError(f"no such table: {name}")
        return table

    def load_csv(self, name, text):
        if not _NAME_RE.fullmatch(name):
            raise CatalogError(f"invalid table name: {name}")
        table = table_from_csv(name.lower(), text)
        self.add(table)
        return table

    def load_dir(self, path):
        try:
            entries = sorted(os.listdir(path))
        except OSError as exc:
            raise CatalogError(f"cannot read directory {path}: {exc.strerror}") from None
        for entry in entries:
            if not entry.lower().endswith(".csv"):
                continue
            stem = entry[:-4]
            if not _NAME_RE.fullmatch(stem):
                continue
            full = os.path.join(path, entry)
            try:
                with open(full, encoding="utf-8", newline="") as fh:
                    text = fh.read()
            except UnicodeDecodeError:
                raise CSVFormatError(f"{entry}: not valid UTF-8") from None
            except OSError as exc:
                raise CatalogError(f"cannot read {entry}: {exc.strerror}") from None
            self.add(table_from_csv(stem.lower(), text, entry))
