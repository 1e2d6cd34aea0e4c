"""Exercism exercises as tasks: a track checkout (`config.json` + `exercises/practice/<slug>/`) or a
folder laid out like the polyglot benchmark (`<language>/exercises/practice/<slug>/`).

Each exercise's `.meta/config.json` names its solution, test and example files. The instruction is
`.docs/instructions.md` (+ `instructions.append.md`); the tests are hidden and put back beside the
solution for grading; the example solution is the reference. Only the solution files may change:
every other starter file (test helpers, build files) is protected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.importers.common import prepare_out, render_toml, write_task


@dataclass(frozen=True)
class Runner:
    image: str
    command: str  # {tests} is replaced by the test files
    visible: str  # the same tests as the agent runs them (--visible-tests): no JUnit, same files
    junit: bool = True
    memory_mb: int = 1024


RUNNERS: dict[str, Runner] = {
    "python": Runner(
        "python",
        'python3 -m pytest -q -p no:cacheprovider {tests} --junitxml="$HARNESS_JUNIT"',
        "python3 -m pytest -q -p no:cacheprovider {tests}",
    ),
    "go": Runner(
        "go",
        'gotestsum --format standard-verbose --junitfile "$HARNESS_JUNIT" -- -timeout 100s ./...',
        "go test -timeout 100s ./...",
    ),
    "rust": Runner(
        "rust",
        "/opt/harness/cargo-test-junit -- --include-ignored",
        "cargo test -- --include-ignored",
        memory_mb=2048,
    ),
    "bash": Runner("bash", "BATS_RUN_SKIPPED=true bats-junit {tests}", "BATS_RUN_SKIPPED=true bats {tests}"),
    # Exercism's C track builds its Unity tests with its own makefile, which prints no JUnit.
    "c": Runner(
        "c",
        "make -s clean >/dev/null 2>&1; make -s test",
        "make -s clean >/dev/null 2>&1; make -s test",
        junit=False,
    ),
}
IGNORED = {".meta", ".docs", ".exercism", ".git", "node_modules", "target", "__pycache__"}


@dataclass
class ImportReport:
    imported: list[str]
    skipped: dict[str, str]  # exercise -> why


def _tracks(root: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(language, exercises/practice folder, track config) for a track checkout or a polyglot folder."""
    if (root / "exercises" / "practice").is_dir():
        config = _json(root / "config.json") if (root / "config.json").is_file() else {}
        language = str(config.get("slug") or root.name)
        return [(language, root / "exercises" / "practice", config)]
    tracks = []
    for d in sorted(p for p in root.iterdir() if (p / "exercises" / "practice").is_dir()):
        config = _json(d / "config.json") if (d / "config.json").is_file() else {}
        tracks.append((str(config.get("slug") or d.name), d / "exercises" / "practice", config))
    if not tracks:
        raise HarnessError(
            f"{root}: no exercises/practice/ folder, nor <language>/exercises/practice/ folders below it"
        )
    return tracks


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise HarnessError(f"{path}: not readable JSON ({e})") from None
    if not isinstance(data, dict):
        raise HarnessError(f"{path}: expected a JSON object")
    return data


def _deprecated(config: dict[str, Any], slug: str) -> bool:
    return any(
        ex.get("slug") == slug and ex.get("status") == "deprecated"
        for ex in config.get("exercises", {}).get("practice", [])
    )


def _build_examples(ex: Path) -> dict[str, str]:
    """Build files the example solution needs, from `.meta/NAME-example.EXT` (Rust's
    `Cargo-example.toml`: the dependencies the example uses): workspace path -> example path."""
    out = {}
    for p in sorted((ex / ".meta").glob("*-example.*")):
        stem, _, suffix = p.name.partition("-example")
        out[stem + suffix] = p.relative_to(ex).as_posix()
    return out


def _difficulty(config: dict[str, Any], slug: str) -> str:
    for ex in config.get("exercises", {}).get("practice", []):
        if ex.get("slug") == slug and isinstance(ex.get("difficulty"), int):
            d = ex["difficulty"]
            return "easy" if d <= 3 else ("medium" if d <= 6 else "hard")
    return "medium"


def _examples_for(solution: list[str], example: list[str]) -> dict[str, str]:
    """solution path -> example path, pairing by file suffix (e.g. .h with .h), else by position."""
    out: dict[str, str] = {}
    rest = list(example)
    for sol in solution:
        match = next((e for e in rest if Path(e).suffix == Path(sol).suffix), None)
        if match is None and rest:
            match = rest[0]
        if match is not None:
            out[sol] = match
            rest.remove(match)
    return out


