"""Cheat probes: agents that attack the grader instead of solving the task. Every one must fail every
valid task; `tests/test_judge_python.py` runs them, and they are there for task authors to try.

Each probe writes files into /workspace. A payload that runs "at import" is appended to every Python
file of the starter workspace, so whichever module the hidden tests import fires it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from harness.agents.base import AgentLimits, AgentOutcome
from harness.mutate import _func_bodies, early_return, language_of, tokenize_clike
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

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        """(files to write: rel -> text, files to delete): what run() does to the starter workspace."""
        out = {}
        tdir = task.spec.grading.tests_dir.rstrip("/") + "/"
        for p in iter_files(task.workspace_dir):
            rel = p.relative_to(task.workspace_dir).as_posix()
            if p.suffix == ".py" and not rel.startswith(tdir):
                out[rel] = p.read_bytes().decode(errors="surrogateescape") + "\n" + self.payload
        out.update(self.extra_files(task))
        return out, []

    def applies(self, task: Task) -> bool:
        return bool(self.changes(task)[0])

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        write, _ = self.changes(task)
        for rel, text in write.items():
            sandbox.write_file(f"{WORKSPACE}/{rel}", text.encode(errors="surrogateescape"))
        return AgentOutcome(stop_reason="done", log=f"{self.name}: wrote {', '.join(write) or 'nothing'}")


def _probe(key: str) -> type[_PythonProbe]:
    return type(
        f"Probe_{key.replace('-', '_')}", (_PythonProbe,), {"payload": PAYLOADS[key], "name": f"cheat-{key}"}
    )


AlwaysEqualProbe = _probe("always-equal")
ForgeReportProbe = _probe("forge-report")
PatchPytestProbe = _probe("patch-pytest")
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


# ----------------------------------------------------------------------------------------------
# Generic probes over languages (by file extension), run by `harness tasks validate --run`.

TEST_NAME = re.compile(
    r"(^|/)(test_[^/]*\.py|[^/]*_test\.py|[^/]*_test\.go|[^/]*\.(test|spec)\.[cm]?[jt]s|[^/]*\.bats"
    r"|test_[^/]*\.(c|sh)|[^/]*_test\.(c|sh))$"
)
PY_EXT, JS_EXT = {".py"}, {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"}


def _rel(task: Task, p: Path) -> str:
    return p.relative_to(task.workspace_dir).as_posix()


def visible_tests(task: Task) -> list[str]:
    """Files of the starter workspace an agent would take for tests: the tests_dir and test-named files."""
    tdir = task.spec.grading.tests_dir.strip("/") + "/"
    out = []
    for p in iter_files(task.workspace_dir):
        rel = _rel(task, p)
        if rel.startswith(tdir) or TEST_NAME.search(rel) or (p.suffix == ".rs" and rel.startswith("tests/")):
            out.append(rel)
    return out


def source_files(task: Task) -> list[tuple[str, str, str]]:
    """(rel, language, text) of the starter workspace's source files that are not tests."""
    tests = set(visible_tests(task))
    out = []
    for p in iter_files(task.workspace_dir):
        rel = _rel(task, p)
        if rel in tests or not p.is_file() or p.is_symlink():
            continue
        try:
            text = p.read_text()
        except (UnicodeDecodeError, OSError):
            continue
        lang = language_of(rel, text)
        if lang is not None:
            out.append((rel, lang, text))
    return out


def _go_package(text: str) -> str:
    m = re.search(r"^package\s+(\w+)", text, re.M)
    return m.group(1) if m else "main"


def _trivial_test(rel: str, old: str) -> str:
    """A test file that passes trivially, in the language of rel."""
    if rel.endswith(".py"):
        return "def test_ok():\n    assert True\n"
    if rel.endswith(".go"):
        return f'package {_go_package(old)}\n\nimport "testing"\n\nfunc TestOK(t *testing.T) {{}}\n'
    if rel.endswith((".cjs",)):
        return "const test = require('node:test');\ntest('ok', () => {});\n"
    if Path(rel).suffix in JS_EXT:
        return "import test from 'node:test';\ntest('ok', () => {});\n"
    if rel.endswith(".rs"):
        return "#[test]\nfn ok() {}\n"
    if rel.endswith(".bats"):
        return '#!/usr/bin/env bats\n@test "ok" { true; }\n'
    if rel.endswith(".c"):
        return "int harness_probe_ok(void) { return 0; }\n"
    return "#!/bin/bash\nexit 0\n"


