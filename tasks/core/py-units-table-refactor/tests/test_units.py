import pytest

from units import DimensionError, UnknownUnitError, convert, dimensions, parse_quantity, units_for


@pytest.mark.parametrize(
    ("value", "frm", "to", "expected"),
    [
        (1, "km", "m", 1000),
        (12, "in", "ft", 1),
        (1, "mi", "yd", 1760),
        (1, "lb", "oz", 16),
        (2500, "g", "kg", 2.5),
        (90, "min", "h", 1.5),
        (1, "day", "s", 86400),
        (100, "C", "F", 212),
        (32, "F", "C", 0),
        (0, "K", "C", -273.15),
        (-40, "C", "F", -40),
    ],
)
def test_convert(value, frm, to, expected):
    assert convert(value, frm, to) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_errors():
    with pytest.raises(UnknownUnitError):
        convert(1, "parsec", "m")
    with pytest.raises(DimensionError):
        convert(1, "m", "s")


def test_units_for_and_dimensions():
    assert units_for("mass") == ["g", "kg", "lb", "mg", "oz"]
    assert units_for("volume") == []
    assert dimensions() == ["length", "mass", "temperature", "time"]


def test_parse_quantity():
    assert parse_quantity("12.5 km") == (12.5, "km")
    assert parse_quantity("7ft") == (7.0, "ft")
    assert parse_quantity("3 min") == (3.0, "min")
    with pytest.raises(UnknownUnitError):
        parse_quantity("3 parsec")
    with pytest.raises(ValueError):
        parse_quantity("km")
