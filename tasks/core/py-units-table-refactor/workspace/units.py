"""Unit conversion for the lab dashboard.

Length (base: metre), mass (base: kilogram), time (base: second) and temperature
(base: kelvin).
"""

from __future__ import annotations

import re


class UnitError(ValueError):
    """Base class of the errors below."""


class UnknownUnitError(UnitError):
    """The unit symbol is not known."""


class DimensionError(UnitError):
    """The two units measure different things (say, metres and seconds)."""


LENGTH_UNITS = ["m", "km", "cm", "mm", "in", "ft", "yd", "mi"]
MASS_UNITS = ["kg", "g", "mg", "lb", "oz"]
TIME_UNITS = ["s", "ms", "min", "h", "day"]
TEMPERATURE_UNITS = ["K", "C", "F"]


def _dimension(unit: str) -> str:
    if unit in LENGTH_UNITS:
        return "length"
    elif unit in MASS_UNITS:
        return "mass"
    elif unit in TIME_UNITS:
        return "time"
    elif unit in TEMPERATURE_UNITS:
        return "temperature"
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _length_to_m(value: float, unit: str) -> float:
    if unit == "m":
        return value
    elif unit == "km":
        return value * 1000.0
    elif unit == "cm":
        return value * 0.01
    elif unit == "mm":
        return value * 0.001
    elif unit == "in":
        return value * 0.0254
    elif unit == "ft":
        return value * 0.3048
    elif unit == "yd":
        return value * 0.9144
    elif unit == "mi":
        return value * 1609.344
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _m_to_length(value: float, unit: str) -> float:
    if unit == "m":
        return value
    elif unit == "km":
        return value / 1000.0
    elif unit == "cm":
        return value / 0.01
    elif unit == "mm":
        return value / 0.001
    elif unit == "in":
        return value / 0.0254
    elif unit == "ft":
        return value / 0.3048
    elif unit == "yd":
        return value / 0.9144
    elif unit == "mi":
        return value / 1609.344
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _mass_to_kg(value: float, unit: str) -> float:
    if unit == "kg":
        return value
    elif unit == "g":
        return value * 0.001
    elif unit == "mg":
        return value * 0.000001
    elif unit == "lb":
        return value * 0.45359237
    elif unit == "oz":
        return value * 0.028349523125
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _kg_to_mass(value: float, unit: str) -> float:
    if unit == "kg":
        return value
    elif unit == "g":
        return value / 0.001
    elif unit == "mg":
        return value / 0.000001
    elif unit == "lb":
        return value / 0.45359237
    elif unit == "oz":
        return value / 0.028349523125
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _time_to_s(value: float, unit: str) -> float:
    if unit == "s":
        return value
    elif unit == "ms":
        return value * 0.001
    elif unit == "min":
        return value * 60.0
    elif unit == "h":
        return value * 3600.0
    elif unit == "day":
        return value * 86400.0
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _s_to_time(value: float, unit: str) -> float:
    if unit == "s":
        return value
    elif unit == "ms":
        return value / 0.001
    elif unit == "min":
        return value / 60.0
    elif unit == "h":
        return value / 3600.0
    elif unit == "day":
        return value / 86400.0
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _temperature_to_k(value: float, unit: str) -> float:
    if unit == "K":
        return value
    elif unit == "C":
        return value + 273.15
    elif unit == "F":
        return (value - 32.0) * 5.0 / 9.0 + 273.15
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def _k_to_temperature(value: float, unit: str) -> float:
    if unit == "K":
        return value
    elif unit == "C":
        return value - 273.15
    elif unit == "F":
        return (value - 273.15) * 9.0 / 5.0 + 32.0
    raise UnknownUnitError(f"unknown unit: {unit!r}")


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit`.

    UnknownUnitError for an unknown symbol (from_unit is checked first), DimensionError
    when the units measure different things.
    """
    dim_from = _dimension(from_unit)
    dim_to = _dimension(to_unit)
    if dim_from != dim_to:
        raise DimensionError(f"cannot convert {dim_from} ({from_unit}) to {dim_to} ({to_unit})")
    if dim_from == "length":
        return _m_to_length(_length_to_m(value, from_unit), to_unit)
    elif dim_from == "mass":
        return _kg_to_mass(_mass_to_kg(value, from_unit), to_unit)
    elif dim_from == "time":
        return _s_to_time(_time_to_s(value, from_unit), to_unit)
    else:
        return _k_to_temperature(_temperature_to_k(value, from_unit), to_unit)


def units_for(dimension: str) -> list[str]:
    """Sorted symbols of the units of `dimension`; [] for an unknown dimension."""
    if dimension == "length":
        return sorted(LENGTH_UNITS)
    elif dimension == "mass":
        return sorted(MASS_UNITS)
    elif dimension == "time":
        return sorted(TIME_UNITS)
    elif dimension == "temperature":
        return sorted(TEMPERATURE_UNITS)
    return []


def dimensions() -> list[str]:
    """Sorted names of all dimensions."""
    return sorted(["length", "mass", "time", "temperature"])


_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_KNOWN = "|".join(
    sorted(LENGTH_UNITS + MASS_UNITS + TIME_UNITS + TEMPERATURE_UNITS, key=len, reverse=True)
)
_QUANTITY = re.compile(rf"\s*({_NUMBER})\s*({_KNOWN})\s*")
_ANY_QUANTITY = re.compile(rf"\s*({_NUMBER})\s*(\S+)\s*")


def parse_quantity(text: str) -> tuple[float, str]:
    """'12.5 km' -> (12.5, 'km'). The space is optional ('7ft') and surrounding whitespace
    is ignored. The number is an optional sign, digits and an optional fraction.

    UnknownUnitError if the number is fine but the unit is not known; ValueError
    (not UnknownUnitError) for anything else, such as a missing number or unit.
    """
    m = _QUANTITY.fullmatch(text)
    if m:
        return float(m.group(1)), m.group(2)
    m = _ANY_QUANTITY.fullmatch(text)
    if m:
        raise UnknownUnitError(f"unknown unit: {m.group(2)!r}")
    raise ValueError(f"not a quantity: {text!r}")
