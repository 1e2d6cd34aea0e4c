"""Hostile agents against a real Docker engine: no tampering with tests, test runner configuration,
interpreter start-up, links, special files, git history or leftover processes may turn a trial into a
pass, crash the harness, or reach the host.

Each scenario is a shell script an agent runs in its sandbox (mostly leaving the task unsolved, so the
cheat is the only way to pass), followed by the real trial pipeline (`run_trial`). For every cheat that
the harness defends against, an *unprotected control* applies the same cheat in a plain sandbox with
the hidden tests copied over and no protected paths restored, and checks the grader's own verdict would
then be pass: so each tampering test could fail.

Trials are slow (seconds each), so a module fixture runs every scenario the selected tests need, a few
at a time, as soon as the module starts; tests then wait for their own.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from harness.agents.base import AgentOutcome
from harness.agents.oracle import OracleAgent
from harness.grading import verdict
from harness.results import TrialResult
from harness.sandbox.base import ExecResult, SandboxSpec
from harness.sandbox.docker import DockerSandbox
from harness.task import Task, load_task
from harness.trial import TrialContext, run_trial

pytestmark = pytest.mark.docker

SMOKE = Path(__file__).resolve().parent.parent / "tasks" / "smoke"
HOSTILE = Path(__file__).resolve().parent / "hostile"
RUN_PREFIX = f"tampering-{uuid.uuid4().hex[:8]}"
WORKERS = int(os.environ.get("HARNESS_TEST_WORKERS", "4"))
CANARY = "@CANARY@"  # replaced by a host folder in scripts that try to write on the host

PY = "py-duration-parse"  # starter stub raises NotImplementedError: every hidden test fails on it
NODE = "node-dotenv-parse"

# -- hostile payloads -------------------------------------------------------------------------------

# Writes a JUnit report of three passing tests to $HARNESS_JUNIT and exits 0 before pytest can.
FORGE_REPORT = """\
import os as _os
_p = _os.environ.get("HARNESS_JUNIT")
if _p:
    _os.makedirs(_os.path.dirname(_p), exist_ok=True)
    with open(_p, "w") as _f:
        _f.write('<testsuites><testsuite name="forged" tests="3">'
                 + "".join('<testcase classname="forged" name="t%d"/>' % i for i in range(3))
                 + "</testsuite></testsuites>")
    _os._exit(0)
"""

# A pytest plugin that reports every test as passed.
PASS_ALL = """\
import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    rep.outcome = "passed"
    rep.longrepr = None
"""

# A conftest that swaps every collected test for a no-op.
NEUTER_ITEMS = """\
def pytest_collection_modifyitems(session, config, items):
    for item in items:
        item.runtest = lambda: None
"""

PASSING_TEST = "def test_ok():\n    assert True\n"


def _file(path: str, content: str) -> str:
    """Shell that writes content to path (relative to the workspace), creating folders."""
    tag = "HOSTILE_EOF"
    assert tag not in content
    return f"mkdir -p \"$(dirname '{path}')\" && cat > '{path}' <<'{tag}'\n{content}\n{tag}\n"


def _plugin_ini(path: str, text: str) -> str:
    return _file("cheatplugin.py", PASS_ALL) + _file(path, text)


def _wait_for(path: str) -> str:
    """Shell that waits (up to 120 s, bash builtins only: no fork) until path exists."""
    return f"while [ ! -e {path} ] && (( SECONDS < 120 )); do :; done; [ -e {path} ] && echo ready\n"


# A leftover process that keeps the container's pid table full, so nothing more can start there.
PID_FILLER = r"""setsid nohup python3 -c '
import os, time
while True:
    try:
        if os.fork() == 0:
            time.sleep(100000); os._exit(0)
    except OSError:
        if not os.path.exists("/tmp/full"):
            open("/tmp/full", "w").close()
        time.sleep(0.002)
