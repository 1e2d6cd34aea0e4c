"""The agent's workspace on its way to grading: unpacked safely, diffed against the pristine starter
files on the host, and rebuilt as starter + diff with protected paths restored and hidden tests added.

Everything the agent left in its own container (processes, files outside /workspace, installed
packages, a rewritten .git) is gone by construction: only the diff crosses over.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from harness.task import Task

MAX_WORKSPACE_FILES = 20_000
# What the harness carries from the agent's sandbox to the host. Checked on the tar headers, before
# anything is unpacked: a path or a tree this deep is no answer, and would break git or the host's
# clean-up; a file's size is read from its header, so a sparse 1 TiB file costs nothing to refuse.
MAX_PATH_BYTES = 1024
MAX_NAME_BYTES = 255
MAX_DEPTH = 64
MAX_FILE_BYTES = 1 << 30
MAX_TOTAL_BYTES = 2 << 30
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
    """Case-insensitive: `CONFTEST.PY` or `x.DIST-INFO` must not slip past `conftest.py`, `*.dist-info`."""
    rel = rel.lower()
    parts = PurePosixPath(rel).parts
    for pat in (p.lower() for p in patterns):
        if pat.endswith("/"):
            base = pat.rstrip("/")
            if rel == base or rel.startswith(base + "/"):
                return True
        elif "/" in pat:
            if fnmatchcase(rel, pat):
                return True
        elif any(fnmatchcase(part, pat) for part in parts):
            return True
    return False


# Code points HFS+ ignores in names, so `.g\u200cit` is `.git` there (git's is_hfs_dotgit).
_HFS_IGNORED = frozenset(
    [0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x206A, 0x2070), 0xFEFF]
)


def _git_alias(part: str) -> bool:
    """Whether a path component is another spelling of `.git` that git refuses (verify_path):
    any case, NTFS short name `git~1`, trailing dots or spaces, an NTFS stream suffix, HFS+ ignorables."""
    low = "".join(c for c in part if ord(c) not in _HFS_IGNORED).lower()
    base = low.split(":", 1)[0].rstrip(" .")
    return base in (".git", "git~1")


def _bad_text(text: str) -> str | None:
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return "bytes that are not UTF-8"
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        return "a control character"
    if "\\" in text:
        return "a backslash"
    return None


def _name_problem(name: str, m: tarfile.TarInfo) -> str | None:
    """Why git or the host cannot take this member's path (None when it can)."""
    bad = _bad_text(name)
    if bad:
        return f"has {bad} in its name"
    raw = name.encode("utf-8")
    if len(raw) > MAX_PATH_BYTES:
        return f"has a path of {len(raw)} bytes (limit {MAX_PATH_BYTES})"
    parts = PurePosixPath(name).parts
    if len(parts) > MAX_DEPTH:
        return f"is {len(parts)} folders deep (limit {MAX_DEPTH})"
    for part in parts:
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return f"has a name of {len(part.encode('utf-8'))} bytes (limit {MAX_NAME_BYTES})"
        if part != ".git" and _git_alias(part):
            return f"has a component {part!r} that git refuses as another name for .git"
        if unicodedata.category(part[0]) == "Zs" and part.strip() == "":
            return "has a name made only of spaces"
    if m.issym():
        bad = _bad_text(m.linkname)
        if bad:
            return f"is a link whose target has {bad}"
        low = parts[-1].lower().rstrip(" .")
        if low == ".gitmodules" or (low.startswith("gitmod~") and low[7:].isdigit()):
            return "is a link named .gitmodules, which git refuses"
    return None


def _member_name(m: tarfile.TarInfo) -> str:
    return m.name.removeprefix("./")


def _short(name: str) -> str:
    """A member name fit for a one-line message."""
    text = name.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    text = "".join(c if 32 <= ord(c) < 127 else "?" for c in text)
    return text if len(text) <= 120 else text[:60] + "..." + text[-40:]


