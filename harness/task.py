"""Task format v1: a folder with task.toml, instruction.md, workspace/, tests/ and solution/.

See docs/tasks.md for the author's guide. Every error names the file and, where there is one, the field.
"""

from __future__ import annotations

import fnmatch
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import HarnessError, TaskError
from harness.paths import tasks_dir

TASK_FILE = "task.toml"
LOCK_FILE = "tests.lock.json"  # harness/grading/inventory.py
IGNORED_NAMES = {"__pycache__", ".pytest_cache", ".mypy_cache", "node_modules", "target", ".DS_Store"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgentSection(_Strict):
    timeout_sec: float = Field(900, gt=0, description="Wall-clock limit for the agent phase, in seconds.")
    test_command: str | None = Field(
        None,
        description="Command running the visible tests in workspace/, offered to agents; none if absent.",
    )


class GradingSection(_Strict):
    command: str = Field(description="Test command run by bash in /workspace; exit 0 means the tests passed.")
    timeout_sec: float = Field(300, gt=0, description="Wall-clock limit for the test command, in seconds.")
    junit: bool = Field(True, description="The command writes a JUnit XML report to $HARNESS_JUNIT.")
    tests_dir: str = Field("tests", description="Where tests/ is copied in the workspace before grading.")
    protected: list[str] = Field(
        default_factory=list, description="Extra globs restored from the starter files before grading."
    )
    unprotected: list[str] = Field(
        default_factory=list, description="Default protected globs this task lets the agent change."
    )
    canaries: bool = Field(
        True, description="Inject canary tests into the hidden tests at grading (see docs/tasks.md)."
    )
    isolation: Literal["judge", "in-process"] = Field(
        "judge",
        description="judge: the test runner never loads the agent's code (it runs in workers under "
        "another uid); in-process: the agent's code runs inside the test process (weaker).",
    )
    judge_builds: bool = Field(
        False,
        description="in-process only: the test command runs as the judge on /judge (as in judge mode), "
        "builds the test binary from the hidden tests and the workspace, and runs it as the agent "
        "(agentrun); the hidden tests and the report stay out of the agent's reach.",
    )


class LimitsSection(_Strict):
    memory_mb: int = Field(1024, ge=64, le=65536, description="Memory limit of each container (no swap).")
    cpus: float = Field(1.0, gt=0, le=64, description="CPU limit of each container.")
    pids: int = Field(256, ge=16, le=65536, description="Maximum processes and threads in a container.")
    workspace_mb: int = Field(256, ge=8, le=65536, description="Size of the /workspace filesystem.")
    tmp_mb: int = Field(256, ge=8, le=65536, description="Size of the /tmp filesystem.")


class SourceSection(_Strict):
    name: str = Field(description="Where the task comes from (benchmark or project name).")
    url: str | None = Field(None, description="Where the original can be found.")
    license: str | None = Field(None, description="The licence of the original.")


class CalibrationSection(_Strict):
    """How a solver that had not seen the hidden tests or the solution did on the task (docs/tasks.md)."""

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="When the attempt was made (YYYY-MM-DD).")
    solver: str = Field(min_length=1, description="Who tried: a model or person, and what it could see.")
    tries: int = Field(ge=1, description="Graded tries the solver made (the first one decides `outcome`).")
    outcome: Literal["pass", "fail"] = Field(description="The verdict of the solver's first graded try.")
    score: float | None = Field(
        None, ge=0, le=1, description="Fraction of hidden tests the first try passed."
    )
    failing_tests: list[str] = Field(default_factory=list, description="Hidden tests the first try failed.")
    later: Literal["pass", "fail"] | None = Field(None, description="The verdict of the last try, if more.")
    notes: str | None = Field(None, description="What the solver missed, and why the tests are fair.")


