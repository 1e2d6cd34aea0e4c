import pytest
from strict_eq import same

from rooms.models import Booking, parse_bookings
from rooms.overlaps import overlap_counts, peak_occupancy
from rooms.report import conflict_report

SAMPLE = """
# id room start end
a  red   0  60
b  red  30  90
c  red  60 120
d  blue  0  10
e  red  90 100
f  blue 10  20
"""


def test_parse_and_validate():
    bookings = parse_bookings(SAMPLE.splitlines())
    assert same([b.id for b in bookings], ["a", "b", "c", "d", "e", "f"])
    with pytest.raises(ValueError):
        Booking("x", "red", 5, 5)


def test_overlap_counts():
    bookings = parse_bookings(SAMPLE.splitlines())
    assert same(overlap_counts(bookings), [1, 2, 2, 0, 1, 0])
    assert same(overlap_counts([]), [])


def test_peak_occupancy():
    bookings = parse_bookings(SAMPLE.splitlines())
    assert same(peak_occupancy(bookings), {"red": (2, 30), "blue": (1, 0)})
    assert same(peak_occupancy([]), {})


def test_conflict_report():
    bookings = parse_bookings(SAMPLE.splitlines())
    assert same(conflict_report(bookings), "\n".join(
        [
            "a red: 1 conflict",
            "b red: 2 conflicts",
            "c red: 2 conflicts",
            "e red: 1 conflict",
            "blue peak 1 at 0",
            "red peak 2 at 30",
        ]
    ))