def import_exercism(
    root: Path,
    out: Path,
    languages: list[str] | None = None,
    force: bool = False,
    visible_tests: bool = False,
) -> ImportReport:
    """`visible_tests`: the tests are also in the workspace (protected: restored before grading) and
    are the task's `[agent] test_command`, as in Aider's benchmark, where a second try sees their
    output; by default they are hidden."""
    if not root.is_dir():
        raise HarnessError(f"{root}: not a folder")
    prepare_out(out, force)
    report = ImportReport(imported=[], skipped={})
    for language, practice, track_config in _tracks(root):
        if languages and language not in languages:
            continue
        runner = RUNNERS.get("javascript" if language == "javascript" else language)
        for ex in sorted(p for p in practice.iterdir() if p.is_dir()):
            name = f"{language}/{ex.name}"
            if runner is None:
                report.skipped[name] = f"no sandbox runner for {language} (have: {', '.join(RUNNERS)})"
                continue
            if _deprecated(track_config, ex.name):
                report.skipped[name] = "deprecated in the track's config.json"
                continue
            try:
                report.imported.append(_import_one(ex, language, runner, track_config, out, visible_tests))
            except _Skip as e:
                report.skipped[name] = str(e)
    return report


class _Skip(Exception):
    pass


def _import_one(
    ex: Path,
    language: str,
    runner: Runner,
    track_config: dict[str, Any],
    out: Path,
    visible_tests: bool = False,
) -> str:
    meta = ex / ".meta" / "config.json"
    if not meta.is_file():
        raise _Skip("no .meta/config.json")
    files = _json(meta).get("files", {})
    solution, tests, example = (list(files.get(k, [])) for k in ("solution", "test", "example"))
    if not solution or not tests or not example:
        raise _Skip(".meta/config.json lacks solution, test or example files")
    for rel in solution + tests + example:
        if not (ex / rel).is_file() and rel not in solution:
            raise _Skip(f"{rel} is named in .meta/config.json but missing")
    instructions = ex / ".docs" / "instructions.md"
    if not instructions.is_file():
        raise _Skip("no .docs/instructions.md")
    text = instructions.read_text(encoding="utf-8")
    append = ex / ".docs" / "instructions.append.md"
    if append.is_file():
        text += "\n" + append.read_text(encoding="utf-8")
    text += "\n\n## Files\n\nWrite your solution in " + ", ".join(f"`{s}`" for s in solution) + ".\n"
    workspace = {
        p.relative_to(ex).as_posix(): p
        for p in sorted(ex.rglob("*"))
        if p.is_file()
        and not (IGNORED & set(p.relative_to(ex).parts))
        and (visible_tests or p.relative_to(ex).as_posix() not in tests)
    }
    # A build file the example needs its own version of (its dependencies) is the agent's to edit too.
    builds = {dest: src for dest, src in _build_examples(ex).items() if dest in workspace}
    editable = set(solution) | set(builds)
    protected = sorted(set(workspace) - editable - set(tests)) + tests
    agent: dict[str, Any] = {"timeout_sec": 900}
    if visible_tests:
        agent["test_command"] = runner.visible.replace("{tests}", " ".join(tests))
    tid = f"{language}-{ex.name}"
    toml = render_toml(
        {"id": tid, "title": f"Exercism {language}: {ex.name}", "language": "node" if language == "javascript"
         else language, "difficulty": _difficulty(track_config, ex.name), "tags": ["exercism", "implement"],
         "family": f"exercism-{ex.name}", "image": runner.image},
        {"agent": agent,
         "grading": {"command": runner.command.replace("{tests}", " ".join(tests)), "timeout_sec": 300,
                     "junit": runner.junit, "tests_dir": ".", "protected": protected,
                     # Exercism's tests sit beside the solution and some pass callbacks: in-process,
                     # hardened (inventory, canaries, no workspace-first sys.path).
                     "isolation": "in-process"},
         "limits": {"memory_mb": runner.memory_mb, "pids": 256, "workspace_mb": 256},
         "source": {"name": f"Exercism {language} track", "url": f"https://github.com/exercism/{language}",
                    "license": "MIT"}},
    )  # fmt: skip
    write_task(
        out / tid,
        toml,
        text,
        workspace=dict(workspace),
        tests={t: ex / t for t in tests},
        solution={
            **{sol: ex / src for sol, src in _examples_for(solution, example).items()},
            **{dest: ex / src for dest, src in builds.items()},
        },
    )
    return tid
