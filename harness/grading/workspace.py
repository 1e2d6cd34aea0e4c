"""The agent's workspace on its way to grading: unpacked safely, diffed against the pristine starter
files on the host, and rebuilt as starter + diff with protected paths restored and hidden tests added.

Everything the agent left in its own container (processes, files outside /workspace, installed
packages, a rewritten .git) is gone by construction: only the diff crosses over.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from harness.task import Task

MAX_WORKSPACE_FILES = 20_000
# Files a test runner reads as configuration or that the interpreter runs on start-up, and files that
# decide what the test command runs. A path matches when a pattern without '/' matches any of its
# components, or a pattern with '/' matches the whole relative path.
DEFAULT_PROTECTED = [
    # Python
    "conftest.py", "sitecustomize.py", "usercustomize.py", "*.pth", "pytest.ini", ".pytest.ini",
    "tox.ini", "setup.cfg", "pyproject.toml", "pytest.py", "pytest", "_pytest", "pluggy", "py.py",
    "*.dist-info", "*.egg-info",
    # JavaScript
    "package.json", "package-lock.json", ".npmrc", "node_modules", ".mocharc*", "jest.config.*",
    "vitest.config.*", ".node-version",
    # Go, Rust, C and build systems
    "go.mod", "go.sum", "go.work", "*_test.go", "Cargo.toml", "Cargo.lock", ".cargo", "build.rs",
    "Makefile", "makefile", "GNUmakefile", "CMakeLists.txt", "*.mk",
    # Shell test runners
    ".bats", "bats",
]  # fmt: skip
# Caches that are regenerated and never part of an answer.
SKIPPED_NAMES = {"__pycache__", ".pytest_cache", ".git"}


def protected_patterns(task: Task) -> list[str]:
    g = task.spec.grading
    pats = [p for p in DEFAULT_PROTECTED if p not in g.unprotected]
    return [*pats, f"{g.tests_dir.rstrip('/')}/", *g.protected]


def is_protected(rel: str, patterns: list[str]) -> bool:
    parts = PurePosixPath(rel).parts
    for pat in patterns:
        if pat.endswith("/"):
            base = pat.rstrip("/")
            if rel == base or rel.startswith(base + "/"):
                return True
        elif "/" in pat:
            if fnmatch(rel, pat):
                return True
        elif any(fnmatch(part, pat) for part in parts):
            return True
    return False


def extract_workspace(tar_bytes: bytes, dest: Path) -> list[str]:
    """Unpack the agent's workspace tar safely; return what was dropped and why.

    Only regular files, folders and links that stay inside the workspace come through. Links that
    point out of it, hard links, devices, fifos and absolute or '..' paths are dropped.
    """
    dropped: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tf:
        members = tf.getmembers()
        if len(members) > MAX_WORKSPACE_FILES:
            raise WorkspaceRejected(f"workspace holds {len(members)} entries (limit {MAX_WORKSPACE_FILES})")
        for m in members:
            name = m.name.removeprefix("./")
            if not name or name == ".":
                continue
            rel = PurePosixPath(name)
            if rel.is_absolute() or ".." in rel.parts:
                dropped.append(f"{name} (path outside the workspace)")
                continue
            if SKIPPED_NAMES & set(rel.parts):
                continue
            target = dest / rel
            if not _inside(root, target.parent):
                dropped.append(f"{name} (written through a link that leads outside the workspace)")
                continue
            if m.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif m.isreg():
                target.parent.mkdir(parents=True, exist_ok=True)
                src = tf.extractfile(m)
                assert src is not None
                with target.open("wb") as f:
                    shutil.copyfileobj(src, f)
                os.chmod(target, 0o755 if m.mode & 0o111 else 0o644)
            elif m.issym():
                link = PurePosixPath(m.linkname)
                resolved = os.path.normpath(os.path.join(str(root), str(rel.parent), m.linkname))
                if link.is_absolute() or not (
                    resolved == str(root) or resolved.startswith(str(root) + os.sep)
                ):
                    dropped.append(f"{name} (link to {m.linkname}, outside the workspace)")
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(m.linkname, target)
            else:
                kind = "hard link" if m.islnk() else "special file"
                dropped.append(f"{name} ({kind})")
    dropped += _drop_escaping_links(dest)
    return dropped


def _inside(root: Path, path: Path) -> bool:
    """Whether path, with every link along it followed (chains too), stays inside root."""
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root) + os.sep)


class WorkspaceRejected(Exception):
    """The agent's workspace cannot be carried to grading (too large, too many files)."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "harness",
        "GIT_AUTHOR_EMAIL": "harness@localhost",
        "GIT_COMMITTER_NAME": "harness",
        "GIT_COMMITTER_EMAIL": "harness@localhost",
        "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
    }
    proc = subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", "-c", "core.autocrlf=false", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
    )
    if proc.returncode != 0:
        raise GitError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()[-400:]}")
    return proc.stdout


