"""Grade a result made elsewhere: a finished workspace folder or a patch against the starter files
(`harness grade`). The same path as a trial's grading: diff, fresh container, hidden tests, verdict."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import docker

from harness.errors import HarnessError
from harness.grading.run import GradeOutcome, grade
from harness.grading.workspace import compute_diff, extract_workspace, host_tempdir
from harness.sandbox.images import ensure_images
from harness.task import IGNORED_NAMES, Task
from harness.trial import workspace_cap


def diff_of_folder(task: Task, folder: Path) -> str:
    """The change from the task's starter files to folder, as grading sees it (caches skipped, the same
    size caps as a trial's read-out)."""
    if not folder.is_dir():
        raise HarnessError(f"workspace {folder} is not a folder")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        tar.add(folder, arcname=".", filter=_skip_caches)
    cap = workspace_cap(task)
    with host_tempdir("harness-adhoc-") as tmp:
        final = tmp / "workspace"
        extract_workspace(buf.getvalue(), final, max_file_bytes=cap, max_total_bytes=cap)
        return compute_diff(task, final)


def _skip_caches(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    if any(part in IGNORED_NAMES or part == ".git" for part in Path(info.name).parts):
        return None
    return info


def grade_change(
    task: Task, diff: str, client: docker.DockerClient, log: Callable[[str], None]
) -> GradeOutcome:
    images = ensure_images(client, {task.spec.image}, log)
    tag, _ = images[task.spec.image]
    return grade(task, diff, client, tag, {"harness.run": "adhoc-grade", "harness.trial": task.id})
