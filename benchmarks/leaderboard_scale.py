"""Can the leaderboard handle 100,000 trials? Generates synthetic results (tasks x entries x attempts, with
realistic diff and log sizes) in a temporary folder, then times each stage in a fresh interpreter and
measures its peak memory (tracemalloc peak of Python allocations, in a second pass, and the process's
maximum RSS). Baselines measured in the same run: just reading and JSON-decoding every line, and the
naive approach of loading every TrialResult with RunStore.load_trials().

    python benchmarks/leaderboard_scale.py [--tasks 500] [--entries 20] [--attempts 10] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DIFF = "".join(f"+    line {i}: value = compute(value, {i})  # synthetic change\n" for i in range(40))
LOG = "".join(f"tests/test_mod.py::test_case_{i} PASSED\n" for i in range(40))


def generate(root: Path, n_tasks: int, n_entries: int, attempts: int, seed: int = 7) -> int:
    """Write results/<run>/run.json + trials.jsonl; two runs per entry so pooling is exercised."""
    from harness.models.base import Usage
    from harness.results import RunInfo, RunStore, TestCounts, TrialResult

    rng = random.Random(seed)
    langs = ["python", "node", "go", "rust", "bash", "c"]
    diffs = ["easy", "medium", "hard"]
    difficulty = [rng.random() for _ in range(n_tasks)]  # per-task hardness
    t0 = datetime(2026, 11, 1, tzinfo=UTC)
    n = 0
    for e in range(n_entries):
        skill = 0.2 + 0.6 * e / max(1, n_entries - 1)
        agent, model = ("tools", f"fake/model-{e:02d}") if e % 4 else ("loop", f"fake/model-{e:02d}")
        price = None if e == n_entries - 1 else 0.0005 * (1 + e)  # one entry without a price
        for half in range(2):
            run_id = f"run-{e:02d}-{half}"
            store = RunStore(root, run_id)
            created = t0 + timedelta(hours=e * 2 + half)
            store.write_run(
                RunInfo(
                    run_id=run_id,
                    status="finished",
                    created_at=created,
                    started_at=created,
                    harness_version="bench",
                    config={"agent": agent, "model": model},
                )
            )
            lines = []
            for t in range(n_tasks):
                p = max(0.02, min(0.98, skill + 0.5 - difficulty[t]))
                for a in range(half * attempts // 2, (half + 1) * attempts // 2):
                    r = rng.random()
                    status = "error" if r < 0.01 else ("pass" if rng.random() < p else "fail")
                    u = Usage(input_tokens=rng.randint(2000, 30000), output_tokens=rng.randint(200, 3000))
                    res = TrialResult(
                        run_id=run_id, trial_id=f"task-{t:05d}@{a + 1}", task_id=f"task-{t:05d}", suite="synthetic",
                        task_hash="0" * 64, language=langs[t % len(langs)], difficulty=diffs[t % 3],
                        tags=[langs[t % len(langs)], "synthetic"], agent=agent, model=model, attempt=a + 1,
                        status=status, started_at=created, finished_at=created,
                        duration_s=rng.uniform(5, 120), turns=rng.randint(1, 30), usage=u,
                        cost_usd=None if price is None else price * u.input_tokens / 1000,
                        tests=TestCounts(total=20, passed=20 if status == "pass" else 12), diff=DIFF,
                        log_tail=LOG, agent_log_tail=LOG[:400],
                    )  # fmt: skip
                    lines.append(res.model_dump_json())
                    n += 1
            store.dir.mkdir(parents=True, exist_ok=True)
            store.trials_path.write_text("\n".join(lines) + "\n")
    return n


# -- stages, each run in a fresh interpreter ----------------------------------------------------------


def stage_read_lines(results: Path, out: Path) -> None:
    for run in sorted(results.iterdir()):
        path = run / "trials.jsonl"
        if path.is_file():
            with path.open("rb") as f:
                for line in f:
                    json.loads(line)


def stage_load_all(results: Path, out: Path) -> None:
    from harness.results import list_runs

    kept = [store.load_trials() for store in list_runs(results)]
    assert kept


def stage_md_json(results: Path, out: Path) -> None:
    from harness.leaderboard import build_board, collect, render_markdown, to_json

    board = build_board(collect(results))
    out.mkdir(parents=True, exist_ok=True)
    (out / "leaderboard.md").write_text(render_markdown(board))
    (out / "leaderboard.json").write_text(json.dumps(to_json(board)))


def stage_all(results: Path, out: Path) -> None:
    from harness.leaderboard import build_board, collect, render_markdown, to_json
    from harness.leaderboard.html import write_site

    board = build_board(collect(results))
    out.mkdir(parents=True, exist_ok=True)
    (out / "leaderboard.md").write_text(render_markdown(board))
    (out / "leaderboard.json").write_text(json.dumps(to_json(board)))
    write_site(board, results, out)


STAGES: dict[str, tuple[str, Callable[[Path, Path], None]]] = {
    "read": ("baseline: read + json-decode every line", stage_read_lines),
    "load": ("naive: RunStore.load_trials() for all runs", stage_load_all),
    "md_json": ("leaderboard md + json", stage_md_json),
    "all": ("leaderboard md + json + html", stage_all),
}


def _child(name: str, results: str, out: str, trace: bool, queue: Any) -> None:
    fn = STAGES[name][1]
    if trace:
        tracemalloc.start()
    t, cpu = time.perf_counter(), time.process_time()
    fn(Path(results), Path(out))
    elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    queue.put((elapsed, cpu, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))


def measure(name: str, results: Path, out: Path, trace: bool) -> tuple[float, float, int, int]:
    # spawn, not fork: each stage starts from a clean interpreter, so max RSS is that stage's own.
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, str(results), str(out), trace, queue))
    proc.start()
    result: tuple[float, float, int, int] = queue.get()
    proc.join()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--tasks", type=int, default=500)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--attempts", type=int, default=10)
    ap.add_argument("--keep", type=Path, help="Generate into this folder and keep it.")
    args = ap.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="leaderboard-scale-"))
    results, out = root / "results", root / "report"
    try:
        t = time.perf_counter()
        n = generate(results, args.tasks, args.entries, args.attempts)
        size = sum(p.stat().st_size for p in results.rglob("trials.jsonl"))
        print(f"generated {n:,} trials ({args.tasks} tasks x {args.entries} entries x {args.attempts} attempts), "
              f"{size / 2**20:.0f} MiB of JSONL, in {time.perf_counter() - t:.1f} s")  # fmt: skip
        rows = {}
        for name, (label, _) in STAGES.items():
            if out.exists():
                shutil.rmtree(out)
            elapsed, cpu, _, maxrss = measure(name, results, out, trace=False)
            _, _, peak, _ = measure(name, results, out, trace=True)
            rows[name] = (elapsed, cpu, peak, maxrss)
            print(f"{label:44} {elapsed:6.2f} s wall {cpu:6.2f} s CPU   tracemalloc peak {peak / 2**20:7.1f} MiB   "
                  f"max RSS {maxrss / 2**20:7.1f} MiB")  # fmt: skip
        base = rows["read"]
        for name in ("md_json", "all"):
            e, c, _p, r = rows[name]
            print(f"{STAGES[name][0]:44} vs baseline: wall {e / base[0]:.2f}x, CPU {c / base[1]:.2f}x, "
                  f"max RSS {r / base[3]:.2f}x")  # fmt: skip
        naive = rows["load"]
        print(f"holding every TrialResult instead (naive): {naive[2] / 2**20:.0f} MiB traced, "
              f"{naive[2] / max(1, rows['md_json'][2]):.1f}x the leaderboard's peak; max RSS {naive[3] / 2**20:.0f} MiB")  # fmt: skip
        pages = len(list((out / "trials").glob("*.html"))) if (out / "trials").is_dir() else 0
        html = sum(p.stat().st_size for p in out.rglob("*.html")) if out.is_dir() else 0
        print(f"web report: {pages} trial pages (capped), {html / 2**20:.1f} MiB of HTML, "
              f"index.html {(out / 'index.html').stat().st_size / 2**10:.0f} KiB")  # fmt: skip
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
