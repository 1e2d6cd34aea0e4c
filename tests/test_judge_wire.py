"""The judge's side of the crossing (harness/judge/wire.py): only exact builtin types are plain data,
everything else stays a handle, and what the judge decodes is built from builtins alone."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.judge import wire


def _handle(obj: Any) -> dict[str, Any]:
    return {"$h": 7, "type": type(obj).__name__}


def _roundtrip(v: Any) -> Any:
    data = json.loads(wire.dumps({"v": wire.encode(v, _handle)}))["v"]
    return wire.decode(data, lambda d: ("HANDLE", d["$h"]))


class AlwaysEqual:
    def __eq__(self, other: object) -> bool:
        return True


class Int(int):
    def __eq__(self, other: object) -> bool:
        return True


class Str(str):
    pass


@pytest.mark.parametrize("cheat", [AlwaysEqual(), Int(3), Str("x"), [AlwaysEqual()], {"k": Int(1)}])
def test_objects_that_are_not_exactly_builtin_cross_as_handles(cheat: Any) -> None:
    out = _roundtrip(cheat)
    assert "HANDLE" in repr(out)
    assert out != 3 and out != "x"


plain = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary()
    | st.complex_numbers(allow_nan=False) | st.fractions() | st.decimals(allow_nan=False),
    lambda kids: st.lists(kids) | st.tuples(kids, kids) | st.dictionaries(st.text() | st.integers(), kids)
    | st.frozensets(st.integers() | st.text()),
    max_leaves=20,
)  # fmt: skip


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is dict:
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@given(plain)
def test_plain_data_round_trips_with_its_exact_types(v: Any) -> None:
    assert _same(_roundtrip(v), v)


def test_tagged_values_keep_their_types() -> None:
    v = (1, {2, 3}, frozenset({4}), b"x", bytearray(b"y"), Decimal("1.10"), Fraction(1, 3), 1 + 2j)
    out = _roundtrip(v)
    assert [type(x) for x in out] == [type(x) for x in v] and out == v
    assert math.isinf(_roundtrip(float("-inf"))) and math.isnan(_roundtrip(float("nan")))


@pytest.mark.parametrize(
    "data",
    [
        {"$f": "1e999999"},
        {"$t": "not a list"},
        {"$d": [[1]]},
        {"$b": 5},
        {"$frac": [1, 0]},
        {"$c": ["a", "b"]},
        {"$nope": 1},
        {},
        {"a": 1, "b": 2},
        {"$dec": 3},
    ],
)
def test_malformed_values_are_refused(data: Any) -> None:
    with pytest.raises(wire.WireError):
        wire.decode(data, lambda d: None)


def test_deep_nesting_is_refused_both_ways() -> None:
    deep: Any = []
    for _ in range(wire.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(wire.WireError):
        wire.encode(deep, _handle)
    with pytest.raises(wire.WireError):
        wire.decode(deep, lambda d: None)


def test_loads_refuses_what_is_not_json() -> None:
    with pytest.raises(wire.WireError):
        wire.loads(b"{not json")
