"""The host's side of grading isolation: how the test command is laid out and run in the grading
container, in judge mode and in (hardened) in-process mode.

Judge mode: the hidden tests, the judge helpers and the report folder live on /judge, a tmpfs owned by
the judge's uid with mode 0700, so the agent's uid can neither read the tests nor write the report.
The test command runs under the judge's uid. The agent's code runs only in processes that agentd
starts under the agent's uid, which cannot signal, trace or write to the judge's processes.

In-process mode: the agent's code runs inside the test process (imported suites that need it). The
workspace is not first on sys.path, plugins are not auto-loaded, and canaries check the report.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import docker.errors
import requests

from harness.errors import SandboxError
from harness.sandbox.base import SANDBOX_USER, WORKSPACE, ExecResult
from harness.sandbox.docker import DockerSandbox
from harness.task import Task

HERE = Path(__file__).parent
JUDGE_UID = 1001
JUDGE_USER = f"{JUDGE_UID}:{JUDGE_UID}"
JUDGE_ROOT = "/judge"
JUDGE_WORK = f"{JUDGE_ROOT}/w"  # the test command's cwd: holds only the hidden tests
JUDGE_JUNIT = f"{JUDGE_ROOT}/report/junit.xml"
AGENTD_DIR = "/tmp/.harness-agentd"
AGENTD_SOCK = f"{AGENTD_DIR}/sock"
INPROC_DIR = "/tmp/.harness-inproc"
INPROC_JUNIT = "/tmp/harness/junit.xml"
# The files each side needs, copied in at grading (standard library only, any image's python3).
AGENTD_FILES = ("agentd.py", "pyworker.py", "wire.py")
JUDGE_LIB_FILES = ("harness_judge.py", "wire.py", "agentrun")
# In-process Python: the workspace goes last on sys.path, after the standard library and pytest.
INPROC_SITECUSTOMIZE = "import sys\nsys.path.append('/workspace')\n"


class ContainerGone(SandboxError):
    """The grading container stopped while the test command ran (killed from outside, or OOM-killed as
    a whole): the engine's doing, so an error (kind engine), never a graded fail. Code under the agent's
    or the judge's uid cannot stop the container (its init and keep-alive run under a uid of their own)."""

    error_kind = "engine"


STATE_SETTLE_S = 3.0


def check_still_running(sb: DockerSandbox, res: ExecResult) -> None:
    """After the test command returns: its exit (137, ...) is the grade only if the container lived.
    A command that died of a signal (or whose exit is unknown) may have died with its container, whose
    state the engine reports a moment later: then ask again for a few seconds."""
    died = res.exit_code is None or res.exit_code >= 128
    deadline = time.monotonic() + (STATE_SETTLE_S if died else 0.0)
    while True:
        try:
            state = sb.api.inspect_container(sb.id)["State"]
        except docker.errors.NotFound:
            raise ContainerGone("the grading container was removed while the tests ran") from None
        except (docker.errors.DockerException, requests.exceptions.RequestException) as e:
            raise SandboxError(f"docker inspect of the grading container failed: {e}") from e
        if not state.get("Running") or time.monotonic() >= deadline:
            break
        time.sleep(0.1)
    if not state.get("Running"):
        why = "OOM-killed" if state.get("OOMKilled") else f"exit {state.get('ExitCode')}"
        raise ContainerGone(
            f"the grading container stopped while the tests ran ({why}, status {state.get('Status')})"
        )


def judge_tmpfs(tmp_mb: int) -> dict[str, str]:
    return {JUDGE_ROOT: f"rw,exec,nosuid,nodev,size={tmp_mb}m,uid={JUDGE_UID},gid={JUDGE_UID},mode=0700"}


def split_hidden_tests(task: Task, tree: Path, judge_tree: Path) -> None:
    """Move the hidden tests out of the workspace tree into the judge's tree (w/<tests_dir>)."""
    tests_dir = task.spec.grading.tests_dir.strip("/")
    src = tree / tests_dir
    dest = judge_tree / "w" / tests_dir
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(src), str(dest))
    lib = judge_tree / "lib"
    lib.mkdir()
    for name in JUDGE_LIB_FILES:
        shutil.copy2(HERE / name, lib / name)
    (lib / "agentrun").chmod(0o755)
    for sub in ("report", "home", "tmp"):
        (judge_tree / sub).mkdir()


def agentd_tree(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in AGENTD_FILES:
        shutil.copy2(HERE / name, dest / name)
    return dest


def run_judged(
    sb: DockerSandbox, task: Task, judge_tree: Path, agentd: Path
) -> tuple[ExecResult, bytes | None]:
    """Lay out /judge and agentd, start agentd under the agent's uid, run the tests as the judge."""
    g = task.spec.grading
    sb.copy_in(agentd, AGENTD_DIR, user=SANDBOX_USER)
    sb.copy_in(judge_tree, JUDGE_ROOT, user=JUDGE_USER)
    sb.start_background(
        ["python3", "-I", "-B", f"{AGENTD_DIR}/agentd.py", AGENTD_SOCK], cwd=AGENTD_DIR, user=SANDBOX_USER
    )
    env = {
        "HARNESS_JUNIT": JUDGE_JUNIT,
        "HARNESS_AGENTD": AGENTD_SOCK,
        "HARNESS_WORKSPACE": WORKSPACE,
        "HARNESS_JUDGE_DIR": JUDGE_ROOT,
        "HARNESS_TESTS": f"{JUDGE_WORK}/{g.tests_dir.strip('/')}",
        "PATH": f"{JUDGE_ROOT}/lib:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "PYTHONPATH": f"{JUDGE_ROOT}/lib",
        "PYTEST_PLUGINS": "harness_judge",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONNOUSERSITE": "1",
        "HOME": f"{JUDGE_ROOT}/home",
        "TMPDIR": f"{JUDGE_ROOT}/tmp",
        "CI": "true",
    }
    # agentd binds its socket within milliseconds; wait for it rather than race it.
    ready = f"for _ in $(seq 400); do [ -S {AGENTD_SOCK} ] && break; sleep 0.025; done; "
    res = sb.exec(
        ready + g.command,
        timeout=g.timeout_sec,
        cwd=JUDGE_WORK,
        env=env,
        head_bytes=16 * 1024,
        tail_bytes=48 * 1024,
        user=JUDGE_USER,
    )
    check_still_running(sb, res)
    return res, _report(sb, task, JUDGE_JUNIT, JUDGE_USER)


def run_in_process(sb: DockerSandbox, task: Task) -> tuple[ExecResult, bytes | None]:
    g = task.spec.grading
    sb.exec(
        f"mkdir -p /tmp/harness {INPROC_DIR} && cat > {INPROC_DIR}/sitecustomize.py",
        timeout=30,
        stdin=INPROC_SITECUSTOMIZE.encode(),
    )
    env = {
        "HARNESS_JUNIT": INPROC_JUNIT,
        "CI": "true",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONSAFEPATH": "1",
        "PYTHONPATH": INPROC_DIR,
    }
    res = sb.exec(g.command, timeout=g.timeout_sec, env=env, head_bytes=16 * 1024, tail_bytes=48 * 1024)
    check_still_running(sb, res)
    return res, _report(sb, task, INPROC_JUNIT, SANDBOX_USER)


def _report(sb: DockerSandbox, task: Task, path: str, user: str) -> bytes | None:
    if not task.spec.grading.junit:
        return None
    try:
        return sb.read_file(path, max_bytes=16 << 20, user=user)
    except FileNotFoundError:
        return None
