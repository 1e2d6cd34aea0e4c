"""The spreadsheet: cells, caching and recalculation."""

from __future__ import annotations

import re

from minisheet.evaluator import CellError, evaluate
from minisheet.parser import parse, references
from minisheet.refs import normalize
from minisheet.tokenizer import FormulaSyntaxError

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


class Sheet:
    """A spreadsheet.

    `set(ref, text)` stores what a user typed into a cell: '' clears it, a number such as
    '12', '-3.5' or '1e3' is a number, text starting with '=' is a formula, anything else
    is text. `get(ref)` returns the cell's current value: a float, a str, None for an
    empty cell (or '' text), or an error code string ('#DIV/0!', '#VALUE!', '#NAME?',
    '#NUM!', '#CYCLE!', '#ERROR!' for a formula that does not parse).

    References are case-insensitive ('b3' is 'B3'). Values are cached and every cell that
    depends on a changed cell, directly or through other formulas, is recomputed.
    """

    def __init__(self) -> None:
        self._raw: dict[str, str] = {}
        self._formulas: dict[str, object] = {}  # ref -> parsed tree, or FormulaSyntaxError
        self._deps: dict[str, set[str]] = {}  # ref -> cells it reads
        self._cache: dict[str, object] = {}
        self._evaluating: list[str] = []

    # -- editing -------------------------------------------------------------------------

    def set(self, ref: str, text: str) -> None:
        ref = normalize(ref)
        self._invalidate(ref)
        self._formulas.pop(ref, None)
        self._deps.pop(ref, None)
        if text == "":
            self._raw.pop(ref, None)
            return
        self._raw[ref] = text
        if text.startswith("="):
            try:
                tree = parse(text[1:])
            except FormulaSyntaxError as e:
                self._formulas[ref] = e
            else:
                self._formulas[ref] = tree
                self._deps[ref] = references(tree)

    def raw(self, ref: str) -> str:
        return self._raw.get(normalize(ref), "")

    def _dependents(self, ref: str) -> set[str]:
        return {cell for cell, deps in self._deps.items() if ref in deps}

    def _invalidate(self, ref: str) -> None:
        self._cache.pop(ref, None)
        for cell in self._dependents(ref):
            self._cache.pop(cell, None)

    # -- reading -------------------------------------------------------------------------

    def get(self, ref: str):
        try:
            return self._value(normalize(ref))
        except CellError as e:
            return e.code

    def _value(self, ref: str):
        if ref in self._cache:
            cached = self._cache[ref]
            if isinstance(cached, CellError):
                raise cached
            return cached
        if ref in self._evaluating:
            raise CellError("#CYCLE!")
        self._evaluating.append(ref)
        try:
            value = self._compute(ref)
        except CellError as e:
            value = e
        finally:
            self._evaluating.pop()
        self._cache[ref] = value
        if isinstance(value, CellError):
            raise value
        return value

    def _compute(self, ref: str):
        text = self._raw.get(ref)
        if text is None:
            return None
        if not text.startswith("="):
            if _NUMBER.fullmatch(text):
                return float(text)
            return text
        tree = self._formulas[ref]
        if isinstance(tree, FormulaSyntaxError):
            raise CellError("#ERROR!")
        return evaluate(tree, self._lookup)

    def _lookup(self, ref: str):
        return self._value(ref)
