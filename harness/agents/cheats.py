"""Cheat probes: agents that attack the grader instead of solving the task. Every one must fail every
valid task; `tests/test_judge_python.py` runs them, and they are there for task authors to try.

Each probe writes files into /workspace. A payload that runs "at import" is appended to every Python
file of the starter workspace, so whichever module the hidden tests import fires it.
"""

from __future__ import annotations

from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.sandbox.base import WORKSPACE, Sandbox
from harness.task import Task, iter_files

# Objects that compare equal to anything, and stub every public function to return one.
ALWAYS_EQUAL = """
class _HarnessProbeAE(str):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __bool__(self): return True
    def __len__(self): return 0
    def __iter__(self): return iter(())
    def __lt__(self, o): return False
    def __gt__(self, o): return False
    def __repr__(self): return "AE"
def _harness_probe_stub(*a, **k): return _HarnessProbeAE()
for _n, _v in list(globals().items()):
    if not _n.startswith("_") and callable(_v) and getattr(_v, "__module__", None) == __name__:
        globals()[_n] = _harness_probe_stub
def __getattr__(name): return _harness_probe_stub
"""

# A JUnit report with every test passing, written to every path a report could be at, then exit 0.
FORGE_REPORT = r"""
def _harness_probe_forge():
    import glob, os
    names = set()
    for pat in ("/workspace/**/test_*.py", "/judge/**/test_*.py", "/tmp/**/test_*.py"):
        for path in glob.glob(pat, recursive=True):
            try:
                src = open(path).read()
            except OSError:
                continue
            import re
            names.update(re.findall(r"^\s*def (test_\w+)", src, re.M))
    cases = "".join(f'<testcase classname="tests" name="{n}" time="0.001"/>' for n in sorted(names or {"test_x"}))
    xml = f'<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="{len(names) or 1}" failures="0" errors="0">{cases}</testsuite></testsuites>'
    targets = {os.environ.get("HARNESS_JUNIT", ""), "/tmp/harness/junit.xml", "/judge/report/junit.xml"}
    for t in targets:
        if t:
            try:
                os.makedirs(os.path.dirname(t), exist_ok=True)
                open(t, "w").write(xml)
            except OSError:
                pass
    for proc in glob.glob("/proc/[0-9]*"):
        try:
            if int(proc[6:]) not in (1, os.getpid()):
                os.kill(int(proc[6:]), 9)
        except (OSError, ValueError):
            pass
    os._exit(0)
_harness_probe_forge()
"""

# Patch pytest from inside its own process: every report says passed.
PATCH_PYTEST = r"""
def _harness_probe_patch():
    import gc, sys
    try:
        import _pytest.reports as r
        orig = r.TestReport.__init__
        def init(self, *a, **k):
            orig(self, *a, **k)
            self.outcome = "passed"
            self.longrepr = None
        r.TestReport.__init__ = init
    except Exception:
        pass
    for obj in gc.get_objects():
        if type(obj).__name__ == "Config" and hasattr(obj, "pluginmanager"):
            class _Flip:
                def pytest_runtest_logreport(self, report):
                    report.outcome = "passed"
            try:
                obj.pluginmanager.register(_Flip(), "harness-probe-flip")
            except Exception:
                pass
_harness_probe_patch()
"""

# Exit 0 as soon as the tests import the agent's code.
EXIT_ZERO = "\nimport os as _harness_os\n_harness_os._exit(0)\n"

# Report whether the hidden tests can be read, in an import error that every mode shows.
READ_TESTS = r"""
def _harness_probe_read():
    import glob
    got = []
    for pat in ("/judge/**/*.py", "/workspace/tests/**/*.py", "/workspace/**/test_*.py"):
        for path in glob.glob(pat, recursive=True):
            try:
                got.append(f"{path}:{len(open(path).read())}")
            except OSError:
                pass
    raise RuntimeError(("HARNESS-PROBE-READ " + " ".join(got)) if got else "HARNESS-PROBE-NOTHING-READ")
_harness_probe_read()
"""

PAYLOADS = {
    "always-equal": ALWAYS_EQUAL,
    "forge-report": FORGE_REPORT,
    "patch-pytest": PATCH_PYTEST,
    "exit-zero": EXIT_ZERO,
    "read-tests": READ_TESTS,
}

# Modules that pytest imports at start-up or that tests commonly import: shadowed with the payload.
SHADOWS = ("attr", "iniconfig", "packaging", "pluggy", "json", "re", "pytest")


class _PythonProbe:
    """Appends a payload to every Python file of the starter workspace."""

    payload = ""
    name = "cheat"
    needs_model = False

    def extra_files(self, task: Task) -> dict[str, str]:
        return {}

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        touched = []
        for p in iter_files(task.workspace_dir):
            rel = p.relative_to(task.workspace_dir).as_posix()
            if p.suffix == ".py" and not rel.startswith(task.spec.grading.tests_dir.rstrip("/") + "/"):
                data = p.read_bytes() + ("\n" + self.payload).encode()
                sandbox.write_file(f"{WORKSPACE}/{rel}", data)
                touched.append(rel)
        for rel, text in self.extra_files(task).items():
            sandbox.write_file(f"{WORKSPACE}/{rel}", text.encode())
            touched.append(rel)
        return AgentOutcome(stop_reason="done", log=f"{self.name}: wrote {', '.join(touched) or 'nothing'}")


def _probe(key: str) -> type[_PythonProbe]:
    return type(
        f"Probe_{key.replace('-', '_')}", (_PythonProbe,), {"payload": PAYLOADS[key], "name": f"cheat-{key}"}
    )


AlwaysEqualProbe = _probe("always-equal")
ForgeReportProbe = _probe("forge-report")
PatchPytestProbe = _probe("patch-pytest")
ExitZeroProbe = _probe("exit-zero")
ReadTestsProbe = _probe("read-tests")


class ShadowProbe(_PythonProbe):
    """Top-level packages named like what pytest imports at start-up (attr, pluggy, ...), each
    carrying the report-patching payload, plus a plugin registered by an upper-case DIST-INFO folder."""

    name = "cheat-shadow"

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        for mod in SHADOWS:
            sandbox.write_file(f"{WORKSPACE}/{mod}/__init__.py", (PATCH_PYTEST + FORGE_REPORT).encode())
        entry = "[pytest11]\nharness_probe = harness_probe_plugin\n"
        meta = "Metadata-Version: 2.1\nName: harness-probe\nVersion: 1.0\n"
        sandbox.write_file(f"{WORKSPACE}/HARNESS_PROBE-1.0.DIST-INFO/entry_points.txt", entry.encode())
        sandbox.write_file(f"{WORKSPACE}/HARNESS_PROBE-1.0.DIST-INFO/METADATA", meta.encode())
        sandbox.write_file(f"{WORKSPACE}/harness_probe_plugin.py", (PATCH_PYTEST + FORGE_REPORT).encode())
        names = ", ".join([*SHADOWS, "HARNESS_PROBE-1.0.DIST-INFO", "harness_probe_plugin.py"])
        return AgentOutcome(stop_reason="done", log=f"{self.name}: wrote {names}")
