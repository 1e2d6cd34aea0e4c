"""Provenance is never overwritten: a resume under other behaviour settings is refused (exit 2) unless
--allow-changed-settings, run.json then keeps every invocation, each trial names the one it ran under,
and the leaderboard keeps trials of different settings apart. Real CLI processes, real Docker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from harness.leaderboard import collect
from harness.leaderboard.collect import settings_suffixes
from harness.results import Invocation, RunInfo, RunStore

SOLVER = "fake/smoke-solver"
TASK = "py-duration-parse"


def harness(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "COLUMNS": "200"},
    )


def trials(results: Path, run_id: str) -> list[dict]:
    return [json.loads(line) for line in (results / run_id / "trials.jsonl").read_text().splitlines()]


def run_json(results: Path, run_id: str) -> dict:
    return json.loads((results / run_id / "run.json").read_text())


def cells(results: Path) -> dict[str, tuple[int, int]]:
    """entry -> (attempts, passes) of TASK on the leaderboard."""
    col = collect(results)
    return {e: (c.attempts, c.passes) for (e, t), c in col.cells.items() if t == TASK}


@pytest.mark.docker
def test_changed_settings_are_refused_then_recorded_when_allowed(images, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    base = ("run", "smoke", "--task", TASK, "--agent", "tools", "--model", SOLVER, "--run-id", "p",
            "--results-dir", str(results_dir))  # fmt: skip
    first = harness(*base)
    assert first.returncode == 0, first.stdout + first.stderr
    run_before = (results_dir / "p" / "run.json").read_bytes()
    lines_before = (results_dir / "p" / "trials.jsonl").read_bytes()

    changed = ("--temperature", "0.5", "--max-turns", "10", "--reasoning-effort", "high", "--attempts", "2")
    for extra in ((), ("--dry-run",)):
        refused = harness(*base, *changed, *extra)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        msg = refused.stderr.strip()
        assert len(msg.splitlines()) == 1 and "Traceback" not in msg, msg
        for part in ("--temperature unset → 0.5", "--max-turns 50 → 10", "--reasoning-effort unset → 'high'"):
            assert part in msg, msg
        assert "--allow-changed-settings" in msg and "--model" not in msg
    # Nothing was written: the first invocation's settings are intact.
    assert (results_dir / "p" / "run.json").read_bytes() == run_before
    assert (results_dir / "p" / "trials.jsonl").read_bytes() == lines_before

    # Concurrency, budget and attempts do not change what a trial does: a resume with them is fine.
    same = harness(*base, "--concurrency", "1", "--budget", "5", "--attempts", "2")
    assert same.returncode == 0, same.stdout + same.stderr
    allowed = harness(*base, "--attempts", "3", "--temperature", "0.5", "--allow-changed-settings")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr

    info = run_json(results_dir, "p")
    invs = info["invocations"]
    assert [i["index"] for i in invs] == [1, 2, 3]
    assert invs[0]["settings"] == invs[1]["settings"]
    assert invs[0]["settings"]["temperature"] is None and invs[2]["settings"]["temperature"] == 0.5
    assert {k for k, v in invs[2]["settings"].items() if invs[0]["settings"][k] != v} == {"temperature"}
    assert invs[0]["settings"]["model"] == SOLVER and invs[0]["settings"]["max_turns"] == 50
    assert all(i["harness_version"] and i["git_sha"] == info["git_sha"] for i in invs)
    assert invs[0]["at"] == info["created_at"] < invs[1]["at"] < invs[2]["at"]
    records = trials(results_dir, "p")
    assert [(r["attempt"], r["invocation"], r["status"]) for r in records] == [
        (1, 1, "pass"), (2, 2, "pass"), (3, 3, "pass"),
    ]  # fmt: skip
    assert records[0] == json.loads(lines_before)  # the first trial untouched

    # Invocations 1 and 2 share settings and pool; invocation 3 is an entry of its own.
    assert cells(results_dir) == {f"tools/{SOLVER}": (2, 2), f"tools/{SOLVER} [temperature=0.5]": (1, 1)}

    # The same settings as the last invocation resume without the flag.
    again = harness(*base, "--attempts", "3", "--temperature", "0.5")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "3 trials kept" in again.stdout


@pytest.mark.docker
def test_old_run_json_without_history_loads_and_is_compared(images, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    base = (
        "run",
        "smoke",
        "--task",
        TASK,
        "--agent",
        "nop",
        "--run-id",
        "old",
        "--results-dir",
        str(results_dir),
    )
    first = harness(*base)
    assert first.returncode == 0, first.stdout + first.stderr
    # Make it look like a run written before invocations existed.
    info = run_json(results_dir, "old")
    del info["invocations"]
    (results_dir / "old" / "run.json").write_text(json.dumps(info))
    lines = []
    for r in trials(results_dir, "old"):
        del r["invocation"]
        lines.append(json.dumps(r) + "\n")
    (results_dir / "old" / "trials.jsonl").write_text("".join(lines))

    history = RunStore(results_dir, "old").read_run().history()
    assert (
        len(history) == 1 and history[0].settings["agent"] == "nop" and history[0].settings["max_turns"] == 50
    )
    assert cells(results_dir) == {"nop": (1, 0)}

    refused = harness(*base, "--max-turns", "7")
    assert refused.returncode == 2 and "--max-turns 50 → 7" in refused.stderr, refused.stderr
    allowed = harness(*base, "--max-turns", "7", "--attempts", "2", "--allow-changed-settings")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    invs = run_json(results_dir, "old")["invocations"]
    assert [(i["index"], i["settings"]["max_turns"]) for i in invs] == [(1, 50), (2, 7)]
    assert invs[0]["at"] == info["created_at"]
    records = trials(results_dir, "old")
    assert [(r["attempt"], r.get("invocation")) for r in records] == [(1, None), (2, 2)]
    assert cells(results_dir) == {"nop": (1, 0), "nop [max-turns=7]": (1, 0)}


def test_settings_suffixes_pool_only_equal_settings() -> None:
    """Within a run and across runs, trials pool only under equal behaviour settings."""
    t = datetime(2026, 12, 1, tzinfo=UTC)

    def info(run_id: str, *temps: float | None, agent: str = "a", turns: int = 50) -> RunInfo:
        invs = [
            Invocation(
                index=i, at=t, settings={"agent": agent, "temperature": x, "max_turns": turns},
                harness_version="v",
            )
            for i, x in enumerate(temps, start=1)
        ]  # fmt: skip
        return RunInfo(
            run_id=run_id, created_at=t, started_at=t, harness_version="v", config={}, invocations=invs
        )

    assert set(settings_suffixes([info("r", None, None)]).values()) == {""}
    assert settings_suffixes([info("r", None, 0.5, None, 0.5, 0.9)]) == {
        ("r", 1): "", ("r", 2): " [temperature=0.5]", ("r", 3): "", ("r", 4): " [temperature=0.5]",
        ("r", 5): " [temperature=0.9]",
    }  # fmt: skip
    # Two runs of the same agent and model: equal settings pool, other settings are their own entry;
    # another agent's settings are compared only with its own.
    got = settings_suffixes(
        [info("r1", 0.2), info("r2", 0.2), info("r3", 0.7, turns=10), info("r4", 0.7, agent="b")]
    )
    assert got == {
        ("r1", 1): "", ("r2", 1): "", ("r3", 1): " [temperature=0.7, max-turns=10]", ("r4", 1): "",
    }  # fmt: skip
    # A run.json from before invocations: its settings come from its config, keys it lacks differ not.
    old = RunInfo(run_id="o", created_at=t, started_at=t, harness_version="v", config={"agent": "a"})
    assert settings_suffixes([info("r", 0.2), old]) == {("r", 1): "", ("o", 1): ""}
