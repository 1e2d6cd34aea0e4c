import multiprocessing
import random
import resource
import time
from bisect import bisect_left, bisect_right

import pytest
from strict_eq import same

from rooms.models import Booking
from rooms.overlaps import overlap_counts, peak_occupancy
from rooms.report import conflict_report

# The limits are on CPU time, not wall time, so that a busy machine does not make them flaky.
# The reference O(n log n) solution uses well under 1 s of CPU for each large call below;
# anything that compares a booking with the bookings it overlaps needs minutes.
CPU_LIMIT = 10.0
# A generous wall-clock guard: it only stops code that hangs without using the CPU.
WALL_LIMIT = 150.0


def brute_counts(bookings):
    return [
        sum(1 for j, b in enumerate(bookings) if j != i and a.room == b.room and a.start < b.end and b.start < a.end)
        for i, a in enumerate(bookings)
    ]


def brute_peak(bookings):
    out = {}
    for room in {b.room for b in bookings}:
        mine = [b for b in bookings if b.room == room]
        best = None
        for t in sorted({b.start for b in mine}):
            n = sum(1 for b in mine if b.start <= t < b.end)
            if best is None or n > best[0]:
                best = (n, t)
        out[room] = best
    return out


def random_bookings(rng, n, rooms, span, max_len, start_id=0):
    out = []
    for k in range(n):
        s = rng.randrange(span)
        out.append(Booking(f"b{start_id + k}", rng.choice(rooms), s, s + rng.randint(1, max_len)))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_random_small_against_brute_force(seed):
    rng = random.Random(seed)
    n = rng.randint(0, 120)
    rooms = ["r1", "r2", "r3"][: rng.randint(1, 3)]
    bookings = random_bookings(rng, n, rooms, rng.choice([20, 100, 1000]), rng.choice([1, 5, 50, 400]))
    assert same(overlap_counts(bookings), brute_counts(bookings))
    assert same(peak_occupancy(bookings), brute_peak(bookings))


def test_touching_and_identical_intervals():
    bookings = [
        Booking("a", "x", 10, 20),
        Booking("b", "x", 20, 30),
        Booking("c", "x", 10, 20),
        Booking("d", "x", 0, 10),
        Booking("e", "y", 10, 20),
        Booking("f", "x", 15, 16),
    ]
    assert same(overlap_counts(bookings), [2, 0, 2, 0, 0, 2])
    assert same(peak_occupancy(bookings), {"x": (3, 15), "y": (1, 10)})


def test_peak_is_earliest_moment():
    bookings = [Booking("a", "x", 50, 60), Booking("b", "x", 55, 70), Booking("c", "x", 0, 5), Booking("d", "x", 3, 9)]
    assert same(peak_occupancy(bookings), {"x": (2, 3)})


def test_negative_and_huge_times():
    big = 10**15
    bookings = [Booking("a", "x", -big, big), Booking("b", "x", -5, -1), Booking("c", "x", big - 1, big + 10)]
    assert same(overlap_counts(bookings), [2, 1, 1])
    assert same(peak_occupancy(bookings), {"x": (2, -5)})


def test_input_not_modified():
    rng = random.Random(7)
    bookings = random_bookings(rng, 200, ["a", "b"], 500, 40)
    copy = list(bookings)
    overlap_counts(bookings)
    peak_occupancy(bookings)
    conflict_report(bookings)
    assert bookings == copy


def _child(conn, name, seed, n, rooms, span, max_len):
    rng = random.Random(seed)
    bookings = random_bookings(rng, n, rooms, span, max_len)
    fn = {"counts": overlap_counts, "peak": peak_occupancy, "report": conflict_report}[name]
    # the kernel stops this process (SIGXCPU) once the call has used CPU_LIMIT s of CPU
    limit = int(time.process_time() + CPU_LIMIT) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))
    start = time.process_time()
    result = fn(bookings)
    took = time.process_time() - start
    conn.send((took, result))
    conn.close()


def run_limited(name, seed, n, rooms, span, max_len):
    """Run the call in a child process whose CPU time is limited, so that a slow solution
    fails fast instead of hanging."""
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, name, seed, n, rooms, span, max_len))
    proc.start()
    send.close()
    try:
        if not recv.poll(WALL_LIMIT):
            pytest.fail(f"{name} on {n} bookings did not finish within {WALL_LIMIT:.0f} s (wall clock)")
        try:
            took, result = recv.recv()
        except EOFError:
            proc.join()
            pytest.fail(
                f"{name} on {n} bookings used more than {CPU_LIMIT:.0f} s of CPU time without finishing"
                f" (exit code {proc.exitcode})"
            )
    finally:
        proc.kill()
        proc.join()
    assert took < CPU_LIMIT, f"{name} on {n} bookings took {took:.1f} s of CPU time (limit {CPU_LIMIT:.0f} s)"
    return result


def fast_counts(bookings):
    by_room = {}
    for b in bookings:
        by_room.setdefault(b.room, ([], []))
        by_room[b.room][0].append(b.start)
        by_room[b.room][1].append(b.end)
    for s, e in by_room.values():
        s.sort()
        e.sort()
    return [bisect_left(by_room[b.room][0], b.end) - bisect_right(by_room[b.room][1], b.start) - 1 for b in bookings]


def fast_peak(bookings):
    out = {}
    rooms = {}
    for b in bookings:
        rooms.setdefault(b.room, []).extend([(b.start, 1), (b.end, -1)])
    for room, ev in rooms.items():
        ev.sort()
        active, best = 0, (0, 0)
        for t, d in ev:
            active += d
            if active > best[0]:
                best = (active, t)
        out[room] = best
    return out


LARGE = {
    # (seed, n, rooms, span, max_len)
    "one-room": (1, 120_000, ["main"], 1_000_000, 100_000),
    "forty-rooms": (2, 150_000, [f"room{i}" for i in range(40)], 5_000_000, 200_000),
    "all-overlapping": (3, 100_000, ["a", "b"], 10_000, 10_000),
}


def test_overlap_counts_large():
    seed, n, rooms, span, max_len = LARGE["one-room"]
    result = run_limited("counts", seed, n, rooms, span, max_len)
    bookings = random_bookings(random.Random(seed), n, rooms, span, max_len)
    assert same(result, fast_counts(bookings))


def test_peak_occupancy_large():
    seed, n, rooms, span, max_len = LARGE["forty-rooms"]
    result = run_limited("peak", seed, n, rooms, span, max_len)
    bookings = random_bookings(random.Random(seed), n, rooms, span, max_len)
    assert same(result, fast_peak(bookings))


def test_conflict_report_large():
    seed, n, rooms, span, max_len = LARGE["all-overlapping"]
    text = run_limited("report", seed, n, rooms, span, max_len)
    bookings = random_bookings(random.Random(seed), n, rooms, span, max_len)
    counts = fast_counts(bookings)
    peaks = fast_peak(bookings)
    expected = [f"{b.id} {b.room}: {c} conflict{'s' if c != 1 else ''}" for b, c in zip(bookings, counts) if c]
    expected += [f"{room} peak {p} at {t}" for room, (p, t) in sorted(peaks.items())]
    assert same(text.splitlines(), expected)