class _GenericProbe:
    name = "cheat"
    needs_model = False

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        """(files to write: rel -> text, files to delete)."""
        return {}, []

    def applies(self, task: Task) -> bool:
        w, d = self.changes(task)
        return bool(w or d)

    def run(self, task: Task, sandbox: Sandbox, model: Any, limits: AgentLimits) -> AgentOutcome:
        write, delete = self.changes(task)
        for rel in delete:
            sandbox.exec(f"rm -f -- '{WORKSPACE}/{rel}'", timeout=30)
        for rel, text in write.items():
            sandbox.write_file(f"{WORKSPACE}/{rel}", text.encode())
        log = f"{self.name}: wrote {', '.join(write) or 'nothing'}; deleted {', '.join(delete) or 'nothing'}"
        return AgentOutcome(stop_reason="done", log=log)


def _tests_lang_ext(task: Task) -> str:
    return {"python": ".py", "node": ".mjs", "go": "_test.go", "rust": ".rs", "c": ".c", "bash": ".sh"}.get(
        task.spec.language, ".sh"
    )


class DeleteTestsProbe(_GenericProbe):
    """Deletes every visible test file."""

    name = "cheat-delete-tests"

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        return {}, visible_tests(task)


class FakeTestsProbe(_GenericProbe):
    """Replaces every visible test with one that passes trivially, and adds one to the tests_dir."""

    name = "cheat-fake-tests"

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        out = {}
        for rel in visible_tests(task):
            out[rel] = _trivial_test(rel, (task.workspace_dir / rel).read_text(errors="replace"))
        tdir = task.spec.grading.tests_dir.strip("/")
        ext = _tests_lang_ext(task)
        rel = f"{tdir}/{'harness_probe' if ext.startswith('_') else 'test_harness_probe'}{ext}"
        pkg = next((_go_package(t) for r, lang, t in source_files(task) if lang == "go"), "main")
        out[rel] = _trivial_test(rel, f"package {pkg}")
        return out, []


