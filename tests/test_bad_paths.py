"""Every command given a bad path answers with one line and a non-zero exit, never a traceback.

Tests run as root, which writes where chmod 000 says no, so "unwritable" is a path under a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

F = "{file}"  # a regular file
UNDER = "{file}/sub"  # a path under a file: nobody, root included, can create it
MISSING = "{tmp}/missing"
EMPTY = "{tmp}/empty"  # an empty folder

CASES = [
    ["run", "smoke", "--dry-run", "--results-dir", F],
    ["run", "smoke", "--agent", "nop", "--results-dir", UNDER],
    ["run", MISSING],
    ["run", F],
    ["tasks", "list", MISSING],
    ["tasks", "validate", MISSING],
    ["tasks", "validate", F],
    ["tasks", "new", "x-task", "--dest", F],
    ["tasks", "new", "x-task", "--dest", UNDER],
    ["results", "show", "some-run", "--results-dir", F],
    ["results", "show", "some-run", "--results-dir", UNDER],
    ["results", "show", "some-run", "--results-dir", EMPTY],
    ["leaderboard", "--results-dir", F],
    ["leaderboard", "--results-dir", UNDER],
    ["leaderboard", "--results-dir", EMPTY, "--out", F],
    ["leaderboard", "--results-dir", EMPTY, "--out", UNDER],
    ["import", "humaneval", "--out", F],
    ["import", "humaneval", "--out", UNDER],
    ["import", "exercism", MISSING, "--out", EMPTY],
    ["import", "exercism", EMPTY, "--out", F],
    ["import", "exercism", EMPTY, "--out", UNDER],
    ["sandbox", "build", MISSING],
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_bad_path_is_one_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "file").write_text("not a folder\n")
    (tmp_path / "empty").mkdir()
    argv = [a.format(file=tmp_path / "file", tmp=tmp_path) for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "harness.cli", *argv],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Traceback" not in out, out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1, out
    assert (tmp_path / "file").read_text() == "not a folder\n"  # the file in the way is left alone
