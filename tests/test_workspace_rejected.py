"""What the agent leaves is graded, never an error: workspace content git or the host cannot take fails
the trial as `workspace_rejected` (checked on the tar headers, before anything is unpacked); in-tree git
attributes, bytes that are not UTF-8 and hard links are carried to grading as they are; host temporary
folders go whatever their depth; a result that cannot be stored never ends the run.

Unit tests first, then real trials (the hostile-agent helpers of test_tampering) in real containers.
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import os
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from harness.config import RunConfig
from harness.grading import build_grading_tree, compute_diff, extract_workspace, is_protected
from harness.grading.workspace import (
    MAX_DEPTH,
    MAX_PATH_BYTES,
    WorkspaceRejected,
    protected_patterns,
    remove_tree,
)
from harness.leaderboard import build_board, collect, render_markdown, to_json
from harness.leaderboard.html import write_site
from harness.results import RunStore, TrialResult
from harness.runner import Runner
from harness.sandbox.docker import WorkspaceTooLarge, _TarHeaders
from harness.task import Task, load_task
from harness.trial import TrialContext, run_trial
from tests.test_leaderboard import trial as board_trial
from tests.test_leaderboard import write_run
from tests.test_tampering import SMOKE, ScriptAgent, _explain, _file

PY = "py-duration-parse"
RUN_PREFIX = f"wsrej-{uuid.uuid4().hex[:8]}"
LATIN1 = b"caf\xe9 cr\xe8me\n"


@pytest.fixture
def task() -> Task:
    return load_task(SMOKE / PY)


def _tar(entries: list[tuple[str, bytes | str | None]], fmt: int = tarfile.GNU_FORMAT) -> bytes:
    """A tar of (name, content) pairs: bytes is a file, None a folder, str a hard link to that member."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt, encoding="utf-8", errors="surrogateescape") as tf:
        for name, content in entries:
            ti = tarfile.TarInfo(name)
            ti.mode = 0o644
            if content is None:
                ti.type = tarfile.DIRTYPE
                tf.addfile(ti)
            elif isinstance(content, str):
                ti.type, ti.linkname = tarfile.LNKTYPE, content
                tf.addfile(ti)
            else:
                ti.size = len(content)
                tf.addfile(ti, io.BytesIO(content))
    return buf.getvalue()


def _one_line(text: str | None) -> bool:
    return bool(text) and "\n" not in (text or "") and len(text or "") <= 500


# -- the header scan: refused before anything is written ---------------------------------------------

DEEP = "/".join(["d"] * (MAX_DEPTH + 1)) + "/f"
REFUSED_NAMES = {
    "dotgit_upper": ".GIT/config",
    "dotgit_mixed_nested": "sub/.Git/hooks/x",
    "ntfs_short_name": "git~1/config",
    "ntfs_short_upper": "GIT~1",
    "trailing_dot": ".git./config",
    "trailing_space": ".git /config",
    "ntfs_stream": ".git::$INDEX_ALLOCATION/x",
    "hfs_ignorable": ".g\u200cit/config",
    "backslash": "a\\b.py",
    "control_char": "a\x01b.py",
    "newline": "a\nb.py",
    "not_utf8": b"caf\xe9.py".decode("utf-8", "surrogateescape"),
    "long_path": "/".join(["p" * 200] * 6),
    "long_component": "n" * 256,
    "deep_tree": DEEP,
}


@pytest.mark.parametrize("case", list(REFUSED_NAMES))
def test_names_git_or_the_host_cannot_take_are_refused_before_unpacking(tmp_path: Path, case: str) -> None:
    name = REFUSED_NAMES[case]
    tar = _tar([("./ok.py", b"x = 1\n"), (f"./{name}", b"x\n")])
    dest = tmp_path / "w"
    with pytest.raises(WorkspaceRejected) as info:
        extract_workspace(tar, dest)
    assert _one_line(str(info.value)), str(info.value)
    assert list(dest.iterdir()) == []  # nothing was unpacked, not even the good file


