"""Where the project's data lives: task suites, sandbox Dockerfiles, results.

The project root is the folder holding `tasks/` and `sandboxes/`: $HARNESS_ROOT if set, else the checkout
this package runs from (an editable install), else the current folder if it holds them. A plain
`pip install .` copies only the package, so outside a checkout set HARNESS_ROOT.
"""

from __future__ import annotations

import os
from pathlib import Path

from harness.errors import HarnessError

_MARKERS = ("tasks", "sandboxes")


def _has_data(d: Path) -> bool:
    return any((d / m).is_dir() for m in _MARKERS)


def find_root() -> Path | None:
    """The project root, or None when no candidate holds tasks/ or sandboxes/."""
    env = os.environ.get("HARNESS_ROOT")
    if env:
        root = Path(env).resolve()
        return root if _has_data(root) else None
    for cand in (Path(__file__).resolve().parent.parent, Path(".").absolute()):
        if _has_data(cand):
            return cand.resolve()
    return None


def project_root() -> Path:
    """The folder holding `tasks/` and `sandboxes/`; a HarnessError (one line) when there is none."""
    root = find_root()
    if root is not None:
        return root
    env = os.environ.get("HARNESS_ROOT")
    if env:
        raise HarnessError(
            f"HARNESS_ROOT={env} holds no tasks/ or sandboxes/ folder: point it at the harness checkout"
        )
    raise HarnessError(
        "cannot find the harness's tasks/ and sandboxes/ folders (installed with a plain `pip install`?): "
        "set HARNESS_ROOT to the checkout that holds them"
    )


def tasks_dir() -> Path:
    return project_root() / "tasks"


def sandboxes_dir() -> Path:
    return project_root() / "sandboxes"


def default_results_dir() -> Path:
    """$HARNESS_RESULTS_DIR, else results/ in the project root, else results/ in the current folder."""
    env = os.environ.get("HARNESS_RESULTS_DIR")
    if env:
        return Path(env)
    return (find_root() or Path(".").absolute()) / "results"
