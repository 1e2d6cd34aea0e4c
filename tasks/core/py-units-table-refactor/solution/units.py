"""Unit conversion for the lab dashboard.

Every unit is one entry of UNITS: a value v in a unit is v * factor + offset in the base
unit of its dimension (metre, kilogram, second, kelvin for the built-in dimensions).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class UnitError(ValueError):
    """Base class of the errors below."""


class UnknownUnitError(UnitError):
    """The unit symbol is not known."""


class DimensionError(UnitError):
    """The two units measure different things (say, metres and seconds)."""


class Unit(NamedTuple):
    dimension: str
    factor: float
    offset: float = 0.0


UNITS: dict[str, Unit] = {
    "m": Unit("length", 1.0),
    "km": Unit("length", 1000.0),
    "cm": Unit("length", 0.01),
    "mm": Unit("length", 0.001),
    "in": Unit("length", 0.0254),
    "ft": Unit("length", 0.3048),
    "yd": Unit("length", 0.9144),
    "mi": Unit("length", 1609.344),
    "kg": Unit("mass", 1.0),
    "g": Unit("mass", 0.001),
    "mg": Unit("mass", 0.000001),
    "lb": Unit("mass", 0.45359237),
    "oz": Unit("mass", 0.028349523125),
    "s": Unit("time", 1.0),
    "ms": Unit("time", 0.001),
    "min": Unit("time", 60.0),
    "h": Unit("time", 3600.0),
    "day": Unit("time", 86400.0),
    "K": Unit("temperature", 1.0),
    "C": Unit("temperature", 1.0, 273.15),
    "F": Unit("temperature", 5.0 / 9.0, 273.15 - 32.0 * 5.0 / 9.0),
}


def _lookup(symbol: str) -> Unit:
    try:
        return UNITS[symbol]
    except (KeyError, TypeError):
        raise UnknownUnitError(f"unknown unit: {symbol!r}") from None


def register_unit(symbol: str, dimension: str, factor: float, offset: float = 0.0) -> Unit:
    """Add a unit to UNITS and return it."""
    if not symbol or any(c.isspace() for c in symbol):
        raise ValueError(f"invalid unit symbol: {symbol!r}")
    if symbol in UNITS:
        raise ValueError(f"unit already defined: {symbol!r}")
    if not factor > 0:
        raise ValueError(f"factor must be > 0, not {factor!r}")
    unit = Unit(dimension, float(factor), float(offset))
    UNITS[symbol] = unit
    return unit


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit`.

    UnknownUnitError for an unknown symbol (from_unit is checked first), DimensionError
    when the units measure different things.
    """
    src = _lookup(from_unit)
    dst = _lookup(to_unit)
    if src.dimension != dst.dimension:
        raise DimensionError(
            f"cannot convert {src.dimension} ({from_unit}) to {dst.dimension} ({to_unit})"
        )
    base = value * src.factor + src.offset
    return (base - dst.offset) / dst.factor


def units_for(dimension: str) -> list[str]:
    """Sorted symbols of the units of `dimension`; [] for an unknown dimension."""
    return sorted(sym for sym, unit in UNITS.items() if unit.dimension == dimension)


def dimensions() -> list[str]:
    """Sorted names of all dimensions."""
    return sorted({unit.dimension for unit in UNITS.values()})


_QUANTITY = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*(\S+)\s*")


def parse_quantity(text: str) -> tuple[float, str]:
    """'12.5 km' -> (12.5, 'km'). The space is optional ('7ft') and surrounding whitespace
    is ignored. The number is an optional sign, digits and an optional fraction.

    UnknownUnitError if the number is fine but the unit is not known; ValueError
    (not UnknownUnitError) for anything else, such as a missing number or unit.
    """
    m = _QUANTITY.fullmatch(text)
    if not m:
        raise ValueError(f"not a quantity: {text!r}")
    _lookup(m.group(2))
    return float(m.group(1)), m.group(2)