def scan_members(
    members: list[tarfile.TarInfo],
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
) -> None:
    """Refuse, from the headers alone, a workspace git or the host cannot take: WorkspaceRejected with
    one line naming the first offending entry."""
    if len(members) > MAX_WORKSPACE_FILES:
        raise WorkspaceRejected(f"workspace holds {len(members)} entries (limit {MAX_WORKSPACE_FILES})")
    sizes: dict[str, int] = {}
    total = 0
    for m in members:
        name = _member_name(m)
        if not name or name == ".":
            continue
        rel = PurePosixPath(name)
        if rel.is_absolute() or ".." in rel.parts:
            continue  # dropped when unpacking
        if m.isreg():
            sizes[m.name] = m.size  # a hard link elsewhere may copy it, even from a skipped folder
        if SKIPPED_NAMES & set(rel.parts):
            continue  # never unpacked (the agent's .git, caches): its names do not matter
        problem = _name_problem(name, m)
        if problem:
            raise WorkspaceRejected(f"workspace entry {_short(name)} {problem}")
        size = m.size if m.isreg() else sizes.get(m.linkname, 0) if m.islnk() else 0
        if size > max_file_bytes:
            raise WorkspaceRejected(
                f"workspace file {_short(name)} is {_mib(size)} (limit {_mib(max_file_bytes)} per file)"
            )
        total += size
        if total > max_total_bytes:
            raise WorkspaceRejected(f"workspace files add up to more than {_mib(max_total_bytes)}")


def _mib(n: int) -> str:
    return f"{n / (1 << 30):.0f} GiB" if n >= 10 << 30 else f"{n / (1 << 20):.0f} MiB"


def extract_workspace(
    tar_bytes: bytes,
    dest: Path,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
) -> list[str]:
    """Unpack the agent's workspace tar safely; return what was dropped and why.

    Every header is checked first (scan_members): a workspace git or the host cannot take is refused
    whole (WorkspaceRejected) before anything is written. Then only regular files, folders, hard links
    (copied as regular files) and links that stay inside the workspace come through. Links that point
    out of it, devices, fifos and absolute or '..' paths are dropped.
    """
    dropped: list[str] = []
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    tf = tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:")  # noqa: SIM115 (closed below)
    try:
        members = tf.getmembers()
        scan_members(members, max_file_bytes, max_total_bytes)
    except tarfile.TarError as e:
        tf.close()
        raise WorkspaceRejected(f"the workspace archive cannot be read ({e})") from None
    except WorkspaceRejected:
        tf.close()
        raise
    regular = {m.name: m for m in members if m.isreg()}
    name = ""
    try:
        for m in members:
            name = _member_name(m)
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
            if m.isreg() or m.islnk():
                source = m if m.isreg() else regular.get(m.linkname)
                if source is None:
                    dropped.append(f"{name} (hard link to {m.linkname}, not a file in the workspace)")
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_symlink() or target.is_file():
                    target.unlink()
                src = tf.extractfile(source)
                assert src is not None
                with target.open("wb") as f:
                    shutil.copyfileobj(src, f)
                os.chmod(target, 0o755 if source.mode & 0o111 else 0o644)
            elif m.isdir():
                target.mkdir(parents=True, exist_ok=True)
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
                dropped.append(f"{name} (special file)")
    except OSError as e:
        if e.errno in (errno.ENOSPC, errno.EDQUOT):
            raise  # the host's disk, not the agent's doing
        raise WorkspaceRejected(f"workspace entry {_short(name)} cannot be unpacked ({e.strerror})") from None
    finally:
        tf.close()
    dropped += _drop_escaping_links(dest)
    return dropped


def _inside(root: Path, path: Path) -> bool:
    """Whether path, with every link along it followed (chains too), stays inside root."""
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root) + os.sep)


class WorkspaceRejected(Exception):
    """The agent's workspace cannot be carried to grading (too large, too many files, names git
    refuses): the agent's doing, so a graded failure (fail_reason workspace_rejected)."""


def remove_tree(path: Path) -> None:
    """Remove path and everything under it, however deep and whatever its modes; never follows a link.

    shutil.rmtree (and so TemporaryDirectory's clean-up) recurses once per level and fails on a
    1,000-level tree or an unreadable folder. Here every sub-folder is first moved up to the top
    folder, so the tree is never more than two levels deep and only two folders are open at a time."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        os.unlink(path)
        return
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    top = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    counter = 0

    def hoisted() -> str:
        nonlocal counter
        while True:
            counter += 1
            name = f".harness-rm-{counter}"
            try:
                os.lstat(name, dir_fd=top)
            except FileNotFoundError:
                return name

    try:
        queue = [""]  # folders (under top) still to empty; "" is top itself
        while queue:
            d = queue.pop()
            if d:
                with contextlib.suppress(OSError):
                    os.chmod(d, 0o700, dir_fd=top)
                fd = os.open(d, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
            else:
                fd = os.dup(top)
            try:
                with os.scandir(fd) as it:
                    entries = [(e.name, e.is_dir(follow_symlinks=False)) for e in it]
                for name, is_dir in entries:
                    if not is_dir:
                        os.unlink(name, dir_fd=fd)
                    elif d:
                        new = hoisted()
                        os.rename(name, new, src_dir_fd=fd, dst_dir_fd=top)
                        queue.append(new)
                    else:
                        queue.append(name)
            finally:
                os.close(fd)
            if d:
                os.rmdir(d, dir_fd=top)
    finally:
        os.close(top)
    os.rmdir(path)


@contextlib.contextmanager
def host_tempdir(prefix: str) -> Iterator[Path]:
    """A temporary folder on the host, removed with remove_tree whatever was left in it."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        remove_tree(path)