def test_the_real_dot_git_folder_is_skipped_not_refused(tmp_path: Path) -> None:
    dest = tmp_path / "w"
    odd = "./.git/refs/heads/" + "/".join(["b" * 200] * 8) + "/\x01"  # never unpacked, so never refused
    entries: list[tuple[str, bytes | str | None]] = [
        ("./.git/config", b"x"), ("./sub/.git/HEAD", b"x"), (odd, b"x"), ("./a.py", b"1\n"),
    ]  # fmt: skip
    extract_workspace(_tar(entries), dest)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*")) == ["a.py"]


def test_limits_are_the_documented_ones() -> None:
    assert len(REFUSED_NAMES["long_path"].encode()) > MAX_PATH_BYTES
    assert DEEP.count("/") >= MAX_DEPTH


@pytest.mark.parametrize(
    ("entries", "caps", "words"),
    [
        ([("./big", b"x" * 5000)], (4096, 1 << 20), "per file"),
        ([("./a", b"x" * 3000), ("./b", b"x" * 3000)], (4096, 5000), "add up"),
        # hard links are copied on the host, so each one counts at its target's size
        ([("./a", b"x" * 3000), ("./b", "./a"), ("./c", "./a")], (4096, 8000), "add up"),
        (
            [
                ("./.git/objects/big", b"x" * 3000),
                ("./b", "./.git/objects/big"),
                ("./c", "./.git/objects/big"),
            ],
            (4096, 5000),
            "add up",
        ),
    ],
)
def test_size_caps_are_read_from_the_headers(
    tmp_path: Path, entries: list[tuple[str, bytes | str | None]], caps: tuple[int, int], words: str
) -> None:
    with pytest.raises(WorkspaceRejected, match=words):
        extract_workspace(_tar(entries), tmp_path / "w", max_file_bytes=caps[0], max_total_bytes=caps[1])


def test_a_sparse_terabyte_is_refused_from_its_header_alone() -> None:
    """copy_out's stream watcher: only the 512-byte header of a 1 TiB member has arrived."""
    header = tarfile.TarInfo("./sparse")
    header.size = 1 << 40
    watch = _TarHeaders("/workspace", 80 << 20)
    with pytest.raises(WorkspaceTooLarge, match="1024 GiB"):
        watch.feed(header.tobuf(format=tarfile.GNU_FORMAT))


