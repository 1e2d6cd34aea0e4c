"""HumanEval import: the package's data file becomes 164 valid tasks; the oracle passes a sample."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.errors import HarnessError
from harness.importers.humaneval import import_humaneval
from harness.task import load_tasks

PROBLEM = {
    "task_id": "HumanEval/7",
    "prompt": 'def double(x: int) -> int:\n    """Twice x.\n    >>> double(2)\n    4\n    """\n',
    "entry_point": "double",
    "canonical_solution": "    return 2 * x\n",
    "test": "def check(candidate):\n    assert candidate(2) == 4\n    assert candidate(-3) == -6\n",
}


def test_import_synthetic_file(tmp_path: Path) -> None:
    data = tmp_path / "he.jsonl.gz"
    with gzip.open(data, "wt") as f:
        f.write(json.dumps(PROBLEM) + "\n")
    ids = import_humaneval(tmp_path / "out", data=data)
    assert ids == ["humaneval-007"]
    (task,) = load_tasks([str(tmp_path / "out")])
    assert task.spec.source is not None and task.spec.source.license == "MIT"
    assert task.spec.family == "humaneval"
    assert "raise NotImplementedError" in (task.workspace_dir / "solution.py").read_text()
    assert "return 2 * x" in (task.solution_dir / "solution.py").read_text()
    assert "check(_candidate_module.double)" in (task.tests_dir / "test_humaneval.py").read_text()
    assert "double(2)" in task.instruction


def test_refuses_a_non_empty_folder_and_bad_data(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    data = tmp_path / "he.jsonl"
    data.write_text(json.dumps(PROBLEM) + "\n")
    with pytest.raises(HarnessError, match="not empty"):
        import_humaneval(out, data=data)
    assert (out / "keep.txt").read_text() == "mine"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(HarnessError, match="not a HumanEval JSONL"):
        import_humaneval(tmp_path / "out2", data=bad)


def test_the_packaged_data_gives_164_valid_tasks(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "harness.cli", "import", "humaneval", "--out", str(tmp_path / "he")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    tasks = load_tasks([str(tmp_path / "he")])
    assert len(tasks) == 164
    assert len({t.content_hash for t in tasks}) == 164


@pytest.mark.docker
def test_oracle_passes_and_nop_fails_a_sample(images, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(
        [sys.executable, "-m", "harness.cli", "import", "humaneval", "--out", str(tmp_path / "he")],
        check=True,
    )
    # 032, 033, 038 and 050 call helpers defined in their prompts, and 121's entry point is itself called
    # `solution`, like the module: the cases a naive import gets wrong.
    sample = ["--task", "humaneval-000", "--task", "humaneval-032", "--task", "humaneval-033",
              "--task", "humaneval-038", "--task", "humaneval-050", "--task", "humaneval-121"]  # fmt: skip
    for agent, expected in (("oracle", "pass"), ("nop", "fail")):
        proc = subprocess.run(
            [sys.executable, "-m", "harness.cli", "run", str(tmp_path / "he"), *sample, "--agent", agent,
             "--run-id", agent, "--results-dir", str(tmp_path / "results"), "--concurrency", "3"],
            capture_output=True, text=True,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
        lines = (tmp_path / "results" / agent / "trials.jsonl").read_text().splitlines()
        statuses = [json.loads(line)["status"] for line in lines]
        assert statuses == [expected] * 6