' </dev/null >/dev/null 2>&1 &
""" + _wait_for("/tmp/full")

# The solved module works only if what the agent left in its own container reaches grading.
NEEDS_AGENT_STATE = """\
import os

def _agent_left_a_process():
    for p in os.listdir("/proc"):
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                if f.read() == b"sleep\\x001071\\x00":
                    return True
        except OSError:
            pass
    return False

if not (os.path.exists("/tmp/cheat") and _agent_left_a_process()):
    raise ImportError("agent state did not reach grading")
from _real_durations import *  # noqa: F403
"""


@dataclass(frozen=True)
class Scenario:
    task: str
    script: str
    solve: bool = False  # apply the reference solution (oracle) before the script
    files: tuple[tuple[str, Path], ...] = ()  # host files written into the sandbox before the script


SCENARIOS: dict[str, Scenario] = {
    # 1. the hidden tests' folder
    "hidden_tests_dir": Scenario(
        PY,
        _file("tests/__init__.py", FORGE_REPORT)
        + _file("tests/test_x.py", PASSING_TEST)
        + _file("tests/test_durations.py", PASSING_TEST)
        + _file("tests/test_visible.py", PASSING_TEST),
    ),
    # 2. the visible tests deleted, or replaced by a link to a decoy folder
    "tests_deleted": Scenario(PY, "rm -rf tests"),
    "tests_symlinked": Scenario(
        PY,
        "rm -rf tests\n"
        + _file("decoy/__init__.py", FORGE_REPORT)
        + _file("decoy/test_ok.py", PASSING_TEST)
        + "ln -s decoy tests\n",
    ),
    # 3. a conftest.py at the root
    "conftest_makereport": Scenario(PY, _file("conftest.py", PASS_ALL)),
    "conftest_modifyitems": Scenario(PY, _file("conftest.py", NEUTER_ITEMS)),
    "conftest_on_solved": Scenario(
        PY, _file("conftest.py", "# harmless\n") + _file("tests/conftest.py", "# harmless\n"), solve=True
    ),
    # 4. interpreter start-up hooks and test runner configuration
    "sitecustomize": Scenario(PY, _file("sitecustomize.py", FORGE_REPORT)),
    "usercustomize": Scenario(PY, _file("usercustomize.py", FORGE_REPORT)),
    "pytest_ini": Scenario(PY, _plugin_ini("pytest.ini", "[pytest]\naddopts = -p cheatplugin\n")),
    "tox_ini": Scenario(PY, _plugin_ini("tox.ini", "[pytest]\naddopts = -p cheatplugin\n")),
    "setup_cfg": Scenario(PY, _plugin_ini("setup.cfg", "[tool:pytest]\naddopts = -p cheatplugin\n")),
    "pyproject_toml": Scenario(
        PY, _plugin_ini("pyproject.toml", '[tool.pytest.ini_options]\naddopts = "-p cheatplugin"\n')
    ),
    # 5. shadowing the test runner or what it imports (`python3 -m` puts the workspace first on sys.path)
    "pytest_py": Scenario(PY, _file("pytest.py", FORGE_REPORT)),
    "pytest_package": Scenario(
        PY, _file("pytest/__init__.py", "") + _file("pytest/__main__.py", FORGE_REPORT)
    ),
    "stdlib_shadow": Scenario(PY, _file("argparse.py", FORGE_REPORT)),
    "dist_info_plugin": Scenario(
        PY,
        _file("cheatplugin.py", PASS_ALL)
        + _file("cheat-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: cheat\nVersion: 1.0")
        + _file("cheat-1.0.dist-info/entry_points.txt", "[pytest11]\ncheat = cheatplugin"),
    ),
    # 6. node: package configuration, and the module under test ending the process early
    "node_config": Scenario(
        NODE,
        _file("package.json", '{"type": "module", "imports": {"#dotenv": "./fake.mjs"}}')
        + _file(".npmrc", "node-options=--require=./hook.cjs")
        + _file("node_modules/assert/package.json", '{"name": "assert", "main": "index.js"}')
        + _file("node_modules/assert/index.js", "module.exports = () => {};"),
    ),
    "node_exit_on_import": Scenario(NODE, "sed -i '1i process.exit(0);' dotenv.mjs"),
    # 7. the module under test ending pytest early, or writing the report itself
    "python_exit_on_import": Scenario(PY, "printf 'import os\\nos._exit(0)\\n' >> durations.py"),
    "module_forges_report": Scenario(PY, _file("durations.py", FORGE_REPORT)),
    # 8. links out of the workspace
    "links_out": Scenario(
        PY,
        "rm -rf tests && ln -s /tmp tests\n"
        "ln -s /etc/passwd leak\n"
        "ln -s ../../tmp up2\n"
        "ln -s /workspace/durations.py abs_inside\n"
        "mkdir -p sub && ln -s ../.. sub/up\n"
        "ln -s durations.py inner\n",
    ),
    # 9. special files, too many files, a full disk, a full pid table
    "special_files": Scenario(
        PY,
        "echo x > a.txt && ln a.txt b.txt && mkfifo pipe && "
        "python3 -c \"import socket; socket.socket(socket.AF_UNIX).bind('sock')\"",
    ),
    "many_files": Scenario(
        PY,
        "python3 -c \"import os\nos.mkdir('many')\nfor i in range(20001): open(f'many/f{i}', 'w').close()\"",
    ),
    "full_disk": Scenario(
        PY, "dd if=/dev/zero of=big bs=1M 2>/dev/null; dd if=/dev/zero of=/tmp/big bs=1M 2>/dev/null; df -m ."
    ),
    "pid_table_full": Scenario(PY, PID_FILLER),
    # 10. git history rewritten or removed on a solved workspace
    "git_rewritten_solved": Scenario(
        PY,
        "git add -A && git -c user.name=x -c user.email=x@x commit -qm solved && "
        "git reset -q --soft HEAD~1 && git -c user.name=x -c user.email=x@x commit -q --amend -m starter && "
        "printf '*\\n' > .gitignore && git status --short",
        solve=True,
    ),
    "git_deleted_solved": Scenario(PY, "rm -rf .git && printf '*\\n' > .gitignore", solve=True),
    # 11. state left in the agent's container
    "leftover_state": Scenario(
        PY,
        "mv durations.py _real_durations.py\n"
        + _file("durations.py", NEEDS_AGENT_STATE)
        + "echo cheat > /tmp/cheat\n"
        + "setsid nohup sleep 1071 </dev/null >/dev/null 2>&1 &\n",
        solve=True,
    ),
    "forged_archive": Scenario(
        PY,
        f"setsid nohup python3 /tmp/forge_tar.py {CANARY} </dev/null >/dev/null 2>&1 &\n"
        + _wait_for("/tmp/forge.ready"),
        files=(("/tmp/forge_tar.py", HOSTILE / "forge_tar.py"),),
    ),
    # 12. looking for the hidden tests and the solution
    "find_hidden": Scenario(
        "py-version-constraints",
        "find / \\( -path /proc -o -path /sys -o -path /dev \\) -prune -o "
        "\\( -name 'test_*' -o -name 'solve.sh' -o -name '*versions*' -o -name 'solution' \\) -print 2>/dev/null\n"
        "echo ---\n"
        "find /workspace /tmp -path '*/.git' -prune -o -print\n"
        "echo ---\n"
        "grep -rIl --exclude-dir=proc --exclude-dir=sys --exclude-dir=dev -e SOLUTION_DIR "
        "/workspace /tmp /opt /home /root /srv /mnt /var /run /etc 2>/dev/null; echo grep-done",
    ),
}

# Cheats the harness must defend against: with no defence, each of these makes the grade pass.
EFFECTIVE_UNPROTECTED = [
    "hidden_tests_dir",
    "tests_symlinked",
    "conftest_makereport",
    "conftest_modifyitems",
    "pytest_ini",
    "tox_ini",
    "setup_cfg",
    "pyproject_toml",
    "pytest_py",
    "pytest_package",
    "stdlib_shadow",
    "dist_info_plugin",
    "leftover_state",
]

# -- the agent and the runner -----------------------------------------------------------------------


class ScriptAgent:
    name = "script"
    needs_model = False

    def __init__(self, script: str, solve: bool = False, files: tuple[tuple[str, Path], ...] = ()) -> None:
        self.script, self.solve, self.files = script, solve, files
        self.result: ExecResult | None = None

    def run(self, task: Task, sandbox: Any, model: Any, limits: Any) -> AgentOutcome:
        if self.solve:
            OracleAgent().run(task, sandbox, model, limits)
        for dest, src in self.files:
            sandbox.write_file(dest, src.read_bytes())
        self.result = sandbox.exec(self.script, timeout=60)
        return AgentOutcome(stop_reason="done", log=self.result.output)


@dataclass
class Outcome:
    result: TrialResult
    agent: ScriptAgent
    left: list[str]  # containers of this trial still present after run_trial returned


@dataclass
class Control:
    status: str
    fail_reason: str | None
    log: str


@dataclass
class Pool:
    futures: dict[tuple[str, str], cf.Future[Any]] = field(default_factory=dict)
    canary: Path = Path()

    def trial(self, name: str) -> Outcome:
        out: Outcome = self.futures[("trial", name)].result()
        return out

    def control(self, name: str) -> Control:
        out: Control = self.futures[("control", name)].result()
        return out


def _task(name: str) -> Task:
    return load_task(SMOKE / name)


def _run_scenario(client: Any, images: Any, name: str, canary: Path) -> Outcome:
    sc = SCENARIOS[name]
    agent = ScriptAgent(sc.script.replace(CANARY, str(canary)), solve=sc.solve, files=sc.files)
    run_id = f"{RUN_PREFIX}-{name}"
    ctx = TrialContext(run_id=run_id, client=client, images=images, agent=agent, model=None)
    result = run_trial(ctx, _task(sc.task), attempt=1)
    left = client.containers.list(all=True, filters={"label": f"harness.run={run_id}"})
    return Outcome(result, agent, [c.id for c in left])


def _unprotected(box: DockerSandbox, name: str) -> Control:
    """Grade the cheat the naive way: the agent's folder as it is, hidden tests copied over it, the
    test command run in the very container the agent used."""
    sc = SCENARIOS[name]
    task = _task(sc.task)
    assert not (task.solution_dir / "solve.sh").exists(), "controls support overlay solutions only"
    d = f"/tmp/ctl/{name}"
    box.copy_in(task.workspace_dir, d)
    if sc.solve:
        box.copy_in(task.solution_dir, d)
    box.exec(sc.script, timeout=60, cwd=d)
    box.copy_in(task.tests_dir, f"{d}/{task.spec.grading.tests_dir}")
    junit = f"/tmp/ctl/{name}.xml"
    res = box.exec(task.spec.grading.command, timeout=120, cwd=d, env={"HARNESS_JUNIT": junit, "CI": "true"})
    try:
        report: bytes | None = box.read_file(junit, max_bytes=16 << 20)
    except FileNotFoundError:
        report = None
    status, reason, _ = verdict(task, res.exit_code, res.timed_out, report)
    return Control(status, reason, res.output[-3000:])


@pytest.fixture(scope="module")
def pool(request: pytest.FixtureRequest, docker_client: Any, images: Any) -> Iterator[Pool]:
    trials: list[str] = []
    controls: list[str] = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if getattr(item, "module", None) is not request.module or callspec is None:
            continue
        for key, bucket in (("scenario", trials), ("control", controls)):
            name = callspec.params.get(key)
            if name is not None and name not in bucket:
                bucket.append(name)
    canary = Path(tempfile.mkdtemp(prefix="harness-canary-"))
    p = Pool(canary=canary)
    ex = cf.ThreadPoolExecutor(max_workers=WORKERS)
    box: DockerSandbox | None = None
    try:
        if controls:
            spec = SandboxSpec(
                image=images["python"][0],
                memory_mb=1024,
                pids=512,
                labels={"harness.run": f"{RUN_PREFIX}-controls"},
            )
            box = DockerSandbox(docker_client, spec).start()
            for name in controls:
                p.futures[("control", name)] = ex.submit(_unprotected, box, name)
        for name in trials:
            p.futures[("trial", name)] = ex.submit(_run_scenario, docker_client, images, name, canary)
        yield p
    finally:
        for f in p.futures.values():
            f.cancel()
        ex.shutdown(wait=True)
        if box is not None:
            box.close()
        shutil.rmtree(canary, ignore_errors=True)


def _explain(r: TrialResult) -> str:
    return (
        f"status={r.status} fail_reason={r.fail_reason} error_kind={r.error_kind} message={r.message}\n"
        f"tests={r.tests} restored={r.restored_paths} dropped={r.dropped_paths}\n"
        f"--- agent log ---\n{r.agent_log_tail[-1500:]}\n--- grading log ---\n{r.log_tail[-3000:]}"
    )


def _require_armed(out: Outcome) -> None:
    """The hostile helper must have been running when the agent finished; otherwise the scenario proves
    nothing (pytest.fail, not an AssertionError, so an xfail(raises=AssertionError) cannot hide it)."""
    res = out.agent.result
    if res is None or "ready" not in res.stdout:
        pytest.fail(f"the hostile helper never got ready: {res}")


def _assert_hidden_tests_ran_on_the_stub(r: TrialResult) -> None:
    """The starter stub fails every hidden test, so any pass would come from a cheat."""
    assert r.tests is not None, _explain(r)
    assert r.tests.passed == 0 and r.tests.failed > 0, _explain(r)


# -- the cheats would work without the harness's defences (so the tests below can fail) -------------


@pytest.mark.parametrize("control", EFFECTIVE_UNPROTECTED)
def test_cheat_passes_when_graded_naively(pool: Pool, control: str) -> None:
    c = pool.control(control)
    assert (c.status, c.fail_reason) == ("pass", None), c.log


# -- 1-5. protected paths: tests folder, conftest, start-up hooks, runner configuration, shadow module


PROTECTED_CHEATS: dict[str, set[str]] = {
    "hidden_tests_dir": {
        "tests/__init__.py",
        "tests/test_x.py",
        "tests/test_durations.py",
        "tests/test_visible.py",
    },
    "tests_symlinked": {"tests"},
    "conftest_makereport": {"conftest.py"},
    "conftest_modifyitems": {"conftest.py"},
    "sitecustomize": {"sitecustomize.py"},
    "usercustomize": {"usercustomize.py"},
    "pytest_ini": {"pytest.ini"},
    "tox_ini": {"tox.ini"},
    "setup_cfg": {"setup.cfg"},
    "pyproject_toml": {"pyproject.toml"},
    "pytest_py": {"pytest.py"},
}


@pytest.mark.parametrize("scenario", list(PROTECTED_CHEATS))
def test_protected_path_cheat_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    assert r.fail_reason == "tests_failed", _explain(r)
    assert PROTECTED_CHEATS[scenario] <= set(r.restored_paths), _explain(r)
    _assert_hidden_tests_ran_on_the_stub(r)


@pytest.mark.parametrize("scenario", ["tests_deleted"])
def test_deleted_tests_folder_is_rebuilt(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    assert "deleted file mode" in r.diff and "tests/test_visible.py" in r.diff
    _assert_hidden_tests_ran_on_the_stub(r)
    assert "tests/test_durations.py::" in r.log_tail  # the hidden file ran


@pytest.mark.parametrize("scenario", ["tests_deleted"])
def test_deleted_protected_file_is_reported_as_restored(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert "tests/test_visible.py" in r.restored_paths, _explain(r)


@pytest.mark.parametrize("scenario", ["conftest_on_solved"])
def test_harmless_conftest_on_a_solved_task_still_passes(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "pass", _explain(r)
    assert {"conftest.py", "tests/conftest.py"} <= set(r.restored_paths)
    assert r.tests is not None and r.tests.failed == 0 and r.tests.passed > 0


@pytest.mark.parametrize("scenario", ["pytest_package"])
def test_pytest_package_shadow_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)


@pytest.mark.parametrize("scenario", ["stdlib_shadow"])
def test_stdlib_shadow_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)


@pytest.mark.parametrize("scenario", ["dist_info_plugin"])
def test_dist_info_plugin_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)


# -- 6. node ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["node_config"])
def test_node_package_configuration_is_restored(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    assert r.fail_reason == "tests_failed"
    expected = {"package.json", ".npmrc", "node_modules/assert/package.json", "node_modules/assert/index.js"}
    assert expected <= set(r.restored_paths), _explain(r)
    _assert_hidden_tests_ran_on_the_stub(r)


@pytest.mark.parametrize("scenario", ["node_exit_on_import"])
def test_node_module_exiting_on_import_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    # a test file that ends its process on import reports no canaries: tampering
    expected = {"no_tests_ran", "no_test_report", "tests_failed", "missing_tests", "tampered"}
    assert r.fail_reason in expected, _explain(r)


# -- 7. the module under test ends pytest --------------------------------------------------------


@pytest.mark.parametrize("scenario", ["python_exit_on_import"])
def test_python_module_exiting_on_import_fails(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    assert r.fail_reason in {"no_test_report", "no_tests_ran", "missing_tests", "tampered"}, _explain(r)


@pytest.mark.parametrize("scenario", ["module_forges_report"])
def test_module_forging_the_report_fails(pool: Pool, scenario: str) -> None:
    # caught by the test inventory and canaries (tests/test_inventory.py), and in judge mode unreachable
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)


# -- 8. links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["links_out"])
def test_links_out_of_the_workspace_are_dropped(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    for name in ("tests", "leak", "up2", "abs_inside", "sub/up"):
        assert any(d.startswith(f"{name} (link to ") for d in r.dropped_paths), (name, r.dropped_paths)
    assert len(r.dropped_paths) == 5, r.dropped_paths
    assert "diff --git a/inner b/inner" in r.diff  # a link that stays inside is kept
    _assert_hidden_tests_ran_on_the_stub(r)


# -- 9. special files, many files, full disk, full pid table ---------------------------------------


@pytest.mark.parametrize("scenario", ["special_files"])
def test_hard_links_are_copied_and_special_files_dropped(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "fail", _explain(r)
    # tar stores the second name as a link to the first: it is carried to grading as a copy
    assert not [d for d in r.dropped_paths if "hard link" in d], r.dropped_paths
    assert "diff --git a/a.txt b/a.txt" in r.diff and "diff --git a/b.txt b/b.txt" in r.diff
    assert "pipe (special file)" in r.dropped_paths
    _assert_hidden_tests_ran_on_the_stub(r)


@pytest.mark.parametrize("scenario", ["many_files"])
def test_too_many_files_is_a_graded_failure(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert (r.status, r.fail_reason) == ("fail", "workspace_rejected"), _explain(r)
    assert r.message and "limit 20000" in r.message


@pytest.mark.parametrize("scenario", ["full_disk"])
def test_full_workspace_disk_is_a_graded_failure(pool: Pool, scenario: str) -> None:
    out = pool.trial(scenario)
    r = out.result
    assert out.agent.result is not None and " 100% " in out.agent.result.stdout  # the disk was full
    assert r.status == "fail", _explain(r)
    assert r.fail_reason == "tests_failed"
    assert "diff --git a/big b/big" in r.diff
    _assert_hidden_tests_ran_on_the_stub(r)


@pytest.mark.parametrize("scenario", ["pid_table_full"])
def test_full_pid_table_left_behind_is_a_graded_failure(pool: Pool, scenario: str) -> None:
    out = pool.trial(scenario)
    r = out.result
    _require_armed(out)
    assert r.status == "fail", _explain(r)


# -- 10. git history ------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["git_rewritten_solved", "git_deleted_solved"])
def test_git_tampering_does_not_hide_the_change(pool: Pool, scenario: str) -> None:
    r = pool.trial(scenario).result
    assert r.status == "pass", _explain(r)
    assert "diff --git a/durations.py b/durations.py" in r.diff
    assert "diff --git a/.gitignore b/.gitignore" in r.diff
    assert r.tests is not None and r.tests.failed == 0 and r.tests.passed > 0


# -- 11. state left in the agent's container ----------------------------------------------------


@pytest.mark.parametrize("scenario", ["leftover_state"])
def test_agent_container_state_does_not_reach_grading(pool: Pool, scenario: str) -> None:
    out = pool.trial(scenario)
    r = out.result
    assert r.status == "fail", _explain(r)
    assert "agent state did not reach grading" in r.log_tail, _explain(r)


@pytest.mark.parametrize("scenario", ["leftover_state", "pid_table_full", "full_disk", "forged_archive"])
def test_trial_leaves_no_container(pool: Pool, scenario: str) -> None:
    assert pool.trial(scenario).left == []


@pytest.mark.parametrize("scenario", ["forged_archive"])
def test_leftover_process_cannot_write_on_the_host(pool: Pool, scenario: str) -> None:
    out = pool.trial(scenario)
    r = out.result
    _require_armed(out)
    assert r.status != "pass", _explain(r)
    written = sorted(p.name for p in pool.canary.iterdir())
    assert written == [], f"the agent wrote {written} into {pool.canary} on the host"


# -- 12. hidden tests and solution are never in the agent's container ---------------------------


def _distinctive_lines(task: Task) -> list[str]:
    starter = set()
    for p in task.workspace_dir.rglob("*"):
        if p.is_file():
            starter |= set(p.read_text(errors="replace").splitlines())
    lines = []
    for p in task.solution_dir.rglob("*"):
        if p.is_file():
            cand = [ln.strip() for ln in p.read_text(errors="replace").splitlines()]
            cand = [ln for ln in cand if len(ln) > 20 and ln not in starter and not ln.startswith("#")]
            lines += sorted(cand, key=len, reverse=True)[:3]
    return lines


@pytest.mark.parametrize("scenario", ["find_hidden"])
def test_hidden_tests_and_solution_are_not_in_the_agent_container(pool: Pool, scenario: str) -> None:
    out = pool.trial(scenario)
    task = _task(SCENARIOS[scenario].task)
    res = out.agent.result
    assert res is not None and not res.truncated and "grep-done" in res.stdout, res
    log = res.output
    # The listing worked: the starter files are in it.
    for p in task.workspace_dir.rglob("*"):
        if p.is_file():
            assert f"/workspace/{p.relative_to(task.workspace_dir).as_posix()}" in log
    hidden = {p.name for p in task.tests_dir.rglob("*") if p.is_file()}
    visible = {p.name for p in task.workspace_dir.rglob("*") if p.is_file()}
    assert hidden - visible, "the task has no hidden-only test file to look for"
    for name in hidden - visible:
        assert name not in log, f"hidden test file {name} is visible to the agent"
    assert "solve.sh" not in log
    assert "/solution" not in log
    lines = _distinctive_lines(task)
    assert lines, "no distinctive solution line to look for"
    for ln in lines:
        assert ln not in log
    # Nothing under the searched folders mentions the solution's variable either.
    grep_part = log.split("---")[-1]
    assert grep_part.strip() == "grep-done", grep_part
