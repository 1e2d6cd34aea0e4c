from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Booking:
    """A booking of `room` for the half-open interval [start, end) (minutes since epoch).

    Two bookings overlap when they are for the same room and their intervals share a
    moment: a booking ending at 10 and one starting at 10 do not overlap.
    """

    id: str
    room: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError(f"booking {self.id}: start must be before end")


def parse_bookings(lines) -> list[Booking]:
    """Parse lines 'ID ROOM START END' (blank lines and '#' comments are skipped)."""
    out = []
    for n, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 4:
            raise ValueError(f"line {n}: expected 'ID ROOM START END'")
        out.append(Booking(parts[0], parts[1], int(parts[2]), int(parts[3])))
    return out
