"""`harness grade`: a result made elsewhere (a folder, or a patch) is graded as a trial is."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SMOKE
from tests.fixtures.cli import harness, nonblank_lines

TASK = SMOKE / "py-duration-parse"


def test_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    for args in (
        ["grade", str(TASK)],
        ["grade", str(TASK), "--workspace", str(tmp_path), "--patch", str(tmp_path / "p")],
        ["grade", str(TASK), "--workspace", str(tmp_path / "missing")],
        ["grade", str(TASK), "--patch", str(tmp_path / "missing.diff")],
        ["grade", str(tmp_path / "no-task"), "--workspace", str(tmp_path)],
        ["grade", str(TASK), "--workspace", str(tmp_path), "--format", "yaml"],
    ):
        proc = harness(*args)
        lines = nonblank_lines(proc.stderr)
        assert proc.returncode == 2 and len(lines) == 1 and "Traceback" not in proc.stderr, (
            args,
            proc.stderr,
        )


@pytest.mark.docker
def test_grade_a_folder_and_a_patch(images, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    attempt = tmp_path / "attempt"
    shutil.copytree(TASK / "workspace", attempt)
    starter = harness("grade", str(TASK), "--workspace", str(attempt), "--format", "json")
    assert starter.returncode == 1, starter.stdout + starter.stderr
    record = json.loads(starter.stdout)
    assert record["status"] == "fail" and record["failing_tests"], record

    # The reference, with a stray cache and a test the attempt added (it is dropped: tests/ is protected).
    shutil.copytree(TASK / "solution", attempt, dirs_exist_ok=True)
    (attempt / "__pycache__").mkdir()
    (attempt / "__pycache__" / "junk.pyc").write_bytes(b"\0")
    (attempt / "tests" / "test_mine.py").write_text("def test_mine():\n    assert True\n")
    solved = harness("grade", str(TASK), "--workspace", str(attempt), "--format", "json")
    assert solved.returncode == 0, solved.stdout + solved.stderr
    record = json.loads(solved.stdout)
    assert (record["status"], record["score"], record["failing_tests"]) == ("pass", 1.0, [])
    assert record["tests"]["passed"] == record["tests"]["total"] > 0

    # The same change as a git patch against the starter files.
    repo = tmp_path / "repo"
    shutil.copytree(TASK / "workspace", repo)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "starter"], check=True)
    shutil.copytree(TASK / "solution", repo, dirs_exist_ok=True)
    diff = subprocess.run([*git, "diff"], check=True, capture_output=True, text=True).stdout
    (tmp_path / "change.diff").write_text(diff)
    patched = harness("grade", str(TASK), "--patch", str(tmp_path / "change.diff"))
    assert patched.returncode == 0 and patched.stdout.startswith("pass py-duration-parse"), patched.stdout
