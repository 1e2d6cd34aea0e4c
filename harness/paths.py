"""Where the project's data lives: task suites, sandbox Dockerfiles, results."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding `tasks/` and `sandboxes/`: $HARNESS_ROOT, else the checkout this package is in."""
    env = os.environ.get("HARNESS_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parent.parent


def tasks_dir() -> Path:
    return project_root() / "tasks"


def sandboxes_dir() -> Path:
    return project_root() / "sandboxes"


def default_results_dir() -> Path:
    return Path(os.environ.get("HARNESS_RESULTS_DIR", project_root() / "results"))
