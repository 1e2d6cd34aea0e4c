"""The CLI end to end, as a user runs it: real processes, real Docker, real results folders."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.task import load_tasks

SMOKE_IDS = sorted(t.id for t in load_tasks(["smoke"]))


def harness(
    *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
    )


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "harness.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


def trials(results: Path, run_id: str) -> list[dict]:
    path = results / run_id / "trials.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def containers(client, run_id: str) -> list:  # type: ignore[no-untyped-def]
    return client.containers.list(all=True, filters={"label": f"harness.run={run_id}"})


def wait_for(predicate, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached in time")


# -- no Docker needed ----------------------------------------------------------------------------


def test_malformed_task_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad-task"
    for sub in ("workspace", "tests", "solution"):
        (bad / sub).mkdir(parents=True)
    (bad / "instruction.md").write_text("x")
    (bad / "tests" / "t.py").write_text("x")
    (bad / "solution" / "s.py").write_text("x")
    (bad / "task.toml").write_text(
        'title = "x"\nlanguage = "python"\ndifficulty = "extreme"\nimage = "python"\n'
    )
    for cmd in (["run", str(bad)], ["tasks", "validate", str(bad)]):
        proc = harness(*cmd)
        assert proc.returncode == 2, proc.stderr
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and "task.toml" in lines[0] and "difficulty" in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout


def test_dead_docker_daemon_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for cmd in (["run", "smoke", "--results-dir", str(tmp_path)], ["sandbox", "prune"]):
        proc = harness(*cmd, env={"DOCKER_HOST": f"unix://{tmp_path}/no-docker.sock"})
        assert proc.returncode == 2
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and "Docker engine" in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr


def test_unknown_agent_and_suite_are_clear(tmp_path: Path) -> None:
    proc = harness("run", "smoke", "--agent", "wizard")
    assert proc.returncode == 2 and "unknown agent 'wizard'" in proc.stderr
    proc = harness("run", "no-such-suite")
    assert proc.returncode == 2 and "no such suite" in proc.stderr


def test_every_command_has_help_with_an_example() -> None:
    for cmd in (["run"], ["tasks", "list"], ["tasks", "validate"], ["sandbox", "build"], ["sandbox", "prune"],
                ["sandbox", "bootstrap"], ["results", "show"], ["leaderboard"]):  # fmt: skip
        proc = harness(*cmd, "--help")
        assert proc.returncode == 0 and "Example" in proc.stdout, cmd


# -- Docker ----------------------------------------------------------------------------------------


@pytest.mark.docker
def test_oracle_passes_and_nop_fails_every_smoke_task(images, docker_client, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for agent, expected in (("oracle", "pass"), ("nop", "fail")):
        proc = harness("run", "smoke", "--agent", agent, "--run-id", agent, "--results-dir", str(results_dir),
                       "--concurrency", "2")  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
        got = {t["task_id"]: t["status"] for t in trials(results_dir, agent)}
        assert got == {tid: expected for tid in SMOKE_IDS}, proc.stdout
        assert "pass rate" in proc.stdout and str(results_dir / agent) in proc.stdout
        assert containers(docker_client, agent) == []
    run = json.loads((results_dir / "oracle" / "run.json").read_text())
    assert run["status"] == "finished" and run["harness_version"] and run["config"]["agent"] == "oracle"
    assert set(run["tasks"]) == set(SMOKE_IDS) and run["images"]
    for t in trials(results_dir, "oracle"):
        assert t["tests"]["total"] > 0 and t["tests"]["passed"] == t["tests"]["total"] and t["image_id"]
    show = harness("results", "show", "oracle", "--results-dir", str(results_dir))
    assert show.returncode == 0 and all(tid in show.stdout for tid in SMOKE_IDS)
    one = harness("results", "show", "nop", "--trial", f"{SMOKE_IDS[0]}@1", "--results-dir", str(results_dir))
    assert one.returncode == 0 and "test output" in one.stdout
    board = harness("leaderboard", "--results-dir", str(results_dir))
    assert board.returncode == 0, board.stderr
    folder = results_dir / "leaderboard"
    rows = [ln for ln in (folder / "leaderboard.md").read_text().splitlines() if re.match(r"\| \d+ \|", ln)]
    assert rows[0].startswith(f"| 1 | oracle | {len(SMOKE_IDS)} | {len(SMOKE_IDS)} | 100.0% ")
    assert rows[1].startswith(f"| 2 | nop | {len(SMOKE_IDS)} | {len(SMOKE_IDS)} | 0.0% ")
    data = json.loads((folder / "leaderboard.json").read_text())
    assert [(e["entry"], e["summary"]["pass_at_1"]) for e in data["entries"]] == [
        ("oracle", 1.0),
        ("nop", 0.0),
    ]
    (pair,) = data["comparisons"]
    assert (pair["better"], pair["worse"], pair["n_shared"]) == ("oracle", "nop", len(SMOKE_IDS))
    assert (folder / "index.html").is_file()


@pytest.mark.docker
def test_validate_run_smoke_is_green(images) -> None:  # type: ignore[no-untyped-def]
    # A sample of mutants per task bounds CI time; `harness tasks validate --run smoke` grades 30.
    proc = harness("tasks", "validate", "--run", "--max-mutants", "8", "smoke")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all tasks valid" in proc.stdout


@pytest.mark.docker
def test_sigterm_removes_containers_and_resume_finishes(images, docker_client, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    run_id = "interrupted"
    proc = start("run", "smoke", "--agent", "oracle", "--run-id", run_id, "--results-dir", str(results_dir),
                 "--concurrency", "1")  # fmt: skip
    wait_for(lambda: containers(docker_client, run_id))
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, out
    assert containers(docker_client, run_id) == []
    assert json.loads((results_dir / run_id / "run.json").read_text())["status"] == "interrupted"
    again = harness(
        "run", "smoke", "--agent", "oracle", "--run-id", run_id, "--results-dir", str(results_dir)
    )
    assert again.returncode == 0
    assert sorted(t["task_id"] for t in trials(results_dir, run_id)) == SMOKE_IDS


@pytest.mark.docker
def test_resume_after_sigkill_reruns_only_unfinished(images, docker_client, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    run_id = "killed"
    args = ("run", "smoke", "--agent", "oracle", "--run-id", run_id, "--results-dir", str(results_dir))
    proc = start(*args, "--concurrency", "1")
    wait_for(lambda: len(trials(results_dir, run_id)) >= 1 and containers(docker_client, run_id))
    proc.kill()
    proc.wait(timeout=30)
    before = trials(results_dir, run_id)
    assert 1 <= len(before) < len(SMOKE_IDS)
    # A SIGKILL leaves its containers behind; prune finds them by label.
    assert containers(docker_client, run_id)
    pruned = harness("sandbox", "prune")
    assert pruned.returncode == 0 and containers(docker_client, run_id) == []
    again = harness(*args)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{len(before)} trials kept" in again.stdout
    after = trials(results_dir, run_id)
    assert after[: len(before)] == before  # finished trials untouched
    assert sorted(t["task_id"] for t in after) == SMOKE_IDS  # each task exactly once
    assert {t["status"] for t in after} == {"pass"}


@pytest.mark.docker
def test_resume_refuses_a_different_config(images, results_dir: Path) -> None:  # type: ignore[no-untyped-def]
    ok = harness(
        "run",
        "smoke",
        "--task",
        SMOKE_IDS[0],
        "--agent",
        "nop",
        "--run-id",
        "r",
        "--results-dir",
        str(results_dir),
    )
    assert ok.returncode == 0
    clash = harness("run", "smoke", "--agent", "oracle", "--run-id", "r", "--results-dir", str(results_dir))
    assert clash.returncode == 2 and "exists with another" in clash.stderr
