"""Grading without Docker: workspace extraction, diffs, protected paths, JUnit parsing, verdicts."""

from __future__ import annotations

import io
import os
import tarfile
from pathlib import Path

import pytest

from harness.grading import (
    build_grading_tree,
    compute_diff,
    extract_workspace,
    is_protected,
    parse_junit,
    protected_patterns,
    verdict,
)
from harness.task import Task, load_task

from .conftest import SMOKE


@pytest.fixture
def task() -> Task:
    return load_task(SMOKE / "py-duration-parse")


def _tar(entries: list[tarfile.TarInfo], data: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for e in entries:
            payload = (data or {}).get(e.name)
            if payload is not None:
                e.size = len(payload)
                tf.addfile(e, io.BytesIO(payload))
            else:
                tf.addfile(e)
    return buf.getvalue()


def _entry(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    ti = tarfile.TarInfo(name)
    ti.type = kind
    ti.linkname = link
    ti.mode = 0o644
    return ti


def test_extract_keeps_files_and_inner_links_drops_the_rest(tmp_path: Path) -> None:
    tar = _tar(
        [
            _entry("./a.py"),
            _entry("./pkg", tarfile.DIRTYPE),
            _entry("./pkg/inner", tarfile.SYMTYPE, "../a.py"),
            _entry("./leak", tarfile.SYMTYPE, "/etc/passwd"),
            _entry("./up", tarfile.SYMTYPE, "../../outside"),
            _entry("./hard", tarfile.LNKTYPE, "a.py"),
            _entry("./fifo", tarfile.FIFOTYPE),
            _entry("../evil.py"),
            _entry("./.git/config"),
            _entry("./__pycache__/x.pyc"),
        ],
        {"./a.py": b"print(1)\n", "../evil.py": b"x", "./.git/config": b"x", "./__pycache__/x.pyc": b"x"},
    )
    dest = tmp_path / "w"
    dropped = extract_workspace(tar, dest)
    assert (dest / "a.py").read_bytes() == b"print(1)\n"
    assert (dest / "pkg" / "inner").is_symlink()
    assert not (dest / "leak").exists() and not (dest / "leak").is_symlink()
    assert not (dest / "up").is_symlink() and not (dest / "hard").exists() and not (dest / "fifo").exists()
    assert not (tmp_path / "evil.py").exists()
    assert not (dest / ".git").exists() and not (dest / "__pycache__").exists()
    text = " ".join(dropped)
    for name in ("leak", "up", "hard", "fifo", "../evil.py"):
        assert name in text


def _final_tree(task: Task, tmp_path: Path, changes: dict[str, str | None]) -> Path:
    """The starter workspace with some files written (str) or deleted (None)."""
    import shutil

    final = tmp_path / "final"
    shutil.copytree(task.workspace_dir, final)
    for rel, content in changes.items():
        p = final / rel
        if content is None:
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(content)
    return final


def test_diff_round_trips_to_the_same_tree(task: Task, tmp_path: Path) -> None:
    final = _final_tree(task, tmp_path, {"new_module.py": "VALUE = 42\n", ".gitignore": "*\n"})
    diff = compute_diff(task, final)
    assert "new_module.py" in diff and "VALUE = 42" in diff  # .gitignore cannot hide a change
    tree = tmp_path / "grade"
    build_grading_tree(task, diff, tree)
    assert (tree / "new_module.py").read_text() == "VALUE = 42\n"


def test_no_change_gives_an_empty_diff(task: Task, tmp_path: Path) -> None:
    assert compute_diff(task, _final_tree(task, tmp_path, {})) == ""


@pytest.mark.parametrize(
    "path",
    ["conftest.py", "sub/conftest.py", "sitecustomize.py", "pytest.ini", "tox.ini", "setup.cfg",
     "pyproject.toml", "pytest.py", "x.pth", "package.json", "node_modules/assert/index.js", "tests/test_fake.py",
     "Makefile", "go.mod", "extra_test.go", "Cargo.toml"],
)  # fmt: skip
def test_protected_paths_are_reset_before_grading(task: Task, tmp_path: Path, path: str) -> None:
    final = _final_tree(task, tmp_path, {path: "import os\nos._exit(0)\n"})
    tree = tmp_path / "grade"
    restored = build_grading_tree(task, compute_diff(task, final), tree)
    assert path in restored
    starter = task.workspace_dir / path
    if starter.is_file():
        assert (tree / path).read_bytes() == starter.read_bytes()
    elif path.startswith("tests/"):
        assert not (tree / path).exists()
    else:
        assert not (tree / path).exists()


def test_hidden_tests_replace_the_tests_folder(task: Task, tmp_path: Path) -> None:
    final = _final_tree(task, tmp_path, {"tests": None})
    tree = tmp_path / "grade"
    build_grading_tree(task, compute_diff(task, final), tree)
    for hidden in task.tests_dir.rglob("*"):
        if hidden.is_file():
            rel = hidden.relative_to(task.tests_dir)
            assert (tree / "tests" / rel).read_bytes() == hidden.read_bytes()


def test_unprotected_override(task: Task) -> None:
    pats = protected_patterns(task)
    assert is_protected("pyproject.toml", pats)
    spec = task.spec.model_copy(
        update={"grading": task.spec.grading.model_copy(update={"unprotected": ["pyproject.toml"]})}
    )
    relaxed = Task(spec=spec, path=task.path, suite=task.suite, instruction="", content_hash="")
    assert not is_protected("pyproject.toml", protected_patterns(relaxed))
    assert is_protected("conftest.py", protected_patterns(relaxed))
    assert not is_protected("src/solution.py", pats)


JUNIT = b"""<?xml version="1.0"?><testsuites><testsuite name="s">
<testcase name="a"/><testcase name="b"><failure message="x"/></testcase>
<testcase name="c"><error/></testcase><testcase name="d"><skipped/></testcase><testcase name="e"/>
</testsuite></testsuites>"""


def test_parse_junit_counts() -> None:
    c = parse_junit(JUNIT)
    assert (c.total, c.passed, c.failed, c.errors, c.skipped) == (5, 2, 1, 1, 1)


def test_verdict_rules(task: Task) -> None:
    ok = b'<testsuite><testcase name="a"/></testsuite>'
    empty = b"<testsuite></testsuite>"
    assert verdict(task, 0, False, ok)[:2] == ("pass", None)
    assert verdict(task, 1, False, ok)[:2] == ("fail", "tests_failed")
    assert verdict(task, 0, True, ok)[:2] == ("fail", "test_timeout")
    assert verdict(task, 0, False, None)[:2] == ("fail", "no_test_report")
    assert verdict(task, 0, False, empty)[:2] == ("fail", "no_tests_ran")
    assert verdict(task, 0, False, b"<not xml")[:2] == ("fail", "bad_test_report")
    assert verdict(task, 0, False, JUNIT)[:2] == ("fail", "tests_failed")


def test_escaping_links_from_a_diff_are_dropped(task: Task, tmp_path: Path) -> None:
    # A diff recorded elsewhere (e.g. re-grading) may carry a link out; it must not reach grading.
    final = _final_tree(task, tmp_path, {})
    os.symlink("/etc/passwd", final / "leak")
    diff = compute_diff(task, final)
    tree = tmp_path / "grade"
    build_grading_tree(task, diff, tree)
    assert not (tree / "leak").is_symlink()