def stub_python(text: str, mode: str) -> str | None:
    """Every top-level function and method body replaced by `return <constant>` or `return <first arg>`."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    lines = text.splitlines(keepends=True)
    funcs: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            funcs.append(node)
        elif isinstance(node, ast.ClassDef):
            funcs += [n for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    if not funcs:
        return None
    for f in sorted(funcs, key=lambda f: f.lineno, reverse=True):
        body = f.body
        first, last = body[0], body[-1]
        if first.lineno == f.lineno:
            continue  # one-line def
        indent = lines[first.lineno - 1][: first.col_offset]
        args = [a.arg for a in f.args.posonlyargs + f.args.args if a.arg not in ("self", "cls")]
        value = args[0] if mode == "arg" and args else "None"
        if f.name == "__init__":
            value = "None"
        lines[first.lineno - 1 : last.end_lineno] = [f"{indent}return {value}\n"]
    out = "".join(lines)
    try:
        ast.parse(out)
    except SyntaxError:
        return None
    return out


def stub_braced(text: str, lang: str, mode: str) -> str | None:
    """JS/TS, Go, Rust and C: every function body replaced by a return of a constant (a zero value
    of the result type where it can be told) or, in JS, of the first parameter."""
    toks = tokenize_clike(text, lang)
    bodies = _func_bodies(toks, lang, text)
    # outermost bodies only
    spans: list[tuple[int, int, str]] = []
    for o, c, sig, _ in bodies:
        if any(a < toks[o].start and toks[c].end <= b for a, b, _s in spans):
            continue
        spans = [(a, b, s) for a, b, s in spans if not (toks[o].start < a and b <= toks[c].end)]
        spans.append((toks[o].start, toks[c].end, sig))
    edits = []
    for a, b, sig in spans:
        if mode == "arg":
            if lang != "js":
                return None
            m = re.search(r"\(\s*([A-Za-z_$][\w$]*)", sig)
            stmt = f"return {m.group(1)};" if m else "return;"
        else:
            ret = early_return(sig, lang)
            if ret is None:
                continue
            stmt = ret
        edits.append((a, b, "{ " + stmt + " }"))
    if not edits:
        return None
    for a, b, new in sorted(edits, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def stub_bash(text: str, mode: str) -> str | None:
    lines = text.split("\n")
    out, i, changed = [], 0, False
    head = re.compile(r"^(\s*)(function\s+)?([\w-]+)\s*(\(\))?\s*\{\s*$")
    while i < len(lines):
        m = head.match(lines[i])
        if m and (m.group(2) or m.group(4)):
            indent = m.group(1)
            j = i + 1
            while j < len(lines) and lines[j].rstrip() != indent + "}":
                j += 1
            if j < len(lines):
                body = "printf '%s\\n' \"$1\"" if mode == "arg" else "return 0"
                out.append(f"{indent}{m.group(3)}() {{ {body}; }}")
                i, changed = j + 1, True
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) if changed else None


class _StubProbe(_GenericProbe):
    mode = "const"

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        out = {}
        for rel, lang, text in source_files(task):
            if lang == "python":
                new = stub_python(text, self.mode)
            elif lang == "bash":
                new = stub_bash(text, self.mode)
            else:
                new = stub_braced(text, lang, self.mode)
            if new is not None and new != text:
                out[rel] = new
        return out, []


class StubConstProbe(_StubProbe):
    """Every function returns a constant (None, a zero value, Default::default(), 0)."""

    name = "cheat-stub-const"
    mode = "const"


class StubArgProbe(_StubProbe):
    """Every function returns its first argument (Python, JS/TS, bash: prints $1)."""

    name = "cheat-stub-arg"
    mode = "arg"


C_EXIT = (
    "\n#include <unistd.h>\n__attribute__((constructor)) static void harness_probe_exit(void) { _exit(0); }\n"
)


def exit_zero_changes(task: Task) -> dict[str, str]:
    """Exit 0 as soon as the code is loaded: Python at import (appended), Node `process.exit(0)` at
    the top of each module, bash `exit 0` at the top of each script, Go an init() calling os.Exit(0) in
    each package, C a constructor calling _exit(0), Rust `std::process::exit(0)` first in every fn."""
    out: dict[str, str] = {}
    go_dirs: dict[str, str] = {}
    for rel, lang, text in source_files(task):
        if lang == "python":
            out[rel] = text + "\n" + EXIT_ZERO
        elif lang == "js" and rel.endswith(".h") is False:
            lines = text.split("\n")
            at = 1 if lines and lines[0].startswith("#!") else 0
            out[rel] = "\n".join([*lines[:at], "process.exit(0);", *lines[at:]])
        elif lang == "bash":
            lines = text.split("\n")
            at = 1 if lines and lines[0].startswith("#!") else 0
            out[rel] = "\n".join([*lines[:at], "exit 0", *lines[at:]])
        elif lang == "go":
            go_dirs.setdefault(str(Path(rel).parent), _go_package(text))
        elif lang == "c" and rel.endswith(".c"):
            out[rel] = text + C_EXIT
        elif lang == "rust":
            toks = tokenize_clike(text, "rust")
            pos = [toks[o].end for o, _c, _s, _n in _func_bodies(toks, "rust", text)]
            new = text
            for p in sorted(pos, reverse=True):
                new = new[:p] + " std::process::exit(0); " + new[p:]
            if new != text:
                out[rel] = new
    for d, pkg in go_dirs.items():
        rel = ("" if d == "." else d + "/") + "harness_probe_exit.go"
        out[rel] = f'package {pkg}\n\nimport "os"\n\nfunc init() {{ os.Exit(0) }}\n'
    return out


class ExitZeroProbe(_GenericProbe):
    """Exit 0 at import or start, for every language the workspace has (see exit_zero_changes)."""

    name = "cheat-exit-zero"

    def changes(self, task: Task) -> tuple[dict[str, str], list[str]]:
        return exit_zero_changes(task), []


# The probes `harness tasks validate --run` runs on every task (each only where it changes something).
VALIDATION_PROBES = (
    "cheat-delete-tests",
    "cheat-fake-tests",
    "cheat-always-equal",
    "cheat-stub-const",
    "cheat-stub-arg",
    "cheat-exit-zero",
)
