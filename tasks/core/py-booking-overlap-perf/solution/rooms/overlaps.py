from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict

from rooms.models import Booking


def _by_room(bookings: list[Booking]) -> dict[str, list[int]]:
    rooms: dict[str, list[int]] = defaultdict(list)
    for i, b in enumerate(bookings):
        rooms[b.room].append(i)
    return rooms


def overlap_counts(bookings: list[Booking]) -> list[int]:
    """For each booking (same order as the input), how many OTHER bookings overlap it."""
    counts = [0] * len(bookings)
    for idxs in _by_room(bookings).values():
        starts = sorted(bookings[i].start for i in idxs)
        ends = sorted(bookings[i].end for i in idxs)
        for i in idxs:
            b = bookings[i]
            # bookings starting before b ends, minus those that ended by the time b starts,
            # minus b itself
            counts[i] = bisect_left(starts, b.end) - bisect_right(ends, b.start) - 1
    return counts


def peak_occupancy(bookings: list[Booking]) -> dict[str, tuple[int, int]]:
    """For each room with bookings: (the largest number of its bookings in progress at
    the same moment, the earliest moment at which that number is reached)."""
    result: dict[str, tuple[int, int]] = {}
    for room, idxs in _by_room(bookings).items():
        events = []
        for i in idxs:
            events.append((bookings[i].start, 1))
            events.append((bookings[i].end, -1))
        events.sort()  # at equal times, ends (-1) come before starts (+1)
        active = 0
        best = (0, 0)
        for t, delta in events:
            active += delta
            if active > best[0]:
                best = (active, t)
        result[room] = best
    return result
