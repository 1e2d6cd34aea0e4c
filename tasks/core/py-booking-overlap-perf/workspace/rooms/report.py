from __future__ import annotations

from rooms.models import Booking
from rooms.overlaps import overlap_counts, peak_occupancy


def conflict_report(bookings: list[Booking]) -> str:
    """One line per booking that overlaps others ('ID ROOM: N conflicts', in input order),
    then one line per room ('ROOM peak N at T', rooms sorted by name)."""
    lines = []
    for b, n in zip(bookings, overlap_counts(bookings)):
        if n:
            lines.append(f"{b.id} {b.room}: {n} conflict{'s' if n != 1 else ''}")
    for room, (peak, at) in sorted(peak_occupancy(bookings).items()):
        lines.append(f"{room} peak {peak} at {at}")
    return "\n".join(lines)
