"""`harness tasks new`: every language's scaffold is a valid task, and really runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.scaffold import TEMPLATES, new_task
from harness.task import load_task


@pytest.mark.parametrize("language", sorted(TEMPLATES))
def test_scaffold_loads(tmp_path: Path, language: str) -> None:
    folder = new_task(tmp_path, f"demo-{language}", language)
    task = load_task(folder)
    assert task.spec.language == language and task.spec.image == TEMPLATES[language].image


def test_scaffold_refuses_bad_input(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="no template"):
        new_task(tmp_path, "x", "cobol")
    new_task(tmp_path, "x", "python")
    with pytest.raises(HarnessError, match="already exists"):
        new_task(tmp_path, "x", "python")
    with pytest.raises(HarnessError, match="task id"):
        new_task(tmp_path, "../x", "python")


@pytest.mark.docker
def test_every_scaffold_validates_for_real(images, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli = [sys.executable, "-m", "harness.cli"]
    for language in TEMPLATES:
        subprocess.run([*cli, "tasks", "new", f"demo-{language}", "--language", language, "--dest", str(tmp_path)],
                       check=True, capture_output=True)  # fmt: skip
    proc = subprocess.run([*cli, "tasks", "validate", "--run", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0 and "all tasks valid" in proc.stdout, proc.stdout + proc.stderr