@pytest.mark.parametrize("fmt", [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_the_stream_watcher_follows_long_names_and_pax_sizes(fmt: int) -> None:
    data = _tar([("./" + "n" * 300, b"x" * 5000), ("./small", b"y")], fmt)
    ok = _TarHeaders("/w", 6000)
    for i in range(0, len(data), 333):  # arbitrary chunking: headers split across reads
        ok.feed(data[i : i + 333])
    assert ok.total == 5001
    with pytest.raises(WorkspaceTooLarge, match="nnnn"):
        _TarHeaders("/w", 4000).feed(data)


# -- hard links, git attributes, bytes that are not UTF-8 ---------------------------------------------


def test_hard_links_are_materialised_as_files(tmp_path: Path) -> None:
    dest = tmp_path / "w"
    dropped = extract_workspace(
        _tar([("./a.py", b"A = 1\n"), ("./sub", None), ("./sub/b.py", "./a.py")]), dest
    )
    assert dropped == []
    assert (dest / "sub" / "b.py").read_bytes() == b"A = 1\n"
    assert (dest / "sub" / "b.py").stat().st_ino != (dest / "a.py").stat().st_ino


def _final(task: Task, tmp_path: Path, files: dict[str, bytes]) -> Path:
    import shutil

    final = tmp_path / "final"
    shutil.copytree(task.workspace_dir, final)
    for rel, data in files.items():
        (final / rel).parent.mkdir(parents=True, exist_ok=True)
        (final / rel).write_bytes(data)
    return final


def _grading_bytes(task: Task, tmp_path: Path, diff: str, rels: list[str]) -> dict[str, bytes]:
    tree = tmp_path / "grade"
    build_grading_tree(task, diff, tree)
    return {rel: (tree / rel).read_bytes() for rel in rels}


GITATTRIBUTES = (
    b"* working-tree-encoding=UTF-16 ident eol=crlf filter=upper diff=evil\n"
    b"[attr]evilmacro text eol=crlf\n"
    b"*.py evilmacro\n"
)


def test_in_tree_git_attributes_have_no_effect(
    task: Task, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A filter and a diff driver configured for git (as git-lfs or a user's config would be): the
    # agent's .gitattributes must not get them applied.
    for i, (key, value) in enumerate(
        [("filter.upper.clean", "tr a-z A-Z"), ("filter.upper.smudge", "tr a-z A-Z"),
         ("diff.evil.textconv", "false"), ("diff.evil.command", "false")]
    ):  # fmt: skip
        monkeypatch.setenv(f"GIT_CONFIG_KEY_{i}", key)
        monkeypatch.setenv(f"GIT_CONFIG_VALUE_{i}", value)
    monkeypatch.setenv("GIT_CONFIG_COUNT", "4")
    files = {
        ".gitattributes": GITATTRIBUTES,
        "notes.txt": b"plain ascii, not UTF-16 at all: $Id$\n",
        "lf.py": b"x = 'lower case'\ny = 2\n",
    }
    diff = compute_diff(task, _final(task, tmp_path, files))
    assert "+x = 'lower case'" in diff and "$Id$" in diff
    assert _grading_bytes(task, tmp_path, diff, list(files)) == files


def test_a_latin1_file_gives_a_utf8_diff_that_applies_back_to_the_same_bytes(
    task: Task, tmp_path: Path
) -> None:
    files = {"menu.txt": LATIN1, "durations.py": (task.workspace_dir / "durations.py").read_bytes() + LATIN1}
    diff = compute_diff(task, _final(task, tmp_path, files))
    diff.encode("utf-8")  # no lone surrogates: storable as JSON text
    assert "GIT binary patch" in diff
    assert _grading_bytes(task, tmp_path, diff, list(files)) == files


def test_a_trial_with_a_latin1_diff_round_trips_through_trials_jsonl(task: Task, tmp_path: Path) -> None:
    diff = compute_diff(task, _final(task, tmp_path, {"menu.txt": LATIN1}))
    store = RunStore(tmp_path / "results", "latin1")
    store.append(board_trial("latin1", "t0", 1, "pass").model_copy(update={"diff": diff}))
    (back,) = store.load_trials()
    assert back.diff == diff
    assert _grading_bytes(task, tmp_path, back.diff, ["menu.txt"]) == {"menu.txt": LATIN1}


# -- protected globs, host clean-up, storage failures, the leaderboard --------------------------------


@pytest.mark.parametrize(
    "path", ["CONFTEST.PY", "sub/Conftest.py", "cheat-1.0.DIST-INFO/entry_points.txt", "X.PTH", "PyTest.ini",
             "SiteCustomize.py", "Package.JSON", "TESTS/test_x.py"],
)  # fmt: skip
def test_protected_globs_match_whatever_the_case(task: Task, path: str) -> None:
    assert is_protected(path, protected_patterns(task))


def test_remove_tree_takes_deep_and_unreadable_trees(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(1500):  # deeper than PATH_MAX allows naming from the top, and than recursion
            os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("f", os.O_CREAT | os.O_WRONLY, 0o600, dir_fd=fd), "w") as f:
            f.write("x")
    finally:
        os.close(fd)
    (root / "locked").mkdir()
    (root / "locked" / "secret").write_text("x")
    (root / "locked").chmod(0)
    (root / "link").symlink_to(tmp_path)  # never followed
    (tmp_path / "keep").write_text("kept")
    remove_tree(root)
    assert not root.exists()
    assert (tmp_path / "keep").read_text() == "kept"


def test_a_result_that_cannot_be_stored_becomes_a_harness_error(tmp_path: Path) -> None:
    config = RunConfig(run_id="store-fails", results_dir=tmp_path / "results")
    runner = Runner(config, [], client=None, ctx=None)  # type: ignore[arg-type]
    unstorable = b"caf\xe9".decode("utf-8", "surrogateescape")  # what compute_diff used to return
    res = board_trial("store-fails", "t0", 1, "pass").model_copy(update={"diff": unstorable})
    stored = runner._store(res)
    assert (stored.status, stored.error_kind) == ("error", "harness")
    assert _one_line(stored.message) and "store" in (stored.message or "")
    (back,) = runner.store.load_trials()
    assert (back.trial_id, back.status) == (res.trial_id, "error")
    good = runner._store(board_trial("store-fails", "t1", 1, "fail"))  # the run goes on
    assert good.status == "fail" and len(runner.store.load_trials()) == 2


def test_leaderboard_warns_about_an_entry_with_many_errors(results_dir: Path, tmp_path: Path) -> None:
    write_run(
        results_dir, "ok", [board_trial("ok", f"t{i}", 1, "pass" if i % 3 else "fail") for i in range(10)]
    )
    flaky = [board_trial("fl", f"t{i}", 1, "pass" if i % 2 else "fail", model="m/flaky") for i in range(8)]
    flaky += [board_trial("fl", f"t{i}", 1, "error", model="m/flaky") for i in (8, 9)]
    write_run(results_dir, "fl", flaky)
    board = build_board(collect(results_dir))
    md = render_markdown(board)
    warnings = [ln for ln in md.splitlines() if ln.startswith("> \u26a0")]
    assert len(warnings) == 1 and "tools/m/flaky" in warnings[0] and "20.0%" in warnings[0], md
    assert (
        "error rate"
        in md.splitlines()[next(i for i, ln in enumerate(md.splitlines()) if ln.startswith("| #"))]
    )
    data = to_json(board)
    by_name = {e["entry"]: e for e in data["entries"]}
    assert by_name["tools/m/flaky"]["error_rate"] == pytest.approx(0.2)
    assert by_name["tools/m/flaky"]["warning"] and by_name["tools/m/strong"]["warning"] is None
    assert data["error_rate_threshold"] == pytest.approx(0.1)
    write_site(board, results_dir, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text()
    assert html.count('class="warning"') == 1 and "tools/m/flaky" in html


# -- real trials in real containers ---------------------------------------------------------------


def _mkpath(parts: list[str]) -> str:
    """Shell that creates a path of many components relative to the current folder (no PATH_MAX)."""
    return "(" + "".join(f"mkdir -p '{p}' && cd '{p}' && " for p in parts) + "echo x > f)\n"


@dataclass(frozen=True)
class Scenario:
    script: str
    solve: bool = False


SCENARIOS: dict[str, Scenario] = {
    # names git refuses or the host cannot take
    "name_ntfs_short": Scenario("mkdir git~1 && echo x > git~1/config\n", solve=True),
    "name_dotgit_upper": Scenario("mkdir -p sub/.GIT && echo x > sub/.GIT/config\n", solve=True),
    "name_trailing_dot": Scenario("mkdir '.git.' && echo x > '.git./HEAD'\n", solve=True),
    "name_not_utf8": Scenario("echo x > $'caf\\xe9.py'\n", solve=True),
    "name_control_char": Scenario("echo x > $'a\\x01b.py'\n", solve=True),
    "long_path": Scenario(_mkpath(["p" * 250] * 17), solve=True),  # over 4 KB
    "deep_tree": Scenario(_mkpath(["d"] * 1200), solve=True),
    "unreadable_file": Scenario("echo secret > locked.txt && chmod 000 locked.txt\n", solve=True),
    "unreadable_dir": Scenario("mkdir locked && echo x > locked/f && chmod 000 locked\n", solve=True),
    "sparse_terabyte": Scenario("truncate -s 1T sparse.bin && ls -ls sparse.bin\n", solve=True),
    # correct solutions carried as they are
    "latin1_solved": Scenario("printf 'caf\\xe9 cr\\xe8me\\n' > menu.txt\n", solve=True),
    "gitattributes_solved": Scenario(
        _file(".gitattributes", "* working-tree-encoding=UTF-16 eol=crlf ident filter=lfs\n"), solve=True
    ),
    "hardlink_solved": Scenario(
        "mv durations.py real_durations.py && ln real_durations.py durations.py\n", solve=True
    ),
    # links are not unreadable entries, even dangling or to a file the agent cannot read
    "links_solved": Scenario("ln -s /no/such/file dangling && ln -s /etc/shadow shadow\n", solve=True),
}
REJECTED = [n for n in SCENARIOS if not n.endswith("_solved")]


@dataclass
class Trials:
    futures: dict[str, cf.Future[tuple[TrialResult, ScriptAgent]]]
    tmp: Path
    results: Path

    def get(self, name: str) -> tuple[TrialResult, ScriptAgent]:
        return self.futures[name].result()

    def leftovers(self) -> list[str]:
        """harness-* folders left in the (private) host temp folder once every trial has ended."""
        cf.wait(list(self.futures.values()))
        return sorted(p.name for p in self.tmp.iterdir() if p.name.startswith("harness-"))


def _run(client: Any, images: Any, results: Path, name: str) -> tuple[TrialResult, ScriptAgent]:
    sc = SCENARIOS[name]
    agent = ScriptAgent(sc.script, solve=sc.solve)
    store = RunStore(results, f"{RUN_PREFIX}-{name.replace('_', '-')}")
    ctx = TrialContext(
        run_id=store.run_id, client=client, images=images, agent=agent, model=None, store=store
    )
    result = run_trial(ctx, load_task(SMOKE / PY), attempt=1)
    store.append(result)
    return result, agent


@pytest.fixture(scope="module")
def trials(
    request: pytest.FixtureRequest, docker_client: Any, images: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Trials]:
    wanted: list[str] = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if getattr(item, "module", None) is request.module and callspec is not None:
            name = callspec.params.get("scenario")
            if name is not None and name not in wanted:
                wanted.append(name)
    # A private temp folder for the harness's host folders, so the leftover check sees only these trials.
    tmp = tmp_path_factory.mktemp("hosttmp")
    results = tmp_path_factory.mktemp("results")
    saved = tempfile.tempdir
    tempfile.tempdir = str(tmp)
    ex = cf.ThreadPoolExecutor(max_workers=2)
    try:
        futures = {n: ex.submit(_run, docker_client, images, results, n) for n in wanted}
        yield Trials(futures, tmp, results)
    finally:
        for f in futures.values():
            f.cancel()
        ex.shutdown(wait=True)
        tempfile.tempdir = saved


@pytest.mark.docker
@pytest.mark.parametrize("scenario", REJECTED)
def test_workspace_content_is_a_graded_rejection(trials: Trials, scenario: str) -> None:
    r, _ = trials.get(scenario)
    assert (r.status, r.fail_reason) == ("fail", "workspace_rejected"), _explain(r)
    assert _one_line(r.message), r.message
    assert trials.leftovers() == []


@pytest.mark.docker
@pytest.mark.parametrize("scenario", ["sparse_terabyte"])
def test_a_sparse_terabyte_is_rejected_from_its_header(trials: Trials, scenario: str) -> None:
    r, agent = trials.get(scenario)
    assert agent.result is not None and "sparse.bin" in agent.result.stdout  # it was there, 1 TiB
    assert r.fail_reason == "workspace_rejected", _explain(r)
    assert "sparse.bin" in (r.message or "") and "1024 GiB" in (r.message or ""), r.message


@pytest.mark.docker
@pytest.mark.parametrize("scenario", ["unreadable_file", "unreadable_dir"])
def test_an_unreadable_entry_is_named(trials: Trials, scenario: str) -> None:
    r, _ = trials.get(scenario)
    assert "locked" in (r.message or ""), _explain(r)


@pytest.mark.docker
@pytest.mark.parametrize(
    "scenario", ["latin1_solved", "gitattributes_solved", "hardlink_solved", "links_solved"]
)
def test_correct_solutions_pass_as_they_are(trials: Trials, scenario: str) -> None:
    r, _ = trials.get(scenario)
    assert r.status == "pass", _explain(r)
    assert r.tests is not None and r.tests.failed == 0 and r.tests.passed > 0
    (back,) = RunStore(trials.results, r.run_id).load_trials()  # trials.jsonl reads back
    assert back.diff == r.diff and back.status == "pass"
    assert trials.leftovers() == []


@pytest.mark.docker
@pytest.mark.parametrize("scenario", ["latin1_solved"])
def test_latin1_bytes_reach_grading_unchanged(trials: Trials, scenario: str) -> None:
    r, _ = trials.get(scenario)
    assert "GIT binary patch" in r.diff and "diff --git a/menu.txt b/menu.txt" in r.diff


@pytest.mark.docker
@pytest.mark.parametrize("scenario", ["hardlink_solved"])
def test_hard_links_are_carried_as_files(trials: Trials, scenario: str) -> None:
    r, _ = trials.get(scenario)
    assert not [d for d in r.dropped_paths if "hard link" in d], r.dropped_paths
    assert "b/real_durations.py" in r.diff
