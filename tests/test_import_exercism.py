"""Exercism import: a polyglot-layout folder and a single track checkout become valid tasks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.importers.exercism import import_exercism
from harness.task import load_tasks

DATA = Path(__file__).parent / "data" / "exercism"


def test_polyglot_layout(tmp_path: Path) -> None:
    report = import_exercism(DATA, tmp_path / "out")
    assert sorted(report.imported) == [
        "bash-leap",
        "go-leap",
        "python-leap",
        "python-word-count",
        "rust-tally",
    ]
    assert sorted(report.skipped) == ["javascript/leap", "python/old-one"]
    assert "no sandbox runner" in report.skipped["javascript/leap"]
    assert report.skipped["python/old-one"] == "deprecated in the track's config.json"
    tasks = {t.id: t for t in load_tasks([str(tmp_path / "out")])}
    py = tasks["python-leap"]
    assert py.spec.difficulty == "easy" and tasks["python-word-count"].spec.difficulty == "medium"
    assert py.spec.family == "exercism-leap" and py.spec.source is not None
    assert "leap_year(year) -> bool" in py.instruction and "`leap.py`" in py.instruction
    assert (py.tests_dir / "leap_test.py").is_file() and not (py.workspace_dir / "leap_test.py").exists()
    assert "year % 400" in (py.solution_dir / "leap.py").read_text()
    assert not (py.workspace_dir / ".meta").exists() and not (py.workspace_dir / ".docs").exists()
    go = tasks["go-leap"]
    assert go.spec.grading.tests_dir == "." and set(go.spec.grading.protected) == {"go.mod", "leap_test.go"}
    assert "BATS_RUN_SKIPPED=true" in tasks["bash-leap"].spec.grading.command


def test_build_files_of_the_example_and_visible_tests(tmp_path: Path) -> None:
    """`.meta/Cargo-example.toml` is the reference's Cargo.toml (its dependencies), and Cargo.toml is
    the agent's to edit; with visible_tests the tests are in the workspace too, protected, and the
    agent's test command, as in Aider's benchmark."""
    import_exercism(DATA, tmp_path / "hidden", languages=["rust"])
    (rust,) = load_tasks([str(tmp_path / "hidden")])
    assert "[dependencies]" in (rust.solution_dir / "Cargo.toml").read_text()
    assert "Cargo.toml" not in rust.spec.grading.protected and "tests/tally.rs" in rust.spec.grading.protected
    assert not (rust.workspace_dir / "tests" / "tally.rs").exists() and rust.spec.agent.test_command is None
    import_exercism(DATA, tmp_path / "visible", languages=["rust", "python"], visible_tests=True)
    tasks = {t.id: t for t in load_tasks([str(tmp_path / "visible")])}
    rust, py = tasks["rust-tally"], tasks["python-leap"]
    assert (rust.workspace_dir / "tests" / "tally.rs").is_file() and (
        py.workspace_dir / "leap_test.py"
    ).is_file()
    assert rust.spec.agent.test_command == "cargo test -- --include-ignored"
    assert py.spec.agent.test_command == "python3 -m pytest -q -p no:cacheprovider leap_test.py"
    assert "leap_test.py" in py.spec.grading.protected


def test_track_checkout_and_language_filter(tmp_path: Path) -> None:
    report = import_exercism(DATA / "python", tmp_path / "a")
    assert sorted(report.imported) == ["python-leap", "python-word-count"]
    only_go = import_exercism(DATA, tmp_path / "b", languages=["go"])
    assert only_go.imported == ["go-leap"]


def test_bad_input(tmp_path: Path) -> None:
    with pytest.raises(HarnessError, match="not a folder"):
        import_exercism(tmp_path / "missing", tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(HarnessError, match="exercises/practice"):
        import_exercism(tmp_path / "empty", tmp_path / "out2")


@pytest.mark.docker
def test_imported_tasks_validate(images, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cli = [sys.executable, "-m", "harness.cli"]
    proc = subprocess.run(
        # Rust is left out here: its build would double this test's time (its import is checked above).
        [*cli, "import", "exercism", str(DATA), "--out", str(tmp_path / "ex"), "--language", "python",
         "--language", "go", "--language", "bash"],
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert proc.returncode == 0 and "imported 4 tasks" in proc.stdout, proc.stdout + proc.stderr
    proc = subprocess.run(
        [*cli, "tasks", "validate", "--run", str(tmp_path / "ex")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
    )
    out = proc.stdout
    # Exercism imports grade in-process (their tests sit beside the solution and pass callbacks), so an
    # object that equals anything passes a test that compares a result with ==: validation says so, and
    # fails the task. Every other check passes for all four tasks.
    assert proc.returncode == 1 and "some tasks are not valid" in out, out + proc.stderr
    assert "python-word-count probe cheat-always-equal: pass" in out, out
    rows = {ln.split("│")[1].strip(): ln for ln in out.splitlines() if ln.startswith("│ ") and "/1" in ln}
    assert sorted(rows) == ["bash-leap", "go-leap", "python-leap", "python-word-count"], out
    for task in ("bash-leap", "go-leap", "python-leap"):
        assert rows[task].rstrip("│ ").endswith("ok"), rows[task]
    assert "cheat-always-equal PASSES" in rows["python-word-count"], rows["python-word-count"]
    assert "reference fails" not in out and "empty attempt PASSES" not in out, out
