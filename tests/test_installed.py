"""A plain (non-editable) `pip install .`: the package alone, without tasks/ and sandboxes/ beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--target", str(target), str(REPO)],
        check=True, capture_output=True, cwd=tmp_path_factory.mktemp("build"),
    )  # fmt: skip
    assert (target / "harness" / "cli.py").is_file() and not (target / "tasks").exists()
    return target


def installed(
    site: Path, cwd: Path, *args: str, root: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("HARNESS_ROOT", "HARNESS_RESULTS_DIR")}
    env.update(PYTHONPATH=str(site), COLUMNS="200")
    if root is not None:
        env["HARNESS_ROOT"] = str(root)
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_installed_package_runs_from_the_copy(site: Path, tmp_path: Path) -> None:
    proc = installed(site, tmp_path, "--help")
    assert proc.returncode == 0, proc.stderr
    check = subprocess.run(
        [sys.executable, "-c", "import harness; print(harness.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)},
    )  # fmt: skip
    assert check.stdout.strip().startswith(str(site)), check.stdout


@pytest.mark.parametrize(
    "args",
    [["run", "smoke", "--dry-run"], ["tasks", "list"], ["sandbox", "build"], ["sandbox", "build", "python"]],
)
def test_without_harness_root_one_line_says_set_it(site: Path, tmp_path: Path, args: list[str]) -> None:
    proc = installed(site, tmp_path, *args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    assert len(lines) == 1 and "HARNESS_ROOT" in lines[0], lines
    assert "Traceback" not in proc.stderr


def test_harness_root_without_data_is_one_line(site: Path, tmp_path: Path) -> None:
    proc = installed(site, tmp_path, "tasks", "list", root=tmp_path)
    assert proc.returncode == 2
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    assert len(lines) == 1 and f"HARNESS_ROOT={tmp_path}" in lines[0], lines


def test_with_harness_root_run_finds_suites(site: Path, tmp_path: Path) -> None:
    proc = installed(
        site, tmp_path, "run", "smoke", "--dry-run", "--results-dir", str(tmp_path / "r"), root=REPO
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    n = len([d for d in (REPO / "tasks" / "smoke").iterdir() if (d / "task.toml").is_file()])
    assert f"{n} tasks x 1 attempts" in proc.stdout, proc.stdout


@pytest.mark.docker
def test_with_harness_root_sandbox_build_finds_images(site: Path, tmp_path: Path, images) -> None:  # type: ignore[no-untyped-def]
    proc = installed(site, tmp_path, "sandbox", "build", "python", root=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ready harness-python:" in proc.stdout, proc.stdout
