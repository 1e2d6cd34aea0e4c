"""Long commands show progress: `sandbox build` tails the build log as it comes (each Dockerfile step,
while it runs), and debootstrap's phases are shown as they start."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

from harness.sandbox.images import _stream, log_phases
from tests.fixtures.cli import harness


def test_log_phases_keeps_steps_and_first_line_of_each_phase() -> None:
    seen: list[str] = []
    on_line = log_phases(seen.append)
    for line in [
        "Step 1/3 : FROM debian:bookworm-slim",
        " ---> e2a969d0a18c",
        "I: Retrieving InRelease",
        "I: Retrieving Packages",
        "I: Validating Packages",
        "I: Retrieving apt 2.6.1",
        "Step 2/3 : RUN make",
        "cc -O2 -c x.c",
    ]:
        on_line(line)
    assert seen == [
        "Step 1/3 : FROM debian:bookworm-slim",
        "I: Retrieving InRelease",
        "I: Validating Packages",
        "Step 2/3 : RUN make",
    ]


def test_stream_passes_lines_as_they_come(tmp_path: Path) -> None:
    """Each line reaches the callback before the command has finished: the second line is written only
    after the first one has been seen (the command waits for a file the callback creates)."""
    flag = tmp_path / "seen-first"
    script = (
        "import os, sys, time\n"
        "print('first', flush=True)\n"
        f"while not os.path.exists({str(flag)!r}): time.sleep(0.01)\n"
        "print('second', flush=True)\n"
        "sys.exit(3)\n"
    )
    got: list[str] = []

    def on_line(line: str) -> None:
        got.append(line)
        flag.touch()

    code, tail = _stream([sys.executable, "-c", script], on_line)
    assert (code, got, tail) == (3, ["first", "second"], ["first", "second"])


@pytest.mark.docker
def test_sandbox_build_shows_each_step(tmp_path: Path, docker_client, images) -> None:  # type: ignore[no-untyped-def]
    """A fresh image (a unique context, so nothing is cached) shows every step of its Dockerfile, and
    the output of a RUN step reaches the terminal tail (checked here through the Step lines, since the
    live status line is drawn only on a terminal)."""
    root = tmp_path / "root"
    (root / "tasks").mkdir(parents=True)
    ctx = root / "sandboxes" / "probe"
    ctx.mkdir(parents=True)
    marker = uuid.uuid4().hex
    (ctx / "Dockerfile").write_text(
        f"FROM debian:bookworm-slim\nRUN echo building-{marker}\nLABEL x={marker}\n"
    )
    proc = harness("sandbox", "build", "probe", env={"HARNESS_ROOT": str(root)})
    try:
        assert proc.returncode == 0, proc.stdout + proc.stderr
        out = proc.stdout
        steps = [ln.strip() for ln in out.splitlines() if ln.strip().startswith("Step ")]
        assert [s.split(" : ")[0] for s in steps] == [
            "Step 1/5",
            "Step 2/5",
            "Step 3/5",
            "Step 4/5",
            "Step 5/5",
        ]
        assert f"RUN echo building-{marker}" in out
        assert "ready harness-probe:" in out
    finally:
        for tag in {w for w in proc.stdout.split() if w.startswith("harness-probe:")}:
            docker_client.images.remove(tag, force=True)
