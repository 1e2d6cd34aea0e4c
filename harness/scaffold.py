"""`harness tasks new ID --language L`: a task folder that already validates (its tiny example passes with
the reference and fails without), for the author to replace piece by piece."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from harness.errors import HarnessError
from harness.importers.common import render_toml


@dataclass(frozen=True)
class Template:
    image: str
    command: str
    workspace: dict[str, str]
    tests: dict[str, str]
    solution: dict[str, str]
    memory_mb: int = 1024
    tests_dir: str = "tests"
    isolation: str = "judge"
    judge_builds: bool = False  # in-process, with the test binary built by the judge (Go, Rust, C)


PY_STUB = 'def add(a: int, b: int) -> int:\n    """Return a + b."""\n    raise NotImplementedError\n'
TEMPLATES: dict[str, Template] = {
    "python": Template(
        "python",
        'python3 -m pytest -q -p no:cacheprovider tests --junitxml="$HARNESS_JUNIT"',
        {"solution.py": PY_STUB},
        {
            "test_solution.py": "from solution import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\n"
            "def test_add_negative():\n    assert add(-2, -3) == -5\n"
        },
        {"solution.py": 'def add(a: int, b: int) -> int:\n    """Return a + b."""\n    return a + b\n'},
    ),
    "node": Template(
        "node",
        'node --test --test-reporter=/opt/harness/junit-reporter.mjs --test-reporter-destination="$HARNESS_JUNIT" '
        "--test-reporter=spec --test-reporter-destination=stdout tests/",
        {"solution.mjs": "export function add(a, b) {\n  throw new Error('not implemented');\n}\n"},
        {
            "solution.test.mjs": "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n"
            "import { agentImport } from '/opt/harness/agent.mjs';\n\n"
            "const { add } = await agentImport(new URL('../solution.mjs', import.meta.url));\n\n"
            "test('adds', async () => assert.equal(await add(2, 3), 5));\n"
            "test('adds negatives', async () => assert.equal(await add(-2, -3), -5));\n"
        },
        {"solution.mjs": "export function add(a, b) {\n  return a + b;\n}\n"},
    ),
    "go": Template(
        "go",
        "/opt/harness/go-test-judged -timeout 100s",
        {
            "go.mod": "module example\n\ngo 1.19\n",
            "add.go": "// Package example is a starting point.\npackage example\n\n// Add returns a + b.\n"
            'func Add(a, b int) int {\n\tpanic("not implemented")\n}\n',
        },
        {
            "add_test.go": 'package example\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n'
            '\tif got := Add(2, 3); got != 5 {\n\t\tt.Fatalf("Add(2, 3) = %d, want 5", got)\n\t}\n}\n'
        },
        {
            "add.go": "// Package example is a starting point.\npackage example\n\n// Add returns a + b.\n"
            "func Add(a, b int) int {\n\treturn a + b\n}\n"
        },
        tests_dir="_hidden",  # laid over the module root by go-test-judged
        isolation="in-process",
        judge_builds=True,
    ),
    "rust": Template(
        "rust",
        "/opt/harness/cargo-test-judged --test '*'",
        {
            "Cargo.toml": '[package]\nname = "example"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n'
            "[dependencies]\n",
            "src/lib.rs": "/// Returns a + b.\npub fn add(a: i64, b: i64) -> i64 {\n    todo!()\n}\n",
        },
        {"add.rs": "use example::add;\n\n#[test]\nfn adds() {\n    assert_eq!(add(2, 3), 5);\n}\n"},
        {"src/lib.rs": "/// Returns a + b.\npub fn add(a: i64, b: i64) -> i64 {\n    a + b\n}\n"},
        memory_mb=2048,
        isolation="in-process",
        judge_builds=True,
    ),
    "c": Template(
        "c",
        "/opt/harness/c-test-judged 'gcc -std=c11 -O1 -Wall -I. -Isrc -DTINYTEST_NO_MAIN tests/*.c src/*.c "
        '/opt/harness/tinytest_main.c -o "$OUT" -lm\'',
        {
            "src/add.h": "#ifndef ADD_H\n#define ADD_H\nint add(int a, int b);\n#endif\n",
            "src/add.c": '#include "add.h"\n\nint add(int a, int b) {\n    (void)a;\n    (void)b;\n    return 0;\n}\n',
        },
        {
            "test_add.c": '#include "add.h"\n#include "/opt/harness/include/tinytest.h"\n\n'
            "TEST(adds) { CHECK_EQ_INT(add(2, 3), 5); }\n"
        },
        {"src/add.c": '#include "add.h"\n\nint add(int a, int b) { return a + b; }\n'},
        isolation="in-process",
        judge_builds=True,
    ),
    "bash": Template(
        "bash",
        "bats-junit tests",
        {
            "add.sh": "#!/usr/bin/env bash\n# Usage: add.sh A B  -- prints A + B\necho 'not implemented' >&2\nexit 1\n"
        },
        {
            "add.bats": "#!/usr/bin/env bats\n\nbats_load_library harness-agent\n\n"
            "@test 'adds two numbers' {\n  run agent bash \"$BATS_TEST_DIRNAME/../add.sh\" 2 3\n"
            '  [ "$status" -eq 0 ]\n  [ "$output" = 5 ]\n}\n'
        },
        {"add.sh": "#!/usr/bin/env bash\n# Usage: add.sh A B  -- prints A + B\necho $(( $1 + $2 ))\n"},
    ),
}

INSTRUCTION = """# {title}

Describe the task here: what to build or fix, and precisely the interface the hidden tests use (file
names, functions and signatures, arguments, output format, errors). For a bug fix, describe the
symptom, not the line to change. See docs/tasks.md.

(Scaffold example: implement `add` so that it returns the sum of its two arguments.)
"""


def new_task(dest: Path, task_id: str, language: str) -> Path:
    if language not in TEMPLATES:
        raise HarnessError(f"no template for language '{language}' (have: {', '.join(TEMPLATES)})")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", task_id):
        raise HarnessError(f"task id '{task_id}': use letters, digits, '.', '_' and '-'")
    folder = dest / task_id
    if folder.exists():
        raise HarnessError(f"{folder} already exists")
    t = TEMPLATES[language]
    title = task_id.replace("-", " ").capitalize()
    toml = render_toml(
        {"id": task_id, "title": title, "language": language, "difficulty": "easy", "tags": ["implement"],
         "image": t.image},
        {"agent": {"timeout_sec": 900},
         "grading": {"command": t.command, "timeout_sec": 300, "junit": True, "tests_dir": t.tests_dir,
                     "isolation": t.isolation, **({"judge_builds": True} if t.judge_builds else {})},
         "limits": {"memory_mb": t.memory_mb, "cpus": 1.0, "pids": 256, "workspace_mb": 256}},
    )  # fmt: skip
    for sub, files in (("workspace", t.workspace), ("tests", t.tests), ("solution", t.solution)):
        for rel, text in files.items():
            path = folder / sub / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            if rel.endswith(".sh"):
                path.chmod(0o755)
    (folder / "task.toml").write_text(toml)
    (folder / "instruction.md").write_text(INSTRUCTION.format(title=title))
    return folder
