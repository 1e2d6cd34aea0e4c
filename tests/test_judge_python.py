"""Judge isolation for Python, in real containers: the cheat probes (harness/agents/cheats.py) attack
the grader from the agent's code, and every one scores 0 in judge mode.

Controls show each attack is real: the same probe on an in-process copy of the task reads the hidden
tests, and the always-equal stub passes the task's tests there, which is why judge mode is the default.
"""

from __future__ import annotations

import concurrent.futures as cf
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest

from harness.agents import load_agent
from harness.results import TrialResult
from harness.task import load_task
from harness.trial import TrialContext, run_trial

pytestmark = pytest.mark.docker

ROOT = Path(__file__).resolve().parent.parent
SMOKE = ROOT / "tasks" / "smoke"
CORE = ROOT / "tasks" / "core"
PROBES = ["cheat-always-equal", "cheat-forge-report", "cheat-patch-pytest", "cheat-exit-zero", "cheat-shadow"]
# A function task (smoke) and one with classes, exceptions and submodules (core).
TASKS = [SMOKE / "py-duration-parse", CORE / "py-paginator-fix"]


def _trial(client: Any, images: Any, task_dir: Path, agent: str) -> tuple[TrialResult, list[str]]:
    run_id = f"judge-py-{uuid.uuid4().hex[:8]}"
    ctx = TrialContext(run_id=run_id, client=client, images=images, agent=load_agent(agent), model=None)
    r = run_trial(ctx, load_task(task_dir), attempt=1)
    left = client.containers.list(all=True, filters={"label": f"harness.run={run_id}"})
    return r, [c.id for c in left]


def _in_process_copy(task_dir: Path, dest: Path) -> Path:
    out = dest / task_dir.name
    shutil.copytree(task_dir, out)
    toml = out / "task.toml"
    toml.write_text(toml.read_text().replace("[grading]\n", '[grading]\nisolation = "in-process"\n', 1))
    (out / "tests.lock.json").unlink(missing_ok=True)
    return out


@pytest.fixture(scope="module")
def outcomes(docker_client: Any, images: Any) -> Any:
    """Every (task, agent) trial this module checks, two at a time, started once."""
    tmp = Path(tempfile.mkdtemp(prefix="harness-judge-test-"))
    inproc = {t.name: _in_process_copy(t, tmp) for t in TASKS}
    jobs: dict[tuple[str, str], tuple[Path, str]] = {}
    for t in TASKS:
        for agent in [*PROBES, "oracle", "nop", "cheat-read-tests"]:
            jobs[(t.name, agent)] = (t, agent)
        jobs[(t.name + "@in-process", "cheat-read-tests")] = (inproc[t.name], "cheat-read-tests")
        jobs[(t.name + "@in-process", "cheat-always-equal")] = (inproc[t.name], "cheat-always-equal")
    with cf.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {k: pool.submit(_trial, docker_client, images, *v) for k, v in jobs.items()}
        yield {k: f.result() for k, f in futures.items()}
    shutil.rmtree(tmp, ignore_errors=True)


def _explain(r: TrialResult) -> str:
    return f"{r.status} {r.fail_reason} {r.message}\n{r.log_tail[-3000:]}"


@pytest.mark.parametrize("task", [t.name for t in TASKS])
def test_reference_passes_and_nop_fails_in_judge_mode(outcomes: Any, task: str) -> None:
    ok, _ = outcomes[(task, "oracle")]
    assert ok.status == "pass" and ok.isolation == "judge", _explain(ok)
    nop, _ = outcomes[(task, "nop")]
    assert nop.status == "fail", _explain(nop)


@pytest.mark.parametrize("probe", PROBES)
@pytest.mark.parametrize("task", [t.name for t in TASKS])
def test_cheat_probe_scores_zero_and_leaves_nothing(outcomes: Any, task: str, probe: str) -> None:
    r, left = outcomes[(task, probe)]
    nop, _ = outcomes[(task, "nop")]
    assert r.status == "fail", _explain(r)
    # The cheat gains nothing over leaving the starter files alone (a bugfix starter passes some tests).
    assert (r.score or 0) <= (nop.score or 0), _explain(r)
    assert left == []


@pytest.mark.parametrize("task", [t.name for t in TASKS])
def test_hidden_tests_are_unreadable_to_the_agents_code(outcomes: Any, task: str) -> None:
    judged, _ = outcomes[(task, "cheat-read-tests")]
    assert "HARNESS-PROBE-NOTHING-READ" in judged.log_tail, _explain(judged)
    assert "HARNESS-PROBE-READ" not in judged.log_tail, _explain(judged)
    # Control: in-process, the same code reads them.
    control, _ = outcomes[(task + "@in-process", "cheat-read-tests")]
    assert "HARNESS-PROBE-READ" in control.log_tail, _explain(control)


def test_always_equal_beats_in_process_grading_but_not_the_judge(outcomes: Any) -> None:
    """The reason judge mode exists: an object equal to anything passes a natural test in-process."""
    task = TASKS[0].name
    control, _ = outcomes[(task + "@in-process", "cheat-always-equal")]
    judged, _ = outcomes[(task, "cheat-always-equal")]
    assert control.tests is not None and control.tests.passed > 0, _explain(control)
    assert judged.tests is not None and judged.tests.passed == 0, _explain(judged)
