import pytest

from durations import format_duration, parse_duration


def test_parse_single_units():
    assert parse_duration("45s") == 45
    assert parse_duration("2m") == 120
    assert parse_duration("3h") == 10800


def test_parse_combined():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("2d 4h") == 187200


def test_parse_rejects_missing_unit():
    with pytest.raises(ValueError):
        parse_duration("5")


def test_format_basic():
    assert format_duration(3725) == "1h2m5s"
    assert format_duration(0) == "0s"