class GitError(Exception):
    pass


def _starter_repo(task: Task, dest: Path) -> None:
    shutil.copytree(task.workspace_dir, dest, symlinks=True, dirs_exist_ok=True)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A", "-f", ".")
    _git(dest, "commit", "-q", "--allow-empty", "-m", "starter")


def compute_diff(task: Task, final_tree: Path) -> str:
    """The agent's change as a binary-safe git diff against the pristine starter files."""
    with tempfile.TemporaryDirectory(prefix="harness-diff-") as tmp:
        repo = Path(tmp) / "repo"
        _starter_repo(task, repo)
        for p in repo.iterdir():
            if p.name != ".git":
                shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        shutil.copytree(final_tree, repo, symlinks=True, dirs_exist_ok=True)
        # -f: an agent's .gitignore must not hide its own changes from grading.
        _git(repo, "add", "-A", "-f", ".")
        return _git(repo, "diff", "--cached", "--binary", "--no-color", "--no-ext-diff", "HEAD").decode(
            "utf-8", errors="surrogateescape"
        )


def build_grading_tree(task: Task, diff: str, dest: Path) -> list[str]:
    """Starter files + diff, with protected paths reset to the starter's and hidden tests added.
    Returns the protected paths the agent had changed."""
    _starter_repo(task, dest)
    if diff.strip():
        _git(
            dest,
            "apply",
            "--binary",
            "--whitespace=nowarn",
            "-",
            stdin=diff.encode("utf-8", "surrogateescape"),
        )
    shutil.rmtree(dest / ".git")
    _drop_escaping_links(dest)
    patterns = protected_patterns(task)
    restored: set[str] = set()
    present = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if not p.is_dir() or p.is_symlink()}
    starter = {p.relative_to(task.workspace_dir).as_posix() for p in task.workspace_dir.rglob("*")}
    for rel in sorted(present):
        if is_protected(rel, patterns):
            original = task.workspace_dir / rel
            path = dest / rel
            if rel not in starter or not _same(original, path):
                restored.add(rel)
            if path.is_symlink() or path.is_file():
                path.unlink()
    for rel in sorted(starter):
        src = task.workspace_dir / rel
        if is_protected(rel, patterns) and (src.is_file() or src.is_symlink()):
            if rel not in present:
                restored.add(rel)  # the agent deleted it
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            if (dest / rel).is_dir() and not (dest / rel).is_symlink():
                shutil.rmtree(dest / rel)
                restored.add(rel)
            shutil.copy2(src, dest / rel, follow_symlinks=False)
    if task.spec.language == "python":
        restored |= _drop_shadow_modules(dest, task)
    _drop_escaping_links(dest)
    tests_dest = dest / task.spec.grading.tests_dir
    if tests_dest.is_symlink() or tests_dest.is_file():
        tests_dest.unlink()
    shutil.copytree(task.tests_dir, tests_dest, symlinks=False, dirs_exist_ok=True)
    return sorted(restored)


# `python -m pytest` puts the workspace first on sys.path, so a new top-level module named like one of
# these would replace it for the test run.
SHADOWED = frozenset(sys.stdlib_module_names) | {
    "pytest",
    "_pytest",
    "pluggy",
    "py",
    "iniconfig",
    "packaging",
}


def _drop_shadow_modules(dest: Path, task: Task) -> set[str]:
    """Remove new top-level modules or packages that would shadow the standard library or pytest."""
    removed = set()
    for p in dest.iterdir():
        stem = p.name.split(".")[0] if p.is_file() or p.is_symlink() else p.name
        is_module = p.is_dir() or p.suffix in {".py", ".pyc", ".so", ".pyd"}
        if is_module and stem in SHADOWED and not (task.workspace_dir / p.name).exists():
            shutil.rmtree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
            removed.add(p.name)
    return removed


def _same(a: Path, b: Path) -> bool:
    if a.is_symlink() or b.is_symlink():
        return a.is_symlink() and b.is_symlink() and a.readlink() == b.readlink()
    return a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()


def _drop_escaping_links(root: Path) -> list[str]:
    """Remove links that lead out of root once fully resolved; return what was removed and why."""
    real_root = Path(os.path.realpath(root))
    dropped = []
    for p in sorted(root.rglob("*"), key=lambda q: len(q.parts)):
        if p.is_symlink() and not _inside(real_root, p):
            dropped.append(
                f"{p.relative_to(root).as_posix()} (link to {os.readlink(p)}, outside the workspace)"
            )
            p.unlink()
    return dropped
