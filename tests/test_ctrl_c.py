"""Ctrl-C on `harness run`: a real process, real signals, a slow agent and trials still queued."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from harness.agents.base import AgentLimits, AgentOutcome

REPO = Path(__file__).resolve().parent.parent


class SlowAgent:
    """Sits in a local call for ten minutes: its thread cannot be told to stop."""

    name = "slow"
    needs_model = False

    def run(self, task: Any, sandbox: Any, model: Any, limits: AgentLimits) -> AgentOutcome:
        time.sleep(600)
        return AgentOutcome(stop_reason="done", log="slept")


def _exited_within(proc: subprocess.Popen[str], seconds: float) -> bool:
    """Poll (bounded) for the process to end; True if it did."""
    for _ in range(int(seconds / 0.1)):
        if proc.poll() is not None:
            return True
        time.sleep(0.1)
    return proc.poll() is not None


def _containers(client: Any, run_id: str) -> list[Any]:
    return client.containers.list(all=True, filters={"label": f"harness.run={run_id}"})


@pytest.mark.docker
@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_exits_promptly_and_run_json_says_interrupted(
    images: Any, docker_client: Any, results_dir: Path, presses: int
) -> None:
    run_id = f"ctrl-c-{presses}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "run", "smoke", "--agent", "tests.test_ctrl_c:SlowAgent",
         "--concurrency", "1", "--run-id", run_id, "--results-dir", str(results_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
        env={**os.environ, "COLUMNS": "200", "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    try:
        # The first trial's agent is asleep in its container; four more trials are queued.
        for _ in range(1200):
            if _containers(docker_client, run_id) or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()[0]
        assert _containers(docker_client, run_id)
        for _ in range(presses):
            proc.send_signal(signal.SIGINT)
        # Generous: the old code needed 15 s plus the agent's ten minutes.
        exited = _exited_within(proc, 60)
        if not exited:
            proc.kill()
        out = proc.communicate(timeout=30)[0]
        assert exited, out
        assert proc.returncode == 130, out
        assert "Traceback" not in out, out
        assert "interrupted" in out
        info = json.loads((results_dir / run_id / "run.json").read_text())
        assert info["status"] == "interrupted" and info["end_reason"] == "interrupted", info
        assert info["finished_at"]
        assert _containers(docker_client, run_id) == []
        trials = results_dir / run_id / "trials.jsonl"
        assert not trials.exists() or trials.read_text().strip() == ""  # no trial finished
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
