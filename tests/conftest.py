"""Shared fixtures. Tests marked `docker` need a Docker engine: skipped when none answers locally,
a failure when CI=true (CI must run them for real)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.errors import DockerUnavailable

REPO = Path(__file__).resolve().parent.parent
SMOKE = REPO / "tasks" / "smoke"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def docker_client():  # type: ignore[no-untyped-def]
    from harness.sandbox.docker import docker_client as connect

    try:
        return connect()
    except DockerUnavailable as e:
        if _in_ci():
            pytest.fail(f"CI=true but no Docker engine: {e}")
        pytest.skip(f"no Docker engine: {e}")


@pytest.fixture(scope="session")
def images(docker_client):  # type: ignore[no-untyped-def]
    """Every sandbox image, built once per session (a no-op when already built)."""
    from harness.sandbox.images import available_images, ensure_images

    return ensure_images(docker_client, set(available_images()), lambda m: print(m))


@pytest.fixture
def results_dir(tmp_path: Path) -> Path:
    d = tmp_path / "results"
    d.mkdir()
    return d


@pytest.fixture
def task_copy(tmp_path: Path) -> Iterator[callable]:  # type: ignore[valid-type]
    """Copy a smoke task into tmp_path so a test may change it."""

    def make(name: str) -> Path:
        dest = tmp_path / "tasks" / name
        shutil.copytree(SMOKE / name, dest)
        return dest

    yield make


_DOCKER_TESTS: set[str] = set()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        # A test that uses the engine is a Docker test whether or not its author marked it.
        if "docker_client" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("docker"):
            item.add_marker(pytest.mark.docker)


def pytest_collection_finish(session: pytest.Session) -> None:
    # After deselection (-m, -k): only the Docker tests that are meant to run.
    _DOCKER_TESTS.update(item.nodeid for item in session.items if item.get_closest_marker("docker"))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    """Say how many of the tests that need Docker ran, so a CI log shows they were not skipped."""
    if not _DOCKER_TESTS:
        return
    counts: dict[str, int] = {}
    for outcome in ("passed", "failed", "error", "skipped", "xfailed", "xpassed"):
        reports = terminalreporter.stats.get(outcome, [])
        # One test has several reports (setup, call, teardown): count each test once per outcome.
        ids = {r.nodeid for r in reports if getattr(r, "nodeid", None) in _DOCKER_TESTS}
        if ids:
            counts[outcome] = len(ids)
    figures = ", ".join(f"{n} {k}" for k, n in counts.items()) or "none ran"
    terminalreporter.write_line(f"Docker tests (marked `docker`, {len(_DOCKER_TESTS)} selected): {figures}")