# Highest-precedence attributes (.git/info/attributes) for every path: whatever the agent's
# .gitattributes says, git converts nothing (encodings, line endings, keyword expansion, filter
# drivers) and picks no diff driver, so the diff is the bytes on disk and applies back to them.
NEUTRAL_ATTRIBUTES = (
    "* -text !eol -filter -ident !working-tree-encoding !diff !merge !export-ignore !export-subst !encoding\n"
)


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_ATTR_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "harness",
        "GIT_AUTHOR_EMAIL": "harness@localhost",
        "GIT_COMMITTER_NAME": "harness",
        "GIT_COMMITTER_EMAIL": "harness@localhost",
        "GIT_AUTHOR_DATE": "2000-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2000-01-01T00:00:00Z",
    }
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_ATTR_SOURCE"):
        env.pop(var, None)
    proc = subprocess.run(
        [
            "git",
            "-c", "core.hooksPath=/dev/null",
            "-c", "core.autocrlf=false",
            "-c", "core.safecrlf=false",
            "-c", f"core.attributesFile={os.devnull}",
            "-c", "core.quotePath=true",
            *args,
        ],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
    )  # fmt: skip
    if proc.returncode != 0:
        raise GitError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()[-400:]}")
    return proc.stdout


class GitError(Exception):
    pass


def _starter_repo(task: Task, dest: Path) -> None:
    shutil.copytree(task.workspace_dir, dest, symlinks=True, dirs_exist_ok=True)
    _git(dest, "init", "-q")
    _neutral_attributes(dest)
    _git(dest, "add", "-A", "-f", ".")
    _git(dest, "commit", "-q", "--allow-empty", "--no-verify", "-m", "starter")


def _neutral_attributes(repo: Path, binary: Sequence[str] = ()) -> None:
    info = repo / ".git" / "info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "attributes").write_text(
        NEUTRAL_ATTRIBUTES + "".join(f"{_attr_pattern(p)} -diff\n" for p in binary)
    )


def _attr_pattern(rel: str) -> str:
    """An attributes-file pattern that matches exactly the path rel (anchored, globs escaped, C-quoted)."""
    glob = "/" + "".join("\\" + c if c in "\\*?[]" else c for c in rel)
    return '"' + glob.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _utf8(path: Path) -> bool:
    """Whether a file (or a link's target) reads as UTF-8 text; a missing one counts as text."""
    try:
        data = (
            os.readlink(path).encode("utf-8", "surrogateescape") if path.is_symlink() else path.read_bytes()
        )
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def compute_diff(task: Task, final_tree: Path) -> str:
    """The agent's change as a binary-safe git diff against the pristine starter files.

    In-tree git attributes have no effect, and a file that is not UTF-8 on either side goes in as a
    binary patch, so the diff is always valid UTF-8 (it is stored as JSON text) and applies back to the
    exact bytes. Content git still refuses is the agent's doing: WorkspaceRejected."""
    with host_tempdir("harness-diff-") as tmp:
        repo = tmp / "repo"
        _starter_repo(task, repo)
        for p in repo.iterdir():
            if p.name != ".git":
                remove_tree(p) if p.is_dir() and not p.is_symlink() else p.unlink()
        shutil.copytree(final_tree, repo, symlinks=True, dirs_exist_ok=True)
        try:
            # -f: an agent's .gitignore must not hide its own changes from grading.
            _git(repo, "add", "-A", "-f", ".")
            names = _git(repo, "diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD")
        except GitError as e:
            raise WorkspaceRejected(f"git cannot take the workspace: {_first_line(str(e))}") from None
        changed = [n.decode("utf-8", "surrogateescape") for n in names.split(b"\0") if n]
        binary = [rel for rel in changed if not (_utf8(task.workspace_dir / rel) and _utf8(final_tree / rel))]
        _neutral_attributes(repo, binary)
        raw = _git(
            repo, "diff", "--cached", "--binary", "--no-color", "--no-ext-diff", "--no-textconv",
            "--no-renames", "HEAD",
        )  # fmt: skip
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise WorkspaceRejected(f"the workspace diff is not UTF-8 text at byte {e.start}") from None


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    line = next((ln for ln in lines if ln.startswith(("error:", "fatal:"))), lines[0] if lines else "")
    return _short(line)[:300]


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