class TaskSpec(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Unique id; equals the folder name.")
    title: str = Field(min_length=1, description="One-line title.")
    language: str = Field(min_length=1, description="Main language of the task (python, node, go, ...).")
    difficulty: Literal["easy", "medium", "hard"]
    tags: list[str] = Field(default_factory=list, description="Free-form labels used for selection.")
    family: str | None = Field(None, description="Group of closely related tasks, for clustered statistics.")
    image: str = Field(min_length=1, description="Sandbox image: a folder name under sandboxes/.")
    agent: AgentSection = Field(default_factory=AgentSection)
    grading: GradingSection
    limits: LimitsSection = Field(default_factory=LimitsSection)
    source: SourceSection | None = None
    calibration: CalibrationSection | None = None


@dataclass(frozen=True)
class Task:
    spec: TaskSpec
    path: Path
    suite: str
    instruction: str
    content_hash: str

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def workspace_dir(self) -> Path:
        return self.path / "workspace"

    @property
    def tests_dir(self) -> Path:
        return self.path / "tests"

    @property
    def solution_dir(self) -> Path:
        return self.path / "solution"


def iter_files(root: Path) -> list[Path]:
    """Regular files and links under root, sorted, skipping caches and build output."""
    out: list[Path] = []
    if not root.is_dir():
        return out
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if any(part in IGNORED_NAMES for part in rel.parts):
            continue
        if p.is_symlink() or p.is_file():
            out.append(p)
    return out


def without_calibration(toml: bytes) -> bytes:
    """task.toml less its [calibration] table: a record of how a solver did says nothing about what a
    trial does, so writing it changes neither the task's hash nor its test lock."""
    out: list[bytes] = []
    skipping = False
    for line in toml.splitlines(keepends=True):
        head = line.strip()
        if head.startswith(b"["):
            skipping = head.split(b"#")[0].strip() in (b"[calibration]", b"[ calibration ]")
            while skipping and out and not out[-1].strip():
                out.pop()  # the blank lines that set the table apart go with it
        if not skipping:
            out.append(line)
    return b"".join(out)


def content_hash(root: Path) -> str:
    """sha256 over every file's relative path, mode bit x and bytes: changes whenever the task does."""
    h = hashlib.sha256()
    for p in iter_files(root):
        rel = p.relative_to(root).as_posix()
        if rel == LOCK_FILE:
            continue  # the test inventory is written by validation; it does not change the task
        h.update(rel.encode() + b"\0")
        if p.is_symlink():
            h.update(b"L" + str(p.readlink()).encode())
        else:
            h.update(b"X" if p.stat().st_mode & 0o111 else b"F")
            data = p.read_bytes()
            h.update(without_calibration(data) if rel == TASK_FILE else data)
        h.update(b"\0")
    return h.hexdigest()


def _field_error(file: Path, err: ValidationError) -> TaskError:
    first = err.errors()[0]
    loc = ".".join(str(x) for x in first["loc"]) or "(top level)"
    extra = f" ({len(err.errors()) - 1} more)" if len(err.errors()) > 1 else ""
    return TaskError(f"{file}: field '{loc}': {first['msg']}{extra}")


def load_task(path: Path, suite: str | None = None) -> Task:
    path = path.resolve()
    toml_path = path / TASK_FILE
    if not toml_path.is_file():
        raise TaskError(f"{toml_path}: missing (a task folder needs task.toml)")
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise TaskError(f"{toml_path}: invalid TOML: {e}") from None
    data.setdefault("id", path.name)
    try:
        spec = TaskSpec.model_validate(data)
    except ValidationError as e:
        raise _field_error(toml_path, e) from None
    if spec.id != path.name:
        raise TaskError(f"{toml_path}: field 'id': '{spec.id}' must equal the folder name '{path.name}'")
    instr = path / "instruction.md"
    if not instr.is_file() or not instr.read_text(encoding="utf-8", errors="replace").strip():
        raise TaskError(f"{instr}: missing or empty (it is what the agent is told)")
    if not (path / "workspace").is_dir():
        raise TaskError(f"{path / 'workspace'}: missing (the starter files; may hold just a README)")
    if not iter_files(path / "tests"):
        raise TaskError(f"{path / 'tests'}: missing or empty (the hidden tests)")
    if not iter_files(path / "solution"):
        raise TaskError(f"{path / 'solution'}: missing or empty (files to overlay, or solve.sh)")
    tests_dir = Path(spec.grading.tests_dir)
    if tests_dir.is_absolute() or ".." in tests_dir.parts:
        raise TaskError(
            f"{toml_path}: field 'grading.tests_dir': must be a relative path inside the workspace"
        )
    return Task(
        spec=spec,
        path=path,
        suite=suite or path.parent.name,
        instruction=instr.read_text(encoding="utf-8"),
        content_hash=content_hash(path),
    )


def _suite_of(task_dir: Path) -> str:
    try:
        return task_dir.resolve().relative_to(tasks_dir().resolve()).parts[0]
    except (ValueError, IndexError, HarnessError):  # HarnessError: no project root (a task folder given)
        return task_dir.resolve().parent.name


def find_task_dirs(root: Path) -> list[Path]:
    if (root / TASK_FILE).is_file():
        return [root]
    return sorted(p.parent for p in root.rglob(TASK_FILE) if not (IGNORED_NAMES & set(p.parts)))


def resolve_target(target: str) -> Path:
    """A suite name (folder under tasks/), a task folder, or a folder of task folders."""
    p = Path(target)
    if p.exists():
        if not p.is_dir():
            raise TaskError(f"{target}: not a folder (give a suite name, a task folder or a folder of tasks)")
        return p
    suite = tasks_dir() / target
    if suite.is_dir():
        return suite
    known = sorted(d.name for d in tasks_dir().iterdir() if d.is_dir()) if tasks_dir().is_dir() else []
    raise TaskError(f"{target}: no such suite or folder (suites: {', '.join(known) or 'none'})")


def load_tasks(
    targets: list[str],
    *,
    task_globs: list[str] | None = None,
    tags: list[str] | None = None,
    languages: list[str] | None = None,
    difficulties: list[str] | None = None,
) -> list[Task]:
    """Load and filter the tasks named by targets; any malformed task is an error naming it."""
    tasks: dict[str, Task] = {}
    for target in targets or ["smoke"]:
        root = resolve_target(target)
        dirs = find_task_dirs(root)
        if not dirs:
            raise TaskError(f"{target}: holds no task (no {TASK_FILE} below it)")
        for d in dirs:
            t = load_task(d, suite=_suite_of(d))
            if t.id in tasks and tasks[t.id].path != t.path:
                raise TaskError(f"{d / TASK_FILE}: field 'id': '{t.id}' is also used by {tasks[t.id].path}")
            tasks[t.id] = t
    out = list(tasks.values())
    if task_globs:
        out = [t for t in out if any(fnmatch.fnmatch(t.id, g) for g in task_globs)]
    if tags:
        out = [t for t in out if set(tags) & set(t.spec.tags)]
    if languages:
        out = [t for t in out if t.spec.language in languages]
    if difficulties:
        out = [t for t in out if t.spec.difficulty in difficulties]
    return sorted(out, key=lambda t: (t.suite, t.id))
