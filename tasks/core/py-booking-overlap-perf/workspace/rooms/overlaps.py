from __future__ import annotations

from rooms.models import Booking


def _overlap(a: Booking, b: Booking) -> bool:
    return a.room == b.room and a.start < b.end and b.start < a.end


def overlap_counts(bookings: list[Booking]) -> list[int]:
    """For each booking (same order as the input), how many OTHER bookings overlap it."""
    counts = []
    for i, a in enumerate(bookings):
        n = 0
        for j, b in enumerate(bookings):
            if i != j and _overlap(a, b):
                n += 1
        counts.append(n)
    return counts


def peak_occupancy(bookings: list[Booking]) -> dict[str, tuple[int, int]]:
    """For each room with bookings: (the largest number of its bookings in progress at
    the same moment, the earliest moment at which that number is reached)."""
    result: dict[str, tuple[int, int]] = {}
    for a in bookings:
        # the number of bookings in progress only rises at a start
        active = sum(1 for b in bookings if b.room == a.room and b.start <= a.start < b.end)
        best = result.get(a.room)
        if best is None or active > best[0] or (active == best[0] and a.start < best[1]):
            result[a.room] = (active, a.start)
    return result
