import multiprocessing
import random
import resource
import time

import minidiff
import pytest
import refdiff
from difftools import check_diff

# CPU time, not wall time, so that a busy machine does not make the bound flaky. The agent's code
# runs in a forked child with a hard CPU limit (a quadratic algorithm would run for hours, or run
# out of memory); its CPU time must stay within 3x the reference's, plus a fixed allowance.
CHILD_CPU_LIMIT = 20
CHILD_MEMORY = 700 * 1024 * 1024
FACTOR = 3.0
ALLOWANCE = 1.0
WALL_LIMIT = 240.0


def _child(conn, old, new, context):
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_LIMIT, CHILD_CPU_LIMIT + 5))
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    try:
        best = None
        out = None
        for _ in range(2):
            t = time.process_time()
            out = minidiff.unified_diff(old, new, context=context)
            dt = time.process_time() - t
            best = dt if best is None else min(best, dt)
        conn.send(("ok", best, out))
    except BaseException as exc:
        conn.send(("error", repr(exc)[:300], None))
    conn.close()


def run_limited(old, new, context):
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(child, old, new, context))
    p.start()
    child.close()
    result = None
    if parent.poll(WALL_LIMIT):
        try:
            result = parent.recv()
        except EOFError:
            result = None
    p.join(5)
    if p.is_alive():
        p.kill()
        p.join()
    if result is None:
        pytest.fail(f"unified_diff did not finish (CPU limit {CHILD_CPU_LIMIT}s, exit {p.exitcode})")
    if result[0] != "ok":
        pytest.fail(f"unified_diff failed: {result[1]}")
    return result[1], result[2]


def reference_cpu(old, new, context):
    best = None
    for _ in range(3):
        t = time.process_time()
        refdiff.unified_diff(old, new, context=context)
        dt = time.process_time() - t
        best = dt if best is None else min(best, dt)
    return best


def big_pair(seed, n, edits, vocabulary=None):
    rng = random.Random(seed)
    if vocabulary is None:
        lines = [f"{i:06d},{rng.randrange(10**9)},{rng.choice('abcdef') * 3}\n" for i in range(n)]
    else:
        lines = [rng.choice(vocabulary) + "\n" for _ in range(n)]
    new = list(lines)
    for _ in range(edits):
        p = rng.randrange(len(new))
        r = rng.random()
        if r < 0.35:
            del new[p]
        elif r < 0.7:
            new.insert(p, f"inserted {rng.randrange(10**6)}\n")
        else:
            new[p] = f"changed {rng.randrange(10**6)}\n"
    return "".join(lines), "".join(new)


CASES = {
    "csv-40k-300-edits": (1, 40000, 300, None),
    "csv-60k-80-edits": (2, 60000, 80, None),
    "repetitive-20k-150-edits": (3, 20000, 150, ["{", "}", "", "    return x;", "  else", "end"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_large_inputs_fast_and_shortest(name):
    seed, n, edits, vocab = CASES[name]
    old, new = big_pair(seed, n, edits, vocab)
    ref = reference_cpu(old, new, 3)
    cpu, out = run_limited(old, new, 3)
    assert cpu <= FACTOR * ref + ALLOWANCE, f"{cpu:.2f}s of CPU, reference {ref:.2f}s"
    want = refdiff.unified_diff(old, new, context=3)
    changes = check_diff(old, new, out, 3)
    assert changes == sum(1 for ln in want.split("\n")[2:] if ln[:1] in ("-", "+"))
